package io.l2risk.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.l2risk.eventfile.AvroJsonLinesWriter;
import io.l2risk.testing.LogCapture;
import io.l2risk.testing.SampleRecords;
import io.l2risk.testing.TestCluster;
import io.l2risk.testing.TestClusterExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets given to {@code run} — SASL JAAS config, keystore and truststore passwords, registry
 * credentials — from the environment and from the Kafka config file never appear in its output, in
 * what its HTTP endpoints answer (metrics, API, health, timeline) or in anything logged in the JVM while it runs, with the Kafka clients logging their full config at
 * INFO and our code at DEBUG.
 */
@ExtendWith(TestClusterExtension.class)
class RunSecretsIT {

    private static final List<String> SECRETS = List.of("jaas-s3cr3t-1", "keystore-s3cr3t-2", "registry-s3cr3t-3",
            "truststore-s3cr3t-4");

    @Test
    void shouldNeverPrintOrLogASecret(TestCluster cluster, @TempDir Path dir) throws Exception {
        String prefix = cluster.uniqueName("secrets") + ".";
        assertThat(Main.commandLine(Map.of()).execute("topics", "--bootstrap-servers", cluster.bootstrapServers(),
                "--prefix", prefix, "--partitions", "1", "--replication-factor", "1")).isZero();
        Path events = dir.resolve("events.jsonl");
        try (AvroJsonLinesWriter<SpecificRecord> writer = AvroJsonLinesWriter.createEvents(events)) {
            for (SpecificRecord record : SampleRecords.ingest()) {
                writer.write(record);
            }
        }
        // PLAINTEXT ignores the SASL and SSL settings, but they are read, validated and logged like real ones.
        Path kafkaConfig = Files.writeString(dir.resolve("kafka.properties"),
                "ssl.truststore.password=truststore-s3cr3t-4\napplication.id=" + cluster.uniqueName("secrets-app") + "\n");
        Map<String, String> env = Map.of(
                "KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.plain.PlainLoginModule required "
                        + "username=\"alice\" password=\"jaas-s3cr3t-1\";",
                "KAFKA_SSL_KEYSTORE_PASSWORD", "keystore-s3cr3t-2",
                "KAFKA_BASIC_AUTH_CREDENTIALS_SOURCE", "USER_INFO",
                "KAFKA_BASIC_AUTH_USER_INFO", "registry-user:registry-s3cr3t-3");
        String logs;
        String output;
        int code;
        StringBuilder http = new StringBuilder();
        try (LogCapture capture = LogCapture.start(Map.of("org.apache.kafka", Level.INFO, "io.l2risk", Level.DEBUG))) {
            InProcessRun run = InProcessRun.start(env, Duration.ofSeconds(90),
                    "--bootstrap-servers", cluster.bootstrapServers(), "--schema-registry-url", cluster.schemaRegistryUrl(),
                    "--kafka-config", kafkaConfig.toString(), "--prefix", prefix, "--partitions", "1",
                    "--data-dir", dir.resolve("data").toString(), "--http-port", "0", "--replay", events.toString());
            // Everything the HTTP side shows, once the engine has processed the replay.
            await().atMost(Duration.ofSeconds(60)).until(() -> run.get("api/rollups").body().contains("arbitrum-one"));
            for (String path : List.of("health/live", "health/ready", "metrics", "api/rollups", "api/rollups/arbitrum-one",
                    "api/alerts?status=open", "api/timeline")) {
                http.append(run.get(path).body());
            }
            code = run.stop();
            output = run.output();
            logs = capture.text();
        }

        assertThat(code).as(output).isZero();
        assertThat(http).contains("l2risk_events_total", "\"rollupId\":\"arbitrum-one\"");
        assertThat(output).contains("Replayed " + events + ": 5 records");
        // The capture saw the places where secrets would leak: Kafka's config dumps and our settings line.
        assertThat(logs).contains("sasl.jaas.config = [hidden]", "ssl.keystore.password = [hidden]",
                "basic.auth.user.info=[hidden] (environment KAFKA_BASIC_AUTH_USER_INFO)",
                "ssl.truststore.password=[hidden] (file " + kafkaConfig + ")");
        for (String secret : SECRETS) {
            assertThat(output).doesNotContain(secret);
            assertThat(http).doesNotContain(secret);
            assertThat(logs).doesNotContain(secret);
        }
    }
}
