package io.l2risk.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.l2risk.testing.TestCluster;
import io.l2risk.testing.TestClusterExtension;
import picocli.CommandLine;

/** The {@code topics} command against a real broker; every test uses its own topic prefix. */
@ExtendWith(TestClusterExtension.class)
class TopicsCommandIT {

    private static final List<String> SUFFIXES = List.of("ingest.batches", "ingest.proofs", "ingest.bridge",
            "ingest.da", "ingest.progress", "ingest.cursor", "risk.alerts", "risk.indicators", "risk.status", "dlq");
    private static final Duration WAIT = Duration.ofSeconds(30);

    private TestCluster cluster;
    private Admin admin;
    private String prefix;
    private StringWriter out;
    private StringWriter err;

    @BeforeEach
    void setUp(TestCluster cluster) {
        this.cluster = cluster;
        this.admin = Admin.create(cluster.clientProperties());
        this.prefix = cluster.uniqueName("topics") + ".";
    }

    @AfterEach
    void tearDown() {
        admin.close(Duration.ofSeconds(5));
    }

    @Test
    void shouldCreateEveryTopicWithPartitionsReplicationAndConfigs() throws Exception {
        int exit = topics("--partitions", "3");

        assertThat(exit).as(err.toString()).isEqualTo(0);
        assertThat(err.toString()).isEmpty();
        for (String suffix : SUFFIXES) {
            assertThat(row(prefix + suffix).get(5)).isEqualTo("created");
        }
        assertThat(row(prefix + "ingest.batches")).containsExactly(prefix + "ingest.batches", "3", "1", "delete",
                "30d", "created");
        assertThat(row(prefix + "risk.status")).containsExactly(prefix + "risk.status", "3", "1", "compact", "-",
                "created");
        assertThat(out.toString()).contains("10 topic(s): 10 created, 0 with drift");

        Map<String, TopicDescription> described = describe(names());
        assertThat(described.values()).allSatisfy(d -> {
            assertThat(d.partitions()).hasSize(3);
            assertThat(d.partitions()).allSatisfy(p -> assertThat(p.replicas()).hasSize(1));
        });
        assertThat(config(prefix + "ingest.batches", "retention.ms")).isEqualTo("2592000000");
        assertThat(config(prefix + "ingest.progress", "retention.ms")).isEqualTo("2592000000");
        assertThat(config(prefix + "risk.alerts", "retention.ms")).isEqualTo("7776000000");
        assertThat(config(prefix + "dlq", "retention.ms")).isEqualTo("2592000000");
        assertThat(config(prefix + "risk.indicators", "cleanup.policy")).isEqualTo("compact");
        assertThat(config(prefix + "risk.status", "cleanup.policy")).isEqualTo("compact");
        assertThat(config(prefix + "ingest.cursor", "cleanup.policy")).isEqualTo("compact");
        assertThat(config(prefix + "risk.status", "min.compaction.lag.ms")).isEqualTo("3600000");
        assertThat(config(prefix + "risk.alerts", "cleanup.policy")).isEqualTo("delete");
        assertThat(config(prefix + "ingest.da", "min.insync.replicas")).isEqualTo("1");
    }

    @Test
    void shouldChangeNothingWhenRunTwice() throws Exception {
        assertThat(topics()).isEqualTo(0);
        Map<String, Uuid> idsAfterFirstRun = topicIds();

        int exit = topics();

        assertThat(exit).as(err.toString()).isEqualTo(0);
        for (String suffix : SUFFIXES) {
            assertThat(row(prefix + suffix).get(5)).isEqualTo("exists, matches");
        }
        assertThat(out.toString()).contains("10 topic(s): 0 created, 0 with drift").doesNotContain("Drift:");
        assertThat(topicIds()).isEqualTo(idsAfterFirstRun);
    }

    @Test
    void shouldExitZeroWhenCheckFindsNoDrift() {
        assertThat(topics()).isEqualTo(0);

        int exit = topics("--check");

        assertThat(exit).as(err.toString()).isEqualTo(0);
        for (String suffix : SUFFIXES) {
            assertThat(row(prefix + suffix).get(5)).isEqualTo("ok");
        }
        assertThat(out.toString()).endsWith("no drift" + System.lineSeparator());
    }

    @Test
    void shouldReportChangedConfigWithoutAlteringIt() throws Exception {
        assertThat(topics()).isEqualTo(0);
        String alerts = prefix + "risk.alerts";
        setConfig(alerts, "retention.ms", "3600000");

        int exit = topics("--check");

        assertThat(exit).isEqualTo(1);
        assertThat(row(alerts).get(5)).isEqualTo("DRIFT");
        assertThat(row(prefix + "ingest.batches").get(5)).isEqualTo("ok");
        assertThat(driftLines()).containsExactly(
                alerts + ": retention.ms is 3600000 (1h), expected 7776000000 (90d)  -- run 'topics --alter-configs' to set it");
        assertThat(out.toString()).endsWith("1 drift(s)" + System.lineSeparator());
        assertThat(config(alerts, "retention.ms")).isEqualTo("3600000");
    }

    @Test
    void shouldReportDriftWhenCreatingButNeverAlterExistingTopic() throws Exception {
        assertThat(topics()).isEqualTo(0);
        String status = prefix + "risk.status";
        setConfig(status, "cleanup.policy", "delete");

        int exit = topics();

        assertThat(exit).isEqualTo(1);
        assertThat(row(status).get(5)).isEqualTo("exists, DRIFT (not altered)");
        assertThat(driftLines()).containsExactly(
                status + ": cleanup.policy is delete, expected compact  -- run 'topics --alter-configs' to set it");
        assertThat(config(status, "cleanup.policy")).isEqualTo("delete");
    }

