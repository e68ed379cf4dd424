package io.l2risk.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.l2risk.testing.TestCluster;
import io.l2risk.testing.TestClusterExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code reset} against a real broker: the application's group, internal topics and local state. */
@ExtendWith(TestClusterExtension.class)
class ResetCommandIT {

    private TestCluster cluster;
    private Admin admin;
    private String appId;
    private String changelog;
    private String input;

    @BeforeEach
    void setUp(TestCluster cluster) throws Exception {
        this.cluster = cluster;
        this.admin = Admin.create(cluster.clientProperties());
        this.appId = cluster.uniqueName("reset-app");
        this.changelog = appId + "-rollup-state-changelog";
        this.input = cluster.uniqueName("reset-input");
        admin.createTopics(List.of(new NewTopic(changelog, 1, (short) 1), new NewTopic(input, 1, (short) 1)))
                .all().get();
        // What a stopped instance leaves behind: committed offsets of its group. Retried until the
        // group coordinator knows the new topic (its metadata arrives a moment after the creation).
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
            admin.alterConsumerGroupOffsets(appId, Map.of(new TopicPartition(input, 0), new OffsetAndMetadata(0)))
                    .all().get();
            return true;
        });
    }

    @AfterEach
    void tearDown() {
        admin.close(Duration.ofSeconds(5));
    }

    @Test
    void shouldOnlyPrintThePlanWithoutYes(@TempDir Path dir) throws Exception {
        Result result = reset(dir);

        assertThat(result.code()).as(result.err()).isEqualTo(ResetCommand.NOT_CONFIRMED);
        assertThat(result.out()).contains("delete consumer group " + appId + "\n",
                "delete internal topics: " + changelog + "\n", "Nothing changed. Run again with --yes to do it.");
        assertThat(admin.listTopics().names().get()).contains(changelog, input);
        assertThat(admin.listConsumerGroupOffsets(appId).partitionsToOffsetAndMetadata().get()).isNotEmpty();
    }

    @Test
    void shouldDeleteTheGroupTheInternalTopicsAndTheLocalStateButKeepOtherTopics(@TempDir Path dir) throws Exception {
        Path state = Files.createDirectories(dir.resolve("streams").resolve(appId).resolve("0_0"));
        Files.writeString(state.resolve("rocks.sst"), "state");

        Result result = reset(dir, "--yes");

        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out()).contains("Reset done: the next run of " + appId);
        assertThat(admin.listTopics().names().get()).doesNotContain(changelog).contains(input);
        assertThat(admin.listConsumerGroupOffsets(appId).partitionsToOffsetAndMetadata().get()).isEmpty();
        assertThat(dir.resolve("streams").resolve(appId)).doesNotExist();
    }

    @Test
    void shouldRefuseWhileAnInstanceIsRunning(@TempDir Path dir) throws Exception {
        Map<String, Object> props = new HashMap<>(cluster.clientProperties());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, appId);
        try (KafkaConsumer<String, String> member = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            member.subscribe(List.of(input));
            // Poll until the member has joined; the group then has one member.
            while (member.assignment().isEmpty()) {
                member.poll(Duration.ofMillis(200));
            }

            Result result = reset(dir, "--yes");

            assertThat(result.code()).isEqualTo(2);
            assertThat(result.err()).contains("application " + appId + " still has 1 running member(s)",
                    "stop every instance first");
        }
        assertThat(admin.listTopics().names().get()).contains(changelog);
    }

    @Test
    void shouldRefuseWhileRunHoldsTheDataDirectory(@TempDir Path dir) throws Exception {
        try (DataDirLock running = DataDirLock.acquire(dir)) {
            Result result = reset(dir, "--yes");

            assertThat(result.code()).isEqualTo(2);
            assertThat(result.err()).contains("data directory " + dir + " is in use by another l2-risk-monitor (pid "
                    + ProcessHandle.current().pid() + ")");
        }
    }

    @Test
    void shouldWipeTheEmbeddedDefaultsDataButNothingElse(@TempDir Path dir) throws Exception {
        for (String sub : List.of("kafka", "registry", "streams")) {
            Files.writeString(Files.createDirectories(dir.resolve(sub)).resolve("data"), sub);
        }
        Files.writeString(dir.resolve("notes.txt"), "mine");

        CommandLine cli = Main.commandLine(Map.of());
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        int code = cli.execute("reset", "--data-dir", dir.toString(), "--yes");

        assertThat(code).as(out.toString()).isZero();
        assertThat(dir.resolve("kafka")).doesNotExist();
        assertThat(dir.resolve("registry")).doesNotExist();
        assertThat(dir.resolve("streams")).doesNotExist();
        assertThat(dir.resolve("notes.txt")).hasContent("mine");
    }

    private Result reset(Path dataDir, String... extra) {
        CommandLine cli = Main.commandLine(Map.of());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] args = new String[6 + extra.length];
        System.arraycopy(new String[] {"reset", "--bootstrap-servers", cluster.bootstrapServers(), "--application-id",
            appId, "--data-dir=" + dataDir}, 0, args, 0, 6);
        System.arraycopy(extra, 0, args, 6, extra.length);
        int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    private record Result(int code, String out, String err) {
    }
}
