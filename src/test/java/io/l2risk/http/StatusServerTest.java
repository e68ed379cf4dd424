package io.l2risk.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.l2risk.streams.EngineCounts;
import io.l2risk.streams.ErrorCounts;
import io.l2risk.topics.TopicSettings;
import io.l2risk.topics.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The server over a real socket (a free port), with a router over a fake one-instance cluster. */
class StatusServerTest {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private StatusServer server;

    @AfterEach
    void close() {
        if (server != null) {
            server.close();
        }
    }

    private String base() {
        server = StatusServer.create(StatusServer.Settings.of("127.0.0.1", 0, "localhost"));
        Endpoint self = Endpoint.parse(server.advertisedEndpoint());
        FakeCluster cluster = new FakeCluster(1, id -> 0);
        cluster.put("base", EngineStates.stateWithoutBatchFor("base", 21));
        cluster.instance(self, 0);
        server.serve(cluster.routers.get(self));
        return "http://127.0.0.1:" + server.port();
    }

    @Test
    void shouldListenOnAFreePortAndAdvertiseItWithTheAdvertisedHost() {
        server = StatusServer.create(StatusServer.Settings.of("127.0.0.1", 0, "monitor-1.internal"));

        assertThat(server.port()).isPositive();
        assertThat(server.advertisedEndpoint()).isEqualTo("monitor-1.internal:" + server.port());
    }

    @Test
    void shouldAnswerGetWithABodyAndHeadWithTheSameStatusAndNoBody() throws Exception {
        String base = base();

        HttpResponse<String> get = CLIENT.send(HttpRequest.newBuilder(URI.create(base + "/api/rollups/base")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> head = CLIENT.send(HttpRequest.newBuilder(URI.create(base + "/api/rollups/base"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.headers().firstValue("Content-Type")).contains("application/json; charset=utf-8");
        assertThat(get.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(get.body()).startsWith("{\"rollupId\":\"base\",\"level\":\"CRITICAL\"");
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
    }

    @Test
    void shouldAnswer405WithAllowToAPostAndDecodeTheQueryString() throws Exception {
        String base = base();

        HttpResponse<String> post = CLIENT.send(HttpRequest.newBuilder(URI.create(base + "/api/rollups"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> alerts = CLIENT.send(HttpRequest.newBuilder(URI.create(base + "/api/alerts?status=%6Fpen"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).contains("GET, HEAD");
        assertThat(alerts.statusCode()).isEqualTo(200);
        assertThat(alerts.body()).startsWith("{\"status\":\"open\",\"partitions\":1,\"alerts\":[{\"alertId\":\"base:BATCH_LIVENESS:");
    }

    @Test
    void shouldServeThePageFromTheJar() throws Exception {
        String base = base();

        HttpResponse<String> page = CLIENT.send(HttpRequest.newBuilder(URI.create(base + "/")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(page.body()).contains("<table id=\"risk-grid\"");
    }

    @Test
    void shouldRefuseToStartForAnEngineThatAdvertisesAnotherApplicationServer() {
        server = StatusServer.create(StatusServer.Settings.of("127.0.0.1", 0, "localhost"));
        MonitoredEngine elsewhere = new MetricsScrapeTest.FakeEngine(new EngineCounts(), new ErrorCounts());

        assertThatThrownBy(() -> server.start(elsewhere, Topics.from(TopicSettings.defaults()), Map.of(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the risk engine's application.server is monitor-a:8081 but this status server is localhost:"
                        + server.port() + ": configure RiskApp.Settings.withApplicationServer(server.advertisedEndpoint())");
    }

    @Test
    void shouldRejectSettingsThatCannotWork() {
        assertThatThrownBy(() -> StatusServer.Settings.of("0.0.0.0", 70_000, "localhost"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StatusServer.Settings.of("0.0.0.0", 8080, "host:8080"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
