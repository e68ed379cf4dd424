package io.l2risk.app;

import io.l2risk.config.ConfigurationException;
import io.l2risk.config.KafkaClientSettings;
import io.l2risk.serde.AvroSerdeConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code reset}: makes the risk engine start over from the beginning of the ingest topics. Never
 * done implicitly (no {@code cleanUp()} at start); without {@code --yes} it only prints the plan.
 * <ul>
 *   <li><b>Embedded default</b> (no cluster configured): deletes the data directory's broker,
 *       registry, engine and simulator data — every topic and schema with them.</li>
 *   <li><b>A cluster</b> ({@code --bootstrap-servers} etc., as for {@code run}): deletes the
 *       application's consumer group (so the ingest topics are read again from the earliest offset)
 *       and its internal topics ({@code <application.id>-...-changelog/-repartition}), and the local
 *       state directory {@code <data-dir>/streams/<application.id>}. The ingest and risk topics are
 *       kept: consumers of {@code risk.alerts} will see the alerts again, with the same alert ids.</li>
 * </ul>
 * Refuses while an instance is running: the data directory is locked by {@code run}, and the group
 * must have no members. Exit codes: 0 reset, 1 plan printed but not confirmed, 2 error.
 */
@Command(name = "reset", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Wipe the engine's state so that it processes the ingest topics again from the start. "
                + "Prints the plan; --yes does it. Stop every instance first.",
            "Embedded default: deletes the data directory's broker, registry and state. With a cluster: deletes the "
                    + "application's consumer group, internal topics and local state; keeps the ingest and risk topics."})
final class ResetCommand implements Callable<Integer> {

    static final int NOT_CONFIRMED = 1;

    /** What the embedded default keeps in the data directory (see {@link RunCommand}). */
    private static final List<String> EMBEDDED_DIRS = List.of("kafka", "registry", "streams", "simulator");

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file of option values, as for run.")
    Path config;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
            description = "Reset the application on this Kafka cluster instead of the embedded default.")
    String bootstrapServers;

    @Option(names = {"--kafka-config", "--command-config"}, paramLabel = "FILE",
            description = "Kafka client properties (security, application.id). KAFKA_* environment variables override it.")
    Path kafkaConfig;

    @Option(names = "--application-id", paramLabel = "ID",
            description = "The Kafka Streams application id (default: application.id of the Kafka settings, else "
                    + RiskApp.DEFAULT_APPLICATION_ID + ").")
    String applicationId;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data",
            description = "The data directory of run (default: ./${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--yes", description = "Do it. Without it, only the plan is printed.")
    boolean yes;

    private final Map<String, String> environment;

    ResetCommand() {
        this(System.getenv());
    }

    ResetCommand(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        KafkaClientSettings kafka = RunCommand.userLayers(kafkaConfig, environment)
                .flag("--bootstrap-servers", CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers)
                .flag("--application-id", StreamsConfig.APPLICATION_ID_CONFIG, applicationId)
                .build();
        String appId = kafka.get(StreamsConfig.APPLICATION_ID_CONFIG).orElse(RiskApp.DEFAULT_APPLICATION_ID);
        int code;
        // Held while resetting: a run starting meanwhile fails instead of finding half-deleted state.
        try (DataDirLock lock = DataDirLock.acquire(dataDir)) {
            code = kafka.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG).isEmpty()
                    ? resetEmbedded(out)
                    : resetApplication(out, kafka, appId);
        }
        out.flush();
        return code;
    }

    private int resetEmbedded(PrintWriter out) throws IOException {
        List<Path> targets = new ArrayList<>();
        for (String name : EMBEDDED_DIRS) {
            Path dir = dataDir.resolve(name);
            if (Files.exists(dir)) {
                targets.add(dir);
            }
        }
        out.printf("Embedded default in %s: delete %s%n", dataDir.toAbsolutePath(),
                targets.isEmpty() ? "nothing (no data yet)" : String.join(", ", targets.stream().map(Path::toString).toList())
                        + " (every topic, schema and engine state)");
        if (!confirmed(out)) {
            return NOT_CONFIRMED;
        }
        for (Path target : targets) {
            deleteTree(target);
        }
        out.println("Reset done: the next run starts from empty topics.");
        return 0;
    }

    private int resetApplication(PrintWriter out, KafkaClientSettings kafka, String appId) throws Exception {
        Path stateDir = dataDir.resolve("streams").resolve(appId);
        try (Admin admin = Admin.create(kafka.without(AvroSerdeConfig.keys()).toClientProperties())) {
            Set<String> internalTopics = new TreeSet<>();
            for (String topic : await(admin.listTopics().names())) {
                if (topic.startsWith(appId + "-") && (topic.endsWith("-changelog") || topic.endsWith("-repartition"))) {
                    internalTopics.add(topic);
                }
            }
            ConsumerGroupDescription group = describe(admin, appId);
            if (group != null && !group.members().isEmpty()) {
                throw new ConfigurationException("application " + appId + " still has " + group.members().size()
                        + " running member(s) (" + String.join(", ", group.members().stream()
                        .map(m -> m.clientId() + "@" + m.host()).toList()) + "); stop every instance first");
            }
            out.printf("Application %s on %s:%n", appId, kafka.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG).orElseThrow());
            out.printf("  delete consumer group %s%s%n", appId, group == null ? " (does not exist)" : "");
            out.printf("  delete internal topics: %s%n", internalTopics.isEmpty() ? "none" : String.join(", ", internalTopics));
            out.printf("  delete local state %s%s%n", stateDir, Files.exists(stateDir) ? "" : " (does not exist)");
            out.println("  keep the ingest and risk topics (consumers of the alerts topic will see alerts again, same ids)");
            if (!confirmed(out)) {
                return NOT_CONFIRMED;
            }
            if (group != null) {
                try {
                    await(admin.deleteConsumerGroups(List.of(appId)).all());
                } catch (GroupIdNotFoundException e) {
                    // Gone meanwhile: what we wanted.
                }
            }
            deleteTopics(admin, internalTopics);
        }
        if (Files.exists(stateDir)) {
            deleteTree(stateDir);
        }
        out.println("Reset done: the next run of " + appId + " reprocesses the ingest topics from the earliest offset.");
        return 0;
    }

    private boolean confirmed(PrintWriter out) {
        if (!yes) {
            out.println("Nothing changed. Run again with --yes to do it.");
        }
        return yes;
    }

    private static ConsumerGroupDescription describe(Admin admin, String groupId) throws Exception {
        try {
            ConsumerGroupDescription description = await(admin.describeConsumerGroups(List.of(groupId)).all()).get(groupId);
            // A group that never existed is described as DEAD with no members and no offsets.
            boolean exists = description != null && (!description.members().isEmpty()
                    || !await(admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata()).isEmpty());
            return exists ? description : null;
        } catch (GroupIdNotFoundException e) {
            return null;
        }
    }

    private static void deleteTopics(Admin admin, Collection<String> topics) throws Exception {
        if (topics.isEmpty()) {
            return;
        }
        try {
            await(admin.deleteTopics(topics).all());
        } catch (UnknownTopicOrPartitionException e) {
            // Deleted meanwhile.
        }
    }

    private static <T> T await(org.apache.kafka.common.KafkaFuture<T> future) throws Exception {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        } catch (TimeoutException e) {
            throw new ConfigurationException("the Kafka cluster did not answer within 30 s; check --bootstrap-servers");
        }
    }

    private static void deleteTree(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
