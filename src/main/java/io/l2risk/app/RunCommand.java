package io.l2risk.app;

import io.l2risk.config.ConfigurationException;
import io.l2risk.ingest.IngestException;
import io.l2risk.ingest.IngestSettings;
import io.l2risk.config.KafkaClientSettings;
import io.l2risk.embedded.ApicurioRegistry;
import io.l2risk.embedded.EmbeddedKafkaCluster;
import io.l2risk.engine.EngineSettings;
import io.l2risk.engine.RiskEngine;
import io.l2risk.registry.RollupRegistry;
import io.l2risk.registry.RollupRegistryLoader;
import io.l2risk.serde.AvroSerdeConfig;
import io.l2risk.serde.Redaction;
import io.l2risk.serde.SchemaRegistryConfig;
import io.l2risk.topics.Drift;
import io.l2risk.topics.EnsureResult;
import io.l2risk.topics.TopicManager;
import io.l2risk.topics.TopicSettings;
import io.l2risk.topics.Topics;
import io.l2risk.embedded.sim.KafkaEventSink;
import io.l2risk.embedded.sim.Scenario;
import io.l2risk.embedded.sim.SimulatorRunner;
import io.l2risk.embedded.sim.SimulatorSettings;
import io.l2risk.http.StatusServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code run}: the risk engine, in one of two modes.
 * <ul>
 *   <li><b>Embedded default</b> (no {@code bootstrap.servers} in any layer): an in-process KRaft
 *       Kafka broker and the real Apicurio schema registry (a child process), both keeping their data
 *       in {@code --data-dir} so that a restart finds its topics, schemas and engine state again;
 *       every topic of design.md §3 created.</li>
 *   <li><b>Joining a cluster</b> ({@code --bootstrap-servers}, {@code KAFKA_BOOTSTRAP_SERVERS} or
 *       {@code bootstrap.servers} in {@code --kafka-config}): the cluster and the Confluent-compatible
 *       registry ({@code --schema-registry-url}) are the user's; the topics must exist (the
 *       {@code topics} command creates them) and only the engine's state lives in {@code --data-dir}.</li>
 * </ul>
 * Then the risk engine (Kafka Streams, exactly-once) over the ingest topics with the bundled rollup
 * presets (plus {@code --rollups FILE}); optionally an event file replayed into the ingest topics.
 * Prints the addresses for kcat and other tools and runs until SIGINT/SIGTERM, then shuts down in
 * reverse order of start: engine first, then registry and broker.
 *
 * <p>Options come from flags &gt; {@code L2RISK_*} environment &gt; {@code --config FILE} &gt;
 * defaults ({@link LayeredDefaults}); Kafka and registry client settings from flags &gt;
 * {@code KAFKA_*} &gt; {@code --kafka-config FILE} ({@link KafkaClientSettings}). Everything is
 * validated before anything starts; secrets are never printed or logged.
 */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the risk engine. With no Kafka configured: the embedded default (a local Kafka broker and "
                + "schema registry, every topic created). With --bootstrap-servers: joins that cluster and registry.",
            "Every option can also be set as L2RISK_<OPTION> in the environment or as <option>=value in --config FILE."})
