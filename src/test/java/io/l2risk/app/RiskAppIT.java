package io.l2risk.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.l2risk.avro.AlertStatus;
import io.l2risk.avro.BatchPosted;
import io.l2risk.avro.DaMode;
import io.l2risk.avro.DeadLetter;
import io.l2risk.avro.DeadLetterStage;
import io.l2risk.avro.IngestProgress;
import io.l2risk.avro.RiskAlert;
import io.l2risk.avro.Severity;
import io.l2risk.avro.Source;
import io.l2risk.config.KafkaClientSettings;
import io.l2risk.engine.EngineSettings;
import io.l2risk.engine.RiskEngine;
import io.l2risk.engine.RollupProfile;
import io.l2risk.records.IngestRecords;
import io.l2risk.serde.AvroDeserializer;
import io.l2risk.serde.AvroSerializer;
import io.l2risk.serde.SchemaRegistryConfig;
import io.l2risk.testing.KafkaTestClients;
import io.l2risk.testing.TestCluster;
import io.l2risk.testing.TestClusterExtension;
import io.l2risk.topics.TopicManager;
import io.l2risk.topics.TopicSettings;
import io.l2risk.topics.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The risk engine as a real Kafka Streams application (exactly_once_v2) on a real broker and the real
 * Apicurio registry: ingest records in, the exact alert lifecycle out (read_committed), a bad record
 * in the DLQ with its provenance. Fixture: the 33-minute Base halt of 2025-08-05 (incidents.md §A,
 * incident 6) in shape, with thresholds of 10/20 minutes so the run stays short in L1 time.
 */
@ExtendWith(TestClusterExtension.class)
class RiskAppIT {

    private static final String ROLLUP = "base";
    private static final Instant T0 = Instant.parse("2024-06-20T12:00:11Z");
    private static final RollupProfile PROFILE = new RollupProfile(ROLLUP, "OP_STACK", true, false, null, null, null,
            null, null, null, null, null, Map.of("BATCH_LIVENESS", Map.of("warnAfter", "10m", "criticalAfter", "20m")));

    @TempDir
    Path stateDir;

    @Test
    void shouldPublishTheExactAlertLifecycleAndDeadLetterABadRecordWithProvenance(TestCluster cluster) throws Exception {
        Topics topics = Topics.from(TopicSettings.defaults().withPrefix(cluster.uniqueName("risk") + ".")
                .withPartitions(2).withReplicationFactor((short) 1));
        try (Admin admin = KafkaTestClients.admin(cluster.bootstrapServers())) {
            assertThat(new TopicManager(admin, KafkaTestClients.TIMEOUT).ensure(topics).matches()).isTrue();
        }
        List<SpecificRecord> events = new ArrayList<>();
        events.add(batch(T0, 1));
        for (int minute = 1; minute <= 25; minute++) {
            events.add(progress(T0.plusSeconds(60L * minute)));
        }
        events.add(batch(T0.plusSeconds(25 * 60 + 30), 2));
        produce(cluster, topics, events);
        byte[] badValue = "{\"rollupId\":\"base\"}".getBytes(StandardCharsets.UTF_8);
        RecordMetadata bad = produceRaw(cluster, topics.batches().name(), ROLLUP.getBytes(StandardCharsets.UTF_8),
                badValue, T0.plusSeconds(5));

        KafkaClientSettings kafka = KafkaClientSettings.builder()
                .defaults(Map.of("commit.interval.ms", "200"))
                .flag("--bootstrap-servers", "bootstrap.servers", cluster.bootstrapServers())
                .flag("--application-id", "application.id", cluster.uniqueName("risk-app"))
                .build();
        Map<String, Object> serde = Map.of(SchemaRegistryConfig.URL, cluster.schemaRegistryUrl());
        RiskEngine engine = new RiskEngine(id -> id.equals(ROLLUP) ? Optional.of(PROFILE) : Optional.empty(),
                EngineSettings.defaults());
        List<RiskAlert> alerts;
        List<DeadLetter> deadLetters;
        try (RiskApp app = new RiskApp(kafka, RiskApp.Settings.of(stateDir, serde), topics, engine)) {
            assertThat(app.streamsProperties()).containsEntry("processing.guarantee", "exactly_once_v2");
            app.start();
            await().atMost(KafkaTestClients.TIMEOUT).until(() -> app.state() == KafkaStreams.State.RUNNING);

            alerts = consume(cluster, topics.alerts().name(), 3, reader(RiskAlert.class, serde));
            deadLetters = consume(cluster, topics.dlq().name(), 1, reader(DeadLetter.class, serde));
            assertThat(app.errorCounts().deadLetters()).isEqualTo(Map.of(
                    "DESERIALIZATION/org.apache.kafka.common.errors.SerializationException", 1L));
        }

        String id = "base:BATCH_LIVENESS:" + T0.plusSeconds(660).toEpochMilli();
        assertThat(alerts).extracting(RiskAlert::getAlertId, RiskAlert::getStatus, RiskAlert::getSeverity,
                        RiskAlert::getEventTime, RiskAlert::getSummary)
                .containsExactly(
                        tuple(id, AlertStatus.FIRING, Severity.WARNING, T0.plusSeconds(11 * 60),
                                "No batch posted for 11m (threshold 10m)."),
                        tuple(id, AlertStatus.ESCALATED, Severity.CRITICAL, T0.plusSeconds(21 * 60),
                                "No batch posted for 21m (threshold 20m)."),
                        tuple(id, AlertStatus.RESOLVED, Severity.CRITICAL, T0.plusSeconds(25 * 60 + 30),
                                "Last batch 0s ago (threshold 10m)."));
        assertThat(deadLetters).singleElement().satisfies(letter -> {
            assertThat(letter.getStage()).isEqualTo(DeadLetterStage.DESERIALIZATION);
            assertThat(letter.getTopic()).isEqualTo(topics.batches().name());
            assertThat(letter.getPartition()).isEqualTo(bad.partition());
            assertThat(letter.getOffset()).isEqualTo(bad.offset());
            assertThat(letter.getKey()).isEqualTo(ByteBuffer.wrap(ROLLUP.getBytes(StandardCharsets.UTF_8)));
            assertThat(letter.getValue()).isEqualTo(ByteBuffer.wrap(badValue));
            assertThat(letter.getErrorMessage()).startsWith("Unknown magic byte 0x7b");
            assertThat(letter.getApplicationId()).startsWith("risk-app-");
        });
    }

