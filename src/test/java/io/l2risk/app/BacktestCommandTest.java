package io.l2risk.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.l2risk.avro.AlertStatus;
import io.l2risk.avro.RiskAlert;
import io.l2risk.avro.Severity;
import io.l2risk.eventfile.AvroJsonLinesReader;
import io.l2risk.eventfile.AvroJsonLinesWriter;
import io.l2risk.eventfile.BadLineListener;
import io.l2risk.testing.MultiRollupEvents;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BacktestCommandTest {

    private static final String MYSTERY_PROGRESS = "{\"io.l2risk.avro.IngestProgress\":{\"rollupId\":\"mystery-chain\","
            + "\"l1ChainId\":1,\"scannedThroughBlock\":20134517,\"scannedThroughTime\":1718884871000,"
            + "\"l1HeadBlock\":20134519,\"ingesterId\":\"i\"}}";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void shouldWriteTheAlertTransitionsInOrderAndPrintASummary() throws IOException {
        Path events = eventFile();
        Files.writeString(events, "{not json\n", StandardOpenOption.APPEND);
        Path alerts = dir.resolve("alerts.jsonl");

        int exit = run("backtest", "--events", events.toString(), "--out", alerts.toString());

        assertThat(exit).isZero();
        // The presets set no batch bound for these rollups: base's 33-minute halt passes the 30-minute default only.
        assertThat(read(alerts)).extracting(RiskAlert::getRollupId, RiskAlert::getIndicator, RiskAlert::getStatus,
                        RiskAlert::getSeverity, a -> a.getEventTime().toString())
                .containsExactly(
                        tuple("zksync-era", "MONITOR_STALE", AlertStatus.FIRING, Severity.WARNING, "2024-06-20T12:40:11Z"),
                        tuple("zksync-era", "MONITOR_STALE", AlertStatus.RESOLVED, Severity.WARNING, "2024-06-20T12:53:11Z"),
                        tuple("base", "BATCH_LIVENESS", AlertStatus.FIRING, Severity.WARNING, "2024-06-20T13:01:11Z"),
                        tuple("base", "BATCH_LIVENESS", AlertStatus.RESOLVED, Severity.WARNING, "2024-06-20T13:03:31Z"));
        int records = MultiRollupEvents.events().size();
        assertThat(out.toString())
                .contains("  rollup registry   bundled presets: 9 rollups (others GENERIC)\n")
                .contains("  lines read        " + String.format("%,d", records + 1) + "\n")
                .contains("  events read       " + String.format("%,d", records) + " (3 rollups)\n")
                .contains("  bad lines         1 (skipped)\n")
                .contains("  rejected records  2\n    INVALID_AMOUNT       2\n")
                .contains("  out-of-order      1 (processed; the rollup's clock does not go back)\n")
                .contains("  alerts            4 (2 FIRING, 0 ESCALATED, 2 RESOLVED)\n")
                .contains("    BATCH_LIVENESS       INFO 0  WARNING 2  CRITICAL 0\n")
                .contains("    MONITOR_STALE        INFO 0  WARNING 2  CRITICAL 0\n");
        assertThat(err.toString()).isEqualTo(events + ":" + (records + 1) + ": not valid JSON: "
                + "Unexpected character ('n' (code 110)): was expecting double-quote to start field name (skipped)\n");
    }

    @Test
    void shouldWriteEvidenceInKeyOrderSoThatRunsGiveByteIdenticalFiles() throws IOException {
        Path alerts = dir.resolve("alerts.jsonl");

        run("backtest", "--events", eventFile().toString(), "--out", alerts.toString());

        for (String line : Files.readAllLines(alerts)) {
            List<String> keys = new ArrayList<>();
            new ObjectMapper().readTree(line).get("evidence").fieldNames().forEachRemaining(keys::add);
            assertThat(keys).as(line).isNotEmpty().isSorted();
        }
    }

    @Test
    void shouldRejectTheRecordsOfRollupsMissingFromTheRegistryWithStrictRollups() throws IOException {
        Path events = eventFile();
        Files.writeString(events, MYSTERY_PROGRESS + "\n" + MYSTERY_PROGRESS.replace("1718884871000", "1718884931000")
                + "\n", StandardOpenOption.APPEND);
        Path alerts = dir.resolve("alerts.jsonl");

        int exit = run("backtest", "--events", events.toString(), "--out", alerts.toString(), "--strict-rollups");

        assertThat(exit).isZero();
        assertThat(read(alerts)).hasSize(4);
        assertThat(out.toString())
                .contains("  rollup registry   bundled presets: 9 rollups (strict: others rejected)\n")
                .contains("  rejected records  4\n    INVALID_AMOUNT       2\n    UNKNOWN_ROLLUP       2\n");
    }

    @Test
    void shouldApplyTheThresholdOverridesOfARollupsFileLaidOverThePresets() throws IOException {
        Path rollups = Files.writeString(dir.resolve("rollups.yaml"), """
                rollups:
                  - id: base
                    thresholds:
                      BATCH_LIVENESS: { warnAfter: 10m, criticalAfter: 20m }
                """);
        Path alerts = dir.resolve("alerts.jsonl");

        int exit = run("backtest", "--events", eventFile().toString(), "--out", alerts.toString(),
                "--rollups", rollups.toString());

        assertThat(exit).isZero();
        assertThat(read(alerts)).filteredOn(a -> a.getRollupId().equals("base"))
                .extracting(RiskAlert::getStatus, RiskAlert::getSeverity, a -> a.getEventTime().toString())
                .containsExactly(
                        tuple(AlertStatus.FIRING, Severity.WARNING, "2024-06-20T12:41:11Z"),
                        tuple(AlertStatus.ESCALATED, Severity.CRITICAL, "2024-06-20T12:51:11Z"),
                        tuple(AlertStatus.RESOLVED, Severity.CRITICAL, "2024-06-20T13:03:31Z"));
        assertThat(out.toString()).contains("  rollup registry   bundled presets + " + rollups + ": 9 rollups (others GENERIC)\n");
    }

    @Test
    void shouldFailWithExitTwoAndTheLineOfAnInvalidRollupsFile() throws IOException {
        Path rollups = Files.writeString(dir.resolve("rollups.yaml"), """
                rollups:
                  - id: base
                    thresholds:
                      BATCH_LIVENESS: { warnAfter: soon }
                """);

        int exit = run("backtest", "--events", eventFile().toString(), "--out", dir.resolve("a.jsonl").toString(),
                "--rollups", rollups.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("backtest: rollup base, thresholds.BATCH_LIVENESS.warnAfter: \"soon\" is not "
                + "a duration such as 30m, 12h, 7d: 'soon' is not a duration; use e.g. 500ms, 45s, 10m, 12h, 30d or "
                + "ISO-8601 like PT1H\n");
    }

    @Test
    void shouldFailWithExitTwoWhenTheEventFileCannotBeRead() {
        int exit = run("backtest", "--events", dir.resolve("missing.jsonl").toString(), "--out",
                dir.resolve("a.jsonl").toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("backtest: cannot read " + dir.resolve("missing.jsonl") + "\n");
    }

    private Path eventFile() throws IOException {
        Path events = dir.resolve("events.jsonl");
        try (AvroJsonLinesWriter<SpecificRecord> writer = AvroJsonLinesWriter.createEvents(events)) {
            for (SpecificRecord event : MultiRollupEvents.events()) {
                writer.write(event);
            }
        }
        return events;
    }

    private static List<RiskAlert> read(Path alerts) throws IOException {
        List<RiskAlert> read = new ArrayList<>();
        try (AvroJsonLinesReader<RiskAlert> reader = AvroJsonLinesReader.openAlerts(alerts, BadLineListener.failOnInvalid())) {
            RiskAlert alert;
            while ((alert = reader.next()) != null) {
                read.add(alert);
            }
        }
        return read;
    }

    private int run(String... args) {
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }
}
