package io.l2risk.embedded.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.l2risk.app.RiskApp;
import io.l2risk.app.RollupProfiles;
import io.l2risk.avro.AlertStatus;
import io.l2risk.avro.IngestProgress;
import io.l2risk.avro.RiskAlert;
import io.l2risk.avro.Severity;
import io.l2risk.config.KafkaClientSettings;
import io.l2risk.engine.EngineSettings;
import io.l2risk.engine.RiskEngine;
import io.l2risk.serde.AvroDeserializer;
import io.l2risk.serde.SchemaRegistryConfig;
import io.l2risk.testing.KafkaTestClients;
import io.l2risk.testing.TestCluster;
import io.l2risk.testing.TestClusterExtension;
import io.l2risk.topics.TopicManager;
import io.l2risk.topics.TopicSettings;
import io.l2risk.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator as {@code run} uses it: the default settings and scenario produced through
 * {@link KafkaEventSink} into a real broker and the real registry, the risk engine (Kafka Streams,
 * bundled registry) reading them, in real time at speed 60. The first alert — base's sequencer stall —
 * must be the first alert on the alert topic (no false alert from the warm-up) and come within a minute and
 * a half even on a busy build machine; the ingest records are keyed by rollup with their L1 time as the
 * record timestamp.
 */
@ExtendWith(TestClusterExtension.class)
class SimulatorRunnerIT {

    private static final Logger log = LoggerFactory.getLogger(SimulatorRunnerIT.class);

    @TempDir
    Path dir;

    @Test
    void shouldRaiseTheFirstAlertWithinTheFirstMinuteOfARealRun(TestCluster cluster) throws Exception {
        Topics topics = Topics.from(TopicSettings.defaults().withPrefix(cluster.uniqueName("sim") + ".")
                .withPartitions(2).withReplicationFactor((short) 1));
        try (Admin admin = KafkaTestClients.admin(cluster.bootstrapServers())) {
            assertThat(new TopicManager(admin, KafkaTestClients.TIMEOUT).ensure(topics).matches()).isTrue();
        }
        Map<String, Object> serde = Map.of(SchemaRegistryConfig.URL, cluster.schemaRegistryUrl());
        RiskEngine engine = new RiskEngine(RollupProfiles.of(SimRuns.BUNDLED), EngineSettings.defaults());
        long begin = System.nanoTime();
        // As run does it: the warm-up is on the broker before the engine starts (SimulatorRunner.awaitWarmUp).
        // An engine racing the warm-up burst (30,000 records in a few seconds) orders a rollup's five
        // ingest topics only among the data it has fetched, and raised false absence alerts.
        KafkaClientSettings kafka = KafkaClientSettings.builder()
                .flag("--bootstrap-servers", "bootstrap.servers", cluster.bootstrapServers())
                .flag("--application-id", "application.id", cluster.uniqueName("sim-app"))
                .build();
        try (RiskApp app = new RiskApp(kafka, RiskApp.Settings.of(dir.resolve("streams"), serde), topics, engine);
             SimulatorRunner runner = SimulatorRunner.builder(SimRuns.BUNDLED,
                             KafkaEventSink.create(cluster.clientProperties(), topics, serde))
                     .stateDir(dir.resolve("simulator")).build();
             KafkaConsumer<String, RiskAlert> alerts = consumer(cluster, serde)) {
            runner.start();
            assertThat(runner.awaitWarmUp(Duration.ofMinutes(2))).isTrue();
            app.start();
            alerts.subscribe(List.of(topics.alerts().name()));
            List<RiskAlert> received = new ArrayList<>();
            await().atMost(Duration.ofSeconds(90)).pollDelay(Duration.ZERO).until(() -> {
                alerts.poll(Duration.ofMillis(200)).forEach(r -> received.add(r.value()));
                return !received.isEmpty();
            });
            long seconds = (System.nanoTime() - begin) / 1_000_000_000L;
            log.info("first alert {}s after start ({}): {}", seconds, runner.stats(), received.get(0).getSummary());

            assertThat(received.get(0)).satisfies(alert -> {
                assertThat(alert.getRollupId()).isEqualTo("base");
                assertThat(alert.getIndicator()).isEqualTo("BATCH_LIVENESS");
                assertThat(alert.getStatus()).isEqualTo(AlertStatus.FIRING);
                assertThat(alert.getSeverity()).isEqualTo(Severity.WARNING);
            });
            assertThat(runner.stats().phase()).isEqualTo(SimulatorRunner.Phase.REPLAY);
        }
        List<ConsumerRecord<String, IngestProgress>> progress = ingest(cluster, topics, serde);
        assertThat(progress).isNotEmpty().allSatisfy(r -> {
            assertThat(r.key()).isEqualTo(r.value().getRollupId());
            assertThat(r.timestamp()).isEqualTo(r.value().getScannedThroughTime().toEpochMilli());
        });
        assertThat(SimulatorCursor.read(dir.resolve("simulator"))).isPresent();
    }

    private static KafkaConsumer<String, RiskAlert> consumer(TestCluster cluster, Map<String, Object> serde) {
        Map<String, Object> props = new HashMap<>(cluster.clientProperties());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, cluster.uniqueName("sim-alerts"));
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        AvroDeserializer<RiskAlert> values = new AvroDeserializer<>(RiskAlert.class);
        values.configure(serde, false);
        return new KafkaConsumer<>(props, new StringDeserializer(), values);
    }

    private static List<ConsumerRecord<String, IngestProgress>> ingest(TestCluster cluster, Topics topics,
                                                                      Map<String, Object> serde) {
        Map<String, Object> props = new HashMap<>(cluster.clientProperties());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, cluster.uniqueName("sim-progress"));
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        AvroDeserializer<IngestProgress> values = new AvroDeserializer<>(IngestProgress.class);
        values.configure(serde, false);
        try (KafkaConsumer<String, IngestProgress> consumer = new KafkaConsumer<>(props, new StringDeserializer(), values)) {
            consumer.subscribe(List.of(topics.progress().name()));
            List<ConsumerRecord<String, IngestProgress>> records = new ArrayList<>();
            await().atMost(KafkaTestClients.TIMEOUT).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size() >= 500;
            });
            return records;
        }
    }
}
