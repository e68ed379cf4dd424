package io.l2risk.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.l2risk.eventfile.AvroJsonLinesWriter;
import io.l2risk.testing.SampleRecords;
import io.l2risk.testing.TestCluster;
import io.l2risk.testing.TestClusterExtension;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code run} joining a real cluster: what it refuses at start, and that it exits when its engine gives up. */
@ExtendWith(TestClusterExtension.class)
class RunJoinIT {

    @Test
    void shouldRefuseToStartWhenTheTopicsAreMissing(TestCluster cluster, @TempDir Path dir) {
        String prefix = cluster.uniqueName("missing") + ".";
        StringWriter out = new StringWriter();

        int code = cli(out).execute("run", "--bootstrap-servers", cluster.bootstrapServers(),
                "--schema-registry-url", cluster.schemaRegistryUrl(), "--prefix", prefix,
                "--data-dir", dir.toString(), "--http-port", "0");

        assertThat(code).isEqualTo(2);
        assertThat(out.toString()).contains("topic(s) missing on " + cluster.bootstrapServers() + ": " + prefix
                + "ingest.batches, " + prefix + "ingest.proofs", "create them first with: java -jar l2-risk-monitor.jar "
                + "topics --bootstrap-servers ... --prefix " + prefix);
    }

    @Test
    void shouldExitNonZeroWhenTheEngineGivesUp(TestCluster cluster, @TempDir Path dir) throws Exception {
        String prefix = cluster.uniqueName("fails") + ".";
        assertThat(cli(new StringWriter()).execute("topics", "--bootstrap-servers", cluster.bootstrapServers(),
                "--prefix", prefix, "--partitions", "1", "--replication-factor", "1")).isZero();
        Path events = dir.resolve("events.jsonl");
        try (AvroJsonLinesWriter<SpecificRecord> writer = AvroJsonLinesWriter.createEvents(events)) {
            for (SpecificRecord record : SampleRecords.ingest()) {
                writer.write(record);
            }
        }
        // Records written with the real registry...
        assertThat(cli(new StringWriter()).execute("run", "--bootstrap-servers", cluster.bootstrapServers(),
                "--schema-registry-url", cluster.schemaRegistryUrl(), "--prefix", prefix, "--http-port", "0",
                "--data-dir", dir.resolve("writer").toString(), "--replay", events.toString(), "--exit-after-start",
                "--kafka-config", kafkaConfig(dir, cluster.uniqueName("writer-app")).toString())).isZero();
        // ...read by an engine whose registry refuses its credentials: a permanent error, not bad data.
        HttpServer registry = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        registry.createContext("/", exchange -> {
            byte[] body = "{\"error_code\":40101,\"message\":\"Unauthorized\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(401, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        registry.start();
        try {
            StringWriter out = new StringWriter();
            CommandLine cli = cli(out);
            Path readerConfig = kafkaConfig(dir, cluster.uniqueName("reader-app"));
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cli.execute("run",
                    "--bootstrap-servers", cluster.bootstrapServers(),
                    "--schema-registry-url", "http://127.0.0.1:" + registry.getAddress().getPort(),
                    "--prefix", prefix, "--http-port", "0", "--data-dir", dir.resolve("reader").toString(),
                    "--kafka-config", readerConfig.toString()));

            assertThat(exit.get(120, TimeUnit.SECONDS)).as(out.toString()).isEqualTo(RunCommand.ENGINE_FAILED);
            assertThat(out.toString()).contains("run: the risk engine stopped after an unrecoverable error");
        } finally {
            registry.stop(0);
        }
    }

    private static Path kafkaConfig(Path dir, String applicationId) throws IOException {
        return Files.writeString(dir.resolve(applicationId + ".properties"),
                "application.id=" + applicationId + "\n");
    }

    private static CommandLine cli(StringWriter out) {
        CommandLine cli = Main.commandLine(Map.of());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        return cli;
    }
}