    private static void produce(TestCluster cluster, Topics topics, List<SpecificRecord> events) {
        AvroSerializer<SpecificRecord> serializer = new AvroSerializer<>();
        serializer.configure(Map.of(SchemaRegistryConfig.URL, cluster.schemaRegistryUrl()), false);
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(producerProps(cluster),
                new StringSerializer(), serializer)) {
            for (SpecificRecord event : events) {
                producer.send(new ProducerRecord<>(topics.ingestTopicFor(event.getClass()).name(), null,
                        IngestRecords.eventTime(event).toEpochMilli(), IngestRecords.rollupId(event), event));
            }
            producer.flush();
        }
    }

    private static RecordMetadata produceRaw(TestCluster cluster, String topic, byte[] key, byte[] value,
                                             Instant timestamp) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps(cluster),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            return producer.send(new ProducerRecord<>(topic, null, timestamp.toEpochMilli(), key, value)).get();
        }
    }

    private static Map<String, Object> producerProps(TestCluster cluster) {
        Map<String, Object> props = new HashMap<>(cluster.clientProperties());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return props;
    }

    /** Reads {@code topic} (read_committed) until {@code expected} values arrived, then once more. */
    private static <V> List<V> consume(TestCluster cluster, String topic, int expected, Deserializer<V> values) {
        Map<String, Object> props = new HashMap<>(cluster.clientProperties());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, V>> records = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(props, new StringDeserializer(), values)) {
            consumer.assign(consumer.partitionsFor(topic, KafkaTestClients.TIMEOUT).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList());
            await().atMost(KafkaTestClients.TIMEOUT).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size() >= expected;
            });
            consumer.poll(Duration.ofMillis(500)).forEach(records::add);
        }
        return records.stream().map(ConsumerRecord::value).toList();
    }

    private static <T extends SpecificRecord> Deserializer<T> reader(Class<T> type, Map<String, Object> serde) {
        AvroDeserializer<T> deserializer = new AvroDeserializer<>(type);
        deserializer.configure(serde, false);
        return deserializer;
    }

    private static BatchPosted batch(Instant time, long index) {
        return BatchPosted.newBuilder().setRollupId(ROLLUP).setSource(source(time)).setBatchIndex(index)
                .setDaMode(DaMode.BLOB).build();
    }

    private static IngestProgress progress(Instant time) {
        long block = block(time);
        return IngestProgress.newBuilder().setRollupId(ROLLUP).setL1ChainId(1L).setScannedThroughBlock(block)
                .setScannedThroughTime(time).setL1HeadBlock(block + 2).setIngesterId("it").build();
    }

    private static Source source(Instant time) {
        long block = block(time);
        return Source.newBuilder().setL1ChainId(1L).setBlockNumber(block).setBlockHash(String.format("0x%064x", block))
                .setBlockTime(time).setTxHash(String.format("0x%064x", block * 1000 + 1)).build();
    }

    private static long block(Instant time) {
        return 20_134_512L + (time.getEpochSecond() - T0.getEpochSecond()) / 12;
    }
}
