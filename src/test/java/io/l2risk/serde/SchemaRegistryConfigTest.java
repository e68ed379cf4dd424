package io.l2risk.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class SchemaRegistryConfigTest {

    @Test
    void shouldApplyTheDocumentedDefaults() {
        SchemaRegistryConfig config = new SchemaRegistryConfig(Map.of(SchemaRegistryConfig.URL, "http://r:8081/"));

        assertThat(config.endpoints()).extracting(Object::toString).containsExactly("http://r:8081");
        assertThat(config.credentialsSource()).isEqualTo(SchemaRegistryConfig.CredentialsSource.NONE);
        assertThat(config.cacheCapacity()).isEqualTo(1000);
        assertThat(config.maxRetries()).isEqualTo(3);
        assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.backoff()).isEqualTo(new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2)));
        assertThat(config.ssl()).isNull();
    }

    @Test
    void shouldAcceptACommaSeparatedStringOrAList() {
        assertThat(new SchemaRegistryConfig(Map.of(SchemaRegistryConfig.URL, "http://a:1, https://b:2/x"))
                .endpoints()).extracting(Object::toString).containsExactly("http://a:1", "https://b:2/x");
        assertThat(new SchemaRegistryConfig(Map.of(SchemaRegistryConfig.URL, List.of("http://a:1", "http://b:2")))
                .endpoints()).hasSize(2);
    }

    @Test
    void shouldRequireTheUrl() {
        assertThatThrownBy(() -> new SchemaRegistryConfig(Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("schema.registry.url");
        assertThatThrownBy(() -> new SchemaRegistryConfig(Map.of(SchemaRegistryConfig.URL, "")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("schema.registry.url");
    }

    @Test
    void shouldRejectInvalidAuthSettingsByName() {
        assertThatThrownBy(() -> new SchemaRegistryConfig(Map.of(SchemaRegistryConfig.URL, "http://r:1",
                SchemaRegistryConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "SASL_INHERIT")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("supported sources are USER_INFO and URL");
        assertThatThrownBy(() -> new SchemaRegistryConfig(Map.of(SchemaRegistryConfig.URL, "http://r:1",
                SchemaRegistryConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("needs basic.auth.user.info");
        assertThatThrownBy(() -> new SchemaRegistryConfig(Map.of(SchemaRegistryConfig.URL, "http://r:1",
                SchemaRegistryConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "URL")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("has no user:password@ part");
    }

    @Test
    void shouldPickTheCredentialsSourceFromWhatIsGiven() {
        assertThat(new SchemaRegistryConfig(Map.of(SchemaRegistryConfig.URL, "http://r:1",
                SchemaRegistryConfig.USER_INFO_ALIAS, "u:p")).credentialsSource())
                .isEqualTo(SchemaRegistryConfig.CredentialsSource.USER_INFO);
        assertThat(new SchemaRegistryConfig(Map.of(SchemaRegistryConfig.URL, "http://u:p@r:1")).credentialsSource())
                .isEqualTo(SchemaRegistryConfig.CredentialsSource.URL);
    }

    @Test
    void shouldKeepBackoffBetweenHalfAndAllOfTheCappedExponential() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(2000));

        assertThat(List.of(0, 1, 2, 3, 4, 5, 40)).extracting(backoff::ceilingMillis)
                .containsExactly(100L, 200L, 400L, 800L, 1600L, 2000L, 2000L);
        for (int retry = 0; retry < 8; retry++) {
            long ceiling = backoff.ceilingMillis(retry);
            for (int i = 0; i < 50; i++) {
                assertThat(backoff.delayMillis(retry)).isBetween(ceiling / 2, ceiling);
            }
        }
    }
}
