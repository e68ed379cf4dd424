package io.l2risk.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Operator-friendly durations: {@code 500ms}, {@code 45s}, {@code 10m}, {@code 12h}, {@code 30d}, or
 * ISO-8601 ({@code PT1H}, {@code P30D}).
 */
public final class Durations {

    private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private Durations() {
    }

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException if it is neither form; the message shows the accepted forms
     */
    public static Duration parse(String text) {
        String trimmed = text.trim().toLowerCase(Locale.ROOT);
        Matcher m = SHORT.matcher(trimmed);
        try {
            if (m.matches()) {
                long amount = Long.parseLong(m.group(1));
                return switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                };
            }
            return Duration.parse(trimmed.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new IllegalArgumentException("'" + text
                    + "' is not a duration; use e.g. 500ms, 45s, 10m, 12h, 30d or ISO-8601 like PT1H", e);
        }
    }

    /** The shortest exact form in the units {@link #parse} accepts, e.g. {@code 30d}, {@code 90m}. */
    public static String format(Duration duration) {
        long ms = duration.toMillis();
        if (ms != 0 && ms % Duration.ofDays(1).toMillis() == 0) {
            return duration.toDays() + "d";
        }
        if (ms != 0 && ms % Duration.ofHours(1).toMillis() == 0) {
            return duration.toHours() + "h";
        }
        if (ms != 0 && ms % Duration.ofMinutes(1).toMillis() == 0) {
            return duration.toMinutes() + "m";
        }
        if (ms % 1000 == 0) {
            return duration.toSeconds() + "s";
        }
        return ms + "ms";
    }
}
