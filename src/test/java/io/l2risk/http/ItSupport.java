package io.l2risk.http;

import static io.l2risk.engine.Events.T0;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.l2risk.app.RiskApp;
import io.l2risk.config.KafkaClientSettings;
import io.l2risk.engine.Events;
import io.l2risk.records.IngestRecords;
import io.l2risk.serde.AvroSerializer;
import io.l2risk.serde.SchemaRegistryConfig;
import io.l2risk.testing.KafkaTestClients;
import io.l2risk.testing.TestCluster;
import io.l2risk.topics.TopicManager;
import io.l2risk.topics.TopicSettings;
import io.l2risk.topics.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** What the status-server ITs share: topics, events, a RiskApp with its status server, HTTP GETs. */
final class ItSupport {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ItSupport() {
    }

    static Topics topics(TestCluster cluster, int partitions) {
        Topics topics = Topics.from(TopicSettings.defaults().withPrefix(cluster.uniqueName("status") + ".")
                .withPartitions(partitions).withReplicationFactor((short) 1));
        try (Admin admin = KafkaTestClients.admin(cluster.bootstrapServers())) {
            if (!new TopicManager(admin, KafkaTestClients.TIMEOUT).ensure(topics).matches()) {
                throw new IllegalStateException("topics do not match");
            }
        }
        return topics;
    }

    /** A batch at T0, then a heartbeat every minute for {@code minutes} minutes (see {@link EngineStates}). */
    static List<SpecificRecord> withoutBatchFor(String rollupId, int minutes) {
        List<SpecificRecord> events = new ArrayList<>();
        events.add(Events.batch(rollupId, T0, 1));
        for (int minute = 1; minute <= minutes; minute++) {
            events.add(Events.progress(rollupId, T0.plusSeconds(60L * minute), 2));
        }
        return events;
    }

    static void produce(TestCluster cluster, Topics topics, List<SpecificRecord> events) {
        AvroSerializer<SpecificRecord> serializer = new AvroSerializer<>();
        serializer.configure(serde(cluster), false);
        Map<String, Object> props = new HashMap<>(cluster.clientProperties());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(props, new StringSerializer(),
                serializer)) {
            for (SpecificRecord event : events) {
                producer.send(new ProducerRecord<>(topics.ingestTopicFor(event.getClass()).name(), null,
                        IngestRecords.eventTime(event).toEpochMilli(), IngestRecords.rollupId(event), event));
            }
            producer.flush();
        }
    }

    static Map<String, Object> serde(TestCluster cluster) {
        return Map.of(SchemaRegistryConfig.URL, cluster.schemaRegistryUrl());
    }

    static KafkaClientSettings kafka(TestCluster cluster, String applicationId) {
        return KafkaClientSettings.builder()
                .defaults(Map.of("commit.interval.ms", "200"))
                .flag("--bootstrap-servers", "bootstrap.servers", cluster.bootstrapServers())
                .flag("--application-id", "application.id", applicationId)
                .build();
    }

    /** RiskApp settings with a stale check that never fires during a test, advertising {@code server}. */
    static RiskApp.Settings appSettings(Path stateDir, TestCluster cluster, StatusServer server) {
        return new RiskApp.Settings(stateDir, serde(cluster), Duration.ofHours(1), Duration.ofSeconds(30))
                .withApplicationServer(server.advertisedEndpoint());
    }

    record Reply(int status, String body, Map<String, List<String>> headers) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(body, e);
            }
        }

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    static Reply get(StatusServer server, String pathAndQuery) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + pathAndQuery)).timeout(Duration.ofSeconds(10))
                    .build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), response.headers().map());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
