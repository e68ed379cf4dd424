package io.l2risk.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP answer, built by the {@link Router} without any I/O so routes are testable as functions.
 *
 * @param status      HTTP status code
 * @param contentType the {@code Content-Type}
 * @param body        the body (sent for GET, not for HEAD)
 * @param headers     further headers
 */
record Response(int status, String contentType, byte[] body, Map<String, String> headers) {

    static final String JSON = "application/json; charset=utf-8";
    static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";
    /** Seconds a client should wait before asking again after a 503. */
    static final int RETRY_AFTER_SECONDS = 2;

    private static final ObjectMapper MAPPER = Json.mapper();

    Response {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
        headers = Map.copyOf(headers);
    }

    static Response json(int status, Object value) {
        try {
            return new Response(status, JSON, MAPPER.writeValueAsBytes(value), Map.of("Cache-Control", "no-store"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** A JSON error body: {@code {"error": code, "message": message}}. */
    static Response error(int status, String code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", message);
        return json(status, body);
    }

    /** 503 with {@code Retry-After} and {@code {"error":"unavailable","message":...,"retryAfterSeconds":2}}. */
    static Response unavailable(String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", "unavailable");
        body.put("message", message);
        body.put("retryAfterSeconds", RETRY_AFTER_SECONDS);
        return json(503, body).withHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
    }

    static Response text(int status, String contentType, String text) {
        return new Response(status, contentType, text.getBytes(StandardCharsets.UTF_8), Map.of("Cache-Control", "no-store"));
    }

    Response withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Response(status, contentType, body, more);
    }

    String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
