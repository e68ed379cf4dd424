package io.l2risk.engine.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FingerprintWindowTest {

    private static final Instant T = Instant.parse("2024-06-20T00:00:00Z");

    @Test
    void shouldForgetWhatIsOlderThanTheSpan() {
        FingerprintWindow window = new FingerprintWindow(Duration.ofDays(16), 100);
        window.add("0xAB", T, T);
        assertThat(window.contains("0xab")).isTrue();
        window.expire(T.plus(Duration.ofDays(16)).minusSeconds(1));
        assertThat(window.contains("0xab")).isTrue();
        window.expire(T.plus(Duration.ofDays(17)));
        assertThat(window.contains("0xab")).isFalse();
        assertThat(window.size()).isZero();
        assertThat(window.forgottenBefore()).isEqualTo(T.plus(Duration.ofDays(1)));
        // Already outside the window when it arrives: not remembered.
        window.add("0xcd", T, T.plus(Duration.ofDays(17)));
        assertThat(window.contains("0xcd")).isFalse();
    }

    @Test
    void shouldDropTheOldestFirstWhenFullAndRoundTrip() throws IOException {
        FingerprintWindow window = new FingerprintWindow(Duration.ofDays(16), 3);
        for (int i = 0; i < 5; i++) {
            window.add("id" + i, T.plus(Duration.ofHours(12L * i)), T.plus(Duration.ofHours(12L * i)));
        }
        assertThat(window.size()).isEqualTo(3);
        assertThat(window.contains("id0")).isFalse();
        assertThat(window.contains("id1")).isFalse();
        assertThat(window.contains("id4")).isTrue();
        assertThat(window.forgottenBefore()).isEqualTo(T.plus(Duration.ofDays(1)));

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        window.write(new DataOutputStream(bytes));
        FingerprintWindow copy = new FingerprintWindow(Duration.ofDays(16), 3);
        copy.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        copy.write(new DataOutputStream(again));
        assertThat(again.toByteArray()).isEqualTo(bytes.toByteArray());
        assertThat(copy.contains("id3")).isTrue();
    }
}
