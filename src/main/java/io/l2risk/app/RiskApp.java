package io.l2risk.app;

import io.l2risk.config.ConfigurationException;
import io.l2risk.config.KafkaClientSettings;
import io.l2risk.engine.RiskEngine;
import io.l2risk.http.MonitoredEngine;
import io.l2risk.streams.DeadLetters;
import io.l2risk.streams.EngineCounts;
import io.l2risk.streams.ErrorCounts;
import io.l2risk.streams.RiskSerdes;
import io.l2risk.streams.RiskTopology;
import io.l2risk.streams.RiskTopologyConfig;
import io.l2risk.streams.RiskUncaughtExceptionHandler;
import io.l2risk.streams.StreamsErrorHandling;
import io.l2risk.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The risk engine as a Kafka Streams application: what {@code run} starts. Builds the Streams
 * config, the serdes and {@link RiskTopology}, then starts and stops {@link KafkaStreams} cleanly.
 *
 * <p>Streams config, each layer overriding the one before: {@link #defaults} ({@code application.id}
 * {@value #DEFAULT_APPLICATION_ID}, {@code processing.guarantee=exactly_once_v2}, the state
 * directory, explicit internal naming) &lt; the user's {@link KafkaClientSettings} (file, {@code KAFKA_*}
 * environment, flags) &lt; the error handling the app relies on (the dead-letter handlers of
 * {@link StreamsErrorHandling}), which a user may not set: doing so fails with a
 * {@link ConfigurationException} instead of being silently replaced.
 *
 * <pre>{@code
 * try (RiskApp app = new RiskApp(kafkaSettings, settings, topics, engine)) {
 *     app.start();
 *     stopRequested.await();
 * } // close(): stops the threads, commits, leaves the state directory for a fast restart
 * }</pre>
 *
 * <p>With several instances (one {@code application.id}), each advertises where its status server
 * answers ({@link Settings#withApplicationServer}, Streams' {@code application.server}) so that the
 * status API can query the instance that owns a rollup; see {@code io.l2risk.http.StatusServer}.
 *
 * <p>The topics must exist ({@code topics} command / TopicManager): a missing source topic stops the
 * instance. Not thread-safe except the {@link MonitoredEngine} methods ({@link #state()},
 * {@link #kafkaStreams()}, the counts), which any thread may call.
 */
public final class RiskApp implements AutoCloseable, MonitoredEngine {

    public static final String DEFAULT_APPLICATION_ID = "l2-risk-monitor";
    /** {@code max.task.idle.ms} default: see {@link #defaults}. */
    public static final long DEFAULT_MAX_TASK_IDLE_MS = 5000;
    /** The Streams producer's {@code compression.type} default: see {@link #defaults}. */
    public static final String DEFAULT_COMPRESSION = "lz4";

    private static final Logger log = LoggerFactory.getLogger(RiskApp.class);

    /**
     * Settings of the app that are not Kafka client settings.
     *
     * @param stateDir           where the RocksDB state lives (default of {@code state.dir})
     * @param serdeConfigs       schema registry and serde settings: {@code schema.registry.url},
     *                           {@code basic.auth.*}, {@code auto.register.schemas}, ...
     * @param staleCheckInterval wall-clock interval of the MONITOR_STALE check
     * @param closeTimeout       longest wait for the stream threads to stop on {@link #close}
     * @param applicationServer  {@code host:port} of this instance's status server, Streams'
     *                           {@code application.server}; {@code null} = not set (no status server)
     */
    public record Settings(Path stateDir, Map<String, ?> serdeConfigs, Duration staleCheckInterval,
                           Duration closeTimeout, String applicationServer) {

        public Settings {
            Objects.requireNonNull(stateDir, "stateDir");
            serdeConfigs = Map.copyOf(serdeConfigs);
            Objects.requireNonNull(staleCheckInterval, "staleCheckInterval");
            Objects.requireNonNull(closeTimeout, "closeTimeout");
            if (applicationServer != null && !applicationServer.matches("[^:\\s]+:\\d{1,5}")) {
                throw new ConfigurationException("application server must be host:port, not \"" + applicationServer + "\"");
            }
        }

        /** Without an application server. */
        public Settings(Path stateDir, Map<String, ?> serdeConfigs, Duration staleCheckInterval, Duration closeTimeout) {
            this(stateDir, serdeConfigs, staleCheckInterval, closeTimeout, null);
        }

        /** These settings with {@code application.server} = {@code hostPort} (the status server's advertised endpoint). */
        public Settings withApplicationServer(String hostPort) {
            return new Settings(stateDir, serdeConfigs, staleCheckInterval, closeTimeout, hostPort);
        }

        /** {@code stateDir} and registry settings, default intervals (30 s stale check, 30 s close). */
        public static Settings of(Path stateDir, Map<String, ?> serdeConfigs) {
            return new Settings(stateDir, serdeConfigs, RiskTopologyConfig.DEFAULT_STALE_CHECK_INTERVAL,
                    Duration.ofSeconds(30));
        }
    }

    private final Properties streamsProperties;
    private final RiskSerdes serdes;
    private final ErrorCounts errorCounts = new ErrorCounts();
    private final EngineCounts engineCounts = new EngineCounts();
    private final RiskEngine engine;
    private final Topology topology;
    private final Duration closeTimeout;
    private volatile KafkaStreams streams;
    private volatile Runnable onError;

    /**
     * Builds everything but starts nothing.
     *
     * @throws ConfigurationException if the settings set one of the error-handling keys, set an
     *                                {@code application.server} other than the settings', or are invalid
     */
    public RiskApp(KafkaClientSettings kafka, Settings settings, Topics topics, RiskEngine engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
        Properties props = new Properties();
        props.putAll(defaults(settings.stateDir()));
        Map<String, Object> user = kafka.toClientProperties();
        props.putAll(user);
        if (settings.applicationServer() != null) {
            Object theirs = user.get(StreamsConfig.APPLICATION_SERVER_CONFIG);
            if (theirs != null && !String.valueOf(theirs).trim().equals(settings.applicationServer())) {
                throw new ConfigurationException("Kafka setting '" + StreamsConfig.APPLICATION_SERVER_CONFIG + "' (from "
                        + kafka.origin(StreamsConfig.APPLICATION_SERVER_CONFIG).orElse("?") + ") is " + theirs
                        + " but the status server answers at " + settings.applicationServer());
            }
            props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, settings.applicationServer());
        }
        String applicationId = props.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
        this.serdes = RiskSerdes.create(settings.serdeConfigs());
        try {
            DeadLetters deadLetters = new DeadLetters(topics.dlq().name(), applicationId, serdes.deadLetters(),
                    errorCounts, System::currentTimeMillis);
            Map<String, Object> handling = StreamsErrorHandling.configs(deadLetters);
            handling.forEach((key, value) -> {
                String ours = value instanceof Class<?> type ? type.getName() : String.valueOf(value);
                if (user.containsKey(key) && !String.valueOf(user.get(key)).trim().equals(ours)) {
                    throw new ConfigurationException("Kafka setting '" + key + "' (from " + kafka.origin(key).orElse("?")
                            + ") cannot be changed: l2-risk-monitor sets it to " + ours + " for its dead letters");
                }
            });
            props.putAll(handling);
            StreamsConfig config = new StreamsConfig(props);
            this.topology = RiskTopology.build(new RiskTopologyConfig(config, engine, settings.staleCheckInterval(),
                    deadLetters, engineCounts), topics, serdes);
        } catch (RuntimeException e) {
            serdes.close();
            throw e;
        }
        this.streamsProperties = props;
        this.closeTimeout = settings.closeTimeout();
    }

    /** The defaults in code: the lowest layer of the Streams config. */
    public static Map<String, String> defaults(Path stateDir) {
        Map<String, String> defaults = new HashMap<>();
        defaults.put(StreamsConfig.APPLICATION_ID_CONFIG, DEFAULT_APPLICATION_ID);
        defaults.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        defaults.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        defaults.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, "true");
        // A rollup's records are spread over five topics; the engine needs them in L1-time order.
        // Streams merges a task's partitions by timestamp only among records already fetched, so a
        // heartbeat fetched from one broker could overtake an earlier batch still on its way from
        // another and raise a false absence alert (ScaleOutFailoverIT saw it with 0 and 1 s, and once
        // with 3 s on a loaded CI machine). The cost: up to 5 s more latency after a topic runs dry,
        // small against L1's 12 s blocks and minute-scale thresholds. Ordering across topics is still
        // best effort: a record that arrives later than this is processed late and counted.
        defaults.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, Long.toString(DEFAULT_MAX_TASK_IDLE_MS));
        // Under exactly-once every commit (100 ms) writes each changed rollup's state (6-11 KB, mostly
        // histograms) to the changelog, besides the snapshots with their sentences: compressed, the
        // broker handles far fewer bytes. In `bench` runs on 2 cores, lz4 raised the topology from 0.38-0.42
        // to 0.48-0.53 of the pass-through rate (zstd about the same, at more CPU per byte).
        defaults.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), DEFAULT_COMPRESSION);
        return defaults;
    }

    /** Starts the stream threads; returns at once (watch {@link #state()}). */
    /**
     * Runs {@code action} (on a Streams thread, once) if the engine gives up and enters ERROR — the
     * uncaught-exception handler chose SHUTDOWN_CLIENT. Set before {@link #start}.
     */
    public synchronized void onError(Runnable action) {
        this.onError = action;
    }

    public synchronized void start() {
        if (streams != null) {
            throw new IllegalStateException("already started");
        }
        KafkaStreams created = new KafkaStreams(topology, streamsProperties);
        created.setUncaughtExceptionHandler(new RiskUncaughtExceptionHandler());
        created.setStateListener((now, before) -> {
            log.info("risk engine {} -> {}", before, now);
            if (now == KafkaStreams.State.ERROR && onError != null) {
                onError.run();
            }
        });
        log.info("starting the risk engine, application.id {}, {}", applicationId(),
                streamsProperties.getProperty(StreamsConfig.PROCESSING_GUARANTEE_CONFIG));
        streams = created;
        created.start();
    }

    /** The Streams state: CREATED before {@link #start}, RUNNING when processing, ERROR when it gave up. */
    @Override
    public KafkaStreams.State state() {
        KafkaStreams current = streams;
        return current == null ? KafkaStreams.State.CREATED : current.state();
    }

    public String applicationId() {
        return streamsProperties.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
    }

    /** Dead letters per stage and code, and failed stale checks, since construction. */
    @Override
    public ErrorCounts errorCounts() {
        return errorCounts;
    }

    /** Valid records processed per type and alert transitions emitted, since construction. */
    @Override
    public EngineCounts engineCounts() {
        return engineCounts;
    }

    /** The Kafka Streams client once {@link #start} ran (interactive queries, metrics); never close it. */
    @Override
    public Optional<KafkaStreams> kafkaStreams() {
        return Optional.ofNullable(streams);
    }

    @Override
    public RiskEngine engine() {
        return engine;
    }

    @Override
    public Optional<String> applicationServer() {
        return Optional.ofNullable(streamsProperties.getProperty(StreamsConfig.APPLICATION_SERVER_CONFIG));
    }

    /** The topology (for {@code print-topology} and health pages). */
    public Topology topology() {
        return topology;
    }

    /** A copy of the Streams config. Contains secrets: never log it. */
    public Properties streamsProperties() {
        Properties copy = new Properties();
        copy.putAll(streamsProperties);
        return copy;
    }

    /**
     * Stops the stream threads (commit, flush, close the stores, keep the state directory), then the
     * registry client. Waits at most the close timeout.
     *
     * <p>The instance leaves the consumer group (unless it is a static member, {@code group.instance.id}):
     * its partitions move to the other instances at once, and a restarted instance joins without
     * waiting for the old member's {@code session.timeout.ms} (45 s) to expire — Streams' default is
     * to stay, and a restart's stream thread then blocks in the join.
     */
    @Override
    public synchronized void close() {
        try {
            if (streams != null) {
                CloseOptions.GroupMembershipOperation membership =
                        streamsProperties.containsKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG)
                                ? CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP
                                : CloseOptions.GroupMembershipOperation.LEAVE_GROUP;
                boolean stopped = streams.close(CloseOptions.timeout(closeTimeout).withGroupMembershipOperation(membership));
                if (!stopped) {
                    log.warn("the risk engine's threads did not stop within {}", closeTimeout);
                }
            }
        } finally {
            serdes.close();
        }
    }
}
