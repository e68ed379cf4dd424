package io.l2risk.app;

import io.l2risk.embedded.ApicurioRegistry;
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
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code run}: the main job. Today it starts the <em>embedded default</em>: an in-process KRaft
 * Kafka broker and the real Apicurio schema registry (a child process), both keeping their data in
 * {@code --data-dir} so that a restart finds its topics and schemas again, creates every topic of
 * design.md §3, optionally replays an event file into the ingest topics, prints the addresses for
 * kcat and other tools, and runs until SIGINT/SIGTERM, when it shuts down cleanly.
 *
 * <p>The risk engine that consumes the ingest topics joins this command with its own issue.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Start the embedded default: a local Kafka broker and schema registry with every topic created.")
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

    @Option(names = "--exit-after-start", hidden = true,
            description = "Stop right after start-up (and replay); for tests and smoke checks.")
    boolean exitAfterStart;

    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Files.createDirectories(dataDir);
        Thread hook = new Thread(this::requestStopAndWait, "l2risk-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.builder().dataDir(dataDir.resolve("kafka")).build();
             ApicurioRegistry registry = ApicurioRegistry.builder()
                     .workDir(dataDir.resolve("registry"))
                     // File-backed H2 instead of the in-memory default: the schema ids in the
                     // topics must still resolve after a restart.
                     .systemProperty("quarkus.datasource.jdbc.url",
                             "jdbc:h2:file:" + dataDir.resolve("registry").resolve("registry").toAbsolutePath())
                     .build()) {
            kafka.start();
            registry.start();
            Topics topics = Topics.from(TopicSettings.defaults().withPrefix(prefix).withPartitions(partitions)
                    .withReplicationFactor((short) kafka.brokerCount()));
            try (Admin admin = Admin.create(kafka.clientProperties())) {
                EnsureResult result = new TopicManager(admin, Duration.ofSeconds(30)).ensure(topics);
                if (!result.drifts().isEmpty()) {
                    result.drifts().forEach(d -> log.warn("topic drift: {}", d.describe()));
                }
            }
            printBanner(out, kafka, registry, topics);
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
            log.info("stopping the embedded registry and broker");
        } finally {
            stopped.countDown();
            if (stopRequested.getCount() > 0) {
                removeHook(hook);
            }
        }
        return 0;
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

    private void printBanner(PrintWriter out, EmbeddedKafkaCluster kafka, ApicurioRegistry registry, Topics topics)
            throws IOException {
        out.println("l2-risk-monitor: embedded default is up");
        out.printf("  Kafka bootstrap servers : %s%n", kafka.bootstrapServers());
        out.printf("  Schema registry (Confluent API) : %s%n", registry.confluentApiUrl());
        out.printf("  Data directory : %s%n", dataDir.toRealPath());
        out.printf("  Topics (%d partitions each): %s%n", partitions,
                String.join(", ", topics.all().stream().map(t -> t.name()).toList()));
        out.printf("  Inspect: kcat -b %s -L%n", kafka.bootstrapServers());
        out.flush();
    }
}
