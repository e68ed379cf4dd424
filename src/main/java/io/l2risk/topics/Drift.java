package io.l2risk.topics;

import java.time.Duration;
import java.util.Objects;

import io.l2risk.config.Durations;

/**
 * One way the cluster differs from the {@link Topics} registry.
 *
 * @param topic    the topic concerned; for {@link Kind#NOT_CO_PARTITIONED} the ingest topics' common
 *                 name pattern, e.g. {@code l2risk.ingest.*}
 * @param kind     what differs
 * @param setting  the setting that differs: {@code partitions}, {@code replication.factor} or a topic
 *                 config key; {@code topic} for a missing topic
 * @param expected the registry's value
 * @param actual   the cluster's value
 */
public record Drift(String topic, Kind kind, String setting, String expected, String actual) {

    /** What differs. */
    public enum Kind {
        /** The topic does not exist. */
        MISSING,
        /** The partition count differs. */
        PARTITIONS,
        /** Some partition has a different number of replicas. */
        REPLICATION_FACTOR,
        /** A topic config we manage has another value. */
        CONFIG,
        /** The ingest topics do not all have the same partition count. */
        NOT_CO_PARTITIONED
    }

    public Drift {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(setting, "setting");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(actual, "actual");
    }

    static Drift missing(TopicSpec<?> spec) {
        return new Drift(spec.name(), Kind.MISSING, "topic", "exists", "missing");
    }

    /** One line for people, e.g. {@code l2risk.dlq: retention.ms is 3600000 (1h), expected 2592000000 (30d)}. */
    public String describe() {
        return switch (kind) {
            case MISSING -> topic + ": missing";
            case NOT_CO_PARTITIONED -> topic + ": not co-partitioned: " + actual;
            default -> topic + ": " + setting + " is " + readable(actual) + ", expected " + readable(expected);
        };
    }

    /** Adds a human form to millisecond values: {@code 3600000 (1h)}. */
    private String readable(String value) {
        if (setting.endsWith(".ms") && value.matches("\\d{1,18}")) {
            return value + " (" + Durations.format(Duration.ofMillis(Long.parseLong(value))) + ")";
        }
        return value;
    }

    /** What an operator can do about it. */
    public String hint() {
        return switch (kind) {
            case MISSING -> "run 'topics' without --check to create it";
            case PARTITIONS -> Integer.parseInt(actual) > Integer.parseInt(expected)
                    ? "partitions can never be decreased: recreate the topic, or pass --partitions " + actual
                    : "add partitions with kafka-topics --alter (moves rollupIds to other partitions), "
                            + "or pass --partitions " + actual;
            case REPLICATION_FACTOR -> "reassign replicas with kafka-reassign-partitions";
            case CONFIG -> "run 'topics --alter-configs' to set it";
            case NOT_CO_PARTITIONED -> "give every ingest topic the same partition count; joins by rollupId need it";
        };
    }
}
