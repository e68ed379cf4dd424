package io.l2risk.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.l2risk.engine.Events;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Routes, status codes and JSON bodies of the status API, against a fake two-instance cluster (see
 * {@link FakeCluster}): forwarding to the owner, fan-out with partition coverage, 404/405/503.
 */
class RouterTest {

    private static final Endpoint A = new Endpoint("monitor-a", 8081);
    private static final Endpoint B = new Endpoint("monitor-b", 8082);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Four partitions; base and scroll-sepolia → 0, arbitrum-one and "op main/net" → 1, zksync-era → 2, scroll → 3. */
    private final FakeCluster cluster = new FakeCluster(4, id -> switch (id) {
        case "base", "scroll-sepolia" -> 0;
        case "arbitrum-one", "op main/net" -> 1;
        case "zksync-era" -> 2;
        case "scroll" -> 3;
        default -> Math.floorMod(id.hashCode(), 4);
    });

    private Router twoInstances() {
        cluster.put("base", EngineStates.stateWithoutBatchFor("base", 21));
        cluster.put("arbitrum-one", EngineStates.stateWithoutBatchFor("arbitrum-one", 12));
        cluster.put("zksync-era", EngineStates.stateWithoutBatchFor("zksync-era", 2));
        Router a = cluster.instance(A, 0, 2);
        cluster.instance(B, 1, 3);
        return a;
    }

    @Test
    void shouldAnswerARollupFromEitherInstanceWithTheSameBodyForwardingToTheOwner() throws Exception {
        Router a = twoInstances();
        Router b = cluster.routers.get(B);

        Response fromA = a.handle(Router.Request.get("/api/rollups/arbitrum-one"));
        Response fromB = b.handle(Router.Request.get("/api/rollups/arbitrum-one"));

        assertThat(fromA.status()).isEqualTo(200);
        assertThat(fromA.contentType()).isEqualTo("application/json; charset=utf-8");
        assertThat(fromA.bodyText()).isEqualTo(fromB.bodyText());
        assertThat(cluster.forwarded).containsExactly("monitor-b:8082/api/rollups/arbitrum-one?local=true");
        JsonNode rollup = JSON.readTree(fromA.body());
        assertThat(rollup.get("rollupId").asText()).isEqualTo("arbitrum-one");
        assertThat(rollup.get("level").asText()).isEqualTo("WARNING");
        assertThat(rollup.get("openAlerts").get(0).get("severity").asText()).isEqualTo("WARNING");
    }

    @Test
    void shouldDescribeARollupWithLevelsGapsIndicatorsAndOpenAlerts() throws Exception {
        Router a = twoInstances();

        JsonNode rollup = JSON.readTree(a.handle(Router.Request.get("/api/rollups/base")).body());

        String clock = Events.T0.plusSeconds(21 * 60).toString();
        String opened = Events.T0.plusSeconds(11 * 60).toString();
        assertThat(rollup).isEqualTo(JSON.readTree("""
                {"rollupId":"base","level":"CRITICAL",
                 "categories":{"LIVENESS":"CRITICAL","DATA_AVAILABILITY":"OK","STATE_VALIDATION":"OK","BRIDGE":"OK",
                               "GOVERNANCE":"OK","MONITOR":"OK"},
                 "clock":"%s","lastBatchAt":"%s","lastStateAt":null,"lastProofAt":null,
                 "gaps":{"batchSeconds":1260,"stateSeconds":null,"proofSeconds":null},
                 "indicators":%s,
                 "openAlerts":[{"alertId":"base:BATCH_LIVENESS:%d","rollupId":"base","indicator":"BATCH_LIVENESS",
                   "category":"LIVENESS","subject":null,"severity":"CRITICAL","maxSeverity":"CRITICAL",
                   "openedAt":"%s","summary":"No batch posted for 21m (threshold 20m).","clearing":false}],
                 "outOfOrderRecords":0}
                """.formatted(clock, Events.T0, JSON.writeValueAsString(rollup.get("indicators")),
                Events.T0.plusSeconds(660).toEpochMilli(), opened)));
        assertThat(rollup.get("indicators").get(0)).isEqualTo(JSON.readTree("""
                {"indicator":"BATCH_LIVENESS","category":"LIVENESS","level":"CRITICAL","value":1260.0,
                 "threshold":1200.0,"publishedAt":"%s"}""".formatted(clock)));
    }

