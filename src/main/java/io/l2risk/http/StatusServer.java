package io.l2risk.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.l2risk.topics.Topics;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of the risk engine: health, Prometheus metrics, the read-only JSON API over the
 * engine state (Kafka Streams interactive queries, correct with several instances) and the live
 * status page — on the JDK's {@link HttpServer}, no web framework. Routes: see {@link Router}.
 *
 * <p>Lifecycle, in this order (the port must be known before Kafka Streams is configured, because
 * each instance advertises it as {@code application.server} so that the others can find the owner
 * of a rollup):
 * <pre>{@code
 * try (StatusServer server = StatusServer.create(StatusServer.Settings.of("0.0.0.0", 8080, "monitor-1.internal"))) {
 *     RiskApp.Settings appSettings = RiskApp.Settings.of(stateDir, serdeConfigs)
 *             .withApplicationServer(server.advertisedEndpoint());
 *     try (RiskApp app = new RiskApp(kafka, appSettings, topics, engine)) {
 *         server.start(app, topics, kafka.toClientProperties(), serdeConfigs);
 *         app.start();
 *         ...
 *     }
 * }
 * }</pre>
 * {@link #create} binds the socket (port 0 = a free port; {@link #port()} tells which); {@link #start}
 * begins answering and starts the timeline consumer; {@link #close} stops both. Requests are served
 * by {@value #THREADS} threads; a request to another instance times out after 3 s (503).
 */
public final class StatusServer implements AutoCloseable {

    static final int THREADS = 8;

    private static final Logger log = LoggerFactory.getLogger(StatusServer.class);

    /**
     * Where the server listens and what it advertises.
     *
     * @param bindHost                    address to listen on ({@code 0.0.0.0} = every interface)
     * @param port                        port to listen on; 0 = a free port
     * @param advertisedHost              the host name or address other instances reach this one at
     *                                    (its {@code application.server} host)
     * @param timelineWindow              how much L1 time the timeline keeps per rollup
     * @param timelineRecordsPerPartition how far back (records per partition) the timeline starts reading
     */
    public record Settings(String bindHost, int port, String advertisedHost, Duration timelineWindow,
                           int timelineRecordsPerPartition) {

        public static final Duration DEFAULT_TIMELINE_WINDOW = Duration.ofHours(6);
        public static final int DEFAULT_TIMELINE_RECORDS_PER_PARTITION = 20_000;

        public Settings {
            Objects.requireNonNull(bindHost, "bindHost");
            Objects.requireNonNull(advertisedHost, "advertisedHost");
            Objects.requireNonNull(timelineWindow, "timelineWindow");
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be 0..65535, not " + port);
            }
            if (advertisedHost.isBlank() || advertisedHost.contains(":")) {
                throw new IllegalArgumentException("advertisedHost must be a host name or IPv4 address, not \""
                        + advertisedHost + "\"");
            }
            if (timelineWindow.isNegative() || timelineWindow.isZero() || timelineRecordsPerPartition < 1) {
                throw new IllegalArgumentException("the timeline window and lookback must be positive");
            }
        }

        /** Default timeline: 6 h of L1 time, at most 20,000 records back per partition. */
        public static Settings of(String bindHost, int port, String advertisedHost) {
            return new Settings(bindHost, port, advertisedHost, DEFAULT_TIMELINE_WINDOW,
                    DEFAULT_TIMELINE_RECORDS_PER_PARTITION);
        }
    }

    private final Settings settings;
    private final HttpServer server;
    private final ExecutorService requests;
    private final ExecutorService outgoing;
    private TimelineConsumer timelineConsumer;
    private boolean started;

    private StatusServer(Settings settings, HttpServer server) {
        this.settings = settings;
        this.server = server;
        this.requests = Executors.newFixedThreadPool(THREADS, threads("l2risk-http-"));
        this.outgoing = Executors.newFixedThreadPool(2, threads("l2risk-http-client-"));
    }

    /**
     * Binds the server socket; answers nothing until {@link #start}.
     *
     * @throws UncheckedIOException if the address cannot be bound (port in use, unknown host)
     */
    public static StatusServer create(Settings settings) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(settings.bindHost(), settings.port()), 64);
            return new StatusServer(settings, server);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + settings.bindHost() + ":" + settings.port()
                    + " for the status server: " + e.getMessage(), e);
        }
    }

    /** The port the server listens on (the free port picked when the settings said 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code advertisedHost:port}: give it to Kafka Streams as {@code application.server}. */
    public String advertisedEndpoint() {
        return settings.advertisedHost() + ":" + port();
    }

    /**
     * Starts answering for {@code app}, and the timeline consumer.
     *
     * @param app              the risk engine (constructed; it may start after this)
     * @param topics           the topic registry (timeline topics, ingest partition count)
     * @param clientProperties Kafka client settings (bootstrap servers, security) for the timeline
     *                         consumer and the admin client; only the keys those clients know are used
     * @param serdeConfigs     schema registry settings, as given to the app
     * @throws IllegalArgumentException if the app's {@code application.server} is not {@link #advertisedEndpoint()}
     * @throws IllegalStateException    if already started
     */
    public synchronized void start(MonitoredEngine app, Topics topics, Map<String, Object> clientProperties,
                                   Map<String, ?> serdeConfigs) {
        if (started) {
            throw new IllegalStateException("already started");
        }
        String advertised = advertisedEndpoint();
        if (!app.applicationServer().map(advertised::equals).orElse(false)) {
            throw new IllegalArgumentException("the risk engine's application.server is "
                    + app.applicationServer().orElse("not set") + " but this status server is " + advertised
                    + ": configure RiskApp.Settings.withApplicationServer(server.advertisedEndpoint())");
        }
        Map<String, Object> admin = new HashMap<>();
        clientProperties.forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) {
                admin.put(key, value);
            }
        });
        String ingestTopic = topics.batches().name();
        StreamsRollupStore store = new StreamsRollupStore(app::kafkaStreams, () -> partitionCount(admin, ingestTopic));
        Timeline timeline = new Timeline(settings.timelineWindow(), 512, 200, 720);
        RollupQueries queries = new RollupQueries(store,
                new HttpPeers(Duration.ofSeconds(1), Duration.ofSeconds(3), outgoing), Endpoint.parse(advertised),
                app.engine());
        MetricsScrape metrics = new MetricsScrape(app, store, timeline, Clock.systemUTC());
        Router router = new Router(app::state, queries, metrics::scrape, timeline::view, new StaticResources());
        timelineConsumer = new TimelineConsumer(timeline, clientProperties, "l2risk-status-timeline-" + port(),
                serdeConfigs, topics.alerts().name(), topics.indicators().name(),
                settings.timelineRecordsPerPartition());
        timelineConsumer.start();
        serve(router);
        log.info("status server on http://{}:{}/ (advertised as {})", settings.bindHost(), port(), advertised);
    }

    /** Starts answering with {@code router} (tests give their own). */
    synchronized void serve(Router router) {
        if (started) {
            throw new IllegalStateException("already started");
        }
        server.createContext("/", exchange -> serve(router, exchange));
        server.setExecutor(requests);
        server.start();
        started = true;
    }

    private static int partitionCount(Map<String, Object> adminProperties, String topic) throws Exception {
        try (Admin admin = Admin.create(adminProperties)) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS)
                    .get(topic).partitions().size();
        }
    }

    private static void serve(Router router, HttpExchange exchange) {
        try (exchange) {
            URI uri = exchange.getRequestURI();
            String method = exchange.getRequestMethod();
            Response response = router.handle(new Router.Request(method, uri.getRawPath() == null ? "/" : uri.getRawPath(),
                    Query.parse(uri.getRawQuery())));
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
            response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            boolean body = !method.equals("HEAD") && response.body().length > 0;
            exchange.sendResponseHeaders(response.status(), body ? response.body().length : -1);
            if (body) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(response.body());
                }
            }
        } catch (IOException e) {
            // The client went away; nothing to answer.
            log.debug("status server: {} {}: {}", exchange.getRequestMethod(), exchange.getRequestURI(), e.getMessage());
        }
    }

    /** Stops answering (in-flight requests get a second), then the timeline consumer. */
    @Override
    public synchronized void close() {
        server.stop(started ? 1 : 0);
        requests.shutdownNow();
        outgoing.shutdownNow();
        if (timelineConsumer != null) {
            timelineConsumer.close();
        }
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
