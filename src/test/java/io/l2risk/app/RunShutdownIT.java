package io.l2risk.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.l2risk.testing.EngineProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} on the embedded default as a real process, stopped the two ways an operator stops it:
 * SIGTERM (an orchestrator, {@code kill}) and SIGINT (Ctrl-C). Each time everything stops in reverse
 * order of start, the registry child process goes with it, and the next start finds its data: the
 * data directory's lock was released, and the simulator resumes where it stopped.
 */
class RunShutdownIT {

    private static final Duration START = Duration.ofSeconds(120);
    private static final Duration STOP = Duration.ofSeconds(60);
    /** The JVM's exit code after a shutdown by SIGTERM or SIGINT: 128 + the signal number. */
    private static final int SIGTERM_EXIT = 128 + 15;
    private static final int SIGINT_EXIT = 128 + 2;
    private static final List<String> STOP_ORDER = List.of("stopping SimulatorRunner", "stopping RiskApp",
            "stopping StatusServer", "stopping ApicurioRegistry", "stopping EmbeddedKafkaCluster",
            "stopping DataDirLock");

    @Test
    void shouldStopCleanlyOnSigtermAndSigintAndResumeOnTheSameData(@TempDir Path dir) {
        Path logs = Path.of("target", "run-shutdown-it");
        String[] args = {"run", "--data-dir", dir.resolve("data").toString(), "--http-port", "0", "--partitions", "2"};

        List<ProcessHandle> registry;
        try (EngineProcess first = EngineProcess.builder("run-sigterm", logs).args(args).maxHeap("512m").start()) {
            first.awaitRunning(START);
            first.awaitOutput("simulator: warm-up done", START);
            registry = first.descendants();
            assertThat(registry).as("the embedded registry runs as a child process").isNotEmpty();

            assertThat(first.stop(STOP)).isEqualTo(SIGTERM_EXIT);
            assertStoppedInOrder(first.output());
        }
        assertThat(registry).noneMatch(ProcessHandle::isAlive);

        try (EngineProcess second = EngineProcess.builder("run-sigint", logs).args(args).maxHeap("512m").start()) {
            second.awaitRunning(START);
            assertThat(second.output()).contains("simulator: resuming run of seed 1").doesNotContain("in use by another");
            registry = second.descendants();

            assertThat(second.interrupt(STOP)).isEqualTo(SIGINT_EXIT);
            assertStoppedInOrder(second.output());
        }
        assertThat(registry).noneMatch(ProcessHandle::isAlive);
    }

    private static void assertStoppedInOrder(String output) {
        int at = output.indexOf(EngineProcess.RUNNING_LINE);
        for (String step : STOP_ORDER) {
            int next = output.indexOf(step, at);
            assertThat(next).as("'%s' after the previous step in:%n%s", step, output).isGreaterThan(at);
            at = next;
        }
        assertThat(output).doesNotContain("Exception in thread", "did not stop within");
    }
}
