package io.l2risk.streams;

import io.l2risk.topics.TopicSpec;
import io.l2risk.topics.Topics;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.AutoOffsetReset;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;

/**
 * The risk-engine topology (design.md §3–§4), a pure function of its config, the topic registry and
 * the serdes. Every node and store is named here, once.
 *
 * <pre>
 *   ingest-source ──► risk-engine ──► alerts-sink      → risk.alerts      key rollupId            (delete)
 *   (5 ingest topics,  [rollup-state] ──► indicators-sink → risk.indicators key rollupId/indicator  (compact)
 *    raw bytes)                       ──► status-sink      → risk.status      key rollupId            (compact)
 *                                     ──► dlq-sink         → dlq              key original key bytes  (delete)
 * </pre>
 *
 * <ul>
 *   <li>{@value #SOURCE_INGEST}: the five co-partitioned ingest topics, key and value as raw bytes
 *       (decoded by the processor, so dead letters keep the exact bytes), from the earliest offset for
 *       a new application (the ingest topics keep the history the baselines need). The record
 *       timestamp is the producer's (the ingester sets it to the record's L1 time); the engine reads
 *       L1 time from the records themselves.</li>
 *   <li>{@value #PROCESSOR_RISK_ENGINE}: see {@link RiskEngineProcessor} (validation, dead letters,
 *       per-rollup engine state, wall-clock stale check every {@code staleCheckInterval}).</li>
 *   <li>{@value #STORE_ROLLUP_STATE}: {@link RollupStateStore}, the rollups' engines kept alive and
 *       written at each commit to a persistent (RocksDB) key-value store, rollupId → engine state
 *       (≤ 64 KiB per rollup), one entry per rollup, no expiry, changelogged to the compacted topic
 *       {@code <application.id>-rollup-state-changelog}.</li>
 *   <li>Sinks: every output record's timestamp is the L1 time of the transition or update it
 *       carries; a dead letter keeps the timestamp of the record it replaces.</li>
 * </ul>
 *
 * <p>The topology is built with {@code ensure.explicit.internal.resource.naming=true}, so a future
 * unnamed internal topic or store fails at build time instead of getting a generated name.
 */
public final class RiskTopology {

    public static final String SOURCE_INGEST = "ingest-source";
    public static final String PROCESSOR_RISK_ENGINE = "risk-engine";
    public static final String STORE_ROLLUP_STATE = "rollup-state";
    /**
     * Header on every alert, snapshot and status written for an ingest record, naming that record:
     * {@code topic-partition@offset} (UTF-8). Outputs of the wall-clock stale check have none.
     */
    public static final String HEADER_SOURCE = "l2risk.source";
    public static final String SINK_ALERTS = "alerts-sink";
    public static final String SINK_INDICATORS = "indicators-sink";
    public static final String SINK_STATUS = "status-sink";
    public static final String SINK_DLQ = "dlq-sink";

    private RiskTopology() {
    }

    /**
     * Builds the topology.
     *
     * @throws IllegalArgumentException if the dead letters go elsewhere than the registry's DLQ topic
     */
    public static Topology build(RiskTopologyConfig config, Topics topics, RiskSerdes serdes) {
        if (!config.deadLetters().topic().equals(topics.dlq().name())) {
            throw new IllegalArgumentException("dead letters go to " + config.deadLetters().topic()
                    + " but the DLQ topic is " + topics.dlq().name());
        }
        Topology topology = new Topology(topologyConfig(config.streams()));
        topology.addSource(AutoOffsetReset.earliest(), SOURCE_INGEST, new ByteArrayDeserializer(),
                new ByteArrayDeserializer(), topics.ingest().stream().map(TopicSpec::name).toArray(String[]::new));
        topology.addProcessor(PROCESSOR_RISK_ENGINE, () -> new RiskEngineProcessor(config.engine(),
                serdes.ingestValues(), config.deadLetters(), config.staleCheckInterval(), config.counts()), SOURCE_INGEST);
        topology.addStateStore(RollupStateStore.builder(STORE_ROLLUP_STATE, config.engine())
                .withLoggingEnabled(Map.of()), PROCESSOR_RISK_ENGINE);
        topology.addSink(SINK_ALERTS, topics.alerts().name(), new StringSerializer(), serdes.alerts(),
                PROCESSOR_RISK_ENGINE);
        topology.addSink(SINK_INDICATORS, topics.indicators().name(), new StringSerializer(), serdes.indicators(),
                PROCESSOR_RISK_ENGINE);
        topology.addSink(SINK_STATUS, topics.status().name(), new StringSerializer(), serdes.status(),
                PROCESSOR_RISK_ENGINE);
        topology.addSink(SINK_DLQ, topics.dlq().name(), new ByteArraySerializer(), serdes.deadLetters(),
                PROCESSOR_RISK_ENGINE);
        return topology;
    }

    private static TopologyConfig topologyConfig(StreamsConfig streams) {
        Properties overrides = new Properties();
        overrides.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        return new TopologyConfig(null, streams, overrides);
    }
}
