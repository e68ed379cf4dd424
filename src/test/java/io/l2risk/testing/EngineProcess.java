package io.l2risk.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One l2-risk-monitor command — normally {@code run} joining a cluster — in a JVM of its own, as an
 * operator would start it: {@code java -cp <this test's class path> io.l2risk.app.Main <args>}. For
 * tests that need real separate processes: several engine instances of one application id, an
 * instance killed with SIGKILL.
 *
 * <pre>{@code
 * try (EngineProcess engine = EngineProcess.builder("engine-1", logDir)
 *         .args("run", "--bootstrap-servers", bootstrap, "--schema-registry-url", registry, "--data-dir", dataDir)
 *         .start()) {
 *     engine.awaitRunning(Duration.ofSeconds(90));
 *     ...
 *     engine.kill();            // SIGKILL: no shutdown hook, no commit
 * }                             // close(): SIGKILL if still alive
 * }</pre>
 *
 * <p>The child's stdout and stderr go to {@code <logDir>/<name>.log} (the operating system writes
 * the file, so the child never blocks on a full pipe); the file is kept for the reader of a failed
 * run. Every child still alive when the test JVM exits is killed by a shutdown hook, so none outlives
 * the test even when the test never reaches its {@code close()}.
 */
public final class EngineProcess implements AutoCloseable {

    /** What {@code run} prints once the engine has started. */
    public static final String RUNNING_LINE = "Running. Press Ctrl-C to stop.";

    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(30);

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(EngineProcess::destroyTree),
                "engine-process-reaper"));
    }

    private final String name;
    private final Path log;
    private final Process process;

    private EngineProcess(String name, Path log, Process process) {
        this.name = name;
        this.log = log;
        this.process = process;
    }

    /** A child named {@code name} (also its log file name) whose output goes to {@code logDir}. */
    public static Builder builder(String name, Path logDir) {
        return new Builder(name, logDir);
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    /** The file with the child's stdout and stderr. */
    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Everything the child has printed so far. */
    public String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + log, e);
        }
    }

    /** The last {@code lines} lines of {@link #output()}, for failure messages. */
    public String tail(int lines) {
        List<String> all = output().lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** Waits until the child printed {@link #RUNNING_LINE}. */
    public void awaitRunning(Duration timeout) {
        awaitOutput(RUNNING_LINE, timeout);
    }

    /**
     * Waits until the child has printed {@code text}.
     *
     * @throws AssertionError if the child exits first or {@code timeout} passes, with the end of its output
     */
    public void awaitOutput(String text, Duration timeout) {
        try {
            await().atMost(timeout).pollInterval(Duration.ofMillis(100))
                    .until(() -> output().contains(text) || !process.isAlive());
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(name + " did not print \"" + text + "\" within " + timeout + "; its output ends:\n"
                    + tail(40), e);
        }
        if (!output().contains(text)) {
            throw new AssertionError(name + " exited with code " + process.exitValue() + " before printing \"" + text
                    + "\"; its output ends:\n" + tail(40));
        }
    }

    /** SIGKILL: the abrupt end of a crashed host. Waits until the process is gone and returns its exit code. */
    public int kill() {
        destroyTree(process);
        return awaitExit();
    }

    /**
     * SIGTERM, as an orchestrator stops an instance, then waits up to {@code timeout} for the clean
     * shutdown.
     *
     * @return the exit code
     * @throws AssertionError if the process is still running after {@code timeout} (it is then killed)
     */
    public int stop(Duration timeout) {
        process.destroy();
        return awaitStop("SIGTERM", timeout);
    }

    /** SIGINT, as Ctrl-C in a terminal; otherwise like {@link #stop}. */
    public int interrupt(Duration timeout) {
        try {
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -INT " + process.pid() + " failed");
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while signalling " + name, e);
        }
        return awaitStop("SIGINT", timeout);
    }

    /** The child's own child processes (e.g. the embedded schema registry), as of now. */
    public java.util.List<ProcessHandle> descendants() {
        return process.descendants().toList();
    }

    private int awaitStop(String signal, Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
                throw new AssertionError(name + " did not stop within " + timeout + " of " + signal
                        + "; its output ends:\n" + tail(40));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
            throw new IllegalStateException("interrupted while stopping " + name, e);
        }
        LIVE.remove(process);
        return process.exitValue();
    }

    /** Kills the child if it is still running. */
    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
        LIVE.remove(process);
    }

    @Override
    public String toString() {
        return "EngineProcess[" + name + ", pid " + process.pid() + (process.isAlive() ? ", running" : ", exited")
                + ", log " + log + "]";
    }

    private int awaitExit() {
        try {
            if (!process.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(name + " (pid " + process.pid() + ") is still alive " + EXIT_TIMEOUT
                        + " after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + name + " to exit", e);
        }
        LIVE.remove(process);
        return process.exitValue();
    }

    private static void destroyTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /**
     * The class path for the child: the test's own, so the child runs exactly the classes under test.
     * Surefire and failsafe may start the test JVM from a manifest-only jar; they put the real class
     * path in {@code surefire.test.class.path}.
     */
    private static String testClassPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    /** How to start an {@link EngineProcess}. */
    public static final class Builder {
        private final String name;
        private final Path logDir;
        private final List<String> args = new ArrayList<>();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private final List<String> jvmOptions = new ArrayList<>();
        private String maxHeap = "256m";

        private Builder(String name, Path logDir) {
            this.name = Objects.requireNonNull(name, "name");
            this.logDir = Objects.requireNonNull(logDir, "logDir");
        }

        /** The command and its options, e.g. {@code "run", "--bootstrap-servers", ...}. */
        public Builder args(String... more) {
            args.addAll(List.of(more));
            return this;
        }

        /** An environment variable of the child ({@code KAFKA_*}, {@code L2RISK_*}) on top of this JVM's. */
        public Builder environment(String key, String value) {
            environment.put(key, value);
            return this;
        }

        /** A JVM option of the child, e.g. {@code -Dlog4j2.configurationFile=...}. */
        public Builder jvmOption(String option) {
            jvmOptions.add(Objects.requireNonNull(option, "option"));
            return this;
        }

        /** {@code -Xmx} of the child (default 256m). */
        public Builder maxHeap(String size) {
            this.maxHeap = Objects.requireNonNull(size, "size");
            return this;
        }

        /** Starts the child; returns at once (see {@link EngineProcess#awaitRunning}). */
        public EngineProcess start() {
            Path log = logDir.resolve(name + ".log");
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-Xmx" + maxHeap);
            // Several JVMs share a small machine: a serial collector and the C1 compiler only keep
            // each child's background CPU low; throughput is not what these tests measure.
            command.add("-XX:+UseSerialGC");
            command.add("-XX:TieredStopAtLevel=1");
            // The application's logging, as an operator sees it, not the log4j2-test.xml that the test
            // class path would pick: that one stops logging at the start of the JVM's shutdown, so a
            // child's clean shutdown would leave no trace.
            command.add("-Dlog4j2.configurationFile=log4j2.xml");
            command.addAll(jvmOptions);
            command.add("-cp");
            command.add(testClassPath());
            command.add("io.l2risk.app.Main");
            command.addAll(args);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            try {
                Files.createDirectories(logDir);
                Process process = builder.start();
                LIVE.add(process);
                // Nothing is ever typed into the child.
                process.getOutputStream().close();
                return new EngineProcess(name, log, process);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start " + name + ": " + command.get(0), e);
            }
        }
    }
}
