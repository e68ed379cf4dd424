package io.l2risk.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.l2risk.serde.FakeRegistryServer.Reply;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Registry passwords must never reach exception messages, toString() or logs. */
class CredentialRedactionTest {

    private static final String URL_PASSWORD = "urlPa55word";
    private static final String USER_INFO_PASSWORD = "userInfoPa55word";
    private static final String STORE_PASSWORD = "storePa55word";

    private final StringWriter logs = new StringWriter();
    private WriterAppender appender;

    @BeforeEach
    void captureSerdeLogs() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration configuration = context.getConfiguration();
        appender = WriterAppender.newBuilder().setName("redaction-capture").setTarget(logs)
                .setLayout(PatternLayout.newBuilder().withPattern("%level %m%n").build()).build();
        appender.start();
        LoggerConfig serde = new LoggerConfig("io.l2risk.serde", Level.DEBUG, false);
        serde.addAppender(appender, Level.DEBUG, null);
        configuration.addLogger("io.l2risk.serde", serde);
        context.updateLoggers();
    }

    @AfterEach
    void stopCapturing() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().removeLogger("io.l2risk.serde");
        context.updateLoggers();
        appender.stop();
    }

    @Test
    void shouldNeverShowAPasswordFromTheUrlInMessagesToStringOrLogs() {
        String url = "http://svc-user:" + URL_PASSWORD + "@127.0.0.1:" + FakeRegistryServer.closedPort();
        RestSchemaRegistryClient client = new RestSchemaRegistryClient(
                new SchemaRegistryConfig(Map.of(SchemaRegistryConfig.URL, url)), millis -> { });

        Throwable unreachable = catchThrowable(() -> client.getById(1));

        assertThat(unreachable).isInstanceOf(SchemaRegistryException.class).hasMessageContaining("unreachable");
        assertNoSecret(unreachable.getMessage(), client.toString(), client.config().toString(), logs.toString());
        assertThat(logs.toString()).contains("WARN schema registry GET http://127.0.0.1:");
    }

    @Test
    void shouldNeverShowAPasswordFromUserInfoInMessagesToStringOrLogs() {
        try (FakeRegistryServer server = FakeRegistryServer.start(
                r -> new Reply(401, "{\"error_code\":40101,\"message\":\"Unauthorized\"}"))) {
            Map<String, Object> configs = new HashMap<>();
            configs.put(SchemaRegistryConfig.URL, server.url());
            configs.put(SchemaRegistryConfig.USER_INFO, "svc-user:" + USER_INFO_PASSWORD);
            configs.put(SchemaRegistryConfig.SSL_TRUSTSTORE_PASSWORD, STORE_PASSWORD);
            SchemaRegistryConfig config = new SchemaRegistryConfig(configs);
            RestSchemaRegistryClient client = new RestSchemaRegistryClient(config);

            Throwable rejected = catchThrowable(() -> client.register("t-value", TestSchemas.V1));

            assertThat(rejected).isInstanceOf(SchemaRegistryException.class).hasMessageContaining("HTTP 401");
            assertThat(config.toString()).contains("userInfo=svc-user:***");
            assertNoSecret(rejected.getMessage(), config.toString(), client.toString(), logs.toString());
        }
    }

    @Test
    void shouldNeverShowAPasswordInConfigErrors() {
        Throwable badScheme = catchThrowable(() -> new SchemaRegistryConfig(
                Map.of(SchemaRegistryConfig.URL, "ftp://u:" + URL_PASSWORD + "@host:21")));
        Throwable notAUrl = catchThrowable(() -> new SchemaRegistryConfig(
                Map.of(SchemaRegistryConfig.URL, "http://u:" + URL_PASSWORD + "@bad host:1")));
        Throwable noColon = catchThrowable(() -> new SchemaRegistryConfig(Map.of(SchemaRegistryConfig.URL,
                "http://localhost:8081", SchemaRegistryConfig.USER_INFO, USER_INFO_PASSWORD)));

        assertThat(badScheme).isInstanceOf(ConfigException.class).hasMessageContaining("ftp://host:21");
        assertThat(notAUrl).isInstanceOf(ConfigException.class).hasMessageContaining("http://***@bad host:1");
        assertThat(noColon).isInstanceOf(ConfigException.class).hasMessageContaining("expected user:password");
        assertNoSecret(badScheme.getMessage(), notAUrl.getMessage(), noColon.getMessage());
    }

    @Test
    void shouldRedactUrlsAndUserInfo() {
        assertThat(Redaction.url("https://user:pw@registry.example:8081/apis/ccompat/v7"))
                .isEqualTo("https://registry.example:8081/apis/ccompat/v7");
        assertThat(Redaction.url("http://registry:8081")).isEqualTo("http://registry:8081");
        assertThat(Redaction.text("failed at http://a:b@h:1/x and https://c@d")).isEqualTo(
                "failed at http://***@h:1/x and https://***@d");
        assertThat(Redaction.userInfo("key:secret")).isEqualTo("key:***");
        assertThat(Redaction.userInfo("token")).isEqualTo("***");
    }

    private static void assertNoSecret(String... texts) {
        for (String text : texts) {
            assertThat(text).doesNotContain(URL_PASSWORD).doesNotContain(USER_INFO_PASSWORD)
                    .doesNotContain(STORE_PASSWORD);
        }
    }
}
