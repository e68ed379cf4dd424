package io.l2risk.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link Web3jChainClient} against a loopback HTTP server with canned answers: the provider failures
 * and the blob transaction that a local anvil cannot produce.
 */
class Web3jChainClientHttpTest {

    private static final String KEY = "aB3dE5gH7jK9mN1pQ3sT5vX7zA9cE1gH";

    private HttpServer server;
    private volatile int status;
    private volatile String body;
    private Web3jChainClient client;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        client = new Web3jChainClient("http://127.0.0.1:" + server.getAddress().getPort() + "/v2/" + KEY,
                Duration.ofSeconds(5));
    }

    @AfterEach
    void stopServer() {
        client.close();
        server.stop(0);
    }

    private void answer(int httpStatus, String json) {
        status = httpStatus;
        body = json;
    }

    @Test
    void shouldRetryOnHttp429WithoutShowingTheKey() {
        answer(429, "{\"error\":\"Too Many Requests\"}");
        assertThatThrownBy(client::latestBlockNumber).isInstanceOfSatisfying(RpcException.class, e -> {
            assertThat(e.kind()).isEqualTo(RpcException.Kind.RETRIABLE);
            assertThat(e.getMessage()).startsWith("eth_blockNumber on http://127.0.0.1:" + server.getAddress().getPort()
                    + "/v2/*** failed (retriable)").doesNotContain(KEY);
        });
    }

    @Test
    void shouldRetryOnHttp503() {
        answer(503, "upstream unavailable");
        assertThatThrownBy(client::chainId).isInstanceOfSatisfying(RpcException.class,
                e -> assertThat(e.kind()).isEqualTo(RpcException.Kind.RETRIABLE));
    }

    @Test
    void shouldStopOnHttp401() {
        answer(401, "{\"error\":\"Must be authenticated!\"}");
        assertThatThrownBy(client::chainId).isInstanceOfSatisfying(RpcException.class, e -> {
            assertThat(e.kind()).isEqualTo(RpcException.Kind.PERMANENT);
            assertThat(e.getMessage()).doesNotContain(KEY);
        });
    }

    @Test
    void shouldSignalRangeTooLargeOnProviderLogLimit() {
        answer(200, "{\"jsonrpc\":\"2.0\",\"id\":0,\"error\":{\"code\":-32005,"
                + "\"message\":\"query returned more than 10000 results\"}}");
        assertThatThrownBy(() -> client.logs(List.of("0x1c479675ad559dc151f6ec7ed3fbf8cee79582b6"), List.of(), 0, 100_000))
                .isInstanceOfSatisfying(RpcException.class, e -> {
                    assertThat(e.kind()).isEqualTo(RpcException.Kind.RANGE_TOO_LARGE);
                    assertThat(e.rpcCode()).hasValue(-32005);
                });
    }

    @Test
    void shouldStopOnMethodNotFound() {
        answer(200, "{\"jsonrpc\":\"2.0\",\"id\":0,\"error\":{\"code\":-32601,"
                + "\"message\":\"the method eth_chainId does not exist/is not available\"}}");
        assertThatThrownBy(client::chainId).isInstanceOfSatisfying(RpcException.class, e -> {
            assertThat(e.kind()).isEqualTo(RpcException.Kind.PERMANENT);
            assertThat(e.getMessage()).contains("JSON-RPC error -32601");
        });
    }

    @Test
    void shouldReadBlobVersionedHashesOfATypeThreeTransaction() {
        // Shape of an EIP-4844 batcher transaction as eth_getTransactionByHash returns it; the inbox is OP
        // Mainnet's batch_inbox_addr (superchain-registry), every other value is made up.
        String hash = "0x" + "aa".repeat(32);
        String blob = "0x01" + "bb".repeat(31);
        answer(200, "{\"jsonrpc\":\"2.0\",\"id\":0,\"result\":{"
                + "\"hash\":\"" + hash + "\",\"blockHash\":\"0x" + "cc".repeat(32) + "\",\"blockNumber\":\"0x1406f40\","
                + "\"transactionIndex\":\"0x3\",\"from\":\"0x00000000000000000000000000000000000000b1\","
                + "\"to\":\"0xff00000000000000000000000000000000000010\",\"type\":\"0x3\",\"input\":\"0x\","
                + "\"nonce\":\"0x1\",\"value\":\"0x0\",\"gas\":\"0x5208\",\"maxFeePerGas\":\"0x1\","
                + "\"maxPriorityFeePerGas\":\"0x1\",\"maxFeePerBlobGas\":\"0x1\",\"chainId\":\"0x1\","
                + "\"blobVersionedHashes\":[\"" + blob + "\"],\"accessList\":[],"
                + "\"v\":\"0x0\",\"r\":\"0x1\",\"s\":\"0x1\",\"yParity\":\"0x0\"}}");

        assertThat(client.transaction(hash)).contains(new L1Transaction(hash, 0x1406f40,
                "0x00000000000000000000000000000000000000b1", "0xff00000000000000000000000000000000000010", 3, "0x",
                List.of(blob)));
    }
}
