package io.l2risk.app;

import io.l2risk.avro.AlertStatus;
import io.l2risk.config.ConfigurationException;
import io.l2risk.avro.RiskAlert;
import io.l2risk.avro.Severity;
import io.l2risk.backtest.Backtest;
import io.l2risk.engine.EngineSettings;
import io.l2risk.engine.RiskEngine;
import io.l2risk.eventfile.AvroJsonLinesReader;
import io.l2risk.eventfile.AvroJsonLinesWriter;
import io.l2risk.eventfile.BadLine;
import io.l2risk.registry.RollupRegistry;
import io.l2risk.registry.RollupRegistryLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.avro.specific.SpecificRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code backtest --events FILE --out FILE}: runs the risk engine over an event file (design.md §3)
 * in-process — the same engine as the Kafka Streams topology, with each rollup's state in memory — and
 * writes the alert transitions, one RiskAlert per line in Avro JSON, in the order they are produced.
 * Streams the file: memory is one engine per rollup whatever the file's length.
 *
 * <p>Prints a summary to the output stream (events, bad lines, rejects by code, out-of-order records,
 * alerts by indicator and severity) and progress to the error stream every {@code --progress}.
 * Exit codes: 0 done (bad lines and rejects are reported, not fatal), 2 a file cannot be read or
 * written, or invalid options.
 */
@Command(name = "backtest", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run the risk engine over an event file offline (deterministic, fast) and write the alert "
                + "transitions as JSON Lines. Exit 0 = done, 2 = error.")
final class BacktestCommand implements Callable<Integer> {

    static final int OK = 0;
    static final int ERROR = 2;
    private static final int PROGRESS_CHECK_EVERY = 1 << 14;

    @Spec
    CommandSpec spec;

    @Option(names = "--events", paramLabel = "FILE", required = true,
            description = "Event file: JSON Lines, each line the Avro JSON of one ingest record.")
    Path events;

    @Option(names = "--out", paramLabel = "FILE", required = true,
            description = "Alert file to write (replaced): one RiskAlert per line, in the order produced.")
    Path out;

    @Option(names = "--rollups", paramLabel = "FILE",
            description = "Rollup registry (YAML) laid over the bundled mainnet presets: protocol parameters and "
                    + "threshold overrides. Rollups in neither run with GENERIC defaults.")
    Path rollups;

    @Option(names = "--strict-rollups",
            description = "Reject the records of rollups missing from the registry instead of running them GENERIC.")
    boolean strictRollups;

    @Option(names = "--progress", paramLabel = "DURATION", defaultValue = "10s",
            converter = TopicsCommand.DurationConverter.class,
            description = "Progress on stderr this often (default: ${DEFAULT-VALUE}).")
    Duration progressEvery;

