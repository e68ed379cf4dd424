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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two instances of the risk engine (one application id, two state directories, two status servers)
 * in one JVM on a real broker, four partitions, eight rollups spread two per partition: every rollup
 * answers the same correct picture from either instance (forwarded to its owner), the list from
 * either instance has every rollup exactly once, and while the second instance joins (a rebalance)
 * every answer of the first is either correct or 503 with Retry-After — never wrong or partial.
 */
@ExtendWith(TestClusterExtension.class)
class StatusServerMultiInstanceIT {

    private static final Logger log = LoggerFactory.getLogger(StatusServerMultiInstanceIT.class);
    private static final int PARTITIONS = 4;
    /** Minutes without a batch per rollup slot: OK below 11, WARNING from 11, CRITICAL from 21. */
    private static final int[] MINUTES = {2, 12, 22, 5, 15, 25, 0, 11};

    @TempDir
    Path stateA;
    @TempDir
    Path stateB;

    @Test
    void shouldAnswerEveryRollupIdenticallyFromEitherInstanceAndNeverWronglyDuringTheRebalance(TestCluster cluster) {
        Topics topics = ItSupport.topics(cluster, PARTITIONS);
        Map<String, Integer> minutes = rollups();
        List<SpecificRecord> events = new ArrayList<>();
        minutes.forEach((rollupId, gap) -> events.addAll(ItSupport.withoutBatchFor(rollupId, gap)));
        ItSupport.produce(cluster, topics, events);
        KafkaClientSettings kafka = ItSupport.kafka(cluster, cluster.uniqueName("status-multi"));

        try (StatusServer serverA = StatusServer.create(StatusServer.Settings.of("127.0.0.1", 0, "127.0.0.1"));
             StatusServer serverB = StatusServer.create(StatusServer.Settings.of("127.0.0.1", 0, "127.0.0.1"));
             RiskApp appA = new RiskApp(kafka, ItSupport.appSettings(stateA, cluster, serverA), topics, EngineStates.ENGINE);
             RiskApp appB = new RiskApp(kafka, ItSupport.appSettings(stateB, cluster, serverB), topics, EngineStates.ENGINE)) {
            serverA.start(appA, topics, kafka.toClientProperties(), ItSupport.serde(cluster));
            serverB.start(appB, topics, kafka.toClientProperties(), ItSupport.serde(cluster));
            appA.start();
            await().atMost(KafkaTestClients.TIMEOUT).until(() -> {
                Reply all = ItSupport.get(serverA, "/api/rollups");
                return all.status() == 200 && correctList(all.json(), minutes);
            });

            appB.start();
            List<Integer> statuses = new ArrayList<>();
            await().atMost(KafkaTestClients.TIMEOUT).until(() -> {
                for (String rollupId : minutes.keySet()) {
                    statuses.add(checkOne(ItSupport.get(serverA, "/api/rollups/" + rollupId), rollupId, minutes));
                }
                statuses.add(checkList(ItSupport.get(serverA, "/api/rollups"), minutes));
                return appA.state() == KafkaStreams.State.RUNNING && appB.state() == KafkaStreams.State.RUNNING
                        && !localPartitions(serverA).isEmpty() && !localPartitions(serverB).isEmpty();
            });
            log.info("answers of instance A while instance B joined: {} x 200, {} x 503",
                    statuses.stream().filter(s -> s == 200).count(), statuses.stream().filter(s -> s == 503).count());
            assertThat(statuses).containsOnly(200, 503).contains(200);

            TreeSet<Integer> ofA = localPartitions(serverA);
            TreeSet<Integer> ofB = localPartitions(serverB);
            assertThat(ofA).doesNotContainAnyElementsOf(ofB);
            TreeSet<Integer> union = new TreeSet<>(ofA);
            union.addAll(ofB);
            assertThat(union).containsExactly(0, 1, 2, 3);
            for (String rollupId : minutes.keySet()) {
                Reply fromA = ItSupport.get(serverA, "/api/rollups/" + rollupId);
                Reply fromB = ItSupport.get(serverB, "/api/rollups/" + rollupId);
                assertThat(checkOne(fromA, rollupId, minutes)).as(rollupId).isEqualTo(200);
                assertThat(fromB.body()).as(rollupId).isEqualTo(fromA.body());
            }
            Reply listA = ItSupport.get(serverA, "/api/rollups");
            Reply listB = ItSupport.get(serverB, "/api/rollups");
            assertThat(listA.status()).isEqualTo(200);
            assertThat(listB.body()).isEqualTo(listA.body());
            assertThat(listA.json().get("rollups")).extracting(r -> r.get("rollupId").asText())
                    .containsExactlyElementsOf(new TreeSet<>(minutes.keySet()));
            assertThat(correctList(listA.json(), minutes)).isTrue();
            Reply alertsA = ItSupport.get(serverA, "/api/alerts?status=open");
            assertThat(ItSupport.get(serverB, "/api/alerts?status=open").body()).isEqualTo(alertsA.body());
            assertThat(alertsA.json().get("alerts")).hasSize((int) minutes.values().stream().filter(m -> m >= 11).count());
        }
    }

