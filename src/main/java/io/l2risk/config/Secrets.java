package io.l2risk.config;

import java.util.List;
import java.util.Locale;

/**
 * Decides which setting keys hold secrets and hides their values in anything meant for people
 * (toString, logs, error messages).
 */
public final class Secrets {

    /** What a secret value is replaced with. */
    public static final String HIDDEN = "[hidden]";

    // Substrings, not exact keys: this also covers prefixed forms (producer.sasl.jaas.config),
    // listener-scoped keys and the schema-registry client's keys.
    private static final List<String> SECRET_MARKERS = List.of(
            "password", "jaas", "secret", "token", "credentials", "basic.auth.user.info", "ssl.key");

    private Secrets() {
    }

    /** Whether the value of {@code key} must never be shown. Case-insensitive. */
    public static boolean isSecret(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return SECRET_MARKERS.stream().anyMatch(lower::contains);
    }

    /** {@code value}, or {@link #HIDDEN} if {@code key} is secret. */
    public static String redact(String key, String value) {
        return isSecret(key) ? HIDDEN : value;
    }
}