    @Test
    void shouldListEveryRollupExactlyOnceSortedFromEitherInstance() throws Exception {
        Router a = twoInstances();
        Router b = cluster.routers.get(B);

        Response fromA = a.handle(Router.Request.get("/api/rollups"));
        Response fromB = b.handle(Router.Request.get("/api/rollups"));

        assertThat(fromA.status()).isEqualTo(200);
        assertThat(fromA.bodyText()).isEqualTo(fromB.bodyText());
        JsonNode all = JSON.readTree(fromA.body());
        assertThat(all.get("partitions").asInt()).isEqualTo(4);
        assertThat(all.get("rollups")).extracting(r -> r.get("rollupId").asText() + "=" + r.get("level").asText())
                .containsExactly("arbitrum-one=WARNING", "base=CRITICAL", "zksync-era=OK");
    }

    @Test
    void shouldListOpenAlertsCriticalFirstFromEveryInstance() throws Exception {
        Router a = twoInstances();

        Response response = a.handle(Router.Request.get("/api/alerts?status=open"));

        assertThat(response.status()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("status").asText()).isEqualTo("open");
        assertThat(body.get("alerts")).extracting(n -> n.get("rollupId").asText() + "/" + n.get("indicator").asText()
                + "/" + n.get("severity").asText())
                .containsExactly("base/BATCH_LIVENESS/CRITICAL", "arbitrum-one/BATCH_LIVENESS/WARNING");
    }

    @Test
    void shouldAnswer400ForAlertStatusesTheEngineStateDoesNotHold() throws Exception {
        Router a = twoInstances();

        Response response = a.handle(Router.Request.get("/api/alerts?status=resolved"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("error").asText()).isEqualTo("bad_request");
    }

    @Test
    void shouldAnswer404WithAJsonBodyForAnUnknownRollup() throws Exception {
        Router a = twoInstances();

        Response local = a.handle(Router.Request.get("/api/rollups/scroll-sepolia"));
        Response forwarded = a.handle(Router.Request.get("/api/rollups/scroll"));

        assertThat(local.status()).isEqualTo(404);
        assertThat(JSON.readTree(local.body())).isEqualTo(JSON.readTree(
                "{\"error\":\"not_found\",\"message\":\"no rollup \\\"scroll-sepolia\\\" has been seen\"}"));
        assertThat(forwarded.status()).isEqualTo(404);
        assertThat(cluster.forwarded).containsExactly("monitor-b:8082/api/rollups/scroll?local=true");
    }

    @Test
    void shouldDecodeAndReEncodeARollupIdThatNeedsEscaping() {
        Router a = twoInstances();

        Response response = a.handle(Router.Request.get("/api/rollups/op%20main%2Fnet"));

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.bodyText()).contains("no rollup \\\"op main/net\\\" has been seen");
        assertThat(cluster.forwarded).containsExactly("monitor-b:8082/api/rollups/op%20main%2Fnet?local=true");
    }

    @Test
    void shouldAnswer404ForAnUnknownPathAndANestedRollupPath() {
        Router a = twoInstances();

        assertThat(a.handle(Router.Request.get("/api/nothing")).status()).isEqualTo(404);
        assertThat(a.handle(Router.Request.get("/api/rollups/base/extra")).status()).isEqualTo(404);
        assertThat(a.handle(Router.Request.get("/api/nothing")).contentType()).isEqualTo(Response.JSON);
    }

    @Test
    void shouldAnswer405WithAllowForAnyMethodButGetAndHead() throws Exception {
        Router a = twoInstances();

        Response post = a.handle(new Router.Request("POST", "/api/rollups", Map.of()));
        Response delete = a.handle(new Router.Request("DELETE", "/api/rollups/base", Map.of()));
        Response head = a.handle(new Router.Request("HEAD", "/api/rollups/base", Map.of()));

        assertThat(post.status()).isEqualTo(405);
        assertThat(post.headers()).containsEntry("Allow", "GET, HEAD");
        assertThat(JSON.readTree(post.body()).get("error").asText()).isEqualTo("method_not_allowed");
        assertThat(delete.status()).isEqualTo(405);
        assertThat(head.status()).isEqualTo(200);
    }

    @Test
    void shouldAnswer503WithRetryAfterWhenTheStoreIsNotQueryable() throws Exception {
        Router a = twoInstances();
        cluster.unavailable.put(A, "the risk engine is REBALANCING");

        Response one = a.handle(Router.Request.get("/api/rollups/base"));
        Response all = a.handle(Router.Request.get("/api/rollups"));

        for (Response response : new Response[] {one, all}) {
            assertThat(response.status()).isEqualTo(503);
            assertThat(response.headers()).containsEntry("Retry-After", "2");
            assertThat(JSON.readTree(response.body())).isEqualTo(JSON.readTree(
                    "{\"error\":\"unavailable\",\"message\":\"the risk engine is REBALANCING\",\"retryAfterSeconds\":2}"));
        }
    }

