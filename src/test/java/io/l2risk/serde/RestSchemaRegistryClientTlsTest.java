package io.l2risk.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.l2risk.serde.FakeRegistryServer.Reply;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;

/** TLS to the registry with the JSSE settings; the key material is described in serde/tls/README.md. */
class RestSchemaRegistryClientTlsTest {

    private static final String PASSWORD = "changeit";
    private static final Path KEYSTORE = resource("/serde/tls/registry.p12");
    private static final Path TRUSTSTORE = resource("/serde/tls/truststore.p12");
    private static final String SCHEMA_ANSWER = "{\"schema\":" + quoted(TestSchemas.V1.toString()) + "}";

    private final List<Long> sleeps = new ArrayList<>();

    @Test
    void shouldTrustTheRegistryThroughTheConfiguredTruststore() throws Exception {
        try (FakeRegistryServer server = FakeRegistryServer.startTls(serverContext(), false,
                r -> Reply.json(SCHEMA_ANSWER))) {
            RestSchemaRegistryClient client = client(server.url(), Map.of(
                    SchemaRegistryConfig.SSL_TRUSTSTORE_LOCATION, TRUSTSTORE.toString(),
                    SchemaRegistryConfig.SSL_TRUSTSTORE_PASSWORD, PASSWORD,
                    SchemaRegistryConfig.SSL_TRUSTSTORE_TYPE, "PKCS12"));

            assertThat(client.getById(1)).isEqualTo(TestSchemas.V1);
        }
    }

    @Test
    void shouldFailAtOnceWhenTheRegistryCertificateIsNotTrusted() throws Exception {
        try (FakeRegistryServer server = FakeRegistryServer.startTls(serverContext(), false,
                r -> Reply.json(SCHEMA_ANSWER))) {
            RestSchemaRegistryClient client = client(server.url(), Map.of());

            assertThatThrownBy(() -> client.getById(1))
                    .isInstanceOf(SchemaRegistryException.class)
                    .hasMessageStartingWith("TLS handshake with schema registry at " + server.url() + " failed: ");
            assertThat(sleeps).isEmpty();
            assertThat(server.requests()).isEmpty();
        }
    }

    @Test
    void shouldPresentTheKeystoreCertificateForMutualTls() throws Exception {
        try (FakeRegistryServer server = FakeRegistryServer.startTls(serverContext(), true,
                r -> Reply.json(SCHEMA_ANSWER))) {
            RestSchemaRegistryClient withKey = client(server.url(), Map.of(
                    SchemaRegistryConfig.SSL_TRUSTSTORE_LOCATION, TRUSTSTORE.toString(),
                    SchemaRegistryConfig.SSL_TRUSTSTORE_PASSWORD, PASSWORD,
                    SchemaRegistryConfig.SSL_TRUSTSTORE_TYPE, "PKCS12",
                    SchemaRegistryConfig.SSL_KEYSTORE_LOCATION, KEYSTORE.toString(),
                    SchemaRegistryConfig.SSL_KEYSTORE_PASSWORD, PASSWORD,
                    SchemaRegistryConfig.SSL_KEYSTORE_TYPE, "PKCS12"));
            RestSchemaRegistryClient withoutKey = client(server.url(), Map.of(
                    SchemaRegistryConfig.SSL_TRUSTSTORE_LOCATION, TRUSTSTORE.toString(),
                    SchemaRegistryConfig.SSL_TRUSTSTORE_PASSWORD, PASSWORD,
                    SchemaRegistryConfig.SSL_TRUSTSTORE_TYPE, "PKCS12",
                    SchemaRegistryConfig.MAX_RETRIES, 0));

            assertThat(withKey.getById(1)).isEqualTo(TestSchemas.V1);
            assertThatThrownBy(() -> withoutKey.getById(1)).isInstanceOf(SchemaRegistryException.class);
            assertThat(server.requests()).hasSize(1);
        }
    }

    @Test
    void shouldNameTheStoreThatCannotBeLoaded() {
        assertThatThrownBy(() -> client("https://127.0.0.1:1", Map.of(
                SchemaRegistryConfig.SSL_TRUSTSTORE_LOCATION, "/nonexistent/truststore.p12",
                SchemaRegistryConfig.SSL_TRUSTSTORE_PASSWORD, PASSWORD)))
                .isInstanceOf(org.apache.kafka.common.config.ConfigException.class)
                .hasMessageContaining("Cannot load schema.registry.ssl.truststore.location /nonexistent/truststore.p12")
                .hasMessageNotContaining(PASSWORD);
    }

    private RestSchemaRegistryClient client(String url, Map<String, ?> extra) {
        Map<String, Object> configs = new HashMap<>(extra);
        configs.put(SchemaRegistryConfig.URL, url);
        return new RestSchemaRegistryClient(new SchemaRegistryConfig(configs), sleeps::add);
    }

    private static SSLContext serverContext() throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(load(KEYSTORE), PASSWORD.toCharArray());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(load(TRUSTSTORE));
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return context;
    }

    private static KeyStore load(Path path) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(path)) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }

    private static Path resource(String name) {
        try {
            return Path.of(RestSchemaRegistryClientTlsTest.class.getResource(name).toURI());
        } catch (Exception e) {
            throw new IllegalStateException(name, e);
        }
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
