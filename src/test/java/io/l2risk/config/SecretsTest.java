package io.l2risk.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretsTest {

    @ParameterizedTest
    @ValueSource(strings = {"sasl.jaas.config", "producer.sasl.jaas.config", "ssl.key.password",
            "ssl.keystore.password", "ssl.truststore.password", "ssl.keystore.key", "basic.auth.user.info",
            "schema.registry.basic.auth.user.info", "sasl.oauthbearer.client.credentials.client.secret",
            "some.api.token", "aws.credentials", "SASL.JAAS.CONFIG"})
    void shouldTreatAsSecret(String key) {
        assertThat(Secrets.isSecret(key)).isTrue();
        assertThat(Secrets.redact(key, "s3cr3t")).isEqualTo("[hidden]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bootstrap.servers", "security.protocol", "sasl.mechanism", "client.id",
            "ssl.truststore.type", "schema.registry.url"})
    void shouldShowNonSecret(String key) {
        assertThat(Secrets.isSecret(key)).isFalse();
        assertThat(Secrets.redact(key, "value")).isEqualTo("value");
    }
}
