package io.l2risk.engine;

import io.l2risk.config.Durations;
import java.time.Duration;
import java.util.Map;

/**
 * Threshold parameters of one indicator for one rollup: the indicator's default unless the rollup
 * registry overrides it. A malformed override fails with the rollup, indicator and parameter named;
 * indicators read their parameters when they are created, so bad values fail at start.
 */
public final class Params {

    /** While {@link #recordingReads} runs on this thread: the parameter names indicators asked for. */
    private static final ThreadLocal<java.util.Set<String>> READS = new ThreadLocal<>();

    private final String rollupId;
    private final IndicatorKind kind;
    private final Map<String, String> overrides;

    public Params(String rollupId, IndicatorKind kind, Map<String, String> overrides) {
        this.rollupId = rollupId;
        this.kind = kind;
        this.overrides = Map.copyOf(overrides);
    }

    /** An empty set of overrides (tests, GENERIC rollups). */
    public static Params defaults(IndicatorKind kind) {
        return new Params("-", kind, Map.of());
    }

    /**
     * Runs {@code action} and returns the {@code INDICATOR.parameter} names read through any
     * {@code Params} on this thread meanwhile: what creating a rollup's indicators actually uses.
     */
    public static java.util.Set<String> recordingReads(Runnable action) {
        java.util.Set<String> reads = new java.util.TreeSet<>();
        java.util.Set<String> previous = READS.get();
        READS.set(reads);
        try {
            action.run();
        } finally {
            READS.set(previous);
        }
        return reads;
    }

    private String raw(String name) {
        java.util.Set<String> reads = READS.get();
        if (reads != null) {
            reads.add(kind.name() + "." + name);
        }
        return overrides.get(name);
    }

    public Duration duration(String name, Duration defaultValue) {
        String raw = raw(name);
        if (raw == null) {
            return defaultValue;
        }
        try {
            Duration value = Durations.parse(raw);
            if (value.isNegative()) {
                throw new IllegalArgumentException("must not be negative");
            }
            return value;
        } catch (RuntimeException e) {
            throw invalid(name, raw, "a duration such as 30m, 12h, 7d: " + e.getMessage());
        }
    }

    public double number(String name, double defaultValue) {
        String raw = raw(name);
        if (raw == null) {
            return defaultValue;
        }
        try {
            double value = Double.parseDouble(raw);
            if (!Double.isFinite(value) || value < 0) {
                throw new NumberFormatException("must be a finite, non-negative number");
            }
            return value;
        } catch (NumberFormatException e) {
            throw invalid(name, raw, "a non-negative number");
        }
    }

    public long integer(String name, long defaultValue) {
        String raw = raw(name);
        if (raw == null) {
            return defaultValue;
        }
        try {
            long value = Long.parseLong(raw);
            if (value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw invalid(name, raw, "a non-negative integer");
        }
    }

    public boolean flag(String name, boolean defaultValue) {
        String raw = raw(name);
        if (raw == null) {
            return defaultValue;
        }
        return switch (raw.toLowerCase()) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw invalid(name, raw, "true or false");
        };
    }

    private IllegalArgumentException invalid(String name, String raw, String expected) {
        return new IllegalArgumentException("rollup " + rollupId + ", thresholds." + kind.name() + "." + name
                + ": \"" + raw + "\" is not " + expected);
    }
}
