package io.l2risk.bench;

import io.l2risk.embedded.ApicurioRegistry;
import io.l2risk.embedded.EmbeddedKafkaCluster;
import io.l2risk.registry.RollupRegistry;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * Runs {@link StreamsBench} by hand on a fresh embedded broker and registry, until {@code bench} does:
 * {@code StreamsBenchRun [rollups [events [rate [seconds]]]]} (defaults 9, 500000, 10000, 30). The
 * throughput phases get the simulator's traffic of about {@code events} records; the latency phase the
 * last {@code rate × seconds} of them (the incident window). Prints progress and the results.
 */
final class StreamsBenchRun {

    private StreamsBenchRun() {
    }

    public static void main(String[] args) throws Exception {
        int rollups = args.length > 0 ? Integer.parseInt(args[0]) : 9;
        long events = args.length > 1 ? Long.parseLong(args[1]) : 500_000;
        int rate = args.length > 2 ? Integer.parseInt(args[2]) : StreamsBench.Settings.DEFAULT_LATENCY_RATE;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 30;
        PrintWriter out = new PrintWriter(System.out, true);

        RollupRegistry registry = BenchData.registry(rollups);
        Instant end = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        List<SpecificRecord> records = EngineBench.materialize(
                BenchData.traffic(registry, BenchData.historyFor(events, rollups), end, 1, true));
        out.printf("%d rollups, %,d records%n", rollups, records.size());
        Path work = Files.createTempDirectory("l2risk-streams-bench-");
        try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.builder().dataDir(work.resolve("kafka")).build();
             ApicurioRegistry schemas = ApicurioRegistry.builder().workDir(work.resolve("registry")).build()) {
            kafka.start();
            schemas.start();
            StreamsBench.Settings settings = StreamsBench.Settings.of(kafka, schemas, work)
                    .withLatency(rate, Duration.ofSeconds(seconds));
            int tail = (int) Math.min(records.size(), settings.latencyRecords());
            StreamsBench.Results results = StreamsBench.run(settings, registry, records,
                    records.subList(records.size() - tail, records.size()), out);
            out.println(results);
        }
    }
}
