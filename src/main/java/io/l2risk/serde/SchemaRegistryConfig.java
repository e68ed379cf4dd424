package io.l2risk.serde;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * Validated settings of a {@link RestSchemaRegistryClient}, read from the usual Confluent-style keys.
 *
 * <p>Unknown keys are ignored, so the whole producer, consumer or Streams configuration can be passed.
 * {@link #toString()} shows URLs without user info and passwords as {@code ***}.
 */
public final class SchemaRegistryConfig {

    /** Comma-separated base URLs, e.g. {@code http://registry:8081} or {@code http://host/apis/ccompat/v7}. Required. */
    public static final String URL = "schema.registry.url";
    /** {@code USER_INFO} (credentials from {@link #USER_INFO}) or {@code URL} (from the URL's user info). */
    public static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";
    /** {@code user:password} for HTTP basic auth. */
    public static final String USER_INFO = "basic.auth.user.info";
    /** Accepted alias of {@link #USER_INFO}, as in Confluent's client. */
    public static final String USER_INFO_ALIAS = "schema.registry.basic.auth.user.info";
    /** Maximum entries of each client cache (id → schema, subject+schema → id). Default 1000. */
    public static final String CACHE_CAPACITY = "schema.registry.cache.capacity";
    /** Retries after the first attempt for I/O errors, timeouts, HTTP 5xx and 429. Default 3. */
    public static final String MAX_RETRIES = "schema.registry.max.retries";
    /** Backoff before the first retry; doubles each retry, with jitter. Default 100 ms. */
    public static final String RETRY_BACKOFF_MS = "schema.registry.retry.backoff.ms";
    /** Upper bound of the backoff. Default 2000 ms. */
    public static final String RETRY_BACKOFF_MAX_MS = "schema.registry.retry.backoff.max.ms";
    /** Timeout of one HTTP request (and of connecting). Default 10000 ms. */
    public static final String REQUEST_TIMEOUT_MS = "schema.registry.request.timeout.ms";

    public static final String SSL_TRUSTSTORE_LOCATION = "schema.registry.ssl.truststore.location";
    public static final String SSL_TRUSTSTORE_PASSWORD = "schema.registry.ssl.truststore.password";
    public static final String SSL_TRUSTSTORE_TYPE = "schema.registry.ssl.truststore.type";
    public static final String SSL_KEYSTORE_LOCATION = "schema.registry.ssl.keystore.location";
    public static final String SSL_KEYSTORE_PASSWORD = "schema.registry.ssl.keystore.password";
    public static final String SSL_KEYSTORE_TYPE = "schema.registry.ssl.keystore.type";
    public static final String SSL_KEY_PASSWORD = "schema.registry.ssl.key.password";

    /** Every key this class reads: what a caller separates from Kafka client settings. */
    public static java.util.Set<String> keys() {
        return java.util.Set.copyOf(CONFIG_DEF.names());
    }

    /** Where basic-auth credentials come from. */
    public enum CredentialsSource {
        /** No authentication. */
        NONE,
        /** {@code basic.auth.user.info}. */
        USER_INFO,
        /** The user info of each URL ({@code http://user:password@host}). */
        URL
    }

    static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(URL, Type.LIST, Importance.HIGH, "Comma-separated schema registry base URLs.")
            .define(BASIC_AUTH_CREDENTIALS_SOURCE, Type.STRING, null, Importance.MEDIUM,
                    "USER_INFO or URL.")
            .define(USER_INFO, Type.PASSWORD, null, Importance.MEDIUM, "user:password for basic auth.")
            .define(USER_INFO_ALIAS, Type.PASSWORD, null, Importance.LOW, "Alias of " + USER_INFO + ".")
            .define(CACHE_CAPACITY, Type.INT, 1000, Range.atLeast(1), Importance.LOW, "Cache entries.")
            .define(MAX_RETRIES, Type.INT, 3, Range.atLeast(0), Importance.LOW, "Retries.")
            .define(RETRY_BACKOFF_MS, Type.LONG, 100L, Range.atLeast(0), Importance.LOW, "Initial backoff.")
            .define(RETRY_BACKOFF_MAX_MS, Type.LONG, 2000L, Range.atLeast(0), Importance.LOW, "Max backoff.")
            .define(REQUEST_TIMEOUT_MS, Type.LONG, 10_000L, Range.atLeast(1), Importance.LOW, "Request timeout.")
            .define(SSL_TRUSTSTORE_LOCATION, Type.STRING, null, Importance.LOW, "Trust store file.")
            .define(SSL_TRUSTSTORE_PASSWORD, Type.PASSWORD, null, Importance.LOW, "Trust store password.")
            .define(SSL_TRUSTSTORE_TYPE, Type.STRING, "JKS", Importance.LOW, "Trust store type.")
            .define(SSL_KEYSTORE_LOCATION, Type.STRING, null, Importance.LOW, "Key store file.")
            .define(SSL_KEYSTORE_PASSWORD, Type.PASSWORD, null, Importance.LOW, "Key store password.")
            .define(SSL_KEYSTORE_TYPE, Type.STRING, "JKS", Importance.LOW, "Key store type.")
            .define(SSL_KEY_PASSWORD, Type.PASSWORD, null, Importance.LOW, "Private key password.");

    private final List<Endpoint> endpoints;
    private final CredentialsSource credentialsSource;
    private final String userInfoUser;
    private final int cacheCapacity;
    private final int maxRetries;
    private final Backoff backoff;
    private final Duration requestTimeout;
    private final SslSettings ssl;

    /**
     * Reads and validates the settings.
     *
     * @throws ConfigException naming the key, never its secret value, when a setting is missing or invalid
     */
    public SchemaRegistryConfig(Map<String, ?> configs) {
        Map<String, Object> parsed = CONFIG_DEF.parse(configs);
        @SuppressWarnings("unchecked")
        List<String> rawUrls = (List<String>) parsed.get(URL);
        if (rawUrls.isEmpty()) {
            throw new ConfigException("Missing required configuration \"" + URL + "\": no URL given");
        }
        Password userInfo = (Password) (parsed.get(USER_INFO) != null ? parsed.get(USER_INFO)
                : parsed.get(USER_INFO_ALIAS));
        List<URI> uris = rawUrls.stream().map(SchemaRegistryConfig::parseUrl).collect(Collectors.toList());
        this.credentialsSource = credentialsSource((String) parsed.get(BASIC_AUTH_CREDENTIALS_SOURCE),
                userInfo != null, uris.stream().anyMatch(u -> u.getRawUserInfo() != null));

        String sharedHeader = null;
        if (credentialsSource == CredentialsSource.USER_INFO) {
            if (userInfo == null) {
                throw new ConfigException(BASIC_AUTH_CREDENTIALS_SOURCE + "=USER_INFO needs " + USER_INFO
                        + " (user:password)");
            }
            sharedHeader = basicHeader(userInfo.value(), USER_INFO);
            this.userInfoUser = Redaction.userInfo(userInfo.value());
        } else {
            this.userInfoUser = null;
        }
        List<Endpoint> list = new ArrayList<>();
        for (URI uri : uris) {
            String header = sharedHeader;
            if (credentialsSource == CredentialsSource.URL) {
                if (uri.getUserInfo() == null) {
                    throw new ConfigException(BASIC_AUTH_CREDENTIALS_SOURCE + "=URL but " + URL + " "
                            + Redaction.url(uri.toString()) + " has no user:password@ part");
                }
                header = basicHeader(uri.getUserInfo(), URL);
            }
            list.add(new Endpoint(withoutUserInfo(uri), header));
        }
        this.endpoints = List.copyOf(list);
        this.cacheCapacity = (Integer) parsed.get(CACHE_CAPACITY);
        this.maxRetries = (Integer) parsed.get(MAX_RETRIES);
        this.backoff = new Backoff(Duration.ofMillis((Long) parsed.get(RETRY_BACKOFF_MS)),
                Duration.ofMillis((Long) parsed.get(RETRY_BACKOFF_MAX_MS)));
        this.requestTimeout = Duration.ofMillis((Long) parsed.get(REQUEST_TIMEOUT_MS));
        this.ssl = SslSettings.from(parsed);
    }

    /** The registry endpoints, in the order they are tried. */
    public List<Endpoint> endpoints() {
        return endpoints;
    }

    public CredentialsSource credentialsSource() {
        return credentialsSource;
    }

    public int cacheCapacity() {
        return cacheCapacity;
    }

    public int maxRetries() {
        return maxRetries;
    }

    Backoff backoff() {
        return backoff;
    }

    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** TLS settings, or {@code null} to use the JVM's default SSL context. */
    SslSettings ssl() {
        return ssl;
    }

    /** The endpoints as shown in logs and messages, e.g. {@code [http://a:8081, http://b:8081]}. */
    String displayUrls() {
        return endpoints.stream().map(Endpoint::toString).collect(Collectors.joining(", ", "[", "]"));
    }

    @Override
    public String toString() {
        return "SchemaRegistryConfig{urls=" + displayUrls()
                + ", credentialsSource=" + credentialsSource
                + (userInfoUser != null ? ", userInfo=" + userInfoUser : "")
                + ", cacheCapacity=" + cacheCapacity
                + ", maxRetries=" + maxRetries
                + ", backoff=" + backoff.initial().toMillis() + ".." + backoff.max().toMillis() + "ms"
                + ", requestTimeout=" + requestTimeout.toMillis() + "ms"
                + ", ssl=" + (ssl == null ? "default" : ssl) + "}";
    }

    private static URI parseUrl(String raw) {
        URI uri;
        try {
            uri = new URI(raw.trim());
        } catch (URISyntaxException e) {
            throw new ConfigException("Invalid " + URL + " '" + Redaction.text(raw) + "': not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("mock")) {
            throw new ConfigException("Invalid " + URL + " '" + raw + "': mock:// URLs are served by "
                    + "MockSchemaRegistry (use SchemaRegistryClients.create) and cannot be mixed with http(s) URLs");
        }
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new ConfigException("Invalid " + URL + " '" + Redaction.url(raw)
                    + "': expected an http:// or https:// URL");
        }
        if (uri.getHost() == null) {
            throw new ConfigException("Invalid " + URL + " '" + Redaction.url(raw) + "': no host");
        }
        return uri;
    }

    private static CredentialsSource credentialsSource(String configured, boolean hasUserInfo, boolean urlHasUserInfo) {
        if (configured == null || configured.isBlank()) {
            if (hasUserInfo) {
                return CredentialsSource.USER_INFO;
            }
            return urlHasUserInfo ? CredentialsSource.URL : CredentialsSource.NONE;
        }
        try {
            return CredentialsSource.valueOf(configured.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(BASIC_AUTH_CREDENTIALS_SOURCE, configured,
                    "supported sources are USER_INFO and URL");
        }
    }

    private static String basicHeader(String userInfo, String origin) {
        if (userInfo.indexOf(':') < 0) {
            throw new ConfigException("Invalid basic auth credentials from " + origin + ": expected user:password");
        }
        return "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
    }

    private static URI withoutUserInfo(URI uri) {
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String authority = uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "");
        if (uri.getHost().indexOf(':') >= 0 && !uri.getHost().startsWith("[")) {
            authority = "[" + uri.getHost() + "]" + (uri.getPort() >= 0 ? ":" + uri.getPort() : "");
        }
        return URI.create(uri.getScheme().toLowerCase(Locale.ROOT) + "://" + authority + path);
    }

    /**
     * One registry base URL (without user info) and the {@code Authorization} header to send to it.
     * {@link #toString()} is the URL only.
     */
    public static final class Endpoint {
        private final URI baseUri;
        private final String authorization;

        Endpoint(URI baseUri, String authorization) {
            this.baseUri = baseUri;
            this.authorization = authorization;
        }

        /** Base URL without user info or trailing slash. */
        public URI baseUri() {
            return baseUri;
        }

        /** {@code Basic ...} header value, or {@code null}. */
        String authorization() {
            return authorization;
        }

        @Override
        public String toString() {
            return baseUri.toString();
        }
    }
}
