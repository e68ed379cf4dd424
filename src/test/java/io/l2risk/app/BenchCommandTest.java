package io.l2risk.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The bench command without its Kafka phases (those run in {@code StreamsBenchIT}): the table, the
 * JSON with stable keys, targets marked, the state figures of each rollup count and history length.
 */
class BenchCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void shouldPrintTheEngineAndStateFiguresAndWriteThemAsJson() throws IOException {
        Path json = dir.resolve("bench.json");

        int exit = run("bench", "--skip-kafka", "--events", "3000", "--rollups", "9", "--engine-passes", "1",
                "--state-rollups", "2,4", "--history-rollups", "1", "--json", json.toString());

        assertThat(exit).isZero();
        JsonNode document = new ObjectMapper().readTree(json.toFile());
        List<String> keys = new ArrayList<>();
        document.get("results").forEach(row -> keys.add(row.get("key").asText()));
        assertThat(keys).containsExactly("generator.recordsPerSecond", "engine.eventsPerSecond", "engine.alerts",
                "state.m2.h1d.bytesPerRollup", "state.m2.h1d.heapPerRollup",
                "state.m4.h1d.bytesPerRollup", "state.m4.h1d.heapPerRollup",
                "state.m1.h1d.bytesPerRollup", "state.m1.h1d.heapPerRollup",
                "state.m1.h7d.bytesPerRollup", "state.m1.h7d.heapPerRollup",
                "state.m1.h30d.bytesPerRollup", "state.m1.h30d.heapPerRollup",
                "state.m1.h60d.bytesPerRollup", "state.m1.h60d.heapPerRollup",
                "state.maxBytes");
        JsonNode engine = row(document, "engine.eventsPerSecond");
        assertThat(engine.get("value").asDouble()).isPositive();
        assertThat(engine.get("target").asText()).isEqualTo("≥ 500,000");
        JsonNode state = row(document, "state.maxBytes");
        assertThat(state.get("value").asLong()).isBetween(1L, 64L * 1024);
        assertThat(state.get("met").asBoolean()).isTrue();
        assertThat(row(document, "state.m1.h60d.bytesPerRollup").get("value").asLong())
                .isGreaterThan(row(document, "state.m1.h1d.bytesPerRollup").get("value").asLong());
        assertThat(document.get("settings").get("rollups").asInt()).isEqualTo(9);
        assertThat(out.toString())
                .contains("l2-risk-monitor bench")
                .contains("backtest engine alone (1 thread)")
                .contains("state 1 rollups, 60 days: bytes per rollup")
                .containsPattern("largest state of any rollup +[0-9,]+ bytes +≤ 65536  met")
                .contains("written to " + json);
    }

    @Test
    void shouldRefuseOptionsOutOfRangeWithExitTwo() {
        assertThat(run("bench", "--skip-kafka", "--events", "10")).isEqualTo(BenchCommand.ERROR);
        assertThat(err.toString()).contains("bench: --events must be at least 1000");
    }

    private static JsonNode row(JsonNode document, String key) {
        for (JsonNode row : document.get("results")) {
            if (row.get("key").asText().equals(key)) {
                return row;
            }
        }
        throw new AssertionError("no row " + key);
    }

    private int run(String... args) {
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }
}
