package io.l2risk.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Kafka cluster in KRaft mode, running inside this JVM on Kafka's own
 * {@link KafkaRaftServer}, with its storage formatted by Kafka's own {@link StorageTool} (what
 * {@code kafka-storage.sh format} runs). Never {@code kafka.Kafka.main}, which would install signal
 * handlers and exit the JVM.
 *
 * <p>Topology:
 * <ul>
 *   <li>one broker: a single combined {@code broker,controller} node (node id 0) — the fastest to
 *       start, used by the app's embedded default and by most tests;</li>
 *   <li>N &gt; 1 brokers: N broker-only nodes (ids {@code 0..N-1}) and one dedicated controller
 *       (id {@value #CONTROLLER_NODE_ID}). Brokers can be stopped and restarted one at a time
 *       ({@link #stopBroker(int)}, {@link #restartBroker(int)}) without touching the controller
 *       quorum, and {@link #close()} can stop all brokers before the controller, so every broker
 *       gets a prompt controlled shutdown.</li>
 * </ul>
 * The quorum is static ({@code controller.quorum.voters}), so listener ports are not part of the
 * formatted metadata and a cluster restarted on the same {@linkplain Builder#dataDir(Path) data dir}
 * may come back on new ports.
 *
 * <p>Every listener binds 127.0.0.1 on a port picked free just before start (KRaft listeners cannot
 * use port 0); a start that loses a port race to another process is retried on new ports.
 *
 * <p>Defaults fit a test or a laptop and can be overridden with {@link Builder#brokerProperty}:
 * {@code auto.create.topics.enable=false}, {@code group.initial.rebalance.delay.ms=0}, internal
 * topics replicated {@code min(N,3)} times with {@code min.insync.replicas} one below that (at least
 * 1), 5 partitions each for the offsets and transaction logs.
 *
 * <p>Thread safety: the lifecycle methods are synchronized; the accessors may be called from any
 * thread.
 */
public final class EmbeddedKafkaCluster implements AutoCloseable {

    /** Node id of the dedicated controller of a multi-broker cluster. */
    public static final int CONTROLLER_NODE_ID = 3000;

    /** The file in the data dir that records which cluster the data belongs to. */
    static final String CLUSTER_FILE = "l2risk-cluster.properties";
    static final String CLUSTER_ID_KEY = "cluster.id";
    static final String BROKERS_KEY = "brokers";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaCluster.class);

    private static final String CLIENT_LISTENER = "PLAINTEXT";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final int MAX_START_ATTEMPTS = 5;
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(60);

    /** Broker settings the cluster owns: overriding them would break the wiring between nodes. */
    private static final Set<String> RESERVED_PROPERTIES = Set.of(
            "node.id", "broker.id", "process.roles", "listeners", "advertised.listeners",
            "listener.security.protocol.map", "inter.broker.listener.name", "controller.listener.names",
            "controller.quorum.voters", "controller.quorum.bootstrap.servers", "log.dirs", "log.dir",
            "metadata.log.dir");

    private enum State { NEW, RUNNING, CLOSED }

    private final int brokerCount;
    private final Path configuredDataDir;
    private final Map<String, String> extraProperties;
    private final Duration startupTimeout;
    private final int fixedClientPort;

    /** Brokers 0..N-1; for a single-node cluster broker 0 is also the controller. */
    private final List<KafkaNode> brokers = new ArrayList<>();
    /** The dedicated controller of a multi-broker cluster, or null. */
    private KafkaNode dedicatedController;

    private volatile State state = State.NEW;
    private volatile Path dataDir;
    private volatile boolean ownsDataDir;
    private volatile String clusterId;

    private EmbeddedKafkaCluster(Builder builder) {
        this.brokerCount = builder.brokers;
        this.configuredDataDir = builder.dataDir;
        this.extraProperties = Map.copyOf(builder.properties);
        this.startupTimeout = builder.startupTimeout;
        this.fixedClientPort = builder.clientPort;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Formats the storage if needed, starts every node and returns once all brokers are registered,
     * unfenced and answer {@code describeCluster}.
     *
     * @throws EmbeddedServiceException if the cluster cannot start within the startup timeout; every
     *     node that did start is shut down again before this is thrown
     */
    public synchronized EmbeddedKafkaCluster start() {
        if (state != State.NEW) {
            throw new IllegalStateException("start() can be called once; this cluster is " + state);
        }
        long startNanos = System.nanoTime();
        try {
            prepareDataDir();
            createNodes();
            startAllWithPortRetries();
            awaitBrokers(brokerCount);
        } catch (RuntimeException e) {
            stopAllQuietly();
            deleteOwnedDataDirQuietly();
            state = State.CLOSED;
            throw e instanceof EmbeddedServiceException ? e
                    : new EmbeddedServiceException("Embedded Kafka cluster failed to start (data dir " + dataDir + ")", e);
        }
        state = State.RUNNING;
        log.info("Embedded Kafka cluster {} started in {} ms: {} broker(s) at {} (data dir {})",
                clusterId, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos), brokerCount,
                bootstrapServers(), dataDir);
        return this;
    }

    /**
     * {@code host:port} of every broker, comma separated, including brokers currently stopped by
     * {@link #stopBroker(int)} (clients skip those). Stable for the life of this instance.
     */
    public String bootstrapServers() {
        requireStarted();
        return brokerAddresses();
    }

    private String brokerAddresses() {
        return brokers.stream().map(n -> FreePorts.LOOPBACK + ":" + n.clientPort).collect(Collectors.joining(","));
    }

    /** Client properties that reach this cluster: {@code bootstrap.servers}. */
    public Map<String, Object> clientProperties() {
        return Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    }

    /** The KRaft cluster id (kept in the data dir across restarts). */
    public String clusterId() {
        requireStarted();
        return clusterId;
    }

    public int brokerCount() {
        return brokerCount;
    }

    /** The root of all node directories: the configured data dir, or the temp dir made for this run. */
    public Path dataDir() {
        requireStarted();
        return dataDir;
    }

    /** Whether broker {@code index} is running (it is unless {@link #stopBroker(int)} stopped it). */
    public boolean isBrokerRunning(int index) {
        return broker(index).server != null;
    }

    /**
     * Stops broker {@code index} with a controlled shutdown (its partition leaderships move to the
     * other replicas first) and waits until it is down. In a single-node cluster this stops the
     * whole cluster until {@link #restartBroker(int)}.
     */
    public synchronized void stopBroker(int index) {
        requireRunning();
        KafkaNode node = broker(index);
        if (node.server == null) {
            throw new IllegalStateException("Broker " + index + " is already stopped");
        }
        long startNanos = System.nanoTime();
        node.stop();
        log.info("Embedded Kafka broker {} stopped in {} ms", index,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
    }

    /**
     * Starts broker {@code index} again on its previous ports and data and waits until the cluster
     * sees every running broker. Stops it first if it is running.
     */
    public synchronized void restartBroker(int index) {
        requireRunning();
        KafkaNode node = broker(index);
        if (node.server != null) {
            node.stop();
        }
        long startNanos = System.nanoTime();
        // Same ports as before: clients and (for node 0 of a single-node cluster) the quorum know them.
        RuntimeException last = null;
        for (int attempt = 1; attempt <= MAX_START_ATTEMPTS; attempt++) {
            try {
                node.start(nodeConfig(node));
                last = null;
                break;
            } catch (RuntimeException e) {
                last = e;
                if (!FreePorts.isBindConflict(e)) {
                    break;
                }
                log.warn("Broker {} could not rebind its ports (attempt {}/{}): {}", index, attempt,
                        MAX_START_ATTEMPTS, e.getMessage());
            }
        }
        if (last != null) {
            throw new EmbeddedServiceException("Broker " + index + " failed to restart on "
                    + FreePorts.LOOPBACK + ":" + node.clientPort, last);
        }
        awaitBrokers((int) brokers.stream().filter(n -> n.server != null).count());
        log.info("Embedded Kafka broker {} restarted in {} ms", index,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
    }

    /**
     * Shuts every node down (brokers first, all at once, then the controller), waits for them to
     * finish and deletes the data dir if it was a temp dir made by {@link #start()}. A configured
     * data dir is kept. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (state == State.CLOSED) {
            return;
        }
        boolean wasStarted = state == State.RUNNING;
        state = State.CLOSED;
        long startNanos = System.nanoTime();
        stopAllQuietly();
        deleteOwnedDataDirQuietly();
        if (wasStarted) {
            log.info("Embedded Kafka cluster {} stopped in {} ms", clusterId,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
        }
    }

    @Override
    public String toString() {
        return "EmbeddedKafkaCluster[brokers=" + brokerCount + ", state=" + state
                + (state == State.RUNNING ? ", bootstrap=" + bootstrapServers() : "") + "]";
    }

    // ---------------------------------------------------------------------------------------------
    // Start-up

    private void prepareDataDir() {
        try {
            if (configuredDataDir == null) {
                dataDir = Files.createTempDirectory("l2risk-kafka-");
                ownsDataDir = true;
            } else {
                dataDir = Files.createDirectories(configuredDataDir.toAbsolutePath());
                ownsDataDir = false;
            }
            Path clusterFile = dataDir.resolve(CLUSTER_FILE);
            if (Files.exists(clusterFile)) {
                Properties stored = Dirs.readProperties(clusterFile);
                clusterId = stored.getProperty(CLUSTER_ID_KEY);
                String storedBrokers = stored.getProperty(BROKERS_KEY);
                if (clusterId == null || clusterId.isBlank()) {
                    throw new EmbeddedServiceException(clusterFile + " has no " + CLUSTER_ID_KEY
                            + "; delete the data dir " + dataDir + " to start afresh");
                }
                if (!String.valueOf(brokerCount).equals(storedBrokers)) {
                    throw new EmbeddedServiceException("Data dir " + dataDir + " holds a cluster of " + storedBrokers
                            + " broker(s) but " + brokerCount + " were asked for; use the same broker count or another data dir");
                }
                log.debug("Reusing cluster id {} from {}", clusterId, clusterFile);
            } else {
                clusterId = Uuid.randomUuid().toString();
                // Written before formatting, so a start interrupted half-way formats the rest with the same id.
                Properties stored = new Properties();
                stored.setProperty(CLUSTER_ID_KEY, clusterId);
                stored.setProperty(BROKERS_KEY, String.valueOf(brokerCount));
                Dirs.writePropertiesAtomically(clusterFile, stored, "Embedded Kafka cluster (l2-risk-monitor)");
            }
        } catch (IOException e) {
            throw new EmbeddedServiceException("Cannot prepare the Kafka data dir "
                    + (configuredDataDir != null ? configuredDataDir : "(temp)"), e);
        }
    }

    private void createNodes() {
        if (brokerCount == 1) {
            brokers.add(new KafkaNode(0, true, true, dataDir.resolve("node-0")));
        } else {
            dedicatedController = new KafkaNode(CONTROLLER_NODE_ID, false, true, dataDir.resolve("controller"));
            for (int i = 0; i < brokerCount; i++) {
                brokers.add(new KafkaNode(i, true, false, dataDir.resolve("broker-" + i)));
            }
        }
    }

    private List<KafkaNode> allNodes() {
        List<KafkaNode> all = new ArrayList<>();
        if (dedicatedController != null) {
            all.add(dedicatedController);
        }
        all.addAll(brokers);
        return all;
    }

    private KafkaNode controllerNode() {
        return dedicatedController != null ? dedicatedController : brokers.get(0);
    }

    private void startAllWithPortRetries() {
        if (fixedClientPort > 0 && !FreePorts.isFree(fixedClientPort)) {
            throw new EmbeddedServiceException("Kafka port " + fixedClientPort
                    + " is already in use by another process; choose another port, or 0 for a free one");
        }
        for (int attempt = 1; ; attempt++) {
            for (KafkaNode node : allNodes()) {
                node.clientPort = !node.broker ? -1
                        : node == brokers.get(0) && fixedClientPort > 0 ? fixedClientPort : FreePorts.next();
                node.controllerPort = node.controller ? FreePorts.next() : -1;
            }
            try {
                for (KafkaNode node : allNodes()) {
                    formatIfNeeded(node);
                }
                startAll();
                return;
            } catch (RuntimeException e) {
                stopAllQuietly();
                if (!FreePorts.isBindConflict(e) || attempt == MAX_START_ATTEMPTS) {
                    throw e;
                }
                log.warn("A port picked for the embedded Kafka cluster was taken meanwhile (attempt {}/{}); retrying on new ports: {}",
                        attempt, MAX_START_ATTEMPTS, e.getMessage());
            }
        }
    }

    private void startAll() {
        if (dedicatedController != null) {
            // The controller does not wait for brokers, but each broker's startup blocks until the
            // controller has unfenced it, so the brokers start side by side after it.
            dedicatedController.start(nodeConfig(dedicatedController));
        }
        if (brokers.size() == 1) {
            brokers.get(0).start(nodeConfig(brokers.get(0)));
            return;
        }
        List<CompletableFuture<Void>> starts = new ArrayList<>();
        for (KafkaNode node : brokers) {
            KafkaConfig config = nodeConfig(node);
            starts.add(CompletableFuture.runAsync(() -> node.start(config), runnable -> {
                Thread thread = new Thread(runnable, "embedded-kafka-start-" + node.nodeId);
                thread.setDaemon(true);
                thread.start();
            }));
        }
        joinAll(starts, "start");
    }

    private void formatIfNeeded(KafkaNode node) {
        Path metaProperties = node.logDir.resolve("meta.properties");
        Path configFile = null;
        try {
            if (Files.exists(metaProperties)) {
                String formattedFor = Dirs.readProperties(metaProperties).getProperty(CLUSTER_ID_KEY);
                if (!clusterId.equals(formattedFor)) {
                    throw new EmbeddedServiceException(node.logDir + " is formatted for cluster " + formattedFor
                            + " but " + dataDir.resolve(CLUSTER_FILE) + " says " + clusterId
                            + "; delete the data dir " + dataDir + " to start afresh");
                }
                log.debug("Node {} already formatted for cluster {}", node.nodeId, clusterId);
                return;
            }
            Files.createDirectories(node.logDir);
            // Exactly `kafka-storage.sh format --config <file> --cluster-id <id>`: a static quorum
            // (controller.quorum.voters is set), so kraft.version 0 and the latest production
            // metadata.version.
            configFile = Files.createTempFile(dataDir, "format-node-" + node.nodeId + "-", ".properties");
            Properties properties = new Properties();
            properties.putAll(nodeProperties(node));
            try (var out = Files.newOutputStream(configFile)) {
                properties.store(out, "kafka-storage format, node " + node.nodeId);
            }
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            int exitCode;
            try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
                exitCode = StorageTool.execute(
                        new String[] {"format", "--config", configFile.toString(), "--cluster-id", clusterId}, out);
            }
            String printed = output.toString(StandardCharsets.UTF_8).strip();
            if (exitCode != 0) {
                throw new EmbeddedServiceException("kafka-storage format failed for node " + node.nodeId
                        + " in " + node.logDir + " (exit code " + exitCode + "): " + printed);
            }
            log.debug("Formatted node {}: {}", node.nodeId, printed);
        } catch (EmbeddedServiceException e) {
            throw e;
        } catch (Exception e) {
            throw new EmbeddedServiceException("Cannot format the KRaft storage of node " + node.nodeId
                    + " in " + node.logDir, e);
        } finally {
            if (configFile != null) {
                try {
                    Files.deleteIfExists(configFile);
                } catch (IOException e) {
                    log.debug("Could not delete {}: {}", configFile, e.toString());
                }
            }
        }
    }

    private KafkaConfig nodeConfig(KafkaNode node) {
        return new KafkaConfig(nodeProperties(node), false);
    }

    private Map<String, String> nodeProperties(KafkaNode node) {
        int internalReplication = Math.min(brokerCount, 3);
        int internalMinIsr = Math.max(1, internalReplication - 1);
        KafkaNode controller = controllerNode();

        Map<String, String> props = new LinkedHashMap<>();
        // Test- and laptop-friendly defaults; extraProperties below may override any of them.
        props.put("auto.create.topics.enable", "false");
        props.put("group.initial.rebalance.delay.ms", "0");
        if (node.controller) {
            // Topic defaults are applied by the controller (a broker-only node warns about them).
            props.put("num.partitions", "1");
            props.put("default.replication.factor", String.valueOf(internalReplication));
        }
        props.put("offsets.topic.replication.factor", String.valueOf(internalReplication));
        props.put("offsets.topic.num.partitions", "5");
        props.put("transaction.state.log.replication.factor", String.valueOf(internalReplication));
        props.put("transaction.state.log.min.isr", String.valueOf(internalMinIsr));
        props.put("transaction.state.log.num.partitions", "5");
        props.put("share.coordinator.state.topic.replication.factor", String.valueOf(internalReplication));
        props.put("share.coordinator.state.topic.min.isr", String.valueOf(internalMinIsr));
        // Heartbeats every 500 ms instead of 2 s: a broker is unfenced (start) and released from its
        // controlled shutdown (stop) within one heartbeat.
        props.put("broker.heartbeat.interval.ms", "500");
        if (brokerCount > 1) {
            // A stopped broker keeps its registration until its session expires, and cannot register
            // again before that; 4 s instead of 9 s keeps restartBroker() quick.
            props.put("broker.session.timeout.ms", "4000");
        }
        // A broker that cannot join must fail start() rather than block it forever.
        props.put("server.max.startup.time.ms", String.valueOf(startupTimeout.toMillis()));
        props.putAll(extraProperties);

        // Wiring between the nodes, never overridden (see RESERVED_PROPERTIES).
        List<String> roles = new ArrayList<>();
        List<String> listeners = new ArrayList<>();
        if (node.broker) {
            roles.add("broker");
            listeners.add(CLIENT_LISTENER + "://" + FreePorts.LOOPBACK + ":" + node.clientPort);
        }
        if (node.controller) {
            roles.add("controller");
            listeners.add(CONTROLLER_LISTENER + "://" + FreePorts.LOOPBACK + ":" + node.controllerPort);
        }
        props.put("node.id", String.valueOf(node.nodeId));
        props.put("process.roles", String.join(",", roles));
        props.put("listeners", String.join(",", listeners));
        if (node.broker) {
            props.put("advertised.listeners", CLIENT_LISTENER + "://" + FreePorts.LOOPBACK + ":" + node.clientPort);
            props.put("inter.broker.listener.name", CLIENT_LISTENER);
        }
        props.put("listener.security.protocol.map", CLIENT_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("controller.quorum.voters",
                controller.nodeId + "@" + FreePorts.LOOPBACK + ":" + controller.controllerPort);
        props.put("log.dirs", node.logDir.toString());
        return props;
    }

    /** Waits until {@code describeCluster} reports exactly {@code expected} brokers. */
    private void awaitBrokers(int expected) {
        Map<String, Object> adminProps = new LinkedHashMap<>();
        adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokerAddresses());
        adminProps.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
        adminProps.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000);
        adminProps.put(AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, 50);
        adminProps.put(AdminClientConfig.CLIENT_ID_CONFIG, "embedded-kafka-readiness");
        long deadline = System.nanoTime() + startupTimeout.toNanos();
        Collection<Node> seen = List.of();
        Exception lastError = null;
        try (Admin admin = Admin.create(adminProps)) {
            while (System.nanoTime() < deadline) {
                try {
                    seen = admin.describeCluster(new DescribeClusterOptions().timeoutMs(3_000)).nodes().get();
                    if (seen.size() == expected) {
                        return;
                    }
                } catch (ExecutionException e) {
                    lastError = e;
                }
                TimeUnit.MILLISECONDS.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedServiceException("Interrupted while waiting for the embedded Kafka brokers", e);
        }
        throw new EmbeddedServiceException("Embedded Kafka cluster did not report " + expected + " broker(s) within "
                + startupTimeout + "; last saw " + seen, lastError);
    }

    // ---------------------------------------------------------------------------------------------
    // Shutdown

    private void stopAllQuietly() {
        // Brokers together while the controller is still up, so each controlled shutdown is answered.
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        for (KafkaNode node : brokers) {
            if (node.server != null) {
                stops.add(CompletableFuture.runAsync(node::stop, runnable -> {
                    Thread thread = new Thread(runnable, "embedded-kafka-stop-" + node.nodeId);
                    thread.setDaemon(true);
                    thread.start();
                }));
            }
        }
        try {
            joinAll(stops, "stop");
        } catch (RuntimeException e) {
            log.warn("Error while stopping embedded Kafka brokers", e);
        }
        if (dedicatedController != null && dedicatedController.server != null) {
            try {
                dedicatedController.stop();
            } catch (RuntimeException e) {
                log.warn("Error while stopping the embedded Kafka controller", e);
            }
        }
    }

    private void deleteOwnedDataDirQuietly() {
        if (ownsDataDir && dataDir != null) {
            try {
                Dirs.deleteRecursively(dataDir);
            } catch (IOException e) {
                log.warn("Could not delete the embedded Kafka temp dir {}: {}", dataDir, e.toString());
            }
        }
    }

    private void joinAll(List<CompletableFuture<Void>> futures, String what) {
        try {
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
                    .get(startupTimeout.plus(SHUTDOWN_TIMEOUT).toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new EmbeddedServiceException("Embedded Kafka node failed to " + what, cause);
        } catch (TimeoutException e) {
            throw new EmbeddedServiceException("Embedded Kafka nodes did not " + what + " in time", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedServiceException("Interrupted while waiting for embedded Kafka nodes to " + what, e);
        }
    }

    // ---------------------------------------------------------------------------------------------

    private KafkaNode broker(int index) {
        if (index < 0 || index >= brokerCount) {
            throw new IllegalArgumentException("No broker " + index + "; this cluster has brokers 0.." + (brokerCount - 1));
        }
        if (brokers.isEmpty()) {
            throw new IllegalStateException("The cluster has not been started");
        }
        return brokers.get(index);
    }

    private void requireStarted() {
        if (state == State.NEW) {
            throw new IllegalStateException("The cluster has not been started");
        }
    }

    private void requireRunning() {
        if (state != State.RUNNING) {
            throw new IllegalStateException("The cluster is not running (" + state + ")");
        }
    }

    /** One KafkaRaftServer: a broker, a controller, or both. */
    private static final class KafkaNode {
        final int nodeId;
        final boolean broker;
        final boolean controller;
        final Path logDir;
        volatile int clientPort = -1;
        volatile int controllerPort = -1;
        volatile KafkaRaftServer server;

        KafkaNode(int nodeId, boolean broker, boolean controller, Path logDir) {
            this.nodeId = nodeId;
            this.broker = broker;
            this.controller = controller;
            this.logDir = logDir;
        }

        void start(KafkaConfig config) {
            KafkaRaftServer candidate = new KafkaRaftServer(config, Time.SYSTEM);
            try {
                candidate.startup();
            } catch (RuntimeException e) {
                // startup() stops the parts it started, but the shared server state needs the full shutdown.
                try {
                    candidate.shutdown();
                    candidate.awaitShutdown();
                } catch (RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
            server = candidate;
        }

        void stop() {
            KafkaRaftServer running = server;
            if (running == null) {
                return;
            }
            running.shutdown();
            running.awaitShutdown();
            server = null;
        }
    }

    /** Settings for an {@link EmbeddedKafkaCluster}; {@link #build()} makes an unstarted cluster. */
    public static final class Builder {
        private int brokers = 1;
        private Path dataDir;
        private final Map<String, String> properties = new LinkedHashMap<>();
        private Duration startupTimeout = Duration.ofSeconds(60);
        private int clientPort;

        private Builder() {
        }

        /**
         * The client listener port of broker 0 (the bootstrap address users type), instead of a free
         * port picked at start; 0 (the default) picks one. The other listeners always take free ports.
         */
        public Builder clientPort(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535, got " + port);
            }
            this.clientPort = port;
            return this;
        }

        /** Number of brokers, at least 1 (default 1). */
        public Builder brokers(int brokers) {
            if (brokers < 1) {
                throw new IllegalArgumentException("brokers must be at least 1, got " + brokers);
            }
            this.brokers = brokers;
            return this;
        }

        /**
         * Keep the data in {@code dir} (created if missing) instead of a temp dir deleted on close.
         * A cluster started again on the same dir with the same broker count keeps its cluster id,
         * topics and records; formatting is skipped for nodes already formatted.
         */
        public Builder dataDir(Path dir) {
            this.dataDir = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /**
         * A broker/controller setting applied to every node, overriding the defaults. Listener,
         * quorum, node-id and log-dir settings are managed by the cluster and rejected.
         */
        public Builder brokerProperty(String key, String value) {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
            if (RESERVED_PROPERTIES.contains(key)) {
                throw new IllegalArgumentException("'" + key + "' is managed by EmbeddedKafkaCluster and cannot be set");
            }
            properties.put(key, value);
            return this;
        }

        public Builder brokerProperties(Map<String, String> settings) {
            settings.forEach(this::brokerProperty);
            return this;
        }

        /** How long {@link EmbeddedKafkaCluster#start()} may take before it fails (default 60 s). */
        public Builder startupTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("startupTimeout must be positive, got " + timeout);
            }
            this.startupTimeout = timeout;
            return this;
        }

        public EmbeddedKafkaCluster build() {
            return new EmbeddedKafkaCluster(this);
        }
    }
}
