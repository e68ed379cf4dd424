package io.l2risk.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.l2risk.avro.AlertStatus;
import io.l2risk.avro.DeadLetter;
import io.l2risk.avro.DeadLetterStage;
import io.l2risk.avro.RiskAlert;
import io.l2risk.engine.Events;
import io.l2risk.eventfile.AvroJsonLinesWriter;
import io.l2risk.serde.AvroDeserializer;
import io.l2risk.serde.AvroSerdeConfig;
import io.l2risk.serde.SchemaRegistryConfig;
import io.l2risk.testing.SampleRecords;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run} on the embedded default: a real broker and registry, topics, replay, restart. */
class RunCommandIT {

    private static final Pattern BOOTSTRAP = Pattern.compile("Kafka bootstrap servers : (\\S+)");
    private static final Pattern REGISTRY = Pattern.compile("Schema registry \\(Confluent API\\) : (\\S+)");
    private static final List<String> INGEST_TOPICS = List.of("l2risk.ingest.batches", "l2risk.ingest.proofs",
            "l2risk.ingest.bridge", "l2risk.ingest.da", "l2risk.ingest.progress");

    @Test
    void shouldRaiseAndResolveABatchLivenessAlertAndDeadLetterAnInvalidRecord(@TempDir Path dir) throws Exception {
        // Base posts a batch every minute for 10 minutes, then only heartbeats for 3 hours (a sequencer
        // stall, like Base's 2023-09-05 outage but longer), then a batch again. One withdrawal has a
        // negative amount and must go to the dead-letter topic.
        Instant t0 = Instant.parse("2024-06-20T12:00:11Z");
        List<SpecificRecord> events = new ArrayList<>();
        for (int minute = 0; minute < 10; minute++) {
            events.add(Events.batch("base", t0.plusSeconds(60L * minute), minute));
        }
        for (int minute = 10; minute <= 190; minute++) {
            events.add(Events.progress("base", t0.plusSeconds(60L * minute), 2));
        }
        events.add(Events.withdrawal("base", t0.plusSeconds(190 * 60 + 5), "-5"));
        events.add(Events.batch("base", t0.plusSeconds(190 * 60 + 30), 10));
        Path file = dir.resolve("stall.jsonl");
        try (AvroJsonLinesWriter<SpecificRecord> writer = AvroJsonLinesWriter.createEvents(file)) {
            for (SpecificRecord event : events) {
                writer.write(event);
            }
        }

        InProcessRun running = start("--data-dir", dir.resolve("data").toString(), "--replay", file.toString(),
                "--partitions", "2");
        List<RiskAlert> alerts = read(running, List.of("l2risk.risk.alerts"), RiskAlert.class,
                list -> list.stream().anyMatch(a -> a.getStatus() == AlertStatus.RESOLVED));
        List<DeadLetter> deadLetters = read(running, List.of("l2risk.dlq"), DeadLetter.class, list -> !list.isEmpty());
        String rollup = get(running, "api/rollups/base");
        String metrics = get(running, "metrics");
        assertThat(running.stop()).isZero();

        // The live API and metrics of the same run.
        assertThat(rollup).contains("\"rollupId\":\"base\"", "\"lastBatchAt\":\"" + t0.plusSeconds(190 * 60 + 30) + "\"");
        assertThat(metrics).contains("l2risk_dead_letters_total{stage=\"PROCESSING\",code=\"INVALID_AMOUNT\"} 1");

        List<RiskAlert> batchAlerts = alerts.stream().filter(a -> a.getIndicator().equals("BATCH_LIVENESS")).toList();
        assertThat(batchAlerts.get(0).getStatus()).isEqualTo(AlertStatus.FIRING);
        assertThat(batchAlerts.get(batchAlerts.size() - 1).getStatus()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(batchAlerts.get(batchAlerts.size() - 1).getEventTime()).isEqualTo(t0.plusSeconds(190 * 60 + 30));
        assertThat(batchAlerts).extracting(RiskAlert::getAlertId).containsOnly(batchAlerts.get(0).getAlertId());
        assertThat(batchAlerts).extracting(RiskAlert::getRollupId).containsOnly("base");
        assertThat(deadLetters).singleElement().satisfies(dead -> {
            assertThat(dead.getTopic()).isEqualTo("l2risk.ingest.bridge");
            assertThat(dead.getErrorClass()).isEqualTo("INVALID_AMOUNT");
            assertThat(dead.getStage()).isEqualTo(DeadLetterStage.PROCESSING);
        });
    }

    @Test
    void shouldServeReplayedEventsAndKeepTopicsAndSchemasAcrossARestart(@TempDir Path dir) throws Exception {
        Path events = dir.resolve("events.jsonl");
        try (AvroJsonLinesWriter<SpecificRecord> writer = AvroJsonLinesWriter.createEvents(events)) {
            for (SpecificRecord record : SampleRecords.ingest()) {
                writer.write(record);
            }
        }
        Path dataDir = dir.resolve("data");

        InProcessRun first = start("--data-dir", dataDir.toString(), "--replay", events.toString(), "--partitions", "2");
        assertThat(first.output()).contains("Replayed " + events + ": 5 records into the ingest topics, "
                + "0 invalid lines skipped, 0 out of order.");
        assertThat(readIngestTopics(first)).containsExactlyInAnyOrderElementsOf(SampleRecords.ingest());
        assertThat(first.stop()).isZero();

        // Same data dir: the topics, their records and the registered schemas are all still there.
        InProcessRun second = start("--data-dir", dataDir.toString(), "--partitions", "2");
        assertThat(second.output()).doesNotContain("Replayed");
        assertThat(readIngestTopics(second)).containsExactlyInAnyOrderElementsOf(SampleRecords.ingest());
        assertThat(second.stop()).isZero();
    }

    private static InProcessRun start(String... options) {
        // A free HTTP port: other processes may hold 8080. No simulator: these tests replay exact events.
        String[] args = Stream.concat(Stream.of("--http-port", "0", "--no-simulate"),
                Arrays.stream(options)).toArray(String[]::new);
        return InProcessRun.start(Map.of(), Duration.ofSeconds(90), args);
    }

    private static String get(InProcessRun running, String path) throws Exception {
        HttpResponse<String> response = running.get(path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return response.body();
    }

    private static List<SpecificRecord> readIngestTopics(InProcessRun running) {
        AvroDeserializer<SpecificRecord> deserializer = new AvroDeserializer<>();
        deserializer.configure(Map.of(SchemaRegistryConfig.URL, running.find(REGISTRY),
                AvroSerdeConfig.SPECIFIC_AVRO_READER, true), false);
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, running.find(BOOTSTRAP),
                ConsumerConfig.GROUP_ID_CONFIG, "run-it-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<SpecificRecord> records = new ArrayList<>();
        try (KafkaConsumer<String, SpecificRecord> consumer = new KafkaConsumer<>(props, new StringDeserializer(), deserializer)) {
            consumer.subscribe(INGEST_TOPICS);
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    assertThat(r.key()).isEqualTo("arbitrum-one");
                    records.add(r.value());
                });
                return records.size() >= SampleRecords.ingest().size();
            });
        }
        return records;
    }

    private static <T extends SpecificRecord> List<T> read(InProcessRun running, List<String> topics, Class<T> type,
                                                           java.util.function.Predicate<List<T>> done) {
        AvroDeserializer<T> deserializer = new AvroDeserializer<>(type);
        deserializer.configure(Map.of(SchemaRegistryConfig.URL, running.find(REGISTRY)), false);
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, running.find(BOOTSTRAP),
                ConsumerConfig.GROUP_ID_CONFIG, "run-it-" + System.nanoTime(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<T> records = new ArrayList<>();
        try (KafkaConsumer<String, T> consumer = new KafkaConsumer<>(props, new StringDeserializer(), deserializer)) {
            consumer.subscribe(topics);
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> records.add(r.value()));
                return done.test(records);
            });
        }
        return records;
    }
}
