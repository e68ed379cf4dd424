package io.l2risk.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code run}'s settings without a cluster: the layering of style.md (defaults &lt; config file &lt;
 * environment &lt; flags) and the start-up checks that fail before anything starts (exit 2).
 */
class RunCommandTest {

    @Test
    void shouldLayerDefaultsConfigFileEnvironmentAndFlagsInThatOrder(@TempDir Path dir) throws IOException {
        Path config = Files.writeString(dir.resolve("l2risk.properties"),
                "data-dir=/from/file\nprefix=file.\npartitions=3\nstrict-rollups=true\n");
        Map<String, String> env = Map.of("L2RISK_CONFIG", config.toString(), "L2RISK_PREFIX", "env.",
                "L2RISK_PARTITIONS", "4");

        RunCommand run = parse(env, "run", "--partitions", "5");

        assertThat(run.config).isEqualTo(config);
        assertThat(run.dataDir).isEqualTo(Path.of("/from/file"));   // file beats the default
        assertThat(run.prefix).isEqualTo("env.");                   // environment beats the file
        assertThat(run.partitions).isEqualTo(5);                    // the flag beats the environment
        assertThat(run.strictRollups).isTrue();                     // booleans too
        assertThat(run.kafkaPort).isZero();                         // untouched default
    }

    @Test
    void shouldPreferTheConfigFlagOverTheConfigVariable(@TempDir Path dir) throws IOException {
        Path fromEnv = Files.writeString(dir.resolve("env.properties"), "prefix=env-file.\n");
        Path fromFlag = Files.writeString(dir.resolve("flag.properties"), "prefix=flag-file.\n");

        RunCommand run = parse(Map.of("L2RISK_CONFIG", fromEnv.toString()), "run", "--config", fromFlag.toString());

        assertThat(run.prefix).isEqualTo("flag-file.");
    }

    @Test
    void shouldRejectAnUnknownConfigFileKeyWithASuggestion(@TempDir Path dir) throws IOException {
        Path config = Files.writeString(dir.resolve("bad.properties"), "partitons=3\n");

        Result result = execute(Map.of(), "run", "--config", config.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("unknown setting 'partitons' in config file " + config
                + " (not an option of 'l2-risk-monitor run'); did you mean partitions?");
    }

    @Test
    void shouldRejectAnUnknownL2riskVariable() {
        Result result = execute(Map.of("L2RISK_PARTITONS", "3"), "run");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("unknown environment variable L2RISK_PARTITONS; did you mean L2RISK_PARTITIONS?");
    }

    @Test
    void shouldNameTheEnvironmentVariableOfAnInvalidValue() {
        Result result = execute(Map.of("L2RISK_PARTITIONS", "many"), "run");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("'many' is not an int").contains("(from environment variable L2RISK_PARTITIONS)");
    }

    @Test
    void shouldFailClearlyWhenTheConfigFileIsMissing(@TempDir Path dir) {
        Path missing = dir.resolve("nope.properties");

        Result result = execute(Map.of(), "run", "--config", missing.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("config file " + missing + " does not exist");
    }

    @Test
    void shouldTakeTheSnapshotIntervalInOperatorUnitsAndRejectOneOverADay() {
        assertThat(parse(Map.of(), "run").snapshotInterval).isEqualTo(Duration.ofMinutes(5));
        assertThat(parse(Map.of("L2RISK_SNAPSHOT_INTERVAL", "30s"), "run").snapshotInterval).isEqualTo(Duration.ofSeconds(30));

        Result result = execute(Map.of(), "run", "--snapshot-interval", "2d");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--snapshot-interval: the snapshot interval must be between 0 and 1 day, not PT48H");
    }

    @Test
    void shouldRequireTheSchemaRegistryWhenJoiningACluster() {
        Result result = execute(Map.of("KAFKA_BOOTSTRAP_SERVERS", "kafka-1:9092"), "run");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("joining the Kafka cluster at kafka-1:9092 needs its schema registry: "
                + "pass --schema-registry-url");
    }

    @Test
    void shouldRejectARegistryUrlWithoutACluster() {
        Result result = execute(Map.of(), "run", "--schema-registry-url", "http://registry:8081");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("a schema registry URL (from flag --schema-registry-url) needs a Kafka cluster too");
    }

    @Test
    void shouldRejectEmbeddedPortsWhenJoiningACluster() {
        Result result = execute(Map.of(), "run", "--bootstrap-servers", "kafka-1:9092",
                "--schema-registry-url", "http://registry:8081", "--kafka-port", "9092");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--kafka-port and --registry-port apply to the embedded default only");
    }

    @Test
    void shouldNameTheOriginOfAnUnknownKafkaSettingWithoutShowingASecret() {
        Result result = execute(Map.of("KAFKA_SASL_JAAS_CONFG", "org.apache.kafka.common.security.plain.PlainLoginModule "
                + "required username=\"u\" password=\"hunter2-secret\";"), "run");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("unknown Kafka client setting 'sasl.jaas.confg' (from environment "
                + "KAFKA_SASL_JAAS_CONFG); did you mean 'sasl.jaas.config'?");
        assertThat(result.err() + result.out()).doesNotContain("hunter2-secret");
    }

    private static RunCommand parse(Map<String, String> env, String... args) {
        CommandLine cli = Main.commandLine(env);
        CommandLine.ParseResult parsed = cli.parseArgs(args);
        return (RunCommand) parsed.subcommand().commandSpec().userObject();
    }

    private static Result execute(Map<String, String> env, String... args) {
        CommandLine cli = Main.commandLine(env);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    private record Result(int exitCode, String out, String err) {
    }
}
