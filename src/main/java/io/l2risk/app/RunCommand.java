package io.l2risk.app;

import io.l2risk.config.KafkaClientSettings;
import io.l2risk.embedded.ApicurioRegistry;
import io.l2risk.engine.EngineSettings;
import io.l2risk.engine.RiskEngine;
import io.l2risk.registry.RollupRegistry;
import io.l2risk.registry.RollupRegistryLoader;
import io.l2risk.serde.SchemaRegistryConfig;
import io.l2risk.embedded.EmbeddedKafkaCluster;
import io.l2risk.topics.EnsureResult;
import io.l2risk.topics.TopicManager;
import io.l2risk.topics.TopicSettings;
import io.l2risk.topics.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code run}: the main job on the <em>embedded default</em>: an in-process KRaft Kafka broker and
 * the real Apicurio schema registry (a child process), both keeping their data in {@code --data-dir}
 * so that a restart finds its topics, schemas and engine state again; every topic of design.md §3;
 * the risk engine (Kafka Streams, exactly-once) over the ingest topics with the bundled rollup
 * presets (plus {@code --rollups FILE}); optionally an event file replayed into the ingest topics.
 * Prints the addresses for kcat and other tools and runs until SIGINT/SIGTERM, then shuts down
 * cleanly: engine first, then registry and broker.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the risk engine on the embedded default: a local Kafka broker and schema registry, "
                + "every topic created, bundled rollup presets.")
final class RunCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

    @Spec
    CommandSpec spec;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data",
            description = "Where the embedded broker and registry keep their data (default: ./${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--prefix", defaultValue = TopicSettings.DEFAULT_PREFIX,
            description = "Common prefix of every topic name (default: ${DEFAULT-VALUE}).")
    String prefix;

    @Option(names = "--partitions", defaultValue = "" + TopicSettings.DEFAULT_PARTITIONS,
            description = "Partitions of every topic (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--replay", paramLabel = "FILE",
            description = "Produce this event file (JSON Lines, design.md §3) into the ingest topics once started.")
    Path replay;

    @Option(names = "--rollups", paramLabel = "FILE",
            description = "Rollup registry YAML laid over the bundled mainnet presets (entries merged by id).")
    Path rollups;

    @Option(names = "--strict-rollups",
            description = "Dead-letter records of rollups missing from the registry instead of using GENERIC defaults.")
    boolean strictRollups;

    @Option(names = "--exit-after-start", hidden = true,
            description = "Stop right after start-up (and replay); for tests and smoke checks.")
    boolean exitAfterStart;

    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Files.createDirectories(dataDir);
        // The registry is read first: an invalid file fails before anything starts.
        RollupRegistry registry = rollups == null ? RollupRegistryLoader.loadBundled()
                : RollupRegistryLoader.loadBundledPlus(rollups);
        RollupProfiles profiles = RollupProfiles.of(registry);
        RiskEngine engine = new RiskEngine(profiles, EngineSettings.defaults().withStrictRollups(strictRollups));
        profiles.check(engine);
        Thread hook = new Thread(this::requestStopAndWait, "l2risk-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.builder().dataDir(dataDir.resolve("kafka")).build();
             ApicurioRegistry schemaRegistry = ApicurioRegistry.builder()
                     .workDir(dataDir.resolve("registry"))
                     // File-backed H2 instead of the in-memory default: the schema ids in the
                     // topics must still resolve after a restart.
                     .systemProperty("quarkus.datasource.jdbc.url",
                             "jdbc:h2:file:" + dataDir.resolve("registry").resolve("registry").toAbsolutePath())
                     .build()) {
            kafka.start();
            schemaRegistry.start();
            Topics topics = Topics.from(TopicSettings.defaults().withPrefix(prefix).withPartitions(partitions)
                    .withReplicationFactor((short) kafka.brokerCount()));
            try (Admin admin = Admin.create(kafka.clientProperties())) {
                EnsureResult result = new TopicManager(admin, Duration.ofSeconds(30)).ensure(topics);
                if (!result.drifts().isEmpty()) {
                    result.drifts().forEach(d -> log.warn("topic drift: {}", d.describe()));
                }
            }
            KafkaClientSettings clients = KafkaClientSettings.builder()
                    .flag("--bootstrap-servers", CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers())
                    .build();
            try (RiskApp app = new RiskApp(clients, RiskApp.Settings.of(dataDir.resolve("streams"),
                    Map.of(SchemaRegistryConfig.URL, schemaRegistry.confluentApiUrl())), topics, engine)) {
                app.start();
                printBanner(out, kafka, schemaRegistry, topics, registry);
                replayAndWait(out, topics, kafka, schemaRegistry);
                log.info("stopping the risk engine");
            }
            log.info("stopping the embedded registry and broker");
        } finally {
            stopped.countDown();
            if (stopRequested.getCount() > 0) {
                removeHook(hook);
            }
        }
        return 0;
    }

    private void replayAndWait(PrintWriter out, Topics topics, EmbeddedKafkaCluster kafka, ApicurioRegistry registry)
            throws IOException, InterruptedException {
        if (replay != null) {
            EventReplayer.Result replayed = EventReplayer.replay(replay, topics, kafka.clientProperties(),
                    registry.confluentApiUrl());
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

    private void printBanner(PrintWriter out, EmbeddedKafkaCluster kafka, ApicurioRegistry registry, Topics topics,
                             RollupRegistry rollupRegistry) throws IOException {
        out.println("l2-risk-monitor: embedded default is up");
        out.printf("  Kafka bootstrap servers : %s%n", kafka.bootstrapServers());
        out.printf("  Schema registry (Confluent API) : %s%n", registry.confluentApiUrl());
        out.printf("  Data directory : %s%n", dataDir.toRealPath());
        out.printf("  Topics (%d partitions each): %s%n", partitions,
                String.join(", ", topics.all().stream().map(t -> t.name()).toList()));
        out.printf("  Risk engine: %d rollups in the registry (%s)%n", rollupRegistry.all().size(),
                String.join(", ", rollupRegistry.all().stream().map(r -> r.id()).toList()));
        out.printf("  Inspect: kcat -b %s -L%n", kafka.bootstrapServers());
        out.flush();
    }
}
