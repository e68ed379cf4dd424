package io.l2risk.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every route of the status server, as a function from a request to a {@link Response} (no sockets,
 * so it is tested directly):
 * <pre>
 * GET /health/live               200 unless Streams is ERROR, PENDING_ERROR or NOT_RUNNING (then 503)
 * GET /health/ready              200 only when Streams is RUNNING
 * GET /metrics                   Prometheus text
 * GET /api/rollups               every rollup            (fan-out over the instances)
 * GET /api/rollups/{id}          one rollup, 404 unknown (from the owner instance)
 * GET /api/alerts?status=open    every open alert        (fan-out over the instances)
 * GET /api/timeline              recent alerts and batch/state/proof gaps per rollup
 * GET /, /assets/...             the status page
 * </pre>
 * HEAD is served like GET without a body; any other method is 405 with {@code Allow}; an unknown
 * path is 404; state that cannot be read correctly now is 503 with {@code Retry-After}. Bodies of
 * the API, health and errors are JSON. {@code ?local=true} on the API marks a request from another
 * instance: answer from this instance's active partitions only, never forward.
 */
final class Router {

    private static final Logger log = LoggerFactory.getLogger(Router.class);
    private static final String ALLOW = "GET, HEAD";
    private static final String ROLLUPS = "/api/rollups";

    /** One request: method, raw (still percent-encoded) path, decoded query parameters. */
    record Request(String method, String rawPath, Map<String, String> query) {
        Request {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(rawPath, "rawPath");
            query = Map.copyOf(query);
        }

        static Request get(String rawPath) {
            int question = rawPath.indexOf('?');
            return question < 0 ? new Request("GET", rawPath, Map.of())
                    : new Request("GET", rawPath.substring(0, question), Query.parse(rawPath.substring(question + 1)));
        }

        boolean local() {
            return "true".equals(query.get(Peers.LOCAL));
        }
    }

    /** A route that may find the state unavailable. */
    @FunctionalInterface
    private interface Route {
        Response answer() throws Unavailable;
    }

    private final Supplier<KafkaStreams.State> state;
    private final RollupQueries queries;
    private final Supplier<String> metrics;
    private final Supplier<Timeline.View> timeline;
    private final StaticResources web;

    Router(Supplier<KafkaStreams.State> state, RollupQueries queries, Supplier<String> metrics,
           Supplier<Timeline.View> timeline, StaticResources web) {
        this.state = state;
        this.queries = queries;
        this.metrics = metrics;
        this.timeline = timeline;
        this.web = web;
    }

    Response handle(Request request) {
        String path = request.rawPath();
        Optional<Route> route = route(path, request);
        if (route.isEmpty()) {
            return Response.error(404, "not_found", "no such resource: " + path);
        }
        if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
            return Response.error(405, "method_not_allowed", request.method() + " is not allowed; this API is read-only")
                    .withHeader("Allow", ALLOW);
        }
        try {
            return route.get().answer();
        } catch (Unavailable e) {
            log.debug("{} {}: 503 {}", request.method(), path, e.getMessage());
            return Response.unavailable(e.getMessage());
        } catch (RuntimeException e) {
            log.error("{} {} failed", request.method(), path, e);
            return Response.error(500, "internal", "the request failed; see the server log");
        }
    }

    private Optional<Route> route(String path, Request request) {
        switch (path) {
            case "/health/live":
                return Optional.of(this::live);
            case "/health/ready":
                return Optional.of(this::ready);
            case "/metrics":
                return Optional.of(() -> Response.text(200, Response.PROMETHEUS, metrics.get()));
            case ROLLUPS:
                return Optional.of(() -> queries.rollups(request.local()));
            case "/api/alerts":
                return Optional.of(() -> alerts(request));
            case "/api/timeline":
                return Optional.of(() -> Response.json(200, timeline.get()));
            default:
                break;
        }
        if (path.startsWith(ROLLUPS + "/")) {
            String raw = path.substring(ROLLUPS.length() + 1);
            if (raw.isEmpty() || raw.contains("/")) {
                return Optional.empty();
            }
            String id;
            try {
                id = PathSegments.decode(raw);
            } catch (IllegalArgumentException e) {
                return Optional.of(() -> Response.error(400, "bad_request", e.getMessage()));
            }
            return Optional.of(() -> queries.rollup(id, request.local()));
        }
        if (web.serves(path)) {
            return Optional.of(() -> web.get(path).orElseThrow());
        }
        return Optional.empty();
    }

    private Response alerts(Request request) throws Unavailable {
        String status = request.query().getOrDefault("status", "open");
        if (!status.equals("open")) {
            return Response.error(400, "bad_request", "status=" + status + " is not served: the engine state holds "
                    + "the open alerts (status=open); every transition is on the risk.alerts topic and the "
                    + "recent ones in /api/timeline");
        }
        return queries.openAlerts(request.local());
    }

    private Response live() {
        KafkaStreams.State current = state.get();
        boolean alive = current != KafkaStreams.State.ERROR && current != KafkaStreams.State.PENDING_ERROR
                && current != KafkaStreams.State.NOT_RUNNING;
        return health(alive, alive ? "UP" : "DOWN", current);
    }

    private Response ready() {
        KafkaStreams.State current = state.get();
        boolean ready = current == KafkaStreams.State.RUNNING;
        return health(ready, ready ? "READY" : "NOT_READY", current);
    }

    private static Response health(boolean ok, String status, KafkaStreams.State state) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("state", state.name());
        Response response = Response.json(ok ? 200 : 503, body);
        return ok ? response : response.withHeader("Retry-After", Integer.toString(Response.RETRY_AFTER_SECONDS));
    }
}
