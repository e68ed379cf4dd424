package io.l2risk.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ValidateEventsCommandTest {

    private static final String PROGRESS = "{\"io.l2risk.avro.IngestProgress\":{\"rollupId\":\"base\",\"l1ChainId\":1,"
            + "\"scannedThroughBlock\":1,\"scannedThroughTime\":%d,\"l1HeadBlock\":1,\"ingesterId\":\"i\"}}";

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void shouldListEveryCommandInHelp() {
        int exit = run("--help");

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("validate-events", "topics", "run", "backtest", "print-topology", "help");
    }

    @Test
    void shouldExitZeroAndCountRecordsForAValidFile(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("ok.jsonl"), PROGRESS.formatted(1000) + "\n" + PROGRESS.formatted(2000) + "\n");

        int exit = run("validate-events", file.toString());

        assertThat(exit).isZero();
        assertThat(out.toString()).contains(file + ": 2 lines, 2 records, 0 invalid, 0 out of order")
                .containsPattern("IngestProgress +2");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void shouldExitOneAndNameTheBadLine(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("bad.jsonl"), PROGRESS.formatted(1000) + "\n{oops\n");

        int exit = run("validate-events", file.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).startsWith(file + ":2: not valid JSON");
        assertThat(out.toString()).contains("2 lines, 1 records, 1 invalid");
    }

    @Test
    void shouldFailOnOutOfOrderLinesOnlyWhenStrict(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("order.jsonl"), PROGRESS.formatted(2000) + "\n" + PROGRESS.formatted(1000) + "\n");

        assertThat(run("validate-events", file.toString())).isZero();
        assertThat(run("validate-events", "--strict-order", file.toString())).isEqualTo(1);
        assertThat(err.toString()).contains(file + ":2: L1 time").contains("(out of order)");
    }

    @Test
    void shouldExitTwoForAMissingFile(@TempDir Path dir) {
        assertThat(run("validate-events", dir.resolve("missing.jsonl").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("missing.jsonl: cannot read the file");
    }

    private int run(String... args) {
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }
}
