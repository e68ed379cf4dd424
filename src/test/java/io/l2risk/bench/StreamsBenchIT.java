package io.l2risk.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import io.l2risk.registry.RollupRegistry;
import io.l2risk.testing.TestCluster;
import io.l2risk.testing.TestClusterExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka phases of the bench on a real broker and registry, on a small data set: nine rollups
 * (one per bundled preset), three hours of normal traffic, then the two-hour window with the
 * built-in incidents, so that the engine raises alerts.
 */
@ExtendWith(TestClusterExtension.class)
class StreamsBenchIT {

    private static final Logger log = LoggerFactory.getLogger(StreamsBenchIT.class);
    private static final Instant END = Instant.parse("2025-03-01T00:00:00Z");
    private static final int RATE = 500;
    private static final Duration LATENCY_DURATION = Duration.ofSeconds(3);
    private static final int WARM_UP = 2_000;

    @TempDir
    Path workDir;

    @Test
    void shouldProcessEveryRecordInEveryPhaseAndTimeEveryAlert(TestCluster cluster) throws Exception {
        RollupRegistry registry = BenchData.registry(9);
        List<SpecificRecord> records = EngineBench.materialize(
                BenchData.traffic(registry, Duration.ofHours(3), END, 7, true));
        StreamsBench.Settings settings = StreamsBench.Settings.of(cluster.bootstrapServers(),
                        cluster.schemaRegistryUrl(), workDir)
                .withPrefix(cluster.uniqueName("bench") + ".")
                .withLatency(RATE, LATENCY_DURATION)
                .withTimeout(Duration.ofSeconds(60))
                .withWarmUp(WARM_UP);
        StringWriter progress = new StringWriter();

        // The end of the traffic, with the incident window: the latency phase's engine sees alerts too.
        List<SpecificRecord> tail = records.subList(records.size() - (int) settings.latencyRecords(), records.size());

        StreamsBench.Results results = StreamsBench.run(settings, registry, records, tail, new PrintWriter(progress));
        log.info("bench progress:\n{}{}", progress, results);

        long n = records.size();
        assertThat(results.records()).isEqualTo(n);
        assertThat(results.processingGuarantee()).isEqualTo("exactly_once_v2");
        assertThat(results.commitIntervalMs()).isEqualTo(100);
        assertThat(results.throughputMaxTaskIdleMs()).isZero();
        assertThat(results.latencyMaxTaskIdleMs()).isEqualTo(5_000);
        assertThat(results.load().records()).isEqualTo(n);
        assertThat(results.passThrough().records()).isEqualTo(n);
        assertThat(results.topology().records()).isEqualTo(n);
        assertThat(results.topologyRatio())
                .isEqualTo(results.topology().perSecond() / results.passThrough().perSecond());

        assertThat(results.store().entries()).isEqualTo(9);
        assertThat(results.store().maxValueBytes()).isPositive()
                .isLessThanOrEqualTo(results.store().totalValueBytes());
        assertThat(results.outputs().validRecords()).isEqualTo(n);
        assertThat(results.outputs().deadLetters()).isZero();
        assertThat(results.outputs().alerts()).isPositive();

        StreamsBench.LatencyResult latency = results.latency();
        assertThat(latency.sent()).isEqualTo(tail.size()).isEqualTo(RATE * LATENCY_DURATION.toSeconds());
        assertThat(latency.achievedRate()).isCloseTo(RATE, withinPercentage(5));
        assertThat(latency.unmatched()).isZero();
        assertThat(latency.caughtUp()).isTrue();
        assertThat(latency.alerts().count()).isPositive().isEqualTo(latency.alertsRead());
        assertThat(latency.outputs().count()).isEqualTo(latency.outputsRead());
        // Under exactly-once Streams commits every 100 ms; the phase lasts a few seconds.
        assertThat(latency.commits().count()).isGreaterThan(LATENCY_DURATION.toMillis() / 100 / 2);
        assertThat(latency.commits().avgMs()).isPositive().isLessThanOrEqualTo(latency.commits().maxMs());
        for (LatencyStats stats : List.of(latency.alerts(), latency.outputs())) {
            assertThat(stats.p50Ms()).isPositive().isLessThanOrEqualTo(stats.p99Ms());
            assertThat(stats.p99Ms()).isLessThanOrEqualTo(stats.maxMs());
        }
        try (Stream<Path> left = Files.list(workDir)) {
            assertThat(left).isEmpty();
        }
        assertThat(progress.toString()).contains("streams bench: load:", "streams bench: pass-through:",
                "streams bench: topology:", "streams bench: latency:",
                // The warm-up ran first, over its own copy of the first records, to the end.
                "streams bench: warm-up pass-through: " + String.format("%,d", WARM_UP) + " records in",
                "streams bench: warm-up topology: " + String.format("%,d", WARM_UP) + " records in");
        assertThat(progress.toString().indexOf("warm-up topology:")).isLessThan(progress.toString().indexOf("streams bench: pass-through:"));
    }
}
