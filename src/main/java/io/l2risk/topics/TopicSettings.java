package io.l2risk.topics;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

import io.l2risk.config.ConfigurationException;

/**
 * The operator's choices from which {@link Topics} is built. Immutable; start from
 * {@link #defaults()} and change what differs with the {@code with*} methods.
 *
 * @param prefix            common prefix of every topic name, may be empty
 * @param partitions        partitions of every topic; one count keeps the ingest topics co-partitioned
 * @param replicationFactor replicas per partition
 * @param ingestRetention   how long ingest records are kept
 * @param alertsRetention   how long alert lifecycle events are kept
 * @param dlqRetention      how long dead letters are kept
 * @param minCompactionLag  how long a record of a compacted topic stays before it may be compacted away
 */
public record TopicSettings(
        String prefix,
        int partitions,
        short replicationFactor,
        Duration ingestRetention,
        Duration alertsRetention,
        Duration dlqRetention,
        Duration minCompactionLag) {

    public static final String DEFAULT_PREFIX = "l2risk.";
    /** Room for 6 instances (or threads) sharing the work; partitions can be added, never removed. */
    public static final int DEFAULT_PARTITIONS = 6;
    /** What a production Kafka operator expects; use 1 on a single-broker dev cluster. */
    public static final short DEFAULT_REPLICATION_FACTOR = 3;
    /**
     * Ingest topics are the replayable history of L1: the engine's baselines look back 30 days, so a
     * new or reset application must be able to re-read 30 days to rebuild them.
     */
    public static final int DEFAULT_INGEST_RETENTION_DAYS = 30;
    /** Alerts are the audit trail of incidents; a quarter covers post-mortems and reviews. */
    public static final int DEFAULT_ALERTS_RETENTION_DAYS = 90;
    /** Long enough to notice, fix and replay dead letters, like the ingest data they came from. */
    public static final int DEFAULT_DLQ_RETENTION_DAYS = 30;
    /** A consumer less than an hour behind still sees every status and indicator change. */
    public static final int DEFAULT_MIN_COMPACTION_LAG_HOURS = 1;

    private static final Pattern LEGAL_PREFIX = Pattern.compile("[a-zA-Z0-9._-]*");
    // Kafka's limit is 249; leave room for the longest suffix we append.
    private static final int MAX_PREFIX_LENGTH = 249 - "risk.indicators".length();

    /** Validates every value; a bad one fails with a message naming it. */
    public TopicSettings {
        Objects.requireNonNull(prefix, "prefix");
        if (!LEGAL_PREFIX.matcher(prefix).matches() || prefix.length() > MAX_PREFIX_LENGTH) {
            throw new ConfigurationException("topic prefix '" + prefix + "' is not allowed: use at most "
                    + MAX_PREFIX_LENGTH + " of a-z A-Z 0-9 . _ -");
        }
        if (partitions < 1) {
            throw new ConfigurationException("partitions must be at least 1, not " + partitions);
        }
        if (replicationFactor < 1) {
            throw new ConfigurationException("replication factor must be at least 1, not " + replicationFactor);
        }
        requirePositive("ingest retention", ingestRetention);
        requirePositive("alerts retention", alertsRetention);
        requirePositive("dlq retention", dlqRetention);
        Objects.requireNonNull(minCompactionLag, "minCompactionLag");
        if (minCompactionLag.isNegative()) {
            throw new ConfigurationException("min compaction lag must not be negative, not " + minCompactionLag);
        }
    }

    /** The defaults above, prefix {@value #DEFAULT_PREFIX}. */
    public static TopicSettings defaults() {
        return new TopicSettings(DEFAULT_PREFIX, DEFAULT_PARTITIONS, DEFAULT_REPLICATION_FACTOR,
                Duration.ofDays(DEFAULT_INGEST_RETENTION_DAYS), Duration.ofDays(DEFAULT_ALERTS_RETENTION_DAYS),
                Duration.ofDays(DEFAULT_DLQ_RETENTION_DAYS), Duration.ofHours(DEFAULT_MIN_COMPACTION_LAG_HOURS));
    }

    /** {@code min.insync.replicas} for this replication factor: 2 where there is redundancy, else 1. */
    public int minInsyncReplicas() {
        return Math.min(2, replicationFactor);
    }

    public TopicSettings withPrefix(String newPrefix) {
        return new TopicSettings(newPrefix, partitions, replicationFactor, ingestRetention, alertsRetention,
                dlqRetention, minCompactionLag);
    }

    public TopicSettings withPartitions(int newPartitions) {
        return new TopicSettings(prefix, newPartitions, replicationFactor, ingestRetention, alertsRetention,
                dlqRetention, minCompactionLag);
    }

    public TopicSettings withReplicationFactor(short newReplicationFactor) {
        return new TopicSettings(prefix, partitions, newReplicationFactor, ingestRetention, alertsRetention,
                dlqRetention, minCompactionLag);
    }

    public TopicSettings withIngestRetention(Duration retention) {
        return new TopicSettings(prefix, partitions, replicationFactor, retention, alertsRetention,
                dlqRetention, minCompactionLag);
    }

    public TopicSettings withAlertsRetention(Duration retention) {
        return new TopicSettings(prefix, partitions, replicationFactor, ingestRetention, retention,
                dlqRetention, minCompactionLag);
    }

    public TopicSettings withDlqRetention(Duration retention) {
        return new TopicSettings(prefix, partitions, replicationFactor, ingestRetention, alertsRetention,
                retention, minCompactionLag);
    }

    public TopicSettings withMinCompactionLag(Duration lag) {
        return new TopicSettings(prefix, partitions, replicationFactor, ingestRetention, alertsRetention,
                dlqRetention, lag);
    }

    private static void requirePositive(String what, Duration d) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) {
            throw new ConfigurationException(what + " must be positive, not " + d);
        }
    }
}
