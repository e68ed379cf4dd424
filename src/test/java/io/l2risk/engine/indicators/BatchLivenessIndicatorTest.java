package io.l2risk.engine.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.l2risk.avro.AlertStatus;
import io.l2risk.avro.Level;
import io.l2risk.avro.RiskAlert;
import io.l2risk.avro.Severity;
import io.l2risk.engine.Events;
import io.l2risk.engine.IndicatorKind;
import io.l2risk.engine.RollupProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BatchLivenessIndicatorTest {

    private static final String ROLLUP = "synthetic";
    private static final Instant START = Events.T0;

    /** An OP Stack chain: seq_window_size 3 600 L1 blocks = 12 h bounds the batch gap. */
    private final RollupProfile opStack = profile(Duration.ofHours(12), Map.of());

    /**
     * The brief's case: a chain that normally posts every minute or two (intervals uniform in
     * 60–120 s, seeded) for five days, then a 16-minute gap — the size of the largest gap Arbitrum's
     * poster left during its 2023-12-15 outage (13:51:59 → 14:08:47, incidents.md #1, measured).
     */
    @Test
    void shouldStayQuietForFiveDaysOfOneToTwoMinutePostingThenFlagASixteenMinuteGap() {
        EngineDriver driver = new EngineDriver(opStack);
        LivenessRecords records = new LivenessRecords(ROLLUP);
        Instant end = START.plus(Duration.ofDays(5));
        Random random = new Random(20240620L);
        Instant last = START;
        long index = 0;
        for (Instant t = START; t.isBefore(end); t = t.plusSeconds(60 + random.nextInt(61))) {
            records.batch(t, index++);
            last = t;
        }
        records.heartbeats(START, end, Duration.ofMinutes(1));
        driver.send(records.drain());

        assertThat(driver.alerts()).isEmpty();
        assertThat(driver.snapshot(IndicatorKind.BATCH_LIVENESS).getSummary()).isEqualTo(
                "Last batch 1m 18s ago (threshold 6m 54s from 4d 23h of history: typical interval 1m 29s, p99.9 2m 2s).");

        Instant resumed = last.plus(Duration.ofMinutes(16));
        records.heartbeats(end, resumed, Duration.ofMinutes(1)).batch(resumed, index);
        driver.send(records.drain());

        assertThat(driver.alerts(IndicatorKind.BATCH_LIVENESS))
                .extracting(RiskAlert::getStatus, RiskAlert::getSeverity, RiskAlert::getEventTime, RiskAlert::getValue,
                        RiskAlert::getThreshold)
                .containsExactly(
                        tuple(AlertStatus.FIRING, Severity.WARNING, Instant.parse("2024-06-25T12:06:11Z"), 438.0, 414.0),
                        tuple(AlertStatus.ESCALATED, Severity.CRITICAL, Instant.parse("2024-06-25T12:11:11Z"), 738.0, 690.0),
                        tuple(AlertStatus.RESOLVED, Severity.CRITICAL, resumed, 0.0, 414.0));
        assertThat(resumed).isEqualTo(Instant.parse("2024-06-25T12:14:53Z"));
        assertThat(driver.alerts(IndicatorKind.BATCH_LIVENESS)).extracting(RiskAlert::getSummary).containsExactly(
                "No batch posted for 7m 18s (threshold 6m 54s from 5d of history: typical interval 1m 29s, p99.9 2m 2s).",
                "No batch posted for 12m 18s (threshold 11m 30s from 5d of history: typical interval 1m 29s, p99.9 2m 2s).",
                "Last batch 0s ago (threshold 6m 54s from 5d of history: typical interval 1m 29s, p99.9 2m 2s).");
        RiskAlert firing = driver.alerts(IndicatorKind.BATCH_LIVENESS).get(0);
        assertThat(firing.getEvidence()).containsEntry("lastBatchIndex", Long.toString(index - 1))
                .containsEntry("thresholdSource", "learned");
        assertThat(driver.alerts()).hasSize(3);
    }

    /** A brand-new deployment with one day of history: the static defaults apply, not the learned rule. */
    @Test
    void shouldUseTheDefaultThresholdsUntilTwoDaysOfHistory() {
        EngineDriver driver = new EngineDriver(opStack);
        LivenessRecords records = new LivenessRecords(ROLLUP);
        Instant last = START;
        long index = 0;
        for (; index < 960; index++) {
            last = START.plusSeconds(90 * index);
            records.batch(last, index);
        }
        records.heartbeats(START, last, Duration.ofMinutes(1));
        // 20 minutes without a batch: far beyond this chain's rhythm, but not yet known to be.
        Instant quietEnd = last.plus(Duration.ofMinutes(20));
        records.heartbeats(last, quietEnd, Duration.ofMinutes(1)).batch(quietEnd, index++);
        Instant stallEnd = quietEnd.plus(Duration.ofMinutes(32));
        records.heartbeats(quietEnd, stallEnd, Duration.ofMinutes(1)).batch(stallEnd, index);
        driver.send(records.drain());

        assertThat(driver.alerts()).extracting(RiskAlert::getStatus, RiskAlert::getEventTime, RiskAlert::getSummary)
                .containsExactly(
                        tuple(AlertStatus.FIRING, quietEnd.plus(Duration.ofMinutes(31)),
                                "No batch posted for 31m (threshold 30m, default until 2d of history)."),
                        tuple(AlertStatus.RESOLVED, stallEnd, "Last batch 0s ago (threshold 30m, default until 2d of history)."));
        assertThat(driver.alerts().get(0).getEvidence()).containsEntry("thresholdSource", "default")
                .containsEntry("baselineSamples", "960");
    }

    /** However calm the history, the gap may not approach the protocol's own bound unannounced. */
    @Test
    void shouldAlertWithinHalfTheProtocolBoundAndBeCriticalAtIt() {
        EngineDriver driver = new EngineDriver(profile(Duration.ofMinutes(40), Map.of()));
        LivenessRecords records = new LivenessRecords(ROLLUP).batch(START, 1L);
        Instant resumed = START.plus(Duration.ofMinutes(45));
        records.heartbeats(START, resumed, Duration.ofMinutes(1)).batch(resumed, 2L);
        driver.send(records.drain());

        assertThat(driver.alerts()).extracting(RiskAlert::getStatus, RiskAlert::getSeverity, RiskAlert::getEventTime,
                        RiskAlert::getSummary)
                .containsExactly(
                        tuple(AlertStatus.FIRING, Severity.WARNING, START.plus(Duration.ofMinutes(21)),
                                "No batch posted for 21m (threshold 20m, half the 40m maximum batch interval)."),
                        tuple(AlertStatus.ESCALATED, Severity.CRITICAL, START.plus(Duration.ofMinutes(41)),
                                "No batch posted for 41m (threshold 40m, the 40m maximum batch interval)."),
                        tuple(AlertStatus.RESOLVED, Severity.CRITICAL, resumed,
                                "Last batch 0s ago (threshold 20m, half the 40m maximum batch interval)."));
        assertThat(driver.alerts().get(1).getEvidence()).containsEntry("thresholdSource", "protocol")
                .containsEntry("criticalAfterSeconds", "2400");
    }

    @Test
    void shouldMeasureTheGapFromTheNewestBatchWhenAnOlderOneArrivesLate() {
        EngineDriver driver = new EngineDriver(opStack);
        LivenessRecords records = new LivenessRecords(ROLLUP);
        driver.send(records.batch(START, 1L).batch(START.plus(Duration.ofMinutes(10)), 2L).drain());
        // Batch 3 was posted at minute 5 but reaches the engine after batch 2 (another partition lagged).
        driver.send(records.batch(START.plus(Duration.ofMinutes(5)), 3L).drain());
        driver.send(records.heartbeat(START.plus(Duration.ofMinutes(41))));

        assertThat(driver.alerts()).singleElement().satisfies(alert -> {
            assertThat(alert.getSummary()).isEqualTo("No batch posted for 31m (threshold 30m, default until 2d of history).");
            assertThat(alert.getEvidence()).containsEntry("lastBatchIndex", "2")
                    .containsEntry("lastBatchAt", START.plus(Duration.ofMinutes(10)).toString())
                    .containsEntry("baselineSamples", "1");
        });
        assertThat(driver.snapshot(IndicatorKind.BATCH_LIVENESS).getLevel()).isEqualTo(Level.WARNING);
    }

    private static RollupProfile profile(Duration maxBatchInterval, Map<String, String> overrides) {
        return new RollupProfile(ROLLUP, "OP_STACK", true, false, null, null, maxBatchInterval, null, null, null,
                null, null, Map.of("BATCH_LIVENESS", overrides));
    }
}
