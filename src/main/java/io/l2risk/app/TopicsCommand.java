package io.l2risk.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.KafkaException;

import io.l2risk.config.ConfigurationException;
import io.l2risk.config.Durations;
import io.l2risk.config.KafkaClientSettings;
import io.l2risk.topics.Drift;
import io.l2risk.topics.EnsureResult;
import io.l2risk.topics.ReplicationFactor;
import io.l2risk.topics.TopicAdminException;
import io.l2risk.topics.TopicManager;
import io.l2risk.topics.TopicSettings;
import io.l2risk.topics.TopicSpec;
import io.l2risk.topics.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code topics}: creates the missing topics of design.md §3 with their partitions, replication,
 * cleanup policy and retention, or with {@code --check} only reports how the cluster differs.
 * Existing topics are never altered, except their managed configs with {@code --alter-configs}.
 *
 * <p>Prints a table to the command line's output stream (set it with {@code CommandLine.setOut}).
 * Exit codes: {@value #OK} all topics as described, {@value #DRIFT} some topic differs (listed),
 * {@value #ERROR} usage, configuration or connection error.
 */
@Command(name = "topics", sortOptions = false,
        description = "Create the missing topics, or check them with --check. Never alters existing topics"
                + " (except their configs with --alter-configs). Exit 0 = as described, 1 = drift, 2 = error.")
public final class TopicsCommand implements Callable<Integer> {

    public static final int OK = 0;
    public static final int DRIFT = 1;
    public static final int ERROR = 2;

    private static final Duration ADMIN_CLOSE_TIMEOUT = Duration.ofSeconds(5);

    @Spec
    private CommandSpec spec;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
            description = "Kafka brokers; overrides bootstrap.servers from the environment and --kafka-config.")
    private String bootstrapServers;

    @Option(names = {"--kafka-config", "--command-config"}, paramLabel = "FILE",
            description = "Kafka client properties (security, timeouts). KAFKA_* environment variables override it.")
    private Path kafkaConfig;

    @Option(names = "--prefix", paramLabel = "PREFIX", defaultValue = TopicSettings.DEFAULT_PREFIX,
            description = "Common prefix of every topic name. Default: ${DEFAULT-VALUE}")
    private String prefix;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "" + TopicSettings.DEFAULT_PARTITIONS,
            description = "Partitions of every topic (ingest topics must share one count). Default: ${DEFAULT-VALUE}")
    private int partitions;

    @Option(names = "--replication-factor", paramLabel = "N|auto", converter = ReplicationConverter.class,
            defaultValue = "" + TopicSettings.DEFAULT_REPLICATION_FACTOR,
            description = "Replicas per partition; 'auto' = min(3, brokers), for dev clusters. Default: ${DEFAULT-VALUE}")
    private ReplicationFactor replicationFactor;

    @Option(names = "--retention-ingest", paramLabel = "DURATION", converter = DurationConverter.class,
            defaultValue = TopicSettings.DEFAULT_INGEST_RETENTION_DAYS + "d",
            description = "Retention of the ingest topics (replay history for the 30-day baselines). Default: ${DEFAULT-VALUE}")
    private Duration ingestRetention;

    @Option(names = "--retention-alerts", paramLabel = "DURATION", converter = DurationConverter.class,
            defaultValue = TopicSettings.DEFAULT_ALERTS_RETENTION_DAYS + "d",
            description = "Retention of the alerts topic. Default: ${DEFAULT-VALUE}")
    private Duration alertsRetention;

    @Option(names = "--retention-dlq", paramLabel = "DURATION", converter = DurationConverter.class,
            defaultValue = TopicSettings.DEFAULT_DLQ_RETENTION_DAYS + "d",
            description = "Retention of the dead-letter topic. Default: ${DEFAULT-VALUE}")
    private Duration dlqRetention;

    @Option(names = "--min-compaction-lag", paramLabel = "DURATION", converter = DurationConverter.class,
            defaultValue = TopicSettings.DEFAULT_MIN_COMPACTION_LAG_HOURS + "h",
            description = "min.compaction.lag.ms of the compacted topics (indicators, status). Default: ${DEFAULT-VALUE}")
    private Duration minCompactionLag;

    @Option(names = "--check", description = "Only report how the cluster differs; change nothing.")
    private boolean check;

    @Option(names = "--alter-configs",
            description = "Also set managed configs (retention, cleanup, ...) of existing topics that differ. "
                    + "Never changes partitions or replication.")
    private boolean alterConfigs;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "30s",
            description = "Longest wait for any one cluster request. Default: ${DEFAULT-VALUE}")
    private Duration timeout;

    private final Map<String, String> environment;

    /** Reads Kafka settings from the process environment. */
    public TopicsCommand() {
        this(System.getenv());
    }

    /** Reads Kafka settings from {@code environment} instead of the process environment (tests). */
    public TopicsCommand(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public Integer call() {
        if (check && alterConfigs) {
            throw new ParameterException(spec.commandLine(), "--check and --alter-configs cannot be combined");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Admin admin = null;
        try {
            KafkaClientSettings kafka = clientSettings();
            String bootstrap = kafka.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG).orElseThrow(() ->
                    new ConfigurationException("no Kafka cluster given: pass --bootstrap-servers, set "
                            + "KAFKA_BOOTSTRAP_SERVERS, or put bootstrap.servers in --kafka-config"));
            TopicSettings settings = topicSettings(); // validated before any connection attempt
            admin = Admin.create(kafka.toClientProperties());
            TopicManager manager = new TopicManager(admin, timeout);
            int brokers = manager.brokerCount();
            Topics topics = Topics.from(settings.withReplicationFactor(replicationFactor.resolve(brokers)));
            out.printf("Kafka %s (%d broker%s)%n", bootstrap, brokers, brokers == 1 ? "" : "s");
            return check ? check(manager, topics, out) : ensure(manager, topics, out);
        } catch (ConfigurationException | TopicAdminException e) {
            err.println("topics: " + e.getMessage());
            return ERROR;
        } catch (KafkaException e) {
            // Admin.create fails this way on e.g. unresolvable bootstrap servers.
            err.println("topics: " + rootMessage(e));
            return ERROR;
        } finally {
            if (admin != null) {
                admin.close(ADMIN_CLOSE_TIMEOUT);
            }
            out.flush();
            err.flush();
        }
    }

    private int ensure(TopicManager manager, Topics topics, PrintWriter out) {
        EnsureResult result = manager.ensure(topics);
        List<Drift> drifts = result.drifts();
        if (alterConfigs) {
            List<Drift> altered = manager.alterConfigs(drifts);
            altered.forEach(d -> out.println("altered " + d.topic() + ": " + d.setting() + " " + d.actual()
                    + " -> " + d.expected()));
            drifts = altered.isEmpty() ? drifts : manager.check(topics);
        }
        List<Drift> remaining = drifts;
        TopicTable.print(out, topics.all(), t -> result.created().contains(t.name()) ? "created"
                : driftsOf(t, remaining).isEmpty() ? "exists, matches" : "exists, DRIFT (not altered)");
        printDrifts(out, remaining);
        out.printf("%d topic(s): %d created, %d with drift%n", topics.all().size(), result.created().size(),
                topics.all().stream().filter(t -> !driftsOf(t, remaining).isEmpty()).count());
        return remaining.isEmpty() ? OK : DRIFT;
    }

    private int check(TopicManager manager, Topics topics, PrintWriter out) {
        List<Drift> drifts = manager.check(topics);
        TopicTable.print(out, topics.all(), t -> {
            List<Drift> own = driftsOf(t, drifts);
            if (own.isEmpty()) {
                return "ok";
            }
            return own.stream().anyMatch(d -> d.kind() == Drift.Kind.MISSING) ? "MISSING" : "DRIFT";
        });
        printDrifts(out, drifts);
        out.println(drifts.isEmpty() ? "no drift" : drifts.size() + " drift(s)");
        return drifts.isEmpty() ? OK : DRIFT;
    }

    private static void printDrifts(PrintWriter out, List<Drift> drifts) {
        if (!drifts.isEmpty()) {
            out.println();
            out.println("Drift:");
            drifts.forEach(d -> out.println("  " + d.describe() + "  -- " + d.hint()));
        }
    }

    private static List<Drift> driftsOf(TopicSpec<?> topic, List<Drift> drifts) {
        return drifts.stream().filter(d -> d.topic().equals(topic.name())).toList();
    }

    private KafkaClientSettings clientSettings() {
        return KafkaClientSettings.builder()
                .defaults(Map.of(CommonClientConfigs.CLIENT_ID_CONFIG, "l2risk-topics"))
                .propertiesFile(kafkaConfig)
                .environment(environment)
                .flag("--bootstrap-servers", CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers)
                .build();
    }

    private TopicSettings topicSettings() {
        return TopicSettings.defaults()
                .withPrefix(prefix)
                .withPartitions(partitions)
                .withIngestRetention(ingestRetention)
                .withAlertsRetention(alertsRetention)
                .withDlqRetention(dlqRetention)
                .withMinCompactionLag(minCompactionLag);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t == e ? e.getMessage() : e.getMessage() + ": " + t.getMessage();
    }

    /** picocli converter for {@link Durations} syntax. */
    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return Durations.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** picocli converter for {@link ReplicationFactor}. */
    static final class ReplicationConverter implements ITypeConverter<ReplicationFactor> {
        @Override
        public ReplicationFactor convert(String value) {
            try {
                return ReplicationFactor.parse(value);
            } catch (ConfigurationException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
