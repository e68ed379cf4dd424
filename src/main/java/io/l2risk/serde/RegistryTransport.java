package io.l2risk.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one registry request with fail-over and retries.
 *
 * <p>I/O errors and timeouts move on to the next URL; I/O errors, timeouts, HTTP 5xx and 429 are
 * retried with {@link Backoff}. Any other answer is returned to the caller, which decides what a 4xx
 * means for its operation. TLS handshake failures are not retried: they do not heal by waiting.
 */
final class RegistryTransport {

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final String ACCEPT = "application/vnd.schemaregistry.v1+json, "
            + "application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5";
    private static final int MAX_ERROR_BODY_CHARS = 300;
    private static final Logger log = LoggerFactory.getLogger(RegistryTransport.class);

    /** A final HTTP answer: status and body. */
    record Response(int status, String body, String url) {
        boolean isSuccess() {
            return status >= 200 && status < 300;
        }
    }

    private final SchemaRegistryConfig config;
    private final HttpClient http;
    private final ObjectMapper json;
    private final Sleeper sleeper;
    /** Index of the endpoint that answered last, so a dead first URL is not retried on every call. */
    private volatile int preferred;

    /** Waits between retries; replaceable so tests need not wait. */
    interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    RegistryTransport(SchemaRegistryConfig config, ObjectMapper json, Sleeper sleeper) {
        this.config = config;
        this.json = json;
        this.sleeper = sleeper;
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(config.requestTimeout())
                // Registries speak HTTP/1.1; an h2c upgrade attempt only adds a round of negotiation.
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER);
        if (config.ssl() != null) {
            builder.sslContext(config.ssl().createContext());
        }
        this.http = builder.build();
    }

    /**
     * Sends {@code method path} with an optional JSON body.
     *
     * @param path already URL-encoded, starting with {@code /}
     * @return the first answer that is neither 5xx nor 429 (the caller checks 4xx)
     * @throws SchemaRegistryException when every attempt failed with an I/O error, timeout, 5xx or 429
     */
    Response send(String method, String path, JsonNode body) {
        byte[] payload = body == null ? null : serialize(body);
        List<SchemaRegistryConfig.Endpoint> endpoints = config.endpoints();
        int attempts = config.maxRetries() + 1;
        int index = preferred;
        Set<String> tried = new LinkedHashSet<>();
        Response lastError = null;
        IOException lastIo = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            SchemaRegistryConfig.Endpoint endpoint = endpoints.get(index % endpoints.size());
            tried.add(endpoint.toString());
            URI uri = URI.create(endpoint.baseUri() + path);
            try {
                HttpResponse<String> response = http.send(request(method, uri, endpoint, payload),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                int status = response.statusCode();
                log.debug("schema registry {} {} -> HTTP {}", method, uri, status);
                Response result = new Response(status, response.body(), endpoint.toString());
                if (status < 500 && status != 429) {
                    preferred = index % endpoints.size();
                    return result;
                }
                lastError = result;
                lastIo = null;
            } catch (SSLHandshakeException | SSLPeerUnverifiedException e) {
                throw new SchemaRegistryException("TLS handshake with schema registry at " + endpoint
                        + " failed: " + describe(e), e);
            } catch (IOException e) {
                lastIo = e;
                lastError = null;
                // Fail over: the next attempt goes to the next URL.
                index++;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SchemaRegistryException("interrupted while calling the schema registry at " + endpoint, e);
            }
            if (attempt < attempts) {
                long delay = config.backoff().delayMillis(attempt - 1);
                log.warn("schema registry {} {} failed (attempt {}/{}): {}; retrying in {} ms",
                        method, uri, attempt, attempts,
                        lastIo != null ? describe(lastIo) : "HTTP " + lastError.status(), delay);
                sleep(delay, endpoint);
            }
        }
        String after = " after " + attempts + (attempts == 1 ? " attempt" : " attempts");
        if (lastIo != null) {
            throw new SchemaRegistryException("schema registry unreachable at " + String.join(", ", tried)
                    + after + ": " + describe(lastIo), lastIo);
        }
        throw error(method, path, lastError, after);
    }

    /** The exception for a registry error answer, carrying its status, error code and message. */
    SchemaRegistryException error(String method, String path, Response response, String suffix) {
        int errorCode = SchemaRegistryException.NO_ERROR_CODE;
        String message = null;
        try {
            JsonNode node = json.readTree(response.body());
            if (node != null && node.isObject()) {
                errorCode = node.path("error_code").asInt(SchemaRegistryException.NO_ERROR_CODE);
                message = node.hasNonNull("message") ? node.get("message").asText() : null;
            }
        } catch (IOException | RuntimeException notJson) {
            // Some registries answer errors in plain text (Apicurio: "Not able to deserialize data provided.").
        }
        if (message == null && response.body() != null && !response.body().isBlank()) {
            String body = response.body().strip();
            message = body.length() > MAX_ERROR_BODY_CHARS ? body.substring(0, MAX_ERROR_BODY_CHARS) + "..." : body;
        }
        String text = "schema registry error: HTTP " + response.status()
                + (errorCode != SchemaRegistryException.NO_ERROR_CODE ? " error_code " + errorCode : "")
                + (message != null ? ": " + message : "")
                + " (" + method + " " + response.url() + path + ")" + suffix;
        return new SchemaRegistryException(Redaction.text(text), response.status(), errorCode, message, null);
    }

    private HttpRequest request(String method, URI uri, SchemaRegistryConfig.Endpoint endpoint, byte[] payload) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(config.requestTimeout())
                .header("Accept", ACCEPT)
                .method(method, payload == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(payload));
        if (payload != null) {
            builder.header("Content-Type", CONTENT_TYPE);
        }
        if (endpoint.authorization() != null) {
            builder.header("Authorization", endpoint.authorization());
        }
        return builder.build();
    }

    private byte[] serialize(JsonNode body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new SchemaRegistryException("cannot encode schema registry request: " + e.getMessage(), e);
        }
    }

    private void sleep(long millis, SchemaRegistryConfig.Endpoint endpoint) {
        try {
            sleeper.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException("interrupted while retrying the schema registry at " + endpoint, e);
        }
    }

    /** The most specific message in the cause chain; JDK HTTP exceptions often have none at the top. */
    static String describe(Throwable error) {
        boolean connectFailure = false;
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return Redaction.text(t.getMessage());
            }
            connectFailure |= t instanceof java.net.ConnectException;
        }
        // The JDK 17 HttpClient reports a refused connection as a ConnectException without a message.
        return connectFailure ? "Connection refused" : error.getClass().getSimpleName();
    }
}
