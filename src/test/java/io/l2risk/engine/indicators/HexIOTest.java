package io.l2risk.engine.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class HexIOTest {

    @Test
    void shouldPackLowerCaseHashesAndAddressesAndKeepEverythingElseVerbatim() throws IOException {
        String hash = "0x" + "ab".repeat(32);
        String address = "0x" + "0f".repeat(20);
        List<String> values = Arrays.asList(hash, address, "0x" + "AB".repeat(32), "game-7", "0x12", "", null);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            for (String value : values) {
                HexIO.write(out, value);
            }
        }

        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
        for (String value : values) {
            assertThat(HexIO.read(in)).isEqualTo(value);
        }
        assertThat(in.available()).isZero();
        // 33 + 21 + (1 + 2 + 66) + (1 + 2 + 6) + (1 + 2 + 4) + (1 + 2) + 1
        assertThat(bytes.size()).isEqualTo(143);
    }
}