    @Test
    void shouldSetDriftedConfigsBackWithAlterConfigs() throws Exception {
        assertThat(topics()).isEqualTo(0);
        String dlq = prefix + "dlq";
        setConfig(dlq, "retention.ms", "60000");

        int exit = topics("--alter-configs");

        assertThat(exit).as(out.toString()).isEqualTo(0);
        assertThat(out.toString()).contains("altered " + dlq + ": retention.ms 60000 -> 2592000000");
        assertThat(config(dlq, "retention.ms")).isEqualTo("2592000000");
    }

    @Test
    void shouldReportAddedPartitionsAndBrokenCoPartitioning() throws Exception {
        assertThat(topics("--partitions", "3")).isEqualTo(0);
        String batches = prefix + "ingest.batches";
        admin.createPartitions(Map.of(batches, NewPartitions.increaseTo(4))).all().get();
        await().atMost(WAIT).until(() -> describe(List.of(batches)).get(batches).partitions().size() == 4);

        int exit = topics("--partitions", "3", "--check");

        assertThat(exit).isEqualTo(1);
        assertThat(row(batches).get(5)).isEqualTo("DRIFT");
        assertThat(driftLines()).containsExactly(
                batches + ": partitions is 4, expected 3  -- partitions can never be decreased: recreate the topic,"
                        + " or pass --partitions 4",
                prefix + "ingest.*: not co-partitioned: " + batches + "=4, " + prefix + "ingest.proofs=3, " + prefix
                        + "ingest.bridge=3, " + prefix + "ingest.da=3, " + prefix + "ingest.progress=3"
                        + "  -- give every ingest topic the same partition count; joins by rollupId need it");
        assertThat(describe(List.of(batches)).get(batches).partitions()).hasSize(4);
    }

    @Test
    void shouldReportDeletedTopicAsMissing() throws Exception {
        assertThat(topics()).isEqualTo(0);
        String dlq = prefix + "dlq";
        admin.deleteTopics(List.of(dlq)).all().get();
        await().atMost(WAIT).until(() -> !admin.listTopics().names().get().contains(dlq));

        int exit = topics("--check");

        assertThat(exit).isEqualTo(1);
        assertThat(row(dlq).get(5)).isEqualTo("MISSING");
        assertThat(driftLines()).containsExactly(dlq + ": missing  -- run 'topics' without --check to create it");
        assertThat(admin.listTopics().names().get()).doesNotContain(dlq);
    }

    @Test
    void shouldRefuseReplicationAboveBrokerCountAndCreateNothing() throws Exception {
        int brokers = admin.describeCluster().nodes().get().size();

        int exit = topics("--replication-factor", Integer.toString(brokers + 1));

        assertThat(exit).isEqualTo(2);
        assertThat(err).hasToString("topics: topic " + prefix + "ingest.batches needs replication factor "
                + (brokers + 1) + " but the cluster has " + brokers + " broker(s); pass --replication-factor "
                + brokers + " (or 'auto') for a small dev cluster, or add brokers" + System.lineSeparator());
        assertThat(admin.listTopics().names().get()).noneMatch(n -> n.startsWith(prefix));
    }

    @Test
    void shouldResolveAutoReplicationFromBrokerCount() throws Exception {
        int brokers = admin.describeCluster().nodes().get().size();

        int exit = topics("--replication-factor", "auto");

        assertThat(exit).as(err.toString()).isEqualTo(0);
        int expected = Math.min(3, brokers);
        assertThat(row(prefix + "dlq").get(2)).isEqualTo(Integer.toString(expected));
        assertThat(describe(List.of(prefix + "dlq")).get(prefix + "dlq").partitions())
                .allSatisfy(p -> assertThat(p.replicas()).hasSize(expected));
    }

    /** Runs the command with this test's prefix, and replication factor 1 unless {@code args} give one. */
    private int topics(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("--bootstrap-servers", cluster.bootstrapServers(), "--prefix", prefix));
        if (!Arrays.asList(args).contains("--replication-factor")) {
            all.addAll(List.of("--replication-factor", "1"));
        }
        all.addAll(Arrays.asList(args));
        return new CommandLine(new TopicsCommand(Map.of()))
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(all.toArray(String[]::new));
    }

    /** The table cells of {@code topic}'s row (cells are separated by at least two spaces). */
    private List<String> row(String topic) {
        return out.toString().lines().filter(l -> l.startsWith(topic + " ")).findFirst()
                .map(l -> List.of(l.trim().split("\\s{2,}")))
                .orElseThrow(() -> new AssertionError("no row for " + topic + " in:\n" + out));
    }

    private List<String> driftLines() {
        return out.toString().lines().dropWhile(l -> !l.equals("Drift:")).skip(1)
                .takeWhile(l -> l.startsWith("  ")).map(String::trim).toList();
    }

    private List<String> names() {
        return SUFFIXES.stream().map(s -> prefix + s).toList();
    }

    private Map<String, TopicDescription> describe(Collection<String> topics) throws Exception {
        return admin.describeTopics(topics).allTopicNames().get();
    }

    private Map<String, Uuid> topicIds() throws Exception {
        return describe(names()).values().stream()
                .collect(Collectors.toMap(TopicDescription::name, TopicDescription::topicId));
    }

    private String config(String topic, String key) throws ExecutionException, InterruptedException {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return admin.describeConfigs(Set.of(resource)).all().get().get(resource).get(key).value();
    }

    /** Changes a topic config behind the command's back and waits until the broker reports it. */
    private void setConfig(String topic, String key, String value) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        admin.incrementalAlterConfigs(Map.of(resource,
                List.of(new AlterConfigOp(new ConfigEntry(key, value), AlterConfigOp.OpType.SET)))).all().get();
        await().atMost(WAIT).until(() -> value.equals(config(topic, key)));
    }
}
