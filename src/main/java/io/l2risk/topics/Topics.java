package io.l2risk.topics;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.TopicConfig;

import io.l2risk.avro.BatchPosted;
import io.l2risk.avro.BridgeEvent;
import io.l2risk.avro.DaObservation;
import io.l2risk.avro.DeadLetter;
import io.l2risk.avro.IndicatorSnapshot;
import io.l2risk.avro.IngestCursor;
import io.l2risk.avro.IngestProgress;
import io.l2risk.avro.ProofEvent;
import io.l2risk.avro.RiskAlert;
import io.l2risk.avro.RollupRiskStatus;

/**
 * The registry of every topic of the pipeline (design.md §3), built once from {@link TopicSettings}
 * and passed to whoever reads or writes a topic. Immutable.
 *
 * <p>Invariants: one spec per {@link TopicRole}, distinct names, and all ingest topics have the same
 * partition count (they are co-partitioned by rollupId, which the engine's joins rely on).
 */
public final class Topics {

    private static final String ROLLUP_ID = "rollupId";

    private final String prefix;
    private final Map<TopicRole, TopicSpec<?>> byRole;

    private Topics(String prefix, Map<TopicRole, TopicSpec<?>> byRole) {
        this.prefix = prefix;
        this.byRole = byRole;
    }

    /** Builds every topic of design.md §3 from {@code settings}. */
    public static Topics from(TopicSettings s) {
        Map<TopicRole, TopicSpec<?>> specs = new EnumMap<>(TopicRole.class);
        put(specs, s, TopicRole.INGEST_BATCHES, ROLLUP_ID, BatchPosted.class, s.ingestRetention());
        put(specs, s, TopicRole.INGEST_PROOFS, ROLLUP_ID, ProofEvent.class, s.ingestRetention());
        put(specs, s, TopicRole.INGEST_BRIDGE, ROLLUP_ID, BridgeEvent.class, s.ingestRetention());
        put(specs, s, TopicRole.INGEST_DA, ROLLUP_ID, DaObservation.class, s.ingestRetention());
        put(specs, s, TopicRole.INGEST_PROGRESS, ROLLUP_ID, IngestProgress.class, s.ingestRetention());
        putCompacted(specs, s, TopicRole.INGEST_CURSOR, "l1ChainId/ingesterId", IngestCursor.class);
        put(specs, s, TopicRole.RISK_ALERTS, ROLLUP_ID, RiskAlert.class, s.alertsRetention());
        putCompacted(specs, s, TopicRole.RISK_INDICATORS, "rollupId/indicator", IndicatorSnapshot.class);
        putCompacted(specs, s, TopicRole.RISK_STATUS, ROLLUP_ID, RollupRiskStatus.class);
        put(specs, s, TopicRole.DLQ, "key of the failed record", DeadLetter.class, s.dlqRetention());
        return new Topics(s.prefix(), specs);
    }

    /** The common prefix of every name. */
    public String prefix() {
        return prefix;
    }

    /** Every topic, in {@link TopicRole} order. */
    public List<TopicSpec<?>> all() {
        return List.copyOf(byRole.values());
    }

    /** The co-partitioned ingest topics, in {@link TopicRole} order. */
    public List<TopicSpec<?>> ingest() {
        return byRole.values().stream().filter(TopicSpec::isIngest).toList();
    }

    /** The topic of {@code role}. */
    public TopicSpec<?> get(TopicRole role) {
        return byRole.get(role);
    }

    /**
     * The ingest topic that carries records of {@code type} (BatchPosted → ingest.batches, ...).
     *
     * @throws IllegalArgumentException if {@code type} is not an ingest record type
     */
    @SuppressWarnings("unchecked")
    public <V extends SpecificRecord> TopicSpec<V> ingestTopicFor(Class<V> type) {
        return (TopicSpec<V>) ingest().stream()
                .filter(t -> t.valueType().equals(type))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(type.getName() + " is not an ingest record type"));
    }

    /** The topic called {@code name}, if it is one of ours. */
    public Optional<TopicSpec<?>> byName(String name) {
        return byRole.values().stream().filter(t -> t.name().equals(name)).findFirst();
    }

    public TopicSpec<BatchPosted> batches() {
        return typed(TopicRole.INGEST_BATCHES, BatchPosted.class);
    }

    public TopicSpec<ProofEvent> proofs() {
        return typed(TopicRole.INGEST_PROOFS, ProofEvent.class);
    }

    public TopicSpec<BridgeEvent> bridge() {
        return typed(TopicRole.INGEST_BRIDGE, BridgeEvent.class);
    }

    public TopicSpec<DaObservation> da() {
        return typed(TopicRole.INGEST_DA, DaObservation.class);
    }

    public TopicSpec<IngestProgress> progress() {
        return typed(TopicRole.INGEST_PROGRESS, IngestProgress.class);
    }

    /** The ingester's cursor per L1 chain and ingester id (compacted). */
    public TopicSpec<IngestCursor> cursor() {
        return typed(TopicRole.INGEST_CURSOR, IngestCursor.class);
    }

    public TopicSpec<RiskAlert> alerts() {
        return typed(TopicRole.RISK_ALERTS, RiskAlert.class);
    }

    public TopicSpec<IndicatorSnapshot> indicators() {
        return typed(TopicRole.RISK_INDICATORS, IndicatorSnapshot.class);
    }

    public TopicSpec<RollupRiskStatus> status() {
        return typed(TopicRole.RISK_STATUS, RollupRiskStatus.class);
    }

    public TopicSpec<DeadLetter> dlq() {
        return typed(TopicRole.DLQ, DeadLetter.class);
    }

    @Override
    public String toString() {
        return "Topics" + byRole.values().stream().map(TopicSpec::name).toList();
    }

    @SuppressWarnings("unchecked")
    private <V extends SpecificRecord> TopicSpec<V> typed(TopicRole role, Class<V> valueType) {
        TopicSpec<?> spec = byRole.get(role);
        if (spec.valueType() != valueType) {
            throw new IllegalStateException(role + " holds " + spec.valueType().getName());
        }
        return (TopicSpec<V>) spec;
    }

    private static <V extends SpecificRecord> void put(Map<TopicRole, TopicSpec<?>> specs, TopicSettings s,
            TopicRole role, String key, Class<V> valueType, Duration retention) {
        specs.put(role, new TopicSpec<>(s.prefix() + role.suffix(), role, key, valueType, s.partitions(),
                s.replicationFactor(), CleanupPolicy.DELETE, Map.of(
                        TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention.toMillis()),
                        TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(s.minInsyncReplicas()))));
    }

    private static <V extends SpecificRecord> void putCompacted(Map<TopicRole, TopicSpec<?>> specs,
            TopicSettings s, TopicRole role, String key, Class<V> valueType) {
        specs.put(role, new TopicSpec<>(s.prefix() + role.suffix(), role, key, valueType, s.partitions(),
                s.replicationFactor(), CleanupPolicy.COMPACT, Map.of(
                        TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG, Long.toString(s.minCompactionLag().toMillis()),
                        TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(s.minInsyncReplicas()))));
    }
}
