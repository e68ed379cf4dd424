package io.l2risk.bench;

import io.l2risk.app.RiskApp;
import io.l2risk.app.RollupProfiles;
import io.l2risk.config.KafkaClientSettings;
import io.l2risk.embedded.ApicurioRegistry;
import io.l2risk.embedded.Dirs;
import io.l2risk.embedded.EmbeddedKafkaCluster;
import io.l2risk.engine.EngineSettings;
import io.l2risk.engine.RiskEngine;
import io.l2risk.registry.RollupRegistry;
import io.l2risk.serde.SchemaRegistryConfig;
import io.l2risk.streams.RiskTopology;
import io.l2risk.topics.EnsureResult;
import io.l2risk.topics.TopicManager;
import io.l2risk.topics.TopicSettings;
import io.l2risk.topics.TopicSpec;
import io.l2risk.topics.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka phases of {@code bench}, in one run on a running cluster and schema registry:
 * <ol>
 *   <li><b>load</b>: the records serialized once as the ingester writes them ({@link EncodedRecord}),
 *       then produced as fast as an idempotent {@code acks=all} producer goes into the five ingest
 *       topics of prefix {@code <prefix>tp.}: Kafka's own rate on this machine, a reference;</li>
 *   <li><b>pass-through</b>: a Streams application with the risk engine's Streams config (same
 *       processing guarantee, commit interval, {@code max.task.idle.ms}) that copies the five ingest
 *       topics, as bytes, to one output topic: the cost of Kafka Streams itself;</li>
 *   <li><b>topology</b>: the real {@link RiskApp} (config, serdes, dead letters, topology) over the
 *       same ingest topics, with its own application id; afterwards the size of its state store (by
 *       interactive query) and the records it wrote;</li>
 *   <li><b>latency</b>: another {@link RiskApp} on fresh topics ({@code <prefix>lat.}) fed at a fixed
 *       rate; see {@link LatencyRun}.</li>
 * </ol>
 *
 * <p>Phases (2) and (3) run with {@code max.task.idle.ms=0} instead of the engine's
 * {@value RiskApp#DEFAULT_MAX_TASK_IDLE_MS}: their input is complete on the broker before they start,
 * and then both values give the same processing order (Streams still waits for the data of a
 * partition whose fetched lag is above 0); the only difference is at the end, where with 5 s a task
 * stalls 5 s each time one of its five partitions runs out before the others — up to 20 s added to a
 * run of any size. Phase (4), where records arrive while the engine runs, keeps the engine's value.
 * A {@code max.task.idle.ms} in {@link Settings#streamsOverrides} applies to every phase.
 *
 * <p>Throughput of (2) and (3) = records / time from the first record processed (the stream
 * threads' {@code process-total} metric turning positive, polled every 5 ms) to the first poll
 * (every 50 ms) that finds the group's committed offsets equal to the input's end offsets. The end
 * is therefore seen up to one commit interval plus one poll late: negligible for runs of many
 * seconds, dominant for tiny ones.
 *
 * <p>Each Streams application has its own application id and state directory under the work
 * directory, deleted when it is closed. The topics are left on the cluster. Progress lines go to the
 * caller's writer; nothing is printed to the console.
 */
public final class StreamsBench {

    /** The stream-thread metric counting records processed (Streams' INFO-level thread metrics). */
    static final String PROCESS_TOTAL = "process-total";
    static final String THREAD_METRICS_GROUP = "stream-thread-metrics";
    static final Duration FIRST_RECORD_POLL = Duration.ofMillis(5);
    static final Duration COMMIT_POLL = Duration.ofMillis(50);
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    /**
     * The simulator's history reaches months back, beyond the topics' default 30-day retention: the
     * broker would delete records before the phases read them.
     */
    static final Duration RETENTION = Duration.ofDays(3650);

    private static final Logger log = LoggerFactory.getLogger(StreamsBench.class);

    /**
     * What to run against and how.
     *
     * @param bootstrapServers  the cluster (already started)
     * @param schemaRegistryUrl its Confluent-API schema registry
     * @param replicationFactor replicas of every topic the bench creates
     * @param partitions        partitions of every topic (default {@value TopicSettings#DEFAULT_PARTITIONS},
     *                          as {@code run})
     * @param prefix            prefix of the bench's topics ({@code <prefix>tp.}, {@code <prefix>lat.}) and
     *                          application ids; must be new on the cluster
     * @param workDir           where the applications' state directories go (deleted after each phase)
     * @param latencyRate       records per second offered in the latency phase
     * @param latencyDuration   how long the latency phase offers them
     * @param quietPeriod       the latency phase stops waiting for outputs once none arrived for this long
     * @param timeout           longest wait of any step (an application catching up, a store opening)
     * @param streamsOverrides  Streams settings laid over the application config in phases (2)-(4), e.g.
     *                          {@code num.stream.threads}; empty = the risk engine's config as shipped
     * @param engine            the risk engine's settings in phases (3) and (4)
     * @param warmUpRecords     phases (2) and (3) first run, unmeasured, on their own topics over this many
     *                          of the records, so the measured runs find the JIT-compiled code that a
     *                          long-running instance has (0 = no warm-up)
     */
    public record Settings(String bootstrapServers, String schemaRegistryUrl, short replicationFactor,
                           int partitions, String prefix, Path workDir, int latencyRate, Duration latencyDuration,
                           Duration quietPeriod, Duration timeout, Map<String, String> streamsOverrides,
                           EngineSettings engine, int warmUpRecords) {

        public static final String DEFAULT_PREFIX = "l2risk-bench.";
        public static final int DEFAULT_LATENCY_RATE = 10_000;
        public static final Duration DEFAULT_LATENCY_DURATION = Duration.ofSeconds(30);
        public static final Duration DEFAULT_QUIET_PERIOD = Duration.ofSeconds(3);
        public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);
        public static final int DEFAULT_WARM_UP_RECORDS = 100_000;

        public Settings {
            Objects.requireNonNull(bootstrapServers, "bootstrapServers");
            Objects.requireNonNull(schemaRegistryUrl, "schemaRegistryUrl");
            Objects.requireNonNull(workDir, "workDir");
            if (replicationFactor < 1 || partitions < 1 || latencyRate < 1) {
                throw new IllegalArgumentException("replication factor, partitions and latency rate must be at least 1");
            }
            // Topic names start with the prefix: the topics' rules for it apply.
            TopicSettings.defaults().withPrefix(prefix);
            for (Duration d : List.of(latencyDuration, quietPeriod, timeout)) {
                if (d.isNegative() || d.isZero()) {
                    throw new IllegalArgumentException("durations must be positive, not " + d);
                }
            }
            streamsOverrides = Map.copyOf(streamsOverrides);
            Objects.requireNonNull(engine, "engine");
            if (warmUpRecords < 0) {
                throw new IllegalArgumentException("warm-up records must not be negative, not " + warmUpRecords);
            }
        }

        /** Defaults: replication 1, {@value TopicSettings#DEFAULT_PARTITIONS} partitions, 10,000 records/s for 30 s. */
        public static Settings of(String bootstrapServers, String schemaRegistryUrl, Path workDir) {
            return new Settings(bootstrapServers, schemaRegistryUrl, (short) 1, TopicSettings.DEFAULT_PARTITIONS,
                    DEFAULT_PREFIX, workDir, DEFAULT_LATENCY_RATE, DEFAULT_LATENCY_DURATION, DEFAULT_QUIET_PERIOD,
                    DEFAULT_TIMEOUT, Map.of(), EngineSettings.defaults(),
                    DEFAULT_WARM_UP_RECORDS);
        }

        /** The defaults on the embedded services, topics replicated on every broker (as {@code run} does). */
        public static Settings of(EmbeddedKafkaCluster kafka, ApicurioRegistry registry, Path workDir) {
            return of(kafka.bootstrapServers(), registry.confluentApiUrl(), workDir)
                    .withReplicationFactor((short) kafka.brokerCount());
        }

        public Settings withReplicationFactor(short factor) {
            return new Settings(bootstrapServers, schemaRegistryUrl, factor, partitions, prefix, workDir, latencyRate,
                    latencyDuration, quietPeriod, timeout, streamsOverrides, engine, warmUpRecords);
        }

        public Settings withPartitions(int count) {
            return new Settings(bootstrapServers, schemaRegistryUrl, replicationFactor, count, prefix, workDir,
                    latencyRate, latencyDuration, quietPeriod, timeout, streamsOverrides, engine, warmUpRecords);
        }

        public Settings withPrefix(String newPrefix) {
            return new Settings(bootstrapServers, schemaRegistryUrl, replicationFactor, partitions, newPrefix, workDir,
                    latencyRate, latencyDuration, quietPeriod, timeout, streamsOverrides, engine, warmUpRecords);
        }

        /** The latency phase offers {@code rate} records per second for {@code duration}. */
        public Settings withLatency(int rate, Duration duration) {
            return new Settings(bootstrapServers, schemaRegistryUrl, replicationFactor, partitions, prefix, workDir,
                    rate, duration, quietPeriod, timeout, streamsOverrides, engine, warmUpRecords);
        }

        public Settings withQuietPeriod(Duration quiet) {
            return new Settings(bootstrapServers, schemaRegistryUrl, replicationFactor, partitions, prefix, workDir,
                    latencyRate, latencyDuration, quiet, timeout, streamsOverrides, engine, warmUpRecords);
        }

        public Settings withTimeout(Duration newTimeout) {
            return new Settings(bootstrapServers, schemaRegistryUrl, replicationFactor, partitions, prefix, workDir,
                    latencyRate, latencyDuration, quietPeriod, newTimeout, streamsOverrides, engine, warmUpRecords);
        }

        public Settings withStreamsOverrides(Map<String, String> overrides) {
            return new Settings(bootstrapServers, schemaRegistryUrl, replicationFactor, partitions, prefix, workDir,
                    latencyRate, latencyDuration, quietPeriod, timeout, overrides, engine, warmUpRecords);
        }

        /** The risk engine's settings in phases (3) and (4), e.g. another snapshot interval. */
        public Settings withEngine(EngineSettings newEngine) {
            return new Settings(bootstrapServers, schemaRegistryUrl, replicationFactor, partitions, prefix, workDir,
                    latencyRate, latencyDuration, quietPeriod, timeout, streamsOverrides, newEngine, warmUpRecords);
        }

        /** Phases (2) and (3) first run, unmeasured, over this many of the records (0 = no warm-up). */
        public Settings withWarmUp(int records) {
            return new Settings(bootstrapServers, schemaRegistryUrl, replicationFactor, partitions, prefix, workDir,
                    latencyRate, latencyDuration, quietPeriod, timeout, streamsOverrides, engine, records);
        }

        /** Records the latency phase sends: {@code latencyRate × latencyDuration}. */
        public long latencyRecords() {
            return latencyRate * latencyDuration.toMillis() / 1000;
        }

        Map<String, Object> serdeConfigs() {
            return Map.of(SchemaRegistryConfig.URL, schemaRegistryUrl);
        }

        Map<String, Object> clientProperties() {
            return Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        }

        Topics topics(String phase) {
            return Topics.from(TopicSettings.defaults().withPrefix(prefix + phase + ".").withPartitions(partitions)
                    .withReplicationFactor(replicationFactor).withIngestRetention(RETENTION)
                    .withAlertsRetention(RETENTION).withDlqRetention(RETENTION));
        }
    }

    /**
     * Everything measured, as plain numbers.
     *
     * @param records             records of the throughput phases (N)
     * @param partitions          partitions of every topic
     * @param processingGuarantee Streams' {@code processing.guarantee} of phases (2)-(4)
     * @param commitIntervalMs    Streams' effective {@code commit.interval.ms} of phases (2)-(4)
     * @param throughputMaxTaskIdleMs Streams' {@code max.task.idle.ms} of phases (2) and (3)
     * @param latencyMaxTaskIdleMs    Streams' {@code max.task.idle.ms} of phase (4), the engine's
     * @param streamThreads       Streams' {@code num.stream.threads} of phases (2)-(4)
     * @param load                phase (1)
     * @param passThrough         phase (2)
     * @param topology            phase (3)
     * @param topologyRatio       topology records/s ÷ pass-through records/s
     * @param store               the topology's state store after phase (3)
     * @param outputs             what the topology wrote in phase (3)
     * @param latency             phase (4)
     */
    public record Results(long records, int partitions, String processingGuarantee, long commitIntervalMs,
                          long throughputMaxTaskIdleMs, long latencyMaxTaskIdleMs, int streamThreads, Load load, Throughput passThrough,
                          Throughput topology, double topologyRatio, Store store, Outputs outputs,
                          LatencyResult latency) {
    }

    /**
     * Phase (1), the producer alone.
     *
     * @param records          records produced
     * @param bytes            serialized key and value bytes produced
     * @param serializeSeconds time to serialize them all (Avro, schema registered once per topic)
     * @param seconds          from the first send to the end of {@code flush()} (every record acknowledged)
     * @param perSecond        records / seconds
     */
    public record Load(long records, long bytes, double serializeSeconds, double seconds, double perSecond) {
    }

    /**
     * Phase (2) or (3).
     *
     * @param records        input records the application committed (N when it read everything)
     * @param startupSeconds from {@code start()} to the first record processed (rebalance, task creation)
     * @param seconds        from the first record processed to committed offsets = end offsets
     * @param perSecond      records / seconds
     */
    public record Throughput(long records, double startupSeconds, double seconds, double perSecond) {
    }

    /**
     * The topology's state store {@value RiskTopology#STORE_ROLLUP_STATE} by interactive query.
     *
     * @param entries         keys (rollups)
     * @param totalValueBytes sum of the serialized engine states
     * @param maxValueBytes   largest serialized engine state
     */
    public record Store(long entries, long totalValueBytes, long maxValueBytes) {
    }

    /**
     * The records the topology wrote in phase (3), read back with {@code read_committed}.
     *
     * @param validRecords records the engine accepted and processed (its own count)
     * @param alerts       records on the alerts topic
     * @param indicators   records on the indicators topic
     * @param status       records on the status topic
     * @param deadLetters  records on the dead-letter topic
     */
    public record Outputs(long validRecords, long alerts, long indicators, long status, long deadLetters) {
    }

    /**
     * The latency app's commits as its stream threads' metrics saw them over the phase: each one flushes
     * the changed rollups' state, the producer and the transaction, and outputs become visible to
     * {@code read_committed} readers only then.
     *
     * @param count commits
     * @param avgMs mean duration (Streams' {@code commit-latency-avg}, averaged over the threads)
     * @param maxMs longest ({@code commit-latency-max})
     */
    public record Commits(long count, double avgMs, double maxMs) {
    }

    /**
     * Phase (4). An output's latency = when a {@code read_committed} consumer received it − when the
     * ingest record it names in its {@value RiskTopology#HEADER_SOURCE} header was handed to
     * {@code producer.send}; one {@link System#nanoTime} clock for both.
     *
     * @param offeredRate   records per second asked for
     * @param sent          records sent
     * @param sendSeconds   from the first send to the last
     * @param achievedRate  (sent − 1) / sendSeconds
     * @param drainSeconds  from the last send to the engine's committed offsets reaching the end: how far
     *                      it was behind when the load stopped, plus, with {@code max.task.idle.ms} > 0, a
     *                      wait of that length each time one of a task's partitions ran dry before the
     *                      others (the outputs of the last records sent include these waits)
     * @param alerts        latency of the alerts
     * @param outputs       latency of every output: alerts, indicator snapshots, status
     * @param alertsRead    alerts read (matched or not)
     * @param outputsRead   outputs read (matched or not)
     * @param unmatched     outputs read whose source header names no sent record (not in the stats)
     * @param caughtUp      whether the consumer reached the outputs' end offsets (else it stopped after
     *                      the quiet period)
     * @param commits       the app's commits during the phase
     */
    public record LatencyResult(int offeredRate, long sent, double sendSeconds, double achievedRate,
                                double drainSeconds, LatencyStats alerts, LatencyStats outputs, long alertsRead, long outputsRead,
                                long unmatched, boolean caughtUp, Commits commits) {
    }

    private final Settings settings;
    private final RollupRegistry registry;
    private final Admin admin;
    private final PrintWriter progress;

    private StreamsBench(Settings settings, RollupRegistry registry, Admin admin, PrintWriter progress) {
        this.settings = settings;
        this.registry = registry;
        this.admin = admin;
        this.progress = progress;
    }

    /**
     * Runs the four phases.
     *
     * @param records        the records of phases (1)-(3), in L1 time order (e.g. {@link BenchData#traffic})
     * @param latencyRecords the records of phase (4): its first {@link Settings#latencyRecords()} are sent
     *                       (all of them if there are fewer); may be {@code records} itself, phase (4) has
     *                       its own topics and application
     * @param progress       receives a line as each phase starts and ends
     * @throws IllegalArgumentException if {@code records} or {@code latencyRecords} is empty
     * @throws IllegalStateException    if an application fails or a step exceeds the timeout
     */
    public static Results run(Settings settings, RollupRegistry registry, List<SpecificRecord> records,
                              List<SpecificRecord> latencyRecords, PrintWriter progress) throws InterruptedException {
        if (records.isEmpty() || latencyRecords.isEmpty()) {
            throw new IllegalArgumentException("the bench needs records for both the throughput and the latency phases");
        }
        try (Admin admin = Admin.create(settings.clientProperties())) {
            return new StreamsBench(settings, registry, admin, progress).runPhases(records, latencyRecords);
        }
    }

    private Results runPhases(List<SpecificRecord> records, List<SpecificRecord> latencyRecords)
            throws InterruptedException {
        if (settings.warmUpRecords() > 0) {
            // Unmeasured, results discarded: on two cores the JIT compilers otherwise take close to a
            // core during the first measured seconds (seen in a JFR recording of the topology phase).
            round("wu", "warmup-", "warm-up ", records.subList(0, Math.min(records.size(), settings.warmUpRecords())));
        }
        Round measured = round("tp", "", "", records);
        LatencyResult latency = new LatencyRun(this, settings.topics("lat")).run(latencyRecords);

        StreamsConfig config = new StreamsConfig(passThroughProperties(""));
        StreamsConfig latencyConfig = new StreamsConfig(streamsProperties(settings.prefix() + "latency",
                stateDir("latency"), false));
        TopologyResult topology = measured.topology();
        double ratio = topology.throughput().perSecond() / measured.passThrough().perSecond();
        print("streams bench: topology/pass-through = %.2f", ratio);
        return new Results(measured.load().records(), settings.partitions(),
                config.getString(StreamsConfig.PROCESSING_GUARANTEE_CONFIG),
                config.getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG),
                config.getLong(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG),
                latencyConfig.getLong(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG),
                config.getInt(StreamsConfig.NUM_STREAM_THREADS_CONFIG), measured.load(), measured.passThrough(),
                topology.throughput(), ratio, topology.store(), topology.outputs(), latency);
    }

    /** Phases (1)-(3) of one round. */
    private record Round(Load load, Throughput passThrough, TopologyResult topology) {
    }

    /**
     * Phases (1)-(3) over {@code records} on fresh topics {@code topicsName}: load, pass-through,
     * topology. {@code idPrefix} goes before the application ids, {@code label} before the phase names
     * of the progress lines.
     */
    private Round round(String topicsName, String idPrefix, String label, List<SpecificRecord> records)
            throws InterruptedException {
        Topics topics = settings.topics(topicsName);
        String passThroughTopic = topics.prefix() + "passthrough";
        createTopics(topics, passThroughTopic);
        Load load = load(records, topics);
        Throughput passThrough = passThrough(label + "pass-through", topics, passThroughTopic,
                passThroughProperties(idPrefix), load.records());
        TopologyResult topology = topology(label + "topology", idPrefix + "topology", topics, load.records());
        return new Round(load, passThrough, topology);
    }

    private Properties passThroughProperties(String idPrefix) {
        return streamsProperties(settings.prefix() + idPrefix + "passthrough", stateDir(idPrefix + "passthrough"),
                true);
    }

    private Load load(List<SpecificRecord> records, Topics topics) {
        print("streams bench: load: serializing %,d records", records.size());
        long serializeStart = System.nanoTime();
        List<EncodedRecord> encoded = EncodedRecord.encode(records, records.size(), topics, settings.serdeConfigs());
        double serializeSeconds = seconds(System.nanoTime() - serializeStart);
        long bytes = encoded.stream().mapToLong(EncodedRecord::size).sum();
        print("streams bench: load: producing %,d records (%,.1f MB) to the %d ingest topics, %d partitions each",
                encoded.size(), bytes / 1e6, topics.ingest().size(), settings.partitions());
        AtomicReference<Exception> failure = new AtomicReference<>();
        long start;
        try (KafkaProducer<byte[], byte[]> producer = producer("l2risk-bench-load")) {
            // Topic metadata first, so that the timed loop measures sending only.
            topics.ingest().forEach(topic -> producer.partitionsFor(topic.name()));
            start = System.nanoTime();
            for (EncodedRecord record : encoded) {
                producer.send(record.toProducerRecord(), (metadata, error) -> {
                    if (error != null) {
                        failure.compareAndSet(null, error);
                    }
                });
            }
            producer.flush();
        }
        double seconds = seconds(System.nanoTime() - start);
        if (failure.get() != null) {
            throw new IllegalStateException("producing the bench records failed: " + failure.get(), failure.get());
        }
        Load load = new Load(encoded.size(), bytes, serializeSeconds, seconds, encoded.size() / seconds);
        print("streams bench: load: %,d records in %.2f s = %,.0f records/s (producer, acks=all, idempotent)",
                load.records(), seconds, load.perSecond());
        return load;
    }

    private Throughput passThrough(String phase, Topics topics, String output, Properties props, long records)
            throws InterruptedException {
        String applicationId = props.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
        Path stateDir = Path.of(props.getProperty(StreamsConfig.STATE_DIR_CONFIG));
        print("streams bench: %s: %s copies the ingest topics to %s", phase, applicationId, output);
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(ingestTopicNames(topics), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())
                        .withName("bench-ingest-source"))
                .to(output, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("bench-passthrough-sink"));
        KafkaStreams streams = new KafkaStreams(builder.build(), props);
        try {
            long started = System.nanoTime();
            streams.start();
            Throughput throughput = measure(streams, applicationId, topics, started);
            print("streams bench: %s: %,d records in %.2f s = %,.0f records/s (start-up %.2f s)", phase,
                    throughput.records(), throughput.seconds(), throughput.perSecond(), throughput.startupSeconds());
            checkAll(throughput, records, applicationId);
            return throughput;
        } finally {
            close(streams);
            delete(stateDir);
        }
    }

    private record TopologyResult(Throughput throughput, Store store, Outputs outputs) {
    }

    /** Runs the risk engine as application {@code <prefix><name>}; {@code phase} names it in the progress lines. */
    private TopologyResult topology(String phase, String name, Topics topics, long records) throws InterruptedException {
        String applicationId = settings.prefix() + name;
        Path stateDir = stateDir(name);
        print("streams bench: %s: %s, the risk engine over the same ingest topics", phase, applicationId);
        try (RiskApp app = riskApp(applicationId, topics, stateDir, true)) {
            long started = System.nanoTime();
            app.start();
            KafkaStreams streams = app.kafkaStreams().orElseThrow();
            Throughput throughput = measure(streams, applicationId, topics, started);
            print("streams bench: %s: %,d records in %.2f s = %,.0f records/s (start-up %.2f s)", phase,
                    throughput.records(), throughput.seconds(), throughput.perSecond(), throughput.startupSeconds());
            checkAll(throughput, records, applicationId);
            Store store = store(streams);
            Map<String, Long> written = countRecords(List.of(topics.alerts().name(), topics.indicators().name(),
                    topics.status().name(), topics.dlq().name()));
            long valid = app.engineCounts().events().values().stream().mapToLong(Long::longValue).sum();
            Outputs outputs = new Outputs(valid, written.get(topics.alerts().name()),
                    written.get(topics.indicators().name()), written.get(topics.status().name()),
                    written.get(topics.dlq().name()));
            print("streams bench: " + phase + ": store %,d entries, %,d value bytes (max %,d); wrote %,d alerts, "
                            + "%,d indicator snapshots, %,d status records, %,d dead letters",
                    store.entries(), store.totalValueBytes(), store.maxValueBytes(), outputs.alerts(),
                    outputs.indicators(), outputs.status(), outputs.deadLetters());
            return new TopologyResult(throughput, store, outputs);
        } finally {
            delete(stateDir);
        }
    }

    /**
     * Waits for the first record processed, then for the committed offsets to reach the end offsets
     * of the ingest topics.
     */
    private Throughput measure(KafkaStreams streams, String applicationId, Topics topics, long started)
            throws InterruptedException {
        GroupProgress group = new GroupProgress(admin, applicationId, ingestTopicNames(topics), settings.partitions());
        Map<TopicPartition, Long> ends = group.endOffsets();
        long first = awaitFirstProcessed(streams);
        long done = group.awaitCaughtUp(ends, streams::state, COMMIT_POLL, settings.timeout());
        long records = GroupProgress.total(group.committed());
        double seconds = seconds(done - first);
        return new Throughput(records, seconds(first - started), seconds, records / seconds);
    }

    /** The {@link System#nanoTime} at which the stream threads' processed-records count was first seen above 0. */
    private long awaitFirstProcessed(KafkaStreams streams) throws InterruptedException {
        return Poll.until(settings.timeout(), FIRST_RECORD_POLL,
                () -> "the Streams application processed nothing within " + settings.timeout(), () -> {
                    GroupProgress.requireAlive(streams.state());
                    long now = System.nanoTime();
                    return processed(streams) > 0 ? now : null;
                });
    }

    private static double processed(KafkaStreams streams) {
        double total = 0;
        for (Map.Entry<MetricName, ? extends Metric> metric : streams.metrics().entrySet()) {
            if (metric.getKey().name().equals(PROCESS_TOTAL) && metric.getKey().group().equals(THREAD_METRICS_GROUP)
                    && metric.getValue().metricValue() instanceof Number n) {
                total += n.doubleValue();
            }
        }
        return total;
    }

    private static void checkAll(Throughput throughput, long records, String applicationId) {
        if (throughput.records() != records) {
            // Cannot happen with the bench's own fresh topics; would mean another writer.
            log.warn("application {} committed {} input records, {} were produced", applicationId,
                    throughput.records(), records);
        }
    }

    /** Entries and value sizes of the rollup-state store, retried while the store is not queryable yet. */
    private Store store(KafkaStreams streams) throws InterruptedException {
        return Poll.until(settings.timeout(), COMMIT_POLL,
                () -> "the state store stayed unqueryable for " + settings.timeout(), () -> {
                    ReadOnlyKeyValueStore<String, byte[]> store;
                    try {
                        store = streams.store(StoreQueryParameters.fromNameAndType(RiskTopology.STORE_ROLLUP_STATE,
                                QueryableStoreTypes.<String, byte[]>keyValueStore()));
                    } catch (InvalidStateStoreException e) {
                        log.debug("state store not queryable yet: {}", e.getMessage());
                        return null;
                    }
                    long entries = 0;
                    long total = 0;
                    long max = 0;
                    try (KeyValueIterator<String, byte[]> all = store.all()) {
                        while (all.hasNext()) {
                            int size = all.next().value.length;
                            entries++;
                            total += size;
                            max = Math.max(max, size);
                        }
                    }
                    return new Store(entries, total, max);
                });
    }

    /**
     * Records per topic, read from the beginning with {@code read_committed} up to the end offsets
     * (the last stable offsets) as of the start of the read.
     */
    Map<String, Long> countRecords(List<String> topics) throws InterruptedException {
        Map<String, Long> counts = new HashMap<>();
        topics.forEach(topic -> counts.put(topic, 0L));
        try (KafkaConsumer<byte[], byte[]> consumer = readCommittedConsumer()) {
            List<TopicPartition> partitions = partitions(topics);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + settings.timeout().toNanos();
            while (!reached(consumer, ends)) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("reading " + topics + " to their end took more than "
                            + settings.timeout());
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    counts.merge(record.topic(), 1L, Long::sum);
                }
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
        }
        return counts;
    }

    static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (consumer.position(end.getKey()) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    List<TopicPartition> partitions(List<String> topics) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            for (int p = 0; p < settings.partitions(); p++) {
                partitions.add(new TopicPartition(topic, p));
            }
        }
        return partitions;
    }

    // ---- shared with LatencyRun ----

    Settings settings() {
        return settings;
    }

    Admin admin() {
        return admin;
    }

    /**
     * The risk engine as {@code run} builds it, on {@code topics}, with its own id and state directory.
     *
     * @param preloaded whether the input is complete before the start ({@code max.task.idle.ms=0}, see the class doc)
     */
    RiskApp riskApp(String applicationId, Topics topics, Path stateDir, boolean preloaded) {
        RollupProfiles profiles = RollupProfiles.of(registry);
        RiskEngine engine = new RiskEngine(profiles, settings.engine());
        profiles.check(engine);
        return new RiskApp(kafkaSettings(applicationId, preloaded), RiskApp.Settings.of(stateDir, settings.serdeConfigs()),
                topics, engine);
    }

    /** Creates the topics of {@code topics} (as {@code run} does on the embedded cluster) and {@code extra}. */
    void createTopics(Topics topics, String... extra) {
        EnsureResult result = new TopicManager(admin, Duration.ofSeconds(30)).ensure(topics);
        if (result.created().size() != topics.all().size()) {
            throw new IllegalStateException("the bench's topics must be new; these existed: " + topics.all().stream()
                    .map(TopicSpec::name).filter(name -> !result.created().contains(name)).toList()
                    + " (choose another prefix)");
        }
        List<NewTopic> others = Stream.of(extra).map(name -> new NewTopic(name, settings.partitions(),
                        settings.replicationFactor())
                .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(RETENTION.toMillis()))))
                .toList();
        try {
            admin.createTopics(others).all().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating " + List.of(extra), e);
        } catch (ExecutionException e) {
            String hint = e.getCause() instanceof TopicExistsException ? " (choose another prefix)" : "";
            throw new IllegalStateException("cannot create " + List.of(extra) + ": " + e.getCause().getMessage()
                    + hint, e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("creating " + List.of(extra) + " took more than 30 s", e);
        }
    }

    /**
     * An idempotent {@code acks=all} byte producer with one request in flight per connection, otherwise
     * Kafka's defaults. One in flight: with five, a loaded CI machine once had the broker refuse a
     * batch's sequence number (OutOfOrderSequenceException, retried until the 2-minute delivery timeout)
     * while several batches of the partition were in flight.
     */
    KafkaProducer<byte[], byte[]> producer(String clientId) {
        Map<String, Object> props = new HashMap<>(settings.clientProperties());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** A consumer without a group that sees committed transactions only. */
    KafkaConsumer<byte[], byte[]> readCommittedConsumer() {
        Map<String, Object> props = new HashMap<>(settings.clientProperties());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** Waits until {@code streams} is RUNNING with every task of its input assigned and active. */
    void awaitRunning(KafkaStreams streams) throws InterruptedException {
        Poll.until(settings.timeout(), COMMIT_POLL,
                () -> "the Streams application was not running within " + settings.timeout(), () -> {
                    KafkaStreams.State state = streams.state();
                    GroupProgress.requireAlive(state);
                    if (state != KafkaStreams.State.RUNNING) {
                        return null;
                    }
                    int active = 0;
                    for (ThreadMetadata thread : streams.metadataForLocalThreads()) {
                        active += thread.activeTasks().size();
                    }
                    return active == settings.partitions() ? Boolean.TRUE : null;
                });
    }

    static List<String> ingestTopicNames(Topics topics) {
        return topics.ingest().stream().map(TopicSpec::name).toList();
    }

    Path stateDir(String phase) {
        return settings.workDir().resolve("streams-" + phase);
    }

    void print(String format, Object... args) {
        progress.printf(format + "%n", args);
        progress.flush();
    }

    static double seconds(long nanos) {
        return nanos / 1e9;
    }

    /** Closes {@code streams}, leaving its group so that nothing waits for a session timeout. */
    static void close(KafkaStreams streams) {
        if (!streams.close(CloseOptions.timeout(CLOSE_TIMEOUT)
                .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP))) {
            log.warn("a bench Streams application did not stop within {}", CLOSE_TIMEOUT);
        }
    }

    /** Deletes {@code dir} and everything in it, if it exists. */
    static void delete(Path dir) {
        try {
            Dirs.deleteRecursively(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the bench state directory " + dir, e);
        }
    }

    /**
     * The risk engine's Streams config without its error handling: its defaults ({@link RiskApp#defaults})
     * under the client settings the {@link RiskApp}s get. The pass-through's config.
     */
    private Properties streamsProperties(String applicationId, Path stateDir, boolean preloaded) {
        Properties props = new Properties();
        props.putAll(RiskApp.defaults(stateDir));
        props.putAll(kafkaSettings(applicationId, preloaded).toClientProperties());
        return props;
    }

    private KafkaClientSettings kafkaSettings(String applicationId, boolean preloaded) {
        KafkaClientSettings.Builder builder = KafkaClientSettings.builder();
        if (preloaded) {
            builder.defaults(Map.of(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, "0"));
        }
        settings.streamsOverrides().forEach((key, value) -> builder.flag("bench override", key, value));
        return builder.flag("bench", CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers())
                .flag("bench", StreamsConfig.APPLICATION_ID_CONFIG, applicationId)
                .build();
    }
}
