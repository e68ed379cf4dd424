package io.l2risk.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaClientSettingsTest {

    @TempDir
    Path dir;

    @Test
    void shouldLetEachLayerOverrideTheOnesBefore() throws IOException {
        Path file = write("client.properties", """
                client.id=from-file
                request.timeout.ms=20000
                retries=7
                """);

        KafkaClientSettings settings = KafkaClientSettings.builder()
                .defaults(Map.of("client.id", "from-default", "request.timeout.ms", "10000",
                        "retries", "1", "acks", "all"))
                .propertiesFile(file)
                .environment(Map.of("KAFKA_CLIENT_ID", "from-env", "KAFKA_REQUEST_TIMEOUT_MS", "30000"))
                .flag("--client-id", "client.id", "from-flag")
                .build();

        assertThat(settings.get("acks")).contains("all");
        assertThat(settings.origin("acks")).contains("default");
        assertThat(settings.get("retries")).contains("7");
        assertThat(settings.origin("retries")).contains("file " + file);
        assertThat(settings.get("request.timeout.ms")).contains("30000");
        assertThat(settings.origin("request.timeout.ms")).contains("environment KAFKA_REQUEST_TIMEOUT_MS");
        assertThat(settings.get("client.id")).contains("from-flag");
        assertThat(settings.origin("client.id")).contains("flag --client-id");
        assertThat(settings.toClientProperties()).isEqualTo(Map.of(
                "acks", "all", "retries", "7", "request.timeout.ms", "30000", "client.id", "from-flag"));
    }

    @Test
    void shouldTreatAbsentFlagAndFileAsNotGiven() {
        KafkaClientSettings settings = KafkaClientSettings.builder()
                .defaults(Map.of("client.id", "from-default"))
                .propertiesFile(null)
                .flag("--client-id", "client.id", null)
                .build();

        assertThat(settings.get("client.id")).contains("from-default");
    }

    @Test
    void shouldMapKafkaEnvironmentVariablesToClientKeys() {
        assertThat(KafkaClientSettings.environmentKey("KAFKA_SASL_JAAS_CONFIG")).isEqualTo("sasl.jaas.config");

        KafkaClientSettings settings = KafkaClientSettings.builder()
                .environment(Map.of(
                        "KAFKA_BOOTSTRAP_SERVERS", "broker-1:9092,broker-2:9092",
                        "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                        "KAFKA_PRODUCER_LINGER_MS", "5"))
                .build();

        assertThat(settings.toClientProperties()).isEqualTo(Map.of(
                "bootstrap.servers", "broker-1:9092,broker-2:9092",
                "security.protocol", "SASL_SSL",
                "producer.linger.ms", "5"));
    }

    @Test
    void shouldSkipVariablesThatAreNotClientSettings() {
        KafkaClientSettings settings = KafkaClientSettings.builder()
                .environment(Map.of(
                        "PATH", "/usr/bin",
                        "KAFKA_HEAP_OPTS", "-Xmx1g",
                        "KAFKA_OPTS", "-Dx=y",
                        // What Kubernetes injects for a Service named "kafka".
                        "KAFKA_PORT", "tcp://10.0.0.7:9092",
                        "KAFKA_PORT_9092_TCP_ADDR", "10.0.0.7",
                        "KAFKA_SERVICE_HOST", "10.0.0.7",
                        "KAFKA_CLIENT_ID", ""))
                .build();

        assertThat(settings.toClientProperties()).isEmpty();
    }

    @Test
    void shouldFailOnUnknownKeyInFileNamingKeyFileAndLikelyKey() throws IOException {
        Path file = write("bad.properties", "reqest.timeout.ms=1000\n");

        assertThatThrownBy(() -> KafkaClientSettings.builder().propertiesFile(file))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("unknown Kafka client setting 'reqest.timeout.ms' (from file " + file
                        + "); did you mean 'request.timeout.ms'?");
    }

    @Test
    void shouldFailOnUnknownEnvironmentVariable() {
        assertThatThrownBy(() -> KafkaClientSettings.builder()
                .environment(Map.of("KAFKA_BOOTSTRAP_SERVER", "localhost:9092")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("unknown Kafka client setting 'bootstrap.server' (from environment "
                        + "KAFKA_BOOTSTRAP_SERVER); did you mean 'bootstrap.servers'?");
    }

    @Test
    void shouldFailOnValueKafkaWouldReject() {
        assertThatThrownBy(() -> KafkaClientSettings.builder()
                .flag("--timeout", "request.timeout.ms", "soon"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("invalid value 'soon' for Kafka client setting 'request.timeout.ms' "
                        + "(from flag --timeout): expected int, [0,...]");
    }

    @Test
    void shouldAcceptStreamsKeysPrefixedClientKeysTopicKeysAndAllowedExtras() {
        KafkaClientSettings settings = KafkaClientSettings.builder()
                .allowKeys(List.of("schema.registry.url"))
                .defaults(Map.of(
                        "processing.guarantee", "exactly_once_v2",
                        "producer.acks", "all",
                        "main.consumer.max.poll.records", "500",
                        "admin.retries", "3",
                        "topic.min.insync.replicas", "2",
                        "schema.registry.url", "http://registry:8081"))
                .build();

        assertThat(settings.toClientProperties()).hasSize(6);
    }

    @Test
    void shouldRejectUnknownTopicConfigAfterTopicPrefix() {
        assertThatThrownBy(() -> KafkaClientSettings.builder().defaults(Map.of("topic.retention.days", "3")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("unknown Kafka client setting 'topic.retention.days' (from default)");
    }

    @Test
    void shouldNameMissingFile() {
        Path missing = dir.resolve("nope.properties");

        assertThatThrownBy(() -> KafkaClientSettings.builder().propertiesFile(missing))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Kafka config file " + missing + " does not exist");
    }

    @Test
    void shouldHideEverySecretInToString() throws IOException {
        String jaas = "org.apache.kafka.common.security.plain.PlainLoginModule required "
                + "username=\"svc\" password=\"jaas-pw-1\";";
        Path file = write("secure.properties", """
                security.protocol=SASL_SSL
                ssl.truststore.password=truststore-pw-2
                ssl.key.password=key-pw-3
                basic.auth.user.info=svc:registry-pw-4
                """);

        KafkaClientSettings settings = KafkaClientSettings.builder()
                .allowKeys(List.of("basic.auth.user.info"))
                .propertiesFile(file)
                .environment(Map.of("KAFKA_SASL_JAAS_CONFIG", jaas,
                        "KAFKA_SASL_OAUTHBEARER_CLIENT_CREDENTIALS_CLIENT_SECRET", "client-secret-5"))
                .flag("--bootstrap-servers", "bootstrap.servers", "broker:9093")
                .build();
        String shown = settings.toString();

        assertThat(shown)
                .doesNotContain("jaas-pw-1", "truststore-pw-2", "key-pw-3", "registry-pw-4", "client-secret-5",
                        "PlainLoginModule")
                .contains("sasl.jaas.config=[hidden] (environment KAFKA_SASL_JAAS_CONFIG)")
                .contains("ssl.truststore.password=[hidden] (file " + file + ")")
                .contains("ssl.key.password=[hidden]")
                .contains("basic.auth.user.info=[hidden]")
                .contains("sasl.oauthbearer.client.credentials.client.secret=[hidden]")
                .contains("bootstrap.servers=broker:9093 (flag --bootstrap-servers)")
                .contains("security.protocol=SASL_SSL");
        // The clients themselves still get the real values.
        assertThat(settings.toClientProperties()).containsEntry("sasl.jaas.config", jaas);
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}
