package io.l2risk.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.l2risk.avro.BatchPosted;
import io.l2risk.avro.BridgeEvent;
import io.l2risk.avro.BridgeEventKind;
import io.l2risk.eventfile.AvroJsonLinesReader;
import io.l2risk.eventfile.BadLineListener;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SimulateCommandTest {

    private static final String START = "2026-03-01T12:00:00Z";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void shouldWriteTheSameEventFileForTheSameSeedAndStart() throws IOException {
        Path first = dir.resolve("first.jsonl");
        Path second = dir.resolve("second.jsonl");

        int exit1 = run("simulate", "--out", first.toString(), "--start", START, "--history", "4h", "--seed", "7");
        int exit2 = run("simulate", "--out", second.toString(), "--start", START, "--history", "4h", "--seed", "7");

        assertThat(exit1).isZero();
        assertThat(exit2).isZero();
        assertThat(Files.readAllBytes(second)).isEqualTo(Files.readAllBytes(first));
        assertThat(out.toString())
                .contains("Simulated 9 rollups, seed 7 -> " + first)
                .contains("  history   2026-03-01T06:00:00Z to 2026-03-01T10:00:00Z (4h)\n")
                .contains("  window    2026-03-01T10:00:00Z to 2026-03-01T12:00:00Z (2h), 8 incidents\n")
                .contains("    +25m     2026-03-01T10:25:00Z  proxy upgrade on arbitrum-one\n")
                .contains("  same file again: --seed 7 --start 2026-03-01T12:00:00Z --history 4h --window 2h\n");
    }

    @Test
    void shouldWriteAValidEventFileInL1TimeOrder() throws IOException {
        Path events = dir.resolve("events.jsonl");

        int exit = run("simulate", "--out", events.toString(), "--start", START, "--history", "3h", "--after", "30m");

        assertThat(exit).isZero();
        List<SpecificRecord> records = new ArrayList<>();
        try (AvroJsonLinesReader<SpecificRecord> reader = AvroJsonLinesReader.openEvents(events, BadLineListener.failOnInvalid())) {
            SpecificRecord record;
            while ((record = reader.next()) != null) {
                records.add(record);
            }
            assertThat(reader.invalidLines()).isZero();
            assertThat(reader.outOfOrderLines()).isZero();
        }
        assertThat(records).hasSize((int) Files.lines(events).count());
        assertThat(records).filteredOn(BatchPosted.class::isInstance).isNotEmpty();
        assertThat(records).filteredOn(r -> r instanceof BridgeEvent b && b.getKind() == BridgeEventKind.CONTRACT_UPGRADED)
                .hasSize(1);
        assertThat(out.toString()).contains("  after     2026-03-01T12:00:00Z to 2026-03-01T12:30:00Z (30m)\n");
    }

    @Test
    void shouldWriteNormalTrafficOnlyWithoutIncidents() throws IOException {
        Path events = dir.resolve("quiet.jsonl");

        int exit = run("simulate", "--out", events.toString(), "--start", START, "--history", "1h", "--no-incidents");

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("2h), 0 incidents\n");
        assertThat(Files.readString(events)).doesNotContain("CONTRACT_UPGRADED").doesNotContain("STATE_REVERTED");
    }

    @Test
    void shouldFailWithExitCode2OnAnInvalidOption() {
        int exit = run("simulate", "--out", dir.resolve("x.jsonl").toString(), "--after", "-5m");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("'-5m' is not a duration");
    }

    private int run(String... args) {
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }
}
