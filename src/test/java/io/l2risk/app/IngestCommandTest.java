package io.l2risk.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What {@code ingest} refuses before it reads anything, and how it fails on a node it cannot reach. */
class IngestCommandTest {

    @TempDir
    Path dir;

    @Test
    void shouldAskForASinkWhenNeitherKafkaNorAnEventFileIsGiven() {
        Result result = execute(Map.of(), "ingest", "--rpc-url", "http://127.0.0.1:8545");

        assertThat(result.code()).isEqualTo(2);
        assertThat(result.output()).contains("ingest writes to Kafka (--bootstrap-servers and --schema-registry-url) "
                + "or to an event file (--out FILE); give one of them");
    }

    @Test
    void shouldRefuseKafkaWithoutTheSchemaRegistry() {
        Result result = execute(Map.of(), "ingest", "--rpc-url", "http://127.0.0.1:8545", "--bootstrap-servers",
                "broker:9092");

        assertThat(result.code()).isEqualTo(2);
        assertThat(result.output()).contains("writing to Kafka needs the schema registry too");
    }

    @Test
    void shouldRefuseABlockRangeThatEndsBeforeItStartsAndANonHttpUrlWithoutPrintingItsKey() {
        Result range = execute(Map.of(), "ingest", "--rpc-url", "http://127.0.0.1:8545", "--out",
                dir.resolve("e.jsonl").toString(), "--from-block", "10", "--to-block", "9");
        Result scheme = execute(Map.of("L2RISK_RPC_URL", "wss://mainnet.example/v3/SECRETKEY42"), "ingest",
                "--out", dir.resolve("e.jsonl").toString());

        assertThat(range.code()).isEqualTo(2);
        assertThat(range.output()).contains("--from-block 10 is after --to-block 9");
        assertThat(scheme.code()).isEqualTo(2);
        assertThat(scheme.output()).contains("--rpc-url must be an http:// or https:// JSON-RPC endpoint")
                .doesNotContain("SECRETKEY42");
    }

    @Test
    void shouldExitOneNamingTheRedactedEndpointWhenTheNodeCannotBeReached() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        Result result = execute(Map.of(), "ingest", "--rpc-url", "http://127.0.0.1:" + closed + "/v3/SECRETKEY42",
                "--out", dir.resolve("e.jsonl").toString(), "--rpc-timeout", "2s");

        assertThat(result.code()).isEqualTo(IngestCommand.INGEST_FAILED);
        assertThat(result.output()).contains("cannot reach the L1 node at http://127.0.0.1:" + closed)
                .doesNotContain("SECRETKEY42");
    }

    private record Result(int code, String output) {
    }

    private static Result execute(Map<String, String> environment, String... args) {
        CommandLine cli = Main.commandLine(environment);
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        int code = cli.execute(args);
        return new Result(code, out.toString());
    }
}