    /** Two rollup ids per partition of the default partitioner, each with its gap from {@link #MINUTES}. */
    private static Map<String, Integer> rollups() {
        Map<String, Integer> chosen = new LinkedHashMap<>();
        int[] perPartition = new int[PARTITIONS];
        for (int n = 0; chosen.size() < MINUTES.length; n++) {
            String id = "rollup-" + n;
            int partition = Utils.toPositive(Utils.murmur2(id.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
            if (perPartition[partition] < 2) {
                perPartition[partition]++;
                chosen.put(id, MINUTES[chosen.size()]);
            }
        }
        return chosen;
    }

    private static String level(int minutes) {
        return minutes >= 21 ? "CRITICAL" : minutes >= 11 ? "WARNING" : "OK";
    }

    /** 200 with the right picture, or 503 with Retry-After; anything else fails the test. Returns the status. */
    private static int checkOne(Reply reply, String rollupId, Map<String, Integer> minutes) {
        if (reply.status() == 503) {
            assertThat(reply.header("Retry-After")).isEqualTo("2");
            return 503;
        }
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode rollup = reply.json();
        int gap = minutes.get(rollupId);
        assertThat(rollup.get("rollupId").asText()).isEqualTo(rollupId);
        assertThat(rollup.get("level").asText()).isEqualTo(level(gap));
        assertThat(rollup.get("clock").asText()).isEqualTo(T0.plusSeconds(60L * gap).toString());
        return 200;
    }

    private static int checkList(Reply reply, Map<String, Integer> minutes) {
        if (reply.status() == 503) {
            assertThat(reply.header("Retry-After")).isEqualTo("2");
            return 503;
        }
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(correctList(reply.json(), minutes)).as(reply.body()).isTrue();
        return 200;
    }

    private static boolean correctList(JsonNode list, Map<String, Integer> minutes) {
        List<String> actual = new ArrayList<>();
        list.get("rollups").forEach(r -> actual.add(r.get("rollupId").asText() + "=" + r.get("level").asText()
                + "@" + r.get("clock").asText()));
        List<String> expected = new ArrayList<>();
        new TreeSet<>(minutes.keySet()).forEach(id -> expected.add(id + "=" + level(minutes.get(id)) + "@"
                + T0.plusSeconds(60L * minutes.get(id))));
        return actual.equals(expected);
    }

    private static TreeSet<Integer> localPartitions(StatusServer server) {
        Reply local = ItSupport.get(server, "/api/rollups?local=true");
        TreeSet<Integer> partitions = new TreeSet<>();
        if (local.status() == 200) {
            local.json().get("partitions").forEach(p -> partitions.add(p.asInt()));
        }
        return partitions;
    }
}
