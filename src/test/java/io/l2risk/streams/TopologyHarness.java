package io.l2risk.streams;

import io.l2risk.avro.DeadLetter;
import io.l2risk.avro.IndicatorSnapshot;
import io.l2risk.avro.RiskAlert;
import io.l2risk.avro.RollupRiskStatus;
import io.l2risk.engine.RiskEngine;
import io.l2risk.records.IngestRecords;
import io.l2risk.serde.AvroDeserializer;
import io.l2risk.serde.AvroSerializer;
import io.l2risk.serde.MockSchemaRegistry;
import io.l2risk.serde.SchemaRegistryClient;
import io.l2risk.serde.SchemaRegistryConfig;
import io.l2risk.topics.TopicSettings;
import io.l2risk.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The risk topology in a TopologyTestDriver: mock:// registry, exactly-once, a fixed wall clock
 * ({@link #WALL}) that only {@link #advanceWallClock} moves, and ingest records piped with their L1
 * time as record timestamp.
 */
final class TopologyHarness implements AutoCloseable {

    /** The wall clock the driver starts at: after every fixture's L1 time, within a day of none. */
    static final Instant WALL = Instant.parse("2026-01-01T00:00:00Z");
    static final String APPLICATION_ID = "risk-test";
    static final Duration STALE_CHECK_INTERVAL = Duration.ofSeconds(30);

    private static final AtomicInteger SCOPES = new AtomicInteger();

    final Topics topics = Topics.from(TopicSettings.defaults());
    final ErrorCounts counts = new ErrorCounts();
    final EngineCounts engineCounts = new EngineCounts();
    final SchemaRegistryClient registry;
    private final String scope;
    private final RiskSerdes serdes;
    private final Topology topology;
    private final TopologyTestDriver driver;
    private final AvroSerializer<SpecificRecord> ingestSerializer;
    private final TestOutputTopic<String, RiskAlert> alerts;
    private final TestOutputTopic<String, IndicatorSnapshot> indicators;
    private final TestOutputTopic<String, RollupRiskStatus> status;
    private final TestOutputTopic<byte[], DeadLetter> deadLetters;

    TopologyHarness(RiskEngine engine, Path stateDir) {
        this(engine, stateDir, null);
    }

    /** With {@code registryClient} = null, a fresh mock:// scope. */
    TopologyHarness(RiskEngine engine, Path stateDir, SchemaRegistryClient registryClient) {
        scope = "topology-" + SCOPES.incrementAndGet();
        registry = registryClient != null ? registryClient : MockSchemaRegistry.forScope(scope);
        serdes = RiskSerdes.withClient(registry, Map.of(SchemaRegistryConfig.URL, "mock://" + scope));
        DeadLetters dead = new DeadLetters(topics.dlq().name(), APPLICATION_ID, serdes.deadLetters(), counts,
                WALL::toEpochMilli);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "topology-test:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.putAll(StreamsErrorHandling.configs(dead));
        topology = RiskTopology.build(new RiskTopologyConfig(new StreamsConfig(props), engine,
                STALE_CHECK_INTERVAL, dead, engineCounts), topics, serdes);
        driver = new TopologyTestDriver(topology, props, WALL);
        ingestSerializer = new AvroSerializer<>(registry);
        alerts = driver.createOutputTopic(topics.alerts().name(), new StringDeserializer(),
                new AvroDeserializer<>(registry, RiskAlert.class));
        indicators = driver.createOutputTopic(topics.indicators().name(), new StringDeserializer(),
                new AvroDeserializer<>(registry, IndicatorSnapshot.class));
        status = driver.createOutputTopic(topics.status().name(), new StringDeserializer(),
                new AvroDeserializer<>(registry, RollupRiskStatus.class));
        deadLetters = driver.createOutputTopic(topics.dlq().name(), new ByteArrayDeserializer(),
                new AvroDeserializer<>(registry, DeadLetter.class));
    }

    /** Pipes {@code event} to its ingest topic, keyed by its rollupId, at its L1 time. */
    void pipe(SpecificRecord event) {
        pipe(IngestRecords.rollupId(event), event);
    }

    void pipe(String key, SpecificRecord event) {
        driver.createInputTopic(topics.ingestTopicFor(event.getClass()).name(), new StringSerializer(), ingestSerializer)
                .pipeInput(key, event, IngestRecords.eventTime(event));
    }

    void pipeAll(List<? extends SpecificRecord> events) {
        events.forEach(this::pipe);
    }

    /** Pipes raw bytes to {@code topic}. */
    void pipeRaw(String topic, byte[] key, byte[] value, Instant timestamp) {
        pipeRaw(topic, key, value, timestamp, new RecordHeaders());
    }

    void pipeRaw(String topic, byte[] key, byte[] value, Instant timestamp, Headers headers) {
        driver.createInputTopic(topic, new ByteArraySerializer(), new ByteArraySerializer())
                .pipeInput(new TestRecord<>(key, value, headers, timestamp));
    }

    /** The bytes {@link #pipe} puts on the wire for {@code event}. */
    byte[] serialize(SpecificRecord event) {
        return ingestSerializer.serialize(topics.ingestTopicFor(event.getClass()).name(), event);
    }

    TopologyDescription description() {
        return topology.describe();
    }

    void advanceWallClock(Duration duration) {
        driver.advanceWallClockTime(duration);
    }

    List<TestRecord<String, RiskAlert>> alerts() {
        return alerts.readRecordsToList();
    }

    List<RiskAlert> alertValues() {
        return alerts.readValuesToList();
    }

    List<TestRecord<String, IndicatorSnapshot>> indicators() {
        return indicators.readRecordsToList();
    }

    List<TestRecord<String, RollupRiskStatus>> status() {
        return status.readRecordsToList();
    }

    List<TestRecord<byte[], DeadLetter>> deadLetters() {
        return deadLetters.readRecordsToList();
    }

    /** The changelog of the rollup-state store, as written so far. */
    List<TestRecord<String, byte[]>> changelog() {
        return driver.createOutputTopic(APPLICATION_ID + "-" + RiskTopology.STORE_ROLLUP_STATE + "-changelog",
                new StringDeserializer(), new ByteArrayDeserializer()).readRecordsToList();
    }

    RollupStateStore store() {
        return (RollupStateStore) driver.getAllStateStores().get(RiskTopology.STORE_ROLLUP_STATE);
    }

    @Override
    public void close() {
        driver.close();
        serdes.close();
        MockSchemaRegistry.drop(scope);
    }
}
