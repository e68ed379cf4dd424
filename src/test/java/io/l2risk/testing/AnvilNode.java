package io.l2risk.testing;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real Ethereum node for tests: anvil (installed from npm by the build, see {@link NodeTools}) on a
 * free loopback port, with automatic mining off so that blocks appear only when a test calls
 * {@link #mine(long)}, at the timestamp the test chooses.
 *
 * <pre>{@code
 * try (AnvilNode anvil = AnvilNode.start(1_700_000_000L, logDir)) {
 *     anvil.setCode(address, runtimeBytecode);
 *     String tx = anvil.sendTransaction(anvil.accounts().get(0), address, calldata);
 *     anvil.mine(1_700_000_012L);
 * }   // close(): the anvil process is killed
 * }</pre>
 *
 * <p>The helpers talk JSON-RPC directly (not through the code under test), so a fixture call can never
 * hide a bug of the client being tested.
 */
public final class AnvilNode implements AutoCloseable {

    /** anvil's default chain id. */
    public static final long CHAIN_ID = 31337;

    /**
     * The private keys of anvil's first three dev accounts (from its well-known test mnemonic "test test ...
     * junk"), for transactions a test signs itself, such as blob transactions.
     */
    public static final List<String> DEV_PRIVATE_KEYS = List.of(
            "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
            "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
            "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a");

    /** Gas of {@link #sendTransaction(String, String, String)}. */
    public static final long DEFAULT_GAS = 1_000_000;
    // 1000 ether, the balance an impersonated account gets.
    private static final String IMPERSONATED_BALANCE = "0x3635c9adc5dea00000";

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        // No anvil outlives the test JVM, even when a test never reaches close().
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly), "anvil-reaper"));
    }

    private final Process process;
    private final String rpcUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicLong ids = new AtomicLong();

    private AnvilNode(Process process, String rpcUrl) {
        this.process = process;
        this.rpcUrl = rpcUrl;
    }

    /**
     * Starts anvil with genesis at {@code genesisTimestamp} (seconds since the epoch) and waits until it
     * answers {@code eth_chainId}. Its output goes to {@code <logDir>/anvil-<port>.log}.
     */
    public static AnvilNode start(long genesisTimestamp, Path logDir) {
        Path anvil = NodeTools.require(".bin/anvil");
        int port = freePort();
        Path log = logDir.resolve("anvil-" + port + ".log");
        Process process;
        try {
            Files.createDirectories(logDir);
            process = new ProcessBuilder(anvil.toString(), "--host", "127.0.0.1", "--port", Integer.toString(port),
                    "--timestamp", Long.toString(genesisTimestamp), "--chain-id", Long.toString(CHAIN_ID),
                    "--no-mining")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + anvil, e);
        }
        LIVE.add(process);
        AnvilNode node = new AnvilNode(process, "http://127.0.0.1:" + port);
        try {
            await("anvil on port " + port + " answering eth_chainId (log: " + log + ")")
                    .atMost(STARTUP_TIMEOUT)
                    .pollInterval(Duration.ofMillis(50))
                    .ignoreExceptions()
                    .failFast("anvil exited (log: " + log + ")", () -> !process.isAlive())
                    .until(() -> node.call("eth_chainId").asText().equals("0x" + Long.toHexString(CHAIN_ID)));
        } catch (RuntimeException e) {
            node.close();
            throw e;
        }
        return node;
    }

    /** The node's JSON-RPC endpoint, {@code http://127.0.0.1:<port>}. */
    public String rpcUrl() {
        return rpcUrl;
    }

    /** The unlocked dev accounts, lower-case. */
    public List<String> accounts() {
        List<String> accounts = new ArrayList<>();
        call("eth_accounts").forEach(a -> accounts.add(a.asText()));
        return accounts;
    }

    /** The timestamp the next mined block gets. */
    public void setNextBlockTimestamp(long timestamp) {
        call("evm_setNextBlockTimestamp", timestamp);
    }

    /** Mines one block at {@code timestamp} holding every pending transaction; returns its number. */
    public long mine(long timestamp) {
        setNextBlockTimestamp(timestamp);
        call("evm_mine");
        return Long.decode(call("eth_blockNumber").asText());
    }

    /** Puts {@code runtimeBytecode} (hex) at {@code address}, as if a contract were deployed there. */
    public void setCode(String address, String runtimeBytecode) {
        call("anvil_setCode", address, runtimeBytecode.startsWith("0x") ? runtimeBytecode : "0x" + runtimeBytecode);
    }

    /** Sends a transaction from an unlocked account; it stays pending until {@link #mine(long)}. */
    public String sendTransaction(String from, String to, String data) {
        return sendTransaction(from, to, data, DEFAULT_GAS);
    }

    /** As {@link #sendTransaction(String, String, String)} with a gas limit, for large calldata. */
    public String sendTransaction(String from, String to, String data, long gas) {
        ObjectNode tx = JSON.createObjectNode().put("from", from).put("to", to).put("data", data)
                .put("gas", "0x" + Long.toHexString(gas));
        return call("eth_sendTransaction", tx).asText();
    }

    /**
     * Lets {@link #sendTransaction} send from {@code address} without its key ({@code anvil_impersonateAccount})
     * and gives it 1000 ether ({@code anvil_setBalance}). The balance is chain state, so call it again after a
     * {@link #revert(String)} to before it.
     */
    public void impersonate(String address) {
        call("anvil_impersonateAccount", address);
        call("anvil_setBalance", address, IMPERSONATED_BALANCE);
    }

    /** Submits a signed transaction ({@code 0x}-prefixed hex, network form); returns its hash. */
    public String sendRawTransaction(String signedTransaction) {
        return call("eth_sendRawTransaction", signedTransaction).asText();
    }

    /** The nonce the next transaction from {@code address} needs, counting pending transactions. */
    public long pendingNonce(String address) {
        return Long.decode(call("eth_getTransactionCount", address, "pending").asText());
    }

    /** Keccak-256 of {@code hex} computed by the node ({@code web3_sha3}). */
    public String keccak(String hex) {
        return call("web3_sha3", hex).asText();
    }

    /** Records the chain state; {@link #revert(String)} returns to it (a reorg in a test). */
    public String snapshot() {
        return call("evm_snapshot").asText();
    }

    /** Drops every block after the {@code snapshot}. */
    public void revert(String snapshot) {
        if (!call("evm_revert", snapshot).asBoolean()) {
            throw new IllegalStateException("anvil refused to revert to snapshot " + snapshot);
        }
    }

    /** One JSON-RPC call; returns {@code result} or throws with the node's error. */
    public JsonNode call(String method, Object... params) {
        ObjectNode request = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", ids.incrementAndGet())
                .put("method", method);
        ArrayNode array = request.putArray("params");
        for (Object param : params) {
            array.add(JSON.valueToTree(param));
        }
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(rpcUrl))
                            .timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(request)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = JSON.readTree(response.body());
            if (body.has("error")) {
                throw new IllegalStateException(method + " failed: " + body.get("error"));
            }
            return body.get("result");
        } catch (IOException e) {
            throw new UncheckedIOException(method + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " interrupted", e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        LIVE.remove(process);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port", e);
        }
    }
}
