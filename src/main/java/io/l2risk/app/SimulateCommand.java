package io.l2risk.app;

import io.l2risk.config.ConfigurationException;
import io.l2risk.config.Durations;
import io.l2risk.embedded.sim.FileEventSink;
import io.l2risk.embedded.sim.Incident;
import io.l2risk.embedded.sim.L1Simulator;
import io.l2risk.embedded.sim.Scenario;
import io.l2risk.embedded.sim.SimulatorSettings;
import io.l2risk.embedded.sim.SimulatorSettings.Timeline;
import io.l2risk.engine.Text;
import io.l2risk.registry.RollupRegistry;
import io.l2risk.registry.RollupRegistryLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.avro.specific.SpecificRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code simulate --out FILE}: the built-in L1 simulator's traffic written to an event file (design.md §3)
 * without pacing — the warm-up history, the scripted window with its incidents, and optionally normal
 * traffic after it. The same seed and start give the same file, byte for byte, so it serves backtests,
 * benchmarks and integration tests. Exit codes: 0 done, 2 invalid options or an unwritable file.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Write the built-in L1 simulator's traffic (warm-up history, then the scripted window with its "
                + "incidents) to an event file, deterministically and without pacing. Exit 0 = done, 2 = error.")
final class SimulateCommand implements Callable<Integer> {

    static final int OK = 0;
    static final int ERROR = 2;

    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "FILE", required = true,
            description = "Event file to write (replaced): JSON Lines, the Avro JSON of one ingest record per line.")
    Path out;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "" + SimulatorSettings.DEFAULT_SEED,
            description = "Seed of everything random (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--history", paramLabel = "DURATION", defaultValue = "50h",
            converter = TopicsCommand.DurationConverter.class,
            description = "Warm-up history before the scripted window (default: ${DEFAULT-VALUE}, enough for the "
                    + "learned liveness thresholds).")
    Duration history;

    @Option(names = "--window", paramLabel = "DURATION", defaultValue = "2h",
            converter = TopicsCommand.DurationConverter.class,
            description = "The scripted window holding the incidents (default: ${DEFAULT-VALUE}).")
    Duration window;

    @Option(names = "--start", paramLabel = "INSTANT",
            description = "End of the scripted window, ISO-8601 (e.g. 2026-03-01T12:00:00Z); default: now, to the "
                    + "minute. Give it to get the same file again.")
    Instant start;

    @Option(names = "--after", paramLabel = "DURATION", defaultValue = "0s",
            converter = TopicsCommand.DurationConverter.class,
            description = "Normal traffic after the window, e.g. to see alerts resolve (default: ${DEFAULT-VALUE}).")
    Duration after;

    @Option(names = "--rollups", paramLabel = "FILE",
            description = "Rollup registry YAML laid over the bundled mainnet presets: every rollup in it is simulated.")
    Path rollups;

    @Option(names = "--no-incidents", description = "Normal traffic only.")
    boolean noIncidents;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RollupRegistry registry;
        SimulatorSettings settings;
        Scenario scenario;
        Instant end;
        try {
            registry = rollups == null ? RollupRegistryLoader.loadBundled() : RollupRegistryLoader.loadBundledPlus(rollups);
            Instant windowEnd = start != null ? start : Instant.now().truncatedTo(ChronoUnit.MINUTES);
            settings = SimulatorSettings.defaults().withSeed(seed).withHistory(history).withWindow(window)
                    .withStart(windowEnd);
            if (after.isNegative()) {
                throw new IllegalArgumentException("--after must not be negative");
            }
            end = windowEnd.plus(after);
            scenario = noIncidents ? Scenario.none() : Scenario.defaultIncidents().restrictedTo(registry);
        } catch (ConfigurationException | IllegalArgumentException e) {
            err.println("simulate: " + e.getMessage());
            err.flush();
            return ERROR;
        }
        long startNanos = System.nanoTime();
        L1Simulator simulator = L1Simulator.create(registry, settings, scenario, end);
        Map<String, Long> byType = new TreeMap<>();
        long records = 0;
        try (FileEventSink sink = FileEventSink.create(out)) {
            while (simulator.hasNext()) {
                SpecificRecord record = simulator.next();
                sink.send(record);
                byType.merge(record.getClass().getSimpleName(), 1L, Long::sum);
                records++;
            }
        } catch (IOException e) {
            err.println("simulate: cannot write " + out + ": " + e.getMessage());
            err.flush();
            return ERROR;
        }
        printSummary(stdout, simulator, records, byType, end, System.nanoTime() - startNanos);
        return OK;
    }

    private void printSummary(PrintWriter stdout, L1Simulator simulator, long records, Map<String, Long> byType,
                              Instant end, long elapsedNanos) {
        Timeline timeline = simulator.timeline();
        stdout.printf(Locale.ROOT, "Simulated %d rollups, seed %d -> %s%n", simulator.rollups(), seed, out);
        stdout.printf(Locale.ROOT, "  history   %s to %s (%s)%n", timeline.historyStart(), timeline.windowStart(),
                Text.duration(history));
        stdout.printf(Locale.ROOT, "  window    %s to %s (%s), %d incidents%n", timeline.windowStart(), timeline.start(),
                Text.duration(window), simulator.scenario().incidents().size());
        for (Incident incident : simulator.scenario().incidents()) {
            stdout.printf(Locale.ROOT, "    +%-7s %s  %s%n", Text.duration(incident.offset()),
                    timeline.windowStart().plus(incident.offset()), incident.describe());
        }
        if (!after.isZero()) {
            stdout.printf(Locale.ROOT, "  after     %s to %s (%s)%n", timeline.start(), end, Text.duration(after));
        }
        stdout.printf(Locale.ROOT, "  records   %,d%n", records);
        byType.forEach((type, count) -> stdout.printf(Locale.ROOT, "    %-16s %,d%n", type, count));
        stdout.printf(Locale.ROOT, "  time      %.1f s%n", elapsedNanos / 1e9);
        stdout.printf(Locale.ROOT, "  same file again: --seed %d --start %s --history %s --window %s%s%n", seed,
                timeline.start(), Durations.format(history), Durations.format(window),
                after.isZero() ? "" : " --after " + Durations.format(after));
        stdout.flush();
    }
}
