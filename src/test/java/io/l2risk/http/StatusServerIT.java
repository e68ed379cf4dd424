package io.l2risk.http;

import static io.l2risk.engine.Events.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.l2risk.app.RiskApp;
import io.l2risk.config.KafkaClientSettings;
import io.l2risk.http.ItSupport.Reply;
import io.l2risk.testing.KafkaTestClients;
import io.l2risk.testing.TestCluster;
import io.l2risk.testing.TestClusterExtension;
import io.l2risk.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * One risk engine with its status server on a real broker and the real Apicurio registry: health
 * goes ready, the API shows the levels and open alerts of two rollups, the metrics carry the exact
 * counts and the Kafka Streams client metrics, the timeline the alert spans. Fixture: the Base-halt
 * shape of RiskAppIT (thresholds 10m/20m): base 21 minutes without a batch (CRITICAL), arbitrum-one
 * 12 minutes (WARNING), plus one undecodable record (dead letter).
 */
@ExtendWith(TestClusterExtension.class)
class StatusServerIT {

    @TempDir
    Path stateDir;

    @Test
    void shouldServeHealthStateMetricsAndTimelineOfARunningEngine(TestCluster cluster) throws Exception {
        Topics topics = ItSupport.topics(cluster, 2);
        List<SpecificRecord> events = new ArrayList<>(ItSupport.withoutBatchFor("base", 21));
        events.addAll(ItSupport.withoutBatchFor("arbitrum-one", 12));
        ItSupport.produce(cluster, topics, events);
        produceRaw(cluster, topics.batches().name(), "base", "{not avro}");
        KafkaClientSettings kafka = KafkaClientSettings.builder()
                .defaults(Map.of("commit.interval.ms", "200"))
                .flag("--bootstrap-servers", "bootstrap.servers", cluster.bootstrapServers())
                .flag("--application-id", "application.id", cluster.uniqueName("status-app"))
                // Unused on a PLAINTEXT listener; here to prove no client setting reaches an HTTP answer.
                .flag("--ssl-key-password", "ssl.key.password", "it-secret-do-not-leak")
                .build();

        try (StatusServer server = StatusServer.create(StatusServer.Settings.of("127.0.0.1", 0, "127.0.0.1"));
             RiskApp app = new RiskApp(kafka, ItSupport.appSettings(stateDir, cluster, server), topics,
                     EngineStates.ENGINE)) {
            server.start(app, topics, kafka.toClientProperties(), ItSupport.serde(cluster));
            Reply before = ItSupport.get(server, "/health/ready");
            assertThat(before.status()).isEqualTo(503);
            assertThat(before.json().get("state").asText()).isEqualTo("CREATED");
            assertThat(ItSupport.get(server, "/api/rollups").status()).isEqualTo(503);

            app.start();
            await().atMost(KafkaTestClients.TIMEOUT).until(() -> ItSupport.get(server, "/health/ready").status() == 200);
            assertThat(ItSupport.get(server, "/health/live").json().get("status").asText()).isEqualTo("UP");
            await().atMost(KafkaTestClients.TIMEOUT).until(() -> app.engineCounts().events().values().stream()
                    .mapToLong(Long::longValue).sum() == events.size() && app.errorCounts().deadLetteredTotal() == 1);
            // The API reads the engine state as of the last commit (every 200 ms here), not the record just processed.
            await().atMost(KafkaTestClients.TIMEOUT).until(() -> clock(server, "base").equals(T0.plusSeconds(21 * 60).toString())
                    && clock(server, "arbitrum-one").equals(T0.plusSeconds(12 * 60).toString()));

            Reply base = ItSupport.get(server, "/api/rollups/base");
            assertThat(base.status()).isEqualTo(200);
            JsonNode rollup = base.json();
            assertThat(rollup.get("level").asText()).isEqualTo("CRITICAL");
            assertThat(rollup.get("categories").get("LIVENESS").asText()).isEqualTo("CRITICAL");
            assertThat(rollup.get("clock").asText()).isEqualTo(T0.plusSeconds(21 * 60).toString());
            assertThat(rollup.get("gaps").get("batchSeconds").asLong()).isEqualTo(1260);
            assertThat(rollup.get("openAlerts")).hasSize(1);
            assertThat(rollup.get("openAlerts").get(0).get("alertId").asText())
                    .isEqualTo("base:BATCH_LIVENESS:" + T0.plusSeconds(660).toEpochMilli());
            assertThat(rollup.get("openAlerts").get(0).get("summary").asText())
                    .isEqualTo("No batch posted for 21m (threshold 20m).");
            JsonNode all = ItSupport.get(server, "/api/rollups").json();
            assertThat(all.get("partitions").asInt()).isEqualTo(2);
            assertThat(all.get("rollups")).extracting(r -> r.get("rollupId").asText() + "=" + r.get("level").asText())
                    .containsExactly("arbitrum-one=WARNING", "base=CRITICAL");
            assertThat(ItSupport.get(server, "/api/alerts?status=open").json().get("alerts"))
                    .extracting(a -> a.get("rollupId").asText() + "/" + a.get("severity").asText())
                    .containsExactly("base/CRITICAL", "arbitrum-one/WARNING");
            Reply unknown = ItSupport.get(server, "/api/rollups/scroll");
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.json().get("error").asText()).isEqualTo("not_found");

            String metrics = ItSupport.get(server, "/metrics").body();
            assertThat(metrics).contains(
                    "l2risk_events_total{type=\"BatchPosted\"} 2\n",
                    "l2risk_events_total{type=\"IngestProgress\"} 33\n",
                    "l2risk_events_total{type=\"ProofEvent\"} 0\n",
                    "l2risk_alerts_total{indicator=\"BATCH_LIVENESS\",severity=\"WARNING\",status=\"FIRING\"} 2\n",
                    "l2risk_alerts_total{indicator=\"BATCH_LIVENESS\",severity=\"CRITICAL\",status=\"ESCALATED\"} 1\n",
                    "l2risk_dead_letters_total{stage=\"DESERIALIZATION\",code=\"org.apache.kafka.common.errors.SerializationException\"} 1\n",
                    "l2risk_streams_state{state=\"RUNNING\"} 1\n",
                    "l2risk_rollup_level{rollup=\"base\",category=\"LIVENESS\"} 2\n",
                    "l2risk_rollup_level{rollup=\"arbitrum-one\",category=\"OVERALL\"} 1\n",
                    "l2risk_open_alerts{rollup=\"base\"} 1\n",
                    "# TYPE kafka_stream_thread_process_total counter\n",
                    "# TYPE kafka_consumer_fetch_manager_records_lag_max gauge\n");
            assertThat(metrics.lines().filter(l -> l.startsWith("l2risk_alerts_total{"))).hasSize(2);
            assertThat(metrics).containsPattern("\nl2risk_engine_lag_seconds\\{rollup=\"base\"} [0-9.E]+\n");

            await().atMost(KafkaTestClients.TIMEOUT).until(() -> {
                JsonNode timeline = ItSupport.get(server, "/api/timeline").json();
                return timeline.get("caughtUp").asBoolean() && timeline.get("rollups").size() == 2;
            });
            JsonNode timeline = ItSupport.get(server, "/api/timeline").json();
            JsonNode baseLane = timeline.get("rollups").get(1);
            assertThat(baseLane.get("rollupId").asText()).isEqualTo("base");
            assertThat(baseLane.get("alerts")).extracting(a -> a.get("severity").asText() + "/" + a.get("status").asText())
                    .containsExactly("CRITICAL/ESCALATED");
            assertThat(baseLane.get("gaps").get("BATCH_LIVENESS").get(0).get("seconds").asDouble()).isEqualTo(0.0);
            assertThat(timeline.get("latest").asText()).isEqualTo(T0.plusSeconds(21 * 60).toString());

            for (String path : List.of("/metrics", "/api/rollups", "/api/timeline", "/health/live", "/")) {
                assertThat(ItSupport.get(server, path).body()).doesNotContain("it-secret-do-not-leak");
            }
        }
    }

    private static void produceRaw(TestCluster cluster, String topic, String key, String value) throws Exception {
        Map<String, Object> props = new HashMap<>(cluster.clientProperties());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, null, T0.plusSeconds(5).toEpochMilli(),
                    key.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8))).get();
        }
    }

    /** The rollup's clock as the API shows it, empty while the API does not know the rollup. */
    private static String clock(StatusServer server, String rollupId) throws Exception {
        JsonNode rollup = ItSupport.get(server, "/api/rollups/" + rollupId).json();
        return rollup.has("clock") ? rollup.get("clock").asText() : "";
    }
}