    @Test
    void shouldAnswer503WhenTheOwnerCannotAnswerNotStaleOrForeignData() {
        Router a = twoInstances();
        cluster.unavailable.put(B, "partition 1 is restoring");

        Response response = a.handle(Router.Request.get("/api/rollups/arbitrum-one"));

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.headers()).containsEntry("Retry-After", "2");
        assertThat(response.bodyText()).contains("partition 1 is restoring");
    }

    @Test
    void shouldNotForwardAgainWhenAskedLocallyForARollupItDoesNotOwn() {
        Router a = twoInstances();

        Response response = a.handle(Router.Request.get("/api/rollups/arbitrum-one?local=true"));

        assertThat(response.status()).isEqualTo(503);
        assertThat(cluster.forwarded).isEmpty();
    }

    @Test
    void shouldAnswer503WhenAPartitionHasMovedAndNoInstanceAnswersForIt() {
        Router a = twoInstances();
        // Partition 3 is being restored on A after leaving B: B no longer has it, A not yet.
        cluster.active.get(B).remove(3);

        Response rollups = a.handle(Router.Request.get("/api/rollups"));
        Response alerts = a.handle(Router.Request.get("/api/alerts"));

        assertThat(rollups.status()).isEqualTo(503);
        assertThat(rollups.bodyText()).contains("partitions [3] of 4 have no active owner that answered");
        assertThat(alerts.status()).isEqualTo(503);
    }

    @Test
    void shouldAnswer503WhenTwoInstancesAnswerForTheSamePartition() {
        Router a = twoInstances();
        cluster.active.get(A).add(1);

        Response response = a.handle(Router.Request.get("/api/rollups"));

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.bodyText()).contains("partition 1 was answered by two instances");
    }

    @Test
    void shouldAnswer503WhenAnInstanceDoesNotAnswer() {
        Router a = twoInstances();
        cluster.down.add(B);

        assertThat(a.handle(Router.Request.get("/api/rollups")).status()).isEqualTo(503);
        assertThat(a.handle(Router.Request.get("/api/rollups/arbitrum-one")).status()).isEqualTo(503);
        assertThat(a.handle(Router.Request.get("/api/rollups/base")).status()).isEqualTo(200);
    }

    @ParameterizedTest
    @EnumSource(KafkaStreams.State.class)
    void shouldReportLiveUnlessFailedAndReadyOnlyWhenRunning(KafkaStreams.State state) throws Exception {
        Router router = new Router(() -> state, null, () -> "", () -> null, new StaticResources());

        Response live = router.handle(Router.Request.get("/health/live"));
        Response ready = router.handle(Router.Request.get("/health/ready"));

        boolean failed = state == KafkaStreams.State.ERROR || state == KafkaStreams.State.PENDING_ERROR
                || state == KafkaStreams.State.NOT_RUNNING;
        assertThat(live.status()).isEqualTo(failed ? 503 : 200);
        assertThat(JSON.readTree(live.body())).isEqualTo(JSON.readTree(
                "{\"status\":\"" + (failed ? "DOWN" : "UP") + "\",\"state\":\"" + state + "\"}"));
        boolean running = state == KafkaStreams.State.RUNNING;
        assertThat(ready.status()).isEqualTo(running ? 200 : 503);
        assertThat(JSON.readTree(ready.body())).isEqualTo(JSON.readTree(
                "{\"status\":\"" + (running ? "READY" : "NOT_READY") + "\",\"state\":\"" + state + "\"}"));
        if (!running) {
            assertThat(ready.headers()).containsEntry("Retry-After", "2");
        }
    }

    @Test
    void shouldServeTheStatusPageWithoutInlineCodeOrExternalResources() {
        Router router = new Router(() -> KafkaStreams.State.RUNNING, null, () -> "", () -> null, new StaticResources());

        Response page = router.handle(Router.Request.get("/"));
        Response script = router.handle(Router.Request.get("/assets/app.js"));
        Response style = router.handle(Router.Request.get("/assets/app.css"));

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).isEqualTo("text/html; charset=utf-8");
        assertThat(page.headers().get("Content-Security-Policy")).contains("script-src 'self'");
        assertThat(page.bodyText()).contains("id=\"risk-grid\"", "id=\"open-alerts\"", "id=\"timeline\"",
                "<script src=\"/assets/app.js\" defer></script>");
        assertThat(page.bodyText() + style.bodyText()).doesNotContain("http:", "https:", "<script>", "style=\"");
        // The only URL in the script is the SVG namespace, which is a name, not a resource.
        assertThat(script.bodyText().replace("'http://www.w3.org/2000/svg'", "")).doesNotContain("http:", "https:");
        assertThat(script.contentType()).isEqualTo("text/javascript; charset=utf-8");
        assertThat(style.contentType()).isEqualTo("text/css; charset=utf-8");
        assertThat(router.handle(Router.Request.get("/assets/../log4j2.xml")).status()).isEqualTo(404);
    }
}
