package io.l2risk.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/** The {@code topics} command's failures that need no broker: all exit {@value TopicsCommand#ERROR}. */
class TopicsCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void shouldExitTwoWhenNoClusterIsGiven() {
        int exit = run(Map.of());

        assertThat(exit).isEqualTo(2);
        assertThat(err).hasToString("topics: no Kafka cluster given: pass --bootstrap-servers, set "
                + "KAFKA_BOOTSTRAP_SERVERS, or put bootstrap.servers in --kafka-config" + System.lineSeparator());
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void shouldExitTwoOnMalformedOption() {
        int exit = run(Map.of(), "--bootstrap-servers", "localhost:9092", "--partitions", "six");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid value for option '--partitions': 'six' is not an int");
    }

    @Test
    void shouldExitTwoOnBadDuration() {
        int exit = run(Map.of(), "--bootstrap-servers", "localhost:9092", "--retention-alerts", "a quarter");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("'a quarter' is not a duration");
    }

    @Test
    void shouldExitTwoOnInvalidSettingBeforeConnecting() {
        int exit = run(Map.of(), "--bootstrap-servers", "localhost:9092", "--partitions", "0");

        assertThat(exit).isEqualTo(2);
        assertThat(err).hasToString("topics: partitions must be at least 1, not 0" + System.lineSeparator());
    }

    @Test
    void shouldExitTwoWhenCheckIsCombinedWithAlterConfigs() {
        int exit = run(Map.of(), "--bootstrap-servers", "localhost:9092", "--check", "--alter-configs");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--check and --alter-configs cannot be combined");
    }

    @Test
    void shouldExitTwoOnUnknownKafkaSettingWithoutShowingSecrets() throws IOException {
        Path config = Files.writeString(dir.resolve("client.properties"),
                "sasl.jaas.config=secret-jaas-value\nbootstrap.server=localhost:9092\n");

        int exit = run(Map.of(), "--kafka-config", config.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err).hasToString("topics: unknown Kafka client setting 'bootstrap.server' (from file " + config
                + "); did you mean 'bootstrap.servers'?" + System.lineSeparator());
    }

    @Test
    void shouldExitTwoWhenClusterIsUnreachable() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort(); // closed again: nothing listens there
        }

        int exit = run(Map.of("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + port), "--check", "--timeout", "1s");

        assertThat(exit).isEqualTo(2);
        assertThat(err).hasToString("topics: timed out after 1s trying to describe the cluster; "
                + "is the cluster reachable?" + System.lineSeparator());
    }

    private int run(Map<String, String> env, String... args) {
        return new CommandLine(new TopicsCommand(env))
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
    }
}
