package io.l2risk.topics;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.TopicConfig;

/**
 * One topic of the pipeline: its name, what it carries and how the cluster must keep it. Keys are
 * always strings (design.md §3); {@code valueType} lets a serde be chosen for the topic later without
 * this registry holding serde instances.
 *
 * @param name              full topic name, prefix included
 * @param role              what the topic is for
 * @param keyDescription    what the string key holds, e.g. {@code rollupId}
 * @param valueType         the Avro record class of every value
 * @param partitions        partition count
 * @param replicationFactor replicas per partition
 * @param cleanupPolicy     delete or compact
 * @param configs           the topic configs we manage (and check), {@code cleanup.policy} included;
 *                          any other topic config is left to the cluster
 * @param <V>               the value record type
 */
public record TopicSpec<V extends SpecificRecord>(
        String name,
        TopicRole role,
        String keyDescription,
        Class<V> valueType,
        int partitions,
        short replicationFactor,
        CleanupPolicy cleanupPolicy,
        Map<String, String> configs) {

    private static final Pattern LEGAL_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    /** Validates and freezes the spec; {@code cleanup.policy} in {@code configs} is set from {@code cleanupPolicy}. */
    public TopicSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(keyDescription, "keyDescription");
        Objects.requireNonNull(valueType, "valueType");
        Objects.requireNonNull(cleanupPolicy, "cleanupPolicy");
        if (!LEGAL_NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("illegal topic name '" + name
                    + "': use 1 to 249 of a-z A-Z 0-9 . _ -");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException(name + ": partitions must be at least 1, not " + partitions);
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException(name + ": replication factor must be at least 1, not " + replicationFactor);
        }
        Map<String, String> copy = new TreeMap<>(configs);
        copy.put(TopicConfig.CLEANUP_POLICY_CONFIG, cleanupPolicy.configValue());
        configs = Collections.unmodifiableMap(copy);
    }

    /** Whether this is an ingest topic (keyed by rollupId, co-partitioned with the others). */
    public boolean isIngest() {
        return role.isIngest();
    }

    /** How long records are kept, for topics with the delete policy. */
    public Optional<Duration> retention() {
        return Optional.ofNullable(configs.get(TopicConfig.RETENTION_MS_CONFIG))
                .map(ms -> Duration.ofMillis(Long.parseLong(ms)));
    }
}