    @Option(names = "--max-reported", paramLabel = "N", defaultValue = "20",
            description = "Bad lines printed before only counting them (default: ${DEFAULT-VALUE}).")
    int maxReported;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isReadable(events)) {
            err.println("backtest: cannot read " + events);
            return ERROR;
        }
        RiskEngine engine;
        RollupRegistry registry;
        try {
            registry = rollups == null ? RollupRegistryLoader.loadBundled() : RollupRegistryLoader.loadBundledPlus(rollups);
            RollupProfiles profiles = RollupProfiles.of(registry);
            engine = new RiskEngine(profiles, EngineSettings.defaults().withStrictRollups(strictRollups));
            profiles.check(engine);
        } catch (ConfigurationException | IllegalArgumentException e) {
            err.println("backtest: " + e.getMessage());
            return ERROR;
        }
        // Validation's "not in the future" check uses one instant, so that a run is reproducible.
        Backtest backtest = new Backtest(engine, System.currentTimeMillis());
        long[] reported = {0};
        long startNanos = System.nanoTime();
        try (AvroJsonLinesReader<SpecificRecord> reader = AvroJsonLinesReader.openEvents(events, badLine -> {
            if (badLine.kind() == BadLine.Kind.INVALID && reported[0]++ < maxReported) {
                err.println(badLine + " (skipped)");
            }
        });
             AvroJsonLinesWriter<RiskAlert> writer = AvroJsonLinesWriter.createAlerts(out)) {
            long nextProgress = startNanos + progressEvery.toNanos();
            SpecificRecord record;
            while ((record = reader.next()) != null) {
                backtest.process(record, writer::write);
                if ((reader.records() & (PROGRESS_CHECK_EVERY - 1)) == 0 && System.nanoTime() >= nextProgress) {
                    progress(err, reader, backtest, startNanos);
                    nextProgress = System.nanoTime() + progressEvery.toNanos();
                }
            }
            writer.flush();
            printSummary(stdout, reader, registry, backtest.summary(), System.nanoTime() - startNanos);
            return OK;
        } catch (IOException e) {
            err.println("backtest: " + e.getMessage());
            return ERROR;
        }
    }

    private static void progress(PrintWriter err, AvroJsonLinesReader<SpecificRecord> reader, Backtest backtest,
                                 long startNanos) {
        Backtest.Summary s = backtest.summary();
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        err.printf(Locale.ROOT, "backtest: %,d lines, %,d events (%,.0f/s), %,d alerts, %,d rollups%n",
                reader.lineNumber(), s.events(), s.events() / Math.max(seconds, 1e-9), s.alerts(), s.rollups());
        err.flush();
    }

    private void printSummary(PrintWriter stdout, AvroJsonLinesReader<SpecificRecord> reader, RollupRegistry registry,
                              Backtest.Summary s, long elapsedNanos) {
        double seconds = elapsedNanos / 1e9;
        stdout.printf(Locale.ROOT, "Backtest of %s -> %s%n", events, out);
        stdout.printf(Locale.ROOT, "  rollup registry   bundled presets%s: %d rollups%s%n",
                rollups == null ? "" : " + " + rollups, registry.all().size(),
                strictRollups ? " (strict: others rejected)" : " (others GENERIC)");
        stdout.printf(Locale.ROOT, "  lines read        %,d%n", reader.lineNumber());
        stdout.printf(Locale.ROOT, "  events read       %,d (%,d rollups)%n", s.events(), s.rollups());
        stdout.printf(Locale.ROOT, "  bad lines         %,d (skipped)%n", reader.invalidLines());
        stdout.printf(Locale.ROOT, "  rejected records  %,d%n", s.rejected());
        s.rejectedByCode().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
                stdout.printf(Locale.ROOT, "    %-20s %,d%n", e.getKey(), e.getValue()));
        stdout.printf(Locale.ROOT, "  out-of-order      %,d (processed; the rollup's clock does not go back)%n",
                s.outOfOrder());
        stdout.printf(Locale.ROOT, "  alerts            %,d (%,d FIRING, %,d ESCALATED, %,d RESOLVED)%n", s.alerts(),
                s.alertsByStatus().getOrDefault(AlertStatus.FIRING, 0L),
                s.alertsByStatus().getOrDefault(AlertStatus.ESCALATED, 0L),
                s.alertsByStatus().getOrDefault(AlertStatus.RESOLVED, 0L));
        s.alertsByIndicator().forEach((indicator, bySeverity) -> stdout.printf(Locale.ROOT,
                "    %-20s INFO %,d  WARNING %,d  CRITICAL %,d%n", indicator,
                bySeverity.getOrDefault(Severity.INFO, 0L), bySeverity.getOrDefault(Severity.WARNING, 0L),
                bySeverity.getOrDefault(Severity.CRITICAL, 0L)));
        stdout.printf(Locale.ROOT, "  time              %.1f s (%,.0f events/s)%n", seconds,
                s.events() / Math.max(seconds, 1e-9));
        stdout.flush();
    }
}
