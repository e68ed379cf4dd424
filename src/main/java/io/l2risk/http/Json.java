package io.l2risk.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Instant;

/** The one JSON configuration of the HTTP side: records as objects, times as ISO-8601 strings. */
final class Json {

    private Json() {
    }

    static ObjectMapper mapper() {
        return JsonMapper.builder().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS).build();
    }

    /** ISO-8601 ({@link Instant#toString()}), or {@code null}. */
    static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /** {@code value}, or {@code null} when it is not finite (JSON has no NaN or infinity). */
    static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
