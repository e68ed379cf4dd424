package io.l2risk.serde;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/** JSSE trust and key stores for talking to the registry over TLS; {@link #toString()} hides passwords. */
record SslSettings(String truststoreLocation, Password truststorePassword, String truststoreType,
        String keystoreLocation, Password keystorePassword, String keystoreType, Password keyPassword) {

    /** The settings, or {@code null} when neither a trust store nor a key store is configured. */
    static SslSettings from(Map<String, Object> parsed) {
        String truststore = (String) parsed.get(SchemaRegistryConfig.SSL_TRUSTSTORE_LOCATION);
        String keystore = (String) parsed.get(SchemaRegistryConfig.SSL_KEYSTORE_LOCATION);
        if (isBlank(truststore) && isBlank(keystore)) {
            return null;
        }
        return new SslSettings(isBlank(truststore) ? null : truststore,
                (Password) parsed.get(SchemaRegistryConfig.SSL_TRUSTSTORE_PASSWORD),
                (String) parsed.get(SchemaRegistryConfig.SSL_TRUSTSTORE_TYPE),
                isBlank(keystore) ? null : keystore,
                (Password) parsed.get(SchemaRegistryConfig.SSL_KEYSTORE_PASSWORD),
                (String) parsed.get(SchemaRegistryConfig.SSL_KEYSTORE_TYPE),
                (Password) parsed.get(SchemaRegistryConfig.SSL_KEY_PASSWORD));
    }

    /** An SSL context from these stores; a missing trust store means the JVM's default trust. */
    SSLContext createContext() {
        try {
            TrustManagerFactory tmf = null;
            if (truststoreLocation != null) {
                KeyStore trust = load(truststoreLocation, truststoreType, truststorePassword,
                        SchemaRegistryConfig.SSL_TRUSTSTORE_LOCATION);
                tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(trust);
            }
            KeyManagerFactory kmf = null;
            if (keystoreLocation != null) {
                KeyStore keys = load(keystoreLocation, keystoreType, keystorePassword,
                        SchemaRegistryConfig.SSL_KEYSTORE_LOCATION);
                // Like Kafka: the key password defaults to the key store password.
                Password keyPw = keyPassword != null ? keyPassword : keystorePassword;
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keys, chars(keyPw));
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf == null ? null : kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new ConfigException("Cannot build the schema registry SSL context: " + e.getMessage());
        }
    }

    private static KeyStore load(String location, String type, Password password, String key)
            throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(type);
        try (InputStream in = Files.newInputStream(Path.of(location))) {
            store.load(in, chars(password));
            return store;
        } catch (IOException e) {
            throw new ConfigException("Cannot load " + key + " " + location + " (" + type + "): " + e.getMessage());
        }
    }

    private static char[] chars(Password password) {
        return password == null ? null : password.value().toCharArray();
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    @Override
    public String toString() {
        return "{truststore=" + truststoreLocation + " (" + truststoreType + ")"
                + ", keystore=" + keystoreLocation + " (" + keystoreType + ")"
                + ", passwords=" + Redaction.MASK + "}";
    }
}
