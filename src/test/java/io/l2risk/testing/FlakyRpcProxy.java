package io.l2risk.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JSON-RPC endpoint that misbehaves on request: a local HTTP proxy (free loopback port) in front of a
 * real node that forwards every POST unchanged unless a scripted or seeded-random fault applies.
 *
 * <pre>{@code
 * try (FlakyRpcProxy proxy = FlakyRpcProxy.start(anvil.rpcUrl())) {
 *     proxy.failNext(2, Fault.TOO_MANY_REQUESTS)
 *          .failNext(1, Fault.RESULT_LIMIT_EXCEEDED, "eth_getLogs")
 *          .failRandomly(42, 0.2, Set.of(Fault.BAD_GATEWAY, Fault.TRUNCATED_BODY), null);
 *     // point the client under test at proxy.url()
 *     assertThat(proxy.injected(Fault.TOO_MANY_REQUESTS)).isEqualTo(2);
 * }
 * }</pre>
 *
 * <p>Scripted faults ({@link #failNext}) apply first, in the order they were added, each to the next
 * {@code count} requests whose method matches; then the random rule, if any. Decisions are taken one
 * request at a time in arrival order, so a seeded run is reproducible when the client sends sequentially.
 * A batch request matches a method if any of its calls has it. Counters are per JSON-RPC method and per
 * fault kind.
 */
public final class FlakyRpcProxy implements AutoCloseable {

    /** What the proxy can do instead of (or to) the node's answer. */
    public enum Fault {
        /** HTTP 429 with {@code Retry-After} ({@link #retryAfterSeconds(int)}, default 1). */
        TOO_MANY_REQUESTS,
        /** HTTP 502. */
        BAD_GATEWAY,
        /** HTTP 503. */
        SERVICE_UNAVAILABLE,
        /** The node's answer, but only after {@link #delay(Duration)} (default 30 s): longer than a client timeout. */
        DELAY,
        /** HTTP 200 with the first half of the node's answer: a JSON body cut short. */
        TRUNCATED_BODY,
        /** JSON-RPC error -32005 "query returned more than 10000 results", as providers answer a wide eth_getLogs. */
        RESULT_LIMIT_EXCEEDED,
        /** JSON-RPC error -32602 "invalid params". */
        INVALID_PARAMS
    }

    /** The -32005 message, as Infura and geth-based providers word it. */
    public static final String RESULT_LIMIT_MESSAGE = "query returned more than 10000 results";

    private static final Logger LOG = LoggerFactory.getLogger(FlakyRpcProxy.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ANY_METHOD = null;

    private final HttpServer server;
    private final ExecutorService executor;
    private final URI target;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final List<Scripted> scripted = new ArrayList<>();
    private RandomRule random;
    private volatile Duration delay = Duration.ofSeconds(30);
    private volatile int retryAfterSeconds = 1;

    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong forwarded = new AtomicLong();
    private final Map<String, AtomicLong> requestsByMethod = new ConcurrentHashMap<>();
    private final Map<Fault, AtomicLong> injected = new EnumMap<>(Fault.class);

    private static final class Scripted {
        final Fault fault;
        final String method;
        int remaining;

        Scripted(Fault fault, String method, int remaining) {
            this.fault = fault;
            this.method = method;
            this.remaining = remaining;
        }
    }

    private record RandomRule(Random random, double probability, List<Fault> faults, String method) {
    }

    private FlakyRpcProxy(HttpServer server, ExecutorService executor, URI target) {
        this.server = server;
        this.executor = executor;
        this.target = target;
        for (Fault fault : Fault.values()) {
            injected.put(fault, new AtomicLong());
        }
    }

    /** Starts a proxy to the JSON-RPC endpoint {@code targetUrl} on a free loopback port. */
    public static FlakyRpcProxy start(String targetUrl) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot bind the proxy", e);
        }
        // A delayed request must not hold up the others.
        ExecutorService executor = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "flaky-rpc-proxy");
            thread.setDaemon(true);
            return thread;
        });
        FlakyRpcProxy proxy = new FlakyRpcProxy(server, executor, URI.create(targetUrl));
        server.createContext("/", proxy::handle);
        server.setExecutor(executor);
        server.start();
        return proxy;
    }

    /** The proxy's endpoint, {@code http://127.0.0.1:<port>/}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    /** Injects {@code fault} into the next {@code count} requests, whatever their method. */
    public FlakyRpcProxy failNext(int count, Fault fault) {
        return failNext(count, fault, ANY_METHOD);
    }

    /** Injects {@code fault} into the next {@code count} requests calling {@code method} ({@code null}: any). */
    public synchronized FlakyRpcProxy failNext(int count, Fault fault, String method) {
        if (count < 0) {
            throw new IllegalArgumentException("negative count " + count);
        }
        scripted.add(new Scripted(fault, method, count));
        return this;
    }

    /**
     * Injects one of {@code faults}, chosen by a {@link Random} seeded with {@code seed}, into each request
     * calling {@code method} ({@code null}: any) with {@code probability}; replaces an earlier random rule.
     */
    public synchronized FlakyRpcProxy failRandomly(long seed, double probability, Set<Fault> faults, String method) {
        if (probability < 0 || probability > 1 || faults.isEmpty()) {
            throw new IllegalArgumentException("need 0 <= probability <= 1 and at least one fault");
        }
        // Sorted, so that the choice depends on the seed only, not on the set's iteration order.
        List<Fault> ordered = faults.stream().sorted().toList();
        random = new RandomRule(new Random(seed), probability, ordered, method);
        return this;
    }

    /** How long a {@link Fault#DELAY} holds the answer back. */
    public FlakyRpcProxy delay(Duration delay) {
        this.delay = delay;
        return this;
    }

    /** The {@code Retry-After} of a {@link Fault#TOO_MANY_REQUESTS}. */
    public FlakyRpcProxy retryAfterSeconds(int seconds) {
        this.retryAfterSeconds = seconds;
        return this;
    }

    /** Drops every scripted and random fault still pending; counters stay. */
    public synchronized void clearFaults() {
        scripted.clear();
        random = null;
    }

    /** HTTP requests received. */
    public long requests() {
        return requests.get();
    }

    /** HTTP requests received that call {@code method} (a batch counts for each method in it). */
    public long requests(String method) {
        AtomicLong count = requestsByMethod.get(method);
        return count == null ? 0 : count.get();
    }

    /** Requests answered by the node without a fault. */
    public long forwarded() {
        return forwarded.get();
    }

    /** Requests that got {@code fault}. */
    public long injected(Fault fault) {
        return injected.get(fault).get();
    }

    /** Requests that got any fault. */
    public long injected() {
        return injected.values().stream().mapToLong(AtomicLong::get).sum();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) {
        try {
            byte[] body = exchange.getRequestBody().readAllBytes();
            JsonNode request = parse(body);
            List<String> methods = methods(request);
            requests.incrementAndGet();
            methods.forEach(m -> requestsByMethod.computeIfAbsent(m, k -> new AtomicLong()).incrementAndGet());
            Fault fault = decide(methods);
            if (fault == null) {
                forwarded.incrementAndGet();
                HttpResponse<byte[]> answer = forward(body);
                respond(exchange, answer.statusCode(), answer.body());
                return;
            }
            injected.get(fault).incrementAndGet();
            LOG.debug("Injecting {} into {}", fault, methods);
            switch (fault) {
                case TOO_MANY_REQUESTS -> {
                    exchange.getResponseHeaders().set("Retry-After", Integer.toString(retryAfterSeconds));
                    respondText(exchange, 429, "Too Many Requests");
                }
                case BAD_GATEWAY -> respondText(exchange, 502, "Bad Gateway");
                case SERVICE_UNAVAILABLE -> respondText(exchange, 503, "Service Unavailable");
                case DELAY -> {
                    try {
                        Thread.sleep(delay.toMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    HttpResponse<byte[]> answer = forward(body);
                    respond(exchange, answer.statusCode(), answer.body());
                }
                case TRUNCATED_BODY -> {
                    byte[] full = forward(body).body();
                    byte[] half = new byte[Math.max(1, full.length / 2)];
                    System.arraycopy(full, 0, half, 0, Math.min(half.length, full.length));
                    respond(exchange, 200, half);
                }
                case RESULT_LIMIT_EXCEEDED -> respond(exchange, 200, rpcError(request, -32005, RESULT_LIMIT_MESSAGE));
                case INVALID_PARAMS -> respond(exchange, 200, rpcError(request, -32602, "invalid params"));
                default -> throw new IllegalStateException("unhandled fault " + fault);
            }
        } catch (IOException e) {
            // The client gave up (typically during a DELAY); nothing to answer.
            LOG.debug("Proxy exchange aborted: {}", e.toString());
        } finally {
            exchange.close();
        }
    }

    private synchronized Fault decide(List<String> methods) {
        Iterator<Scripted> rules = scripted.iterator();
        while (rules.hasNext()) {
            Scripted rule = rules.next();
            if (rule.remaining > 0 && matches(rule.method, methods)) {
                if (--rule.remaining == 0) {
                    rules.remove();
                }
                return rule.fault;
            }
        }
        if (random != null && matches(random.method(), methods)) {
            // Draw both numbers for every matching request so the sequence depends only on the request order.
            double draw = random.random().nextDouble();
            Fault pick = random.faults().get(random.random().nextInt(random.faults().size()));
            return draw < random.probability() ? pick : null;
        }
        return null;
    }

    private static boolean matches(String method, List<String> methods) {
        return method == null || methods.contains(method);
    }

    private HttpResponse<byte[]> forward(byte[] body) throws IOException {
        try {
            return http.send(HttpRequest.newBuilder(target)
                            .timeout(Duration.ofSeconds(60))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted forwarding to the node", e);
        }
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static void respondText(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static JsonNode parse(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return NullNode.getInstance();
        }
    }

    private static List<String> methods(JsonNode request) {
        List<String> methods = new ArrayList<>();
        if (request.isArray()) {
            request.forEach(call -> methods.add(call.path("method").asText("?")));
        } else {
            methods.add(request.path("method").asText("?"));
        }
        return methods;
    }

    /** An error answer for every call of {@code request}, keeping their ids. */
    private static byte[] rpcError(JsonNode request, int code, String message) throws IOException {
        if (request.isArray()) {
            ArrayNode answers = JSON.createArrayNode();
            request.forEach(call -> answers.add(error(call, code, message)));
            return JSON.writeValueAsBytes(answers);
        }
        return JSON.writeValueAsBytes(error(request, code, message));
    }

    private static ObjectNode error(JsonNode call, int code, String message) {
        ObjectNode answer = JSON.createObjectNode().put("jsonrpc", "2.0");
        answer.set("id", call.path("id").isMissingNode() ? NullNode.getInstance() : call.get("id"));
        answer.putObject("error").put("code", code).put("message", message);
        return answer;
    }
}
