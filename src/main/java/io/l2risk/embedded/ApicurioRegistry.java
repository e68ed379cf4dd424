package io.l2risk.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real Apicurio Registry {@value ApicurioDistribution#VERSION} server as a child process, with
 * in-memory storage (the H2 in-memory database of the {@code apicurio-registry-app} distribution),
 * listening on a free port of 127.0.0.1. Its Confluent Schema Registry API is at
 * {@link #confluentApiUrl()}; its default compatibility is NONE.
 *
 * <p>Where the distribution comes from: {@link Builder#distribution(Path)} (zip or unpacked dir) &gt;
 * system property {@code l2risk.apicurio.zip} &gt; environment {@code L2RISK_APICURIO_ZIP} &gt;
 * {@code target/apicurio/apicurio-registry-app-2.6.13.Final-all.zip} under the working dir &gt; the
 * local Maven repository. A zip is unpacked once into a cache dir (default: {@code 2.6.13.Final/}
 * next to the zip; {@code ~/.cache/l2-risk-monitor/apicurio/2.6.13.Final} for the copy in the Maven
 * repository) that concurrent JVMs can share.
 *
 * <p>The child runs on the same {@code java} as this JVM, with a small heap, a minimal environment
 * (so settings such as {@code KAFKA_BOOTSTRAP_SERVERS} meant for us cannot reconfigure it) and its
 * output in {@link #logFile()}, not on our console. {@link #start()} returns once
 * {@code GET /apis/ccompat/v7/subjects} answers 200. {@link #close()} stops it (TERM, then KILL) and
 * a JVM shutdown hook does the same if the JVM exits first. A JVM killed with SIGKILL cannot run the
 * hook; the registry then keeps running until killed by hand (its command line contains the runner
 * jar and the port).
 */
public final class ApicurioRegistry implements AutoCloseable {

    public static final String VERSION = ApicurioDistribution.VERSION;
    /** Path of the Confluent-compatible API below {@link #url()}. */
    public static final String CONFLUENT_API_PATH = "/apis/ccompat/v7";

    private static final Logger log = LoggerFactory.getLogger(ApicurioRegistry.class);

    private static final int MAX_START_ATTEMPTS = 3;
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    private static final int LOG_TAIL_LINES = 40;
    private static final Pattern PORT_CONFLICT =
            Pattern.compile("Port already bound|Address already in use|BindException", Pattern.CASE_INSENSITIVE);
    /** The only variables the child inherits: enough for the JVM, nothing that configures Quarkus. */
    private static final Set<String> INHERITED_ENV = Set.of(
            "PATH", "HOME", "USER", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "TMPDIR", "TMP", "TEMP", "SYSTEMROOT");

    private enum State { NEW, RUNNING, CLOSED }

    private final Path configuredDistribution;
    private final Path configuredCacheDir;
    private final Path configuredWorkDir;
    private final String maxHeap;
    private final Duration startupTimeout;
    private final Map<String, String> systemProperties;
    private final int fixedPort;

    private volatile State state = State.NEW;
    private volatile Process process;
    private volatile int port = -1;
    private volatile Path workDir;
    private volatile boolean ownsWorkDir;
    private volatile Path logFile;
    private Thread shutdownHook;

    private ApicurioRegistry(Builder builder) {
        this.configuredDistribution = builder.distribution;
        this.configuredCacheDir = builder.cacheDir;
        this.configuredWorkDir = builder.workDir;
        this.maxHeap = builder.maxHeap;
        this.startupTimeout = builder.startupTimeout;
        this.systemProperties = Map.copyOf(builder.systemProperties);
        this.fixedPort = builder.port;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Locates and (once) unpacks the distribution, starts the registry and waits until its Confluent
     * API answers.
     *
     * @throws EmbeddedServiceException if the distribution is missing, or the registry exits or does
     *     not answer within the startup timeout (the message ends with the tail of its log)
     */
    public synchronized ApicurioRegistry start() {
        if (state != State.NEW) {
            throw new IllegalStateException("start() can be called once; this registry is " + state);
        }
        long startNanos = System.nanoTime();
        try {
            if (fixedPort > 0 && !FreePorts.isFree(fixedPort)) {
                throw new EmbeddedServiceException("Schema registry port " + fixedPort
                        + " is already in use by another process; choose another port, or 0 for a free one");
            }
            Path runnerJar = resolveRunnerJar();
            prepareWorkDir();
            for (int attempt = 1; ; attempt++) {
                port = fixedPort > 0 ? fixedPort : FreePorts.next();
                launch(runnerJar);
                try {
                    awaitReady(startNanos);
                    break;
                } catch (EmbeddedServiceException e) {
                    boolean portConflict = process != null && !process.isAlive()
                            && PORT_CONFLICT.matcher(logTail()).find();
                    stopProcess();
                    if (!portConflict || fixedPort > 0 || attempt == MAX_START_ATTEMPTS) {
                        throw e;
                    }
                    log.warn("Port {} was taken before Apicurio Registry bound it (attempt {}/{}); retrying on a new port",
                            port, attempt, MAX_START_ATTEMPTS);
                }
            }
        } catch (RuntimeException e) {
            stopProcess();
            removeShutdownHook();
            state = State.CLOSED;
            // The work dir (with the log) is kept for a failed start: the message points at it.
            throw e;
        }
        state = State.RUNNING;
        log.info("Apicurio Registry {} started in {} ms at {} (pid {}, log {})", VERSION,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos), url(), process.pid(), logFile);
        return this;
    }

    /** Base URL, e.g. {@code http://127.0.0.1:41234}. */
    public String url() {
        requireStarted();
        return "http://" + FreePorts.LOOPBACK + ":" + port;
    }

    /** The Confluent Schema Registry API: {@code url() + "/apis/ccompat/v7"}. */
    public String confluentApiUrl() {
        return url() + CONFLUENT_API_PATH;
    }

    public int port() {
        requireStarted();
        return port;
    }

    /** The registry's stdout and stderr. */
    public Path logFile() {
        requireStarted();
        return logFile;
    }

    /** The child process (for diagnostics and tests; stop it with {@link #close()}). */
    public ProcessHandle process() {
        requireStarted();
        return process.toHandle();
    }

    public boolean isRunning() {
        Process running = process;
        return state == State.RUNNING && running != null && running.isAlive();
    }

    /**
     * Stops the registry (SIGTERM, then SIGKILL after 10 s), waits until the
     * process is gone and deletes the work dir if it was a temp dir made by {@link #start()}. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        long startNanos = System.nanoTime();
        stopProcess();
        removeShutdownHook();
        if (ownsWorkDir && workDir != null) {
            try {
                Dirs.deleteRecursively(workDir);
            } catch (IOException e) {
                log.warn("Could not delete the Apicurio Registry work dir {}: {}", workDir, e.toString());
            }
        }
        log.info("Apicurio Registry stopped in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
    }

    @Override
    public String toString() {
        return "ApicurioRegistry[" + VERSION + ", state=" + state + (port > 0 ? ", port=" + port : "") + "]";
    }

    // ---------------------------------------------------------------------------------------------

    private Path resolveRunnerJar() {
        ApicurioDistribution.Located located = ApicurioDistribution.locate(configuredDistribution,
                System::getProperty, System::getenv, Path.of("").toAbsolutePath(), Path.of(System.getProperty("user.home")));
        log.debug("Apicurio Registry distribution: {} ({})", located.path(), located.source());
        if (located.isDirectory()) {
            return ApicurioDistribution.runnerJar(located.path());
        }
        Path cacheDir = configuredCacheDir != null ? configuredCacheDir : located.defaultCacheDir();
        return ApicurioDistribution.runnerJar(ApicurioDistribution.ensureUnpacked(located.path(), cacheDir));
    }

    private void prepareWorkDir() {
        try {
            if (configuredWorkDir != null) {
                workDir = Files.createDirectories(configuredWorkDir.toAbsolutePath());
                ownsWorkDir = false;
            } else {
                workDir = Files.createTempDirectory("l2risk-apicurio-");
                ownsWorkDir = true;
            }
            logFile = workDir.resolve("apicurio-registry.log");
        } catch (IOException e) {
            throw new EmbeddedServiceException("Cannot create the Apicurio Registry work dir", e);
        }
    }

    private void launch(Path runnerJar) {
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.add("-Xmx" + maxHeap);
        // A registry for tests and local runs: start fast rather than peak throughput.
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-XX:+UseSerialGC");
        Map<String, String> props = new LinkedHashMap<>();
        props.put("quarkus.http.host", FreePorts.LOOPBACK);
        props.put("quarkus.http.port", String.valueOf(port));
        // In-memory storage, whatever the environment says, and a connection pool sized for one user.
        props.put("quarkus.datasource.jdbc.url", "jdbc:h2:mem:registry_db");
        props.put("quarkus.datasource.jdbc.initial-size", "2");
        props.put("quarkus.datasource.jdbc.min-size", "2");
        props.put("quarkus.datasource.jdbc.max-size", "20");
        props.put("quarkus.log.console.color", "false");
        props.putAll(systemProperties);
        props.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(runnerJar.toString());

        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(nullFile()));
        builder.environment().keySet().retainAll(INHERITED_ENV);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new EmbeddedServiceException("Cannot launch Apicurio Registry: " + String.join(" ", command), e);
        }
        installShutdownHook();
        log.debug("Launched Apicurio Registry (pid {}): {}", process.pid(), command);
    }

    private void awaitReady(long startNanos) {
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(1))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        URI probe = URI.create("http://" + FreePorts.LOOPBACK + ":" + port + CONFLUENT_API_PATH + "/subjects");
        HttpRequest request = HttpRequest.newBuilder(probe).timeout(Duration.ofSeconds(2)).GET().build();
        long deadline = startNanos + startupTimeout.toNanos();
        String lastAnswer = "no answer yet";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new EmbeddedServiceException("Apicurio Registry exited with code " + process.exitValue()
                        + " before it was ready. Log " + logFile + " ends with:\n" + logTail());
            }
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                lastAnswer = "HTTP " + response.statusCode();
            } catch (IOException e) {
                lastAnswer = e.toString(); // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EmbeddedServiceException("Interrupted while waiting for Apicurio Registry", e);
            }
            waitForExit(POLL_INTERVAL);
        }
        throw new EmbeddedServiceException("Apicurio Registry did not answer " + probe + " with 200 within "
                + startupTimeout + " (last: " + lastAnswer + "). Log " + logFile + " ends with:\n" + logTail());
    }

    /** Waits up to {@code timeout}, returning early if the process exits. */
    private void waitForExit(Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // Still running (or cannot tell): the caller checks isAlive() again.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedServiceException("Interrupted while waiting for Apicurio Registry", e);
        }
    }

    private void stopProcess() {
        Process running = process;
        if (running == null) {
            return;
        }
        destroy(running);
    }

    /** TERM (Quarkus shuts down gracefully), then KILL if it takes longer than the grace period. */
    private static void destroy(Process running) {
        if (!running.isAlive()) {
            return;
        }
        running.destroy();
        try {
            if (!running.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("Apicurio Registry (pid {}) did not stop within {}; killing it", running.pid(), STOP_GRACE);
                running.destroyForcibly();
                running.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            running.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void installShutdownHook() {
        removeShutdownHook();
        Process running = process;
        shutdownHook = new Thread(() -> destroy(running), "apicurio-registry-stop-" + running.pid());
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    private synchronized void removeShutdownHook() {
        if (shutdownHook == null) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down; the hook runs anyway.
        }
        shutdownHook = null;
    }

    private String logTail() {
        try {
            if (logFile == null || !Files.exists(logFile)) {
                return "(no log)";
            }
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + logFile + ": " + e + ")";
        }
    }

    private static String javaBinary() {
        boolean windows = System.getProperty("os.name", "").toLowerCase().startsWith("windows");
        Path java = Path.of(System.getProperty("java.home"), "bin", windows ? "java.exe" : "java");
        if (Files.isExecutable(java)) {
            return java.toString();
        }
        return ProcessHandle.current().info().command()
                .orElseThrow(() -> new EmbeddedServiceException("Cannot find the java binary to run Apicurio Registry ("
                        + java + " is not executable)"));
    }

    private static java.io.File nullFile() {
        boolean windows = System.getProperty("os.name", "").toLowerCase().startsWith("windows");
        return new java.io.File(windows ? "NUL" : "/dev/null");
    }

    private void requireStarted() {
        if (state == State.NEW) {
            throw new IllegalStateException("The registry has not been started");
        }
    }

    /** Settings for an {@link ApicurioRegistry}; {@link #build()} makes an unstarted registry. */
    public static final class Builder {
        private Path distribution;
        private Path cacheDir;
        private Path workDir;
        private String maxHeap = "384m";
        private Duration startupTimeout = Duration.ofSeconds(120);
        private final Map<String, String> systemProperties = new LinkedHashMap<>();
        private int port;

        private Builder() {
        }

        /** The distribution zip, or the dir it was unpacked into. Must exist. */
        public Builder distribution(Path zipOrDir) {
            this.distribution = Objects.requireNonNull(zipOrDir, "zipOrDir");
            return this;
        }

        /** Where to unpack the zip (shared; unpacked once). */
        public Builder cacheDir(Path dir) {
            this.cacheDir = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /** Where the log goes; kept on close. Default: a temp dir, deleted on close. */
        public Builder workDir(Path dir) {
            this.workDir = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /** Maximum heap of the registry JVM, as for {@code -Xmx} (default {@code 384m}). */
        public Builder maxHeap(String size) {
            if (!size.matches("\\d+[kKmMgG]?")) {
                throw new IllegalArgumentException("maxHeap must look like 384m or 1g, got '" + size + "'");
            }
            this.maxHeap = size;
            return this;
        }

        /** How long {@link ApicurioRegistry#start()} may take (default 120 s: a busy machine is slow). */
        public Builder startupTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("startupTimeout must be positive, got " + timeout);
            }
            this.startupTimeout = timeout;
            return this;
        }

        /**
         * A Quarkus/Apicurio setting passed as {@code -Dkey=value}; overrides the launcher's own
         * except the listen address, which the registry manages.
         */
        public Builder systemProperty(String key, String value) {
            Objects.requireNonNull(key, "key");
            if (key.equals("quarkus.http.port") || key.equals("quarkus.http.host")) {
                throw new IllegalArgumentException("'" + key + "' is managed by ApicurioRegistry and cannot be set");
            }
            systemProperties.put(key, Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Listen on this port of 127.0.0.1 instead of a free one picked at start; 0 (default) picks one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535, got " + port);
            }
            this.port = port;
            return this;
        }

        public ApicurioRegistry build() {
            return new ApicurioRegistry(this);
        }
    }
}
