package io.l2risk.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.l2risk.testing.FlakyRpcProxy.Fault;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link FlakyRpcProxy} in front of a tiny JSON-RPC server that answers every call with its id and method. */
class FlakyRpcProxyTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicInteger nodeCalls = new AtomicInteger();
    private HttpServer node;
    private FlakyRpcProxy proxy;

    @BeforeEach
    void startNodeAndProxy() throws IOException {
        node = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        node.createContext("/", exchange -> {
            nodeCalls.incrementAndGet();
            JsonNode call = JSON.readTree(exchange.getRequestBody());
            byte[] body = JSON.writeValueAsBytes(JSON.createObjectNode().put("jsonrpc", "2.0")
                    .put("id", call.path("id").asLong()).put("result", call.path("method").asText() + "-ok"));
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        node.start();
        proxy = FlakyRpcProxy.start("http://127.0.0.1:" + node.getAddress().getPort() + "/");
    }

    @AfterEach
    void stop() {
        proxy.close();
        node.stop(0);
    }

    @Test
    void shouldForwardUnchangedWhenNoFaultIsScripted() throws Exception {
        HttpResponse<String> answer = post("eth_blockNumber", 7);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(answer.body())).isEqualTo(JSON.readTree(
                "{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":\"eth_blockNumber-ok\"}"));
        assertThat(proxy.requests()).isEqualTo(1);
        assertThat(proxy.requests("eth_blockNumber")).isEqualTo(1);
        assertThat(proxy.forwarded()).isEqualTo(1);
        assertThat(proxy.injected()).isZero();
    }

    @Test
    void shouldAnswer429WithRetryAfterForTheNextRequestsThenForward() throws Exception {
        proxy.retryAfterSeconds(3).failNext(2, Fault.TOO_MANY_REQUESTS);

        HttpResponse<String> first = post("eth_blockNumber", 1);
        HttpResponse<String> second = post("eth_getLogs", 2);
        HttpResponse<String> third = post("eth_blockNumber", 3);

        assertThat(List.of(first.statusCode(), second.statusCode(), third.statusCode())).containsExactly(429, 429, 200);
        assertThat(first.headers().firstValue("Retry-After")).contains("3");
        assertThat(proxy.injected(Fault.TOO_MANY_REQUESTS)).isEqualTo(2);
        assertThat(proxy.forwarded()).isEqualTo(1);
        assertThat(nodeCalls).hasValue(1);
    }

    @Test
    void shouldInjectOnlyIntoTheScriptedMethod() throws Exception {
        proxy.failNext(1, Fault.RESULT_LIMIT_EXCEEDED, "eth_getLogs");

        HttpResponse<String> other = post("eth_blockNumber", 1);
        HttpResponse<String> logs = post("eth_getLogs", 2);
        HttpResponse<String> logsAgain = post("eth_getLogs", 3);

        assertThat(JSON.readTree(other.body()).path("result").asText()).isEqualTo("eth_blockNumber-ok");
        assertThat(logs.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(logs.body())).isEqualTo(JSON.readTree("{\"jsonrpc\":\"2.0\",\"id\":2,\"error\":"
                + "{\"code\":-32005,\"message\":\"query returned more than 10000 results\"}}"));
        assertThat(JSON.readTree(logsAgain.body()).path("result").asText()).isEqualTo("eth_getLogs-ok");
        assertThat(proxy.requests("eth_getLogs")).isEqualTo(2);
        assertThat(proxy.injected(Fault.RESULT_LIMIT_EXCEEDED)).isEqualTo(1);
    }

    @Test
    void shouldApplyScriptedFaultsInTheOrderTheyWereAdded() throws Exception {
        proxy.failNext(1, Fault.BAD_GATEWAY).failNext(1, Fault.SERVICE_UNAVAILABLE).failNext(1, Fault.INVALID_PARAMS);

        List<Integer> statuses = new ArrayList<>();
        List<String> bodies = new ArrayList<>();
        for (int id = 1; id <= 4; id++) {
            HttpResponse<String> answer = post("eth_getBlockByNumber", id);
            statuses.add(answer.statusCode());
            bodies.add(answer.body());
        }

        assertThat(statuses).containsExactly(502, 503, 200, 200);
        assertThat(JSON.readTree(bodies.get(2)).path("error").path("code").asInt()).isEqualTo(-32602);
        assertThat(JSON.readTree(bodies.get(2)).path("id").asInt()).isEqualTo(3);
        assertThat(JSON.readTree(bodies.get(3)).path("result").asText()).isEqualTo("eth_getBlockByNumber-ok");
        assertThat(proxy.injected()).isEqualTo(3);
    }

    @Test
    void shouldCutTheNodeAnswerShort() throws Exception {
        proxy.failNext(1, Fault.TRUNCATED_BODY);
        String full = "{\"jsonrpc\":\"2.0\",\"id\":5,\"result\":\"eth_chainId-ok\"}";

        HttpResponse<String> answer = post("eth_chainId", 5);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo(full.substring(0, full.length() / 2));
        assertThatThrownBy(() -> JSON.readTree(answer.body())).isInstanceOf(JsonProcessingException.class);
        assertThat(nodeCalls).hasValue(1);
    }

    @Test
    void shouldHoldTheAnswerLongerThanTheClientWaitsWithoutBlockingOthers() throws Exception {
        proxy.delay(Duration.ofSeconds(5)).failNext(1, Fault.DELAY);

        assertThatThrownBy(() -> post("eth_blockNumber", 1, Duration.ofMillis(300)))
                .isInstanceOf(HttpTimeoutException.class);
        HttpResponse<String> next = post("eth_blockNumber", 2, Duration.ofSeconds(2));

        assertThat(JSON.readTree(next.body()).path("id").asInt()).isEqualTo(2);
        assertThat(proxy.injected(Fault.DELAY)).isEqualTo(1);
    }

    @Test
    void shouldRepeatTheSameRandomFaultsForTheSameSeed() throws Exception {
        List<Integer> first = randomRun(42);
        List<Integer> second = randomRun(42);

        assertThat(second).isEqualTo(first);
        long faults = first.stream().filter(status -> status != 200).count();
        // p = 0.3 over 40 requests: some, not all (the exact count is fixed by the seed).
        assertThat(faults).isBetween(1L, 39L).isEqualTo(proxy.injected());
        assertThat(first).containsOnly(200, 502, 503);
    }

    private List<Integer> randomRun(long seed) throws Exception {
        proxy.close();
        proxy = FlakyRpcProxy.start("http://127.0.0.1:" + node.getAddress().getPort() + "/")
                .failRandomly(seed, 0.3, Set.of(Fault.BAD_GATEWAY, Fault.SERVICE_UNAVAILABLE), null);
        List<Integer> statuses = new ArrayList<>();
        for (int id = 0; id < 40; id++) {
            statuses.add(post("eth_getLogs", id).statusCode());
        }
        return statuses;
    }

    private HttpResponse<String> post(String method, int id) throws Exception {
        return post(method, id, Duration.ofSeconds(10));
    }

    private HttpResponse<String> post(String method, int id, Duration timeout) throws Exception {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":[]}";
        return http.send(HttpRequest.newBuilder(URI.create(proxy.url()))
                        .timeout(timeout)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