final class RunCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file of option values (keys = option names without dashes, e.g. http-port=8081).")
    Path config;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
            description = "Join this Kafka cluster instead of starting the embedded default.")
    String bootstrapServers;

    @Option(names = {"--kafka-config", "--command-config"}, paramLabel = "FILE",
            description = "Kafka client and Streams properties (security, application.id, num.standby.replicas, ...) "
                    + "and schema-registry client settings. KAFKA_* environment variables override it.")
    Path kafkaConfig;

    @Option(names = "--schema-registry-url", paramLabel = "URL[,URL...]",
            description = "Confluent-compatible schema registry of the cluster joined with --bootstrap-servers.")
    String schemaRegistryUrl;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data",
            description = "Local data: the embedded broker and registry, the engine's state stores (default: ./${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--kafka-port", paramLabel = "PORT", defaultValue = "0",
            description = "Embedded default: port of the Kafka broker (default: a free port).")
    int kafkaPort;

    @Option(names = "--registry-port", paramLabel = "PORT", defaultValue = "0",
            description = "Embedded default: port of the schema registry (default: a free port).")
    int registryPort;

    @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "8080",
            description = "Port of the status page, JSON API, health and metrics (default: ${DEFAULT-VALUE}; 0 = a free port).")
    int httpPort;

    @Option(names = "--http-host", paramLabel = "ADDRESS", defaultValue = "0.0.0.0",
            description = "Address the HTTP server listens on (default: ${DEFAULT-VALUE}, every interface).")
    String httpHost;

    @Option(names = "--advertised-host", paramLabel = "HOST",
            description = "Host name or IP at which the other instances reach this one's HTTP port (Streams' "
                    + "application.server). Default: localhost on the embedded default, else this machine's host name.")
    String advertisedHost;

    @Option(names = "--prefix", defaultValue = TopicSettings.DEFAULT_PREFIX,
            description = "Common prefix of every topic name (default: ${DEFAULT-VALUE}).")
    String prefix;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "" + TopicSettings.DEFAULT_PARTITIONS,
            description = "Embedded default: partitions of every topic (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--rollups", paramLabel = "FILE",
            description = "Rollup registry YAML laid over the bundled mainnet presets (entries merged by id).")
    Path rollups;

    @Option(names = "--strict-rollups",
            description = "Dead-letter records of rollups missing from the registry instead of using GENERIC defaults.")
    boolean strictRollups;

    @Option(names = "--snapshot-interval", paramLabel = "DURATION", converter = TopicsCommand.DurationConverter.class,
            defaultValue = "5m",
            description = "How often (L1 time) an indicator snapshot or rollup status whose levels did not change is "
                    + "re-published with its moved value; level, threshold and alert changes go out at once. "
                    + "0 = every value change (default: ${DEFAULT-VALUE}).")
    Duration snapshotInterval;

    @Option(names = "--replay", paramLabel = "FILE",
            description = "Produce this event file (JSON Lines, design.md §3) into the ingest topics once started.")
    Path replay;

    @Option(names = "--simulate", negatable = true,
            description = "Run the built-in L1 simulator: realistic traffic of the bundled rollups with scripted "
                    + "incidents, into the ingest topics. Default: on for the embedded default, off when joining a cluster.")
    Boolean simulate;

    @Option(names = "--speed", paramLabel = "X", defaultValue = "" + SimulatorSettings.DEFAULT_SPEED,
            description = "Simulator: L1 seconds per wall-clock second while it replays its incident window "
                    + "(default: ${DEFAULT-VALUE}); it then follows the wall clock.")
    double speed;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "" + SimulatorSettings.DEFAULT_SEED,
            description = "Simulator: random seed; the same seed gives the same traffic (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--rpc-url", paramLabel = "URL",
            description = "Ingest real L1 from this JSON-RPC node into the ingest topics (instead of the simulator); "
                    + "the registry's rollups of the node's chain are ingested. Prefer L2RISK_RPC_URL for URLs with keys.")
    String rpcUrl;

    @Option(names = "--beacon-url", paramLabel = "URL",
            description = "With --rpc-url: beacon node REST API for the blob availability check.")
    String beaconUrl;

    @Option(names = "--confirmations", paramLabel = "K", defaultValue = "" + IngestSettings.DEFAULT_CONFIRMATIONS,
            description = "With --rpc-url: blocks to stay behind the head (default: ${DEFAULT-VALUE}).")
    int confirmations;

    @Option(names = "--from-block", paramLabel = "N",
            description = "With --rpc-url: first block to ingest when there is no cursor yet (default: the confirmed head).")
    Long fromBlock;

    @Option(names = "--exit-after-start", hidden = true,
            description = "Stop right after start-up (and replay); for tests and smoke checks.")
    boolean exitAfterStart;

    /** Exit code when the engine gave up (Streams ERROR): the process must not linger doing nothing. */
    static final int ENGINE_FAILED = 1;

    private final Map<String, String> environment;
    private volatile boolean engineFailed;
    private volatile boolean ingestFailed;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);

    /** Reads Kafka settings from the process environment. */
    RunCommand() {
        this(System.getenv());
    }

    /** Reads {@code KAFKA_*} settings from {@code environment} instead of the process environment (tests). */
    RunCommand(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        // Everything is read and checked before anything starts.
        KafkaClientSettings clientSettings = clientSettings();
        boolean embedded = clientSettings.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG).isEmpty();
        validateOptions(embedded, clientSettings);
        EngineSettings engineSettings = engineSettings();
        RollupRegistry registry = rollups == null ? RollupRegistryLoader.loadBundled()
                : RollupRegistryLoader.loadBundledPlus(rollups);
        RollupProfiles profiles = RollupProfiles.of(registry);
        RiskEngine engine = new RiskEngine(profiles, engineSettings);
        profiles.check(engine);
        log.info("Kafka and registry client settings: {}", clientSettings);

        Deque<AutoCloseable> started = new ArrayDeque<>();
        // Released last, when everything that writes to the data directory has stopped.
        started.push(DataDirLock.acquire(dataDir));
        Thread hook = new Thread(this::requestStopAndWait, "l2risk-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            Endpoints endpoints = embedded ? startEmbedded(started) : joined(clientSettings);
            KafkaClientSettings kafka = endpoints.kafka();
            Topics topics = prepareTopics(kafka, embedded, endpoints.brokerCount());
            // Bound before the engine is configured: each instance advertises its port to the others.
            StatusServer server = startStatusServer(embedded);
            started.push(server);
            RiskApp app = new RiskApp(kafka,
                    RiskApp.Settings.of(dataDir.resolve("streams"), endpoints.serdeConfigs())
                            .withApplicationServer(server.advertisedEndpoint()), topics, engine);
            started.push(app);
            app.onError(() -> {
                engineFailed = true;
                stopRequested.countDown();
            });
            server.start(app, topics, kafka.toClientProperties(),
                    endpoints.serdeConfigs());
            SimulatorRunner simulator = null;
            if (simulate != null ? simulate : embedded && rpcUrl == null) {
                simulator = SimulatorRunner.builder(registry, KafkaEventSink.create(producerProperties(kafka), topics,
                                endpoints.serdeConfigs()))
                        .settings(SimulatorSettings.defaults().withSeed(seed).withSpeed(speed))
                        .stateDir(dataDir.resolve("simulator"))
                        .build();
                started.push(simulator);
                simulator.start();
                // The history goes out before the engine starts: see SimulatorRunner.awaitWarmUp.
                if (!simulator.awaitWarmUp(Duration.ofMinutes(5))) {
                    log.warn("the simulator's warm-up is still running after 5 minutes; starting the engine anyway");
                }
            }
            app.start();
            IngestRunner ingest = null;
            if (rpcUrl != null) {
                try {
                    ingest = IngestRunner.create(rpcUrl, beaconUrl, registry, ingestSettings(), producerProperties(kafka),
                            endpoints.serdeConfigs(), topics);
                } catch (IngestException e) {
                    PrintWriter err = spec.commandLine().getErr();
                    err.println("run: " + e.getMessage());
                    err.flush();
                    return ENGINE_FAILED;
                }
                started.push(ingest);
                ingest.start(() -> {
                    ingestFailed = true;
                    stopRequested.countDown();
                });
            }
            printBanner(out, embedded, endpoints, topics, registry, server);
            if (ingest != null) {
                out.printf("  L1 ingester : %s%n", ingest.describe());
                out.flush();
            }
            if (simulator != null) {
                out.printf("  L1 simulator : %d rollups, %d scripted incidents, seed %d, %sx; first alerts within about "
                        + "a minute (state in %s)%n", registry.all().size(), Scenario.defaultIncidents().incidents().size(),
                        seed, java.math.BigDecimal.valueOf(speed).stripTrailingZeros().toPlainString(),
                        dataDir.resolve("simulator"));
                out.flush();
            }
            replayAndWait(out, topics, producerProperties(kafka), endpoints.serdeConfigs());
            if (ingestFailed) {
                PrintWriter err = spec.commandLine().getErr();
                err.println("run: the L1 ingester stopped (see the log above); exiting so that a supervisor can "
                        + "restart it (it resumes from its cursor)");
                err.flush();
                return ENGINE_FAILED;
            }
            if (engineFailed) {
                PrintWriter err = spec.commandLine().getErr();
                err.println("run: the risk engine stopped after an unrecoverable error (see the log above); "
                        + "exiting so that a supervisor can restart it");
                err.flush();
                return ENGINE_FAILED;
            }
        } finally {
            closeAll(started);
            stopped.countDown();
            if (stopRequested.getCount() > 0) {
                removeHook(hook);
            }
        }
        return 0;
    }

    /**
     * Where the engine's clients go: the embedded services, or the cluster the user named.
     *
     * @param kafka        Kafka client and Streams settings, without the registry keys
     * @param serdeConfigs the registry and serde settings from the same layers
     */
    private record Endpoints(KafkaClientSettings kafka, Map<String, Object> serdeConfigs, String registryUrl,
                             int brokerCount) {

        /** Splits settings that hold both kinds of keys. */
        static Endpoints of(KafkaClientSettings combined, String registryUrl, int brokerCount) {
            return new Endpoints(combined.without(AvroSerdeConfig.keys()), combined.select(AvroSerdeConfig.keys()),
                    registryUrl, brokerCount);
        }
    }

    private KafkaClientSettings clientSettings() {
        return userLayers(kafkaConfig, environment)
                .flag("--bootstrap-servers", CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers)
                .flag("--schema-registry-url", SchemaRegistryConfig.URL, schemaRegistryUrl)
                .build();
    }

    /**
     * The Kafka layers the user controls: {@code --kafka-config FILE} &lt; {@code KAFKA_*}. Schema-registry
     * client settings may sit in the same file and environment ({@code KAFKA_BASIC_AUTH_USER_INFO}), so
     * their keys are accepted too. Flags are the caller's to add.
     */
    static KafkaClientSettings.Builder userLayers(Path kafkaConfig, Map<String, String> environment) {
        return KafkaClientSettings.builder()
                .allowKeys(AvroSerdeConfig.keys())
                .propertiesFile(kafkaConfig)
                .environment(environment);
    }

    private IngestSettings ingestSettings() {
        return IngestCommand.checked(() -> IngestSettings.defaults("run").withConfirmations(confirmations)
                .withRange(IngestCommand.optional(fromBlock), OptionalLong.empty()));
    }

    /** The engine settings of the options; a snapshot interval out of range fails here, before anything starts. */
    private EngineSettings engineSettings() {
        try {
            return EngineSettings.defaults().withStrictRollups(strictRollups).withSnapshotInterval(snapshotInterval);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("--snapshot-interval: " + e.getMessage());
        }
    }

    private void validateOptions(boolean embedded, KafkaClientSettings settings) {
        if (rpcUrl != null) {
            if (Boolean.TRUE.equals(simulate)) {
                throw new ConfigurationException("--simulate and --rpc-url both write the ingest topics: simulated "
                        + "and real L1 events would mix; choose one");
            }
            IngestCommand.requireHttp("--rpc-url", rpcUrl, "JSON-RPC endpoint");
            if (beaconUrl != null) {
                IngestCommand.requireHttp("--beacon-url", beaconUrl, "beacon API");
            }
            ingestSettings();
        } else if (beaconUrl != null || fromBlock != null) {
            throw new ConfigurationException("--beacon-url and --from-block apply to L1 ingestion: add --rpc-url");
        }
        if (embedded) {
            settings.origin(SchemaRegistryConfig.URL).ifPresent(origin -> {
                throw new ConfigurationException("a schema registry URL (from " + origin + ") needs a Kafka cluster too: "
                        + "pass --bootstrap-servers, or drop it to run the embedded default with its own registry");
            });
            checkPort("--kafka-port", kafkaPort);
            checkPort("--registry-port", registryPort);
        } else {
            if (settings.get(SchemaRegistryConfig.URL).isEmpty()) {
                throw new ConfigurationException("joining the Kafka cluster at "
                        + settings.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG).orElseThrow()
                        + " needs its schema registry: pass --schema-registry-url, set KAFKA_SCHEMA_REGISTRY_URL, "
                        + "or put schema.registry.url in --kafka-config");
            }
            if (kafkaPort != 0 || registryPort != 0) {
                throw new ConfigurationException("--kafka-port and --registry-port apply to the embedded default only; "
                        + "drop them when joining a cluster with --bootstrap-servers");
            }
        }
        checkPort("--http-port", httpPort);
        if (!(speed >= 1)) {
            throw new ConfigurationException("--speed must be at least 1 (real time), got " + speed);
        }
        if (partitions < 1) {
            throw new ConfigurationException("--partitions must be at least 1, got " + partitions);
        }
    }

    private StatusServer startStatusServer(boolean embedded) {
        String advertised = advertisedHost != null ? advertisedHost : embedded ? "localhost" : localHostName();
        try {
            return StatusServer.create(StatusServer.Settings.of(httpHost, httpPort, advertised));
        } catch (UncheckedIOException e) {
            throw new ConfigurationException(e.getMessage() + "; choose another --http-port (0 = a free port)", e);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("--advertised-host: " + e.getMessage(), e);
        }
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            log.warn("cannot determine this machine's host name ({}); advertising localhost: set --advertised-host "
                    + "when running several instances", e.getMessage());
            return "localhost";
        }
    }

    private static void checkPort(String option, int port) {
        if (port < 0 || port > 65535) {
            throw new ConfigurationException(option + " must be a TCP port (1-65535) or 0 for a free port, got " + port);
        }
    }

    private Endpoints startEmbedded(Deque<AutoCloseable> started) {
        EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.builder().dataDir(dataDir.resolve("kafka"))
                .clientPort(kafkaPort).build();
        started.push(kafka);
        kafka.start();
        ApicurioRegistry schemaRegistry = ApicurioRegistry.builder()
                .workDir(dataDir.resolve("registry"))
                .port(registryPort)
                // File-backed H2 instead of the in-memory default: the schema ids in the
                // topics must still resolve after a restart.
                .systemProperty("quarkus.datasource.jdbc.url",
                        "jdbc:h2:file:" + dataDir.resolve("registry").resolve("registry").toAbsolutePath())
                .build();
        started.push(schemaRegistry);
        schemaRegistry.start();
        // The user's file and KAFKA_* settings still apply (application.id, timeouts, ...); only the
        // cluster address is ours.
        KafkaClientSettings settings = userLayers(kafkaConfig, environment)
                .flag("(embedded default)", CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers())
                .flag("(embedded default)", SchemaRegistryConfig.URL, schemaRegistry.confluentApiUrl())
                .build();
        return Endpoints.of(settings, schemaRegistry.confluentApiUrl(), kafka.brokerCount());
    }

    private static Endpoints joined(KafkaClientSettings settings) {
        return Endpoints.of(settings, settings.get(SchemaRegistryConfig.URL).orElseThrow(), 0);
    }

    /**
     * Embedded: creates the missing topics (replicated on every broker). Joined: only checks that they
     * exist — creating topics on a shared cluster is the {@code topics} command's job — and warns on drift.
     */
    private Topics prepareTopics(KafkaClientSettings kafka, boolean embedded, int brokerCount) {
        TopicSettings settings = TopicSettings.defaults().withPrefix(prefix).withPartitions(partitions);
        try (Admin admin = Admin.create(kafka.toClientProperties())) {
            TopicManager manager = new TopicManager(admin, Duration.ofSeconds(30));
            if (embedded) {
                Topics topics = Topics.from(settings.withReplicationFactor((short) brokerCount));
                EnsureResult result = manager.ensure(topics);
                result.drifts().forEach(d -> log.warn("topic drift: {}", d.describe()));
                return topics;
            }
            Topics topics = Topics.from(settings.withReplicationFactor((short) Math.min(3, manager.brokerCount())));
            List<Drift> drifts = manager.check(topics);
            List<String> missing = drifts.stream().filter(d -> d.kind() == Drift.Kind.MISSING).map(Drift::topic).toList();
            if (!missing.isEmpty()) {
                throw new ConfigurationException("topic(s) missing on " + kafka.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)
                        .orElseThrow() + ": " + String.join(", ", missing) + "; create them first with: "
                        + "java -jar l2-risk-monitor.jar topics --bootstrap-servers ... --prefix " + prefix);
            }
            drifts.forEach(d -> log.warn("topic drift: {} -- {}", d.describe(), d.hint()));
            return topics;
        }
    }

    /** The Kafka settings a plain producer understands (no Streams-only or registry keys). */
    private static Map<String, Object> producerProperties(KafkaClientSettings kafka) {
        Map<String, Object> props = kafka.toClientProperties();
        props.keySet().retainAll(ProducerConfig.configNames());
        return props;
    }

    private void replayAndWait(PrintWriter out, Topics topics, Map<String, Object> producerProperties,
                               Map<String, Object> serdeConfigs) throws IOException, InterruptedException {
        if (replay != null) {
            EventReplayer.Result replayed = EventReplayer.replay(replay, topics, producerProperties, serdeConfigs);
            out.printf("Replayed %s: %d records into the ingest topics, %d invalid lines skipped, %d out of order.%n",
                    replay, replayed.records(), replayed.invalidLines(), replayed.outOfOrderLines());
            out.flush();
        }
        if (!exitAfterStart) {
            out.println("Running. Press Ctrl-C to stop.");
            out.flush();
            stopRequested.await();
        }
    }

    /** Asks a running {@link #call} to shut down, as SIGTERM does. */
    void stop() {
        stopRequested.countDown();
    }

    /** Closes in reverse order of start; a failure to close one thing does not keep the rest open. */
    private static void closeAll(Deque<AutoCloseable> started) {
        while (!started.isEmpty()) {
            AutoCloseable next = started.pop();
            log.info("stopping {}", next.getClass().getSimpleName());
            try {
                next.close();
            } catch (Exception e) {
                log.warn("stopping {} failed: {}", next.getClass().getSimpleName(), e.toString());
            }
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM began shutting down meanwhile; the hook runs and returns at once because we have stopped.
            log.debug("shutdown already in progress: {}", e.getMessage());
        }
    }

    /** Runs in the JVM's shutdown hook: asks {@link #call} to stop and waits until it has closed everything. */
    private void requestStopAndWait() {
        stopRequested.countDown();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void printBanner(PrintWriter out, boolean embedded, Endpoints endpoints, Topics topics,
                             RollupRegistry rollupRegistry, StatusServer server) throws IOException {
        String bootstrap = endpoints.kafka().get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG).orElseThrow();
        out.println(embedded ? "l2-risk-monitor: embedded default is up" : "l2-risk-monitor: joined the Kafka cluster");
        out.printf("  Kafka bootstrap servers : %s%n", bootstrap);
        out.printf("  Schema registry (Confluent API) : %s%n", Redaction.url(endpoints.registryUrl()));
        String host = httpHost.equals("0.0.0.0") || httpHost.equals("::") ? "localhost" : httpHost;
        out.printf("  Status page : http://%s:%d/%n", host, server.port());
        out.printf("  API, health, metrics : http://%s:%d/api/rollups  /health/ready  /metrics%n", host, server.port());
        out.printf("  Data directory : %s%n", dataDir.toRealPath());
        out.printf("  Topics (%s): %s%n", embedded ? partitions + " partitions each" : "existing",
                String.join(", ", topics.all().stream().map(t -> t.name()).toList()));
        out.printf("  Risk engine: %d rollups in the registry (%s)%n", rollupRegistry.all().size(),
                String.join(", ", rollupRegistry.all().stream().map(r -> r.id()).toList()));
        if (embedded) {
            out.printf("  Inspect: kcat -b %s -L%n", bootstrap);
        }
        out.flush();
    }
}
