package io.l2risk.engine.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.l2risk.avro.AlertStatus;
import io.l2risk.avro.RiskAlert;
import io.l2risk.avro.Severity;
import io.l2risk.engine.IndicatorKind;
import io.l2risk.engine.RollupProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Base, 2023-09-05 (incidents.md #5, confidence H, times ±5 min): all sequencer L1 RPC nodes ran out of
 * disk at 21:15; block production stopped ≈21:25 and came back ≈21:54 (29 minutes); the team had to
 * restart batch posting and output proposals. Modelled as: batches every 60–120 s (seeded; Base's
 * cadence is our assumption, incidents.md gives none) with the last at 21:25:00 and the next at 21:54:00;
 * hourly L2OutputOracle outputs (SUBMISSION_INTERVAL 1 800 L2 blocks × 2 s) at :55, the 21:55 one
 * posted 29 minutes late at 22:24:00; three days of history before; heartbeats every minute.
 */
class BaseStallIncidentTest {

    private static final String BASE = "base";
    private static final Instant STALL = Instant.parse("2023-09-05T21:25:00Z");
    private static final Instant BATCHES_BACK = Instant.parse("2023-09-05T21:54:00Z");
    private static final Instant LATE_OUTPUT = Instant.parse("2023-09-05T22:24:00Z");

    private final RollupProfile base = new RollupProfile(BASE, "OP_STACK", true, false, Duration.ofDays(7), null,
            Duration.ofHours(12), Duration.ofHours(1), null, null, null, null, Map.of());

    @Test
    void shouldRaiseBatchAndStateLivenessDuringABaseStyleStallOfBatchesAndOutputs() {
        EngineDriver driver = new EngineDriver(base);
        LivenessRecords records = new LivenessRecords(BASE);
        Instant start = STALL.minus(Duration.ofDays(3));
        Instant end = Instant.parse("2023-09-05T23:30:00Z");
        Random random = new Random(5);
        long index = 0;
        for (Instant t = start; t.isBefore(STALL); t = t.plusSeconds(60 + random.nextInt(61))) {
            records.batch(t, index++);
        }
        records.batch(STALL, index++);
        for (Instant t = BATCHES_BACK; t.isBefore(end); t = t.plusSeconds(60 + random.nextInt(61))) {
            records.batch(t, index++);
        }
        long l2Block = 3_000_000;
        for (Instant t = start.plus(Duration.ofMinutes(30)); t.isBefore(end); t = t.plus(Duration.ofHours(1))) {
            records.output(t.equals(Instant.parse("2023-09-05T21:55:00Z")) ? LATE_OUTPUT : t, l2Block);
            l2Block += 1800;
        }
        records.heartbeats(start, end, Duration.ofMinutes(1));

        driver.send(records.drain());

        assertThat(driver.alerts())
                .extracting(RiskAlert::getIndicator, RiskAlert::getStatus, RiskAlert::getSeverity, RiskAlert::getEventTime)
                .containsExactly(
                        tuple("BATCH_LIVENESS", AlertStatus.FIRING, Severity.WARNING, Instant.parse("2023-09-05T21:32:00Z")),
                        tuple("BATCH_LIVENESS", AlertStatus.ESCALATED, Severity.CRITICAL, Instant.parse("2023-09-05T21:37:00Z")),
                        tuple("BATCH_LIVENESS", AlertStatus.RESOLVED, Severity.CRITICAL, BATCHES_BACK),
                        tuple("STATE_LIVENESS", AlertStatus.FIRING, Severity.WARNING, Instant.parse("2023-09-05T22:10:40Z")),
                        tuple("STATE_LIVENESS", AlertStatus.RESOLVED, Severity.WARNING, LATE_OUTPUT));
        assertThat(driver.alerts()).extracting(RiskAlert::getSummary).containsExactly(
                "No batch posted for 7m (threshold 6m 49s from 3d of history: typical interval 1m 30s, p99.9 2m 2s).",
                "No batch posted for 12m (threshold 11m 16s from 3d of history: typical interval 1m 30s, p99.9 2m 2s).",
                "Last batch 0s ago (threshold 6m 49s from 3d of history: typical interval 1m 30s, p99.9 2m 2s).",
                "No state proposed for 1h 15m (threshold 1h 15m, 1.25 × the 1h expected proposal interval).",
                "Last state proposal 0s ago (threshold 1h 15m, 1.25 × the 1h expected proposal interval).");
        assertThat(driver.alerts(IndicatorKind.STATE_LIVENESS).get(0).getValue()).isEqualTo(4540.0);
        assertThat(driver.alerts(IndicatorKind.STATE_LIVENESS).get(0).getThreshold()).isEqualTo(4500.0);
        assertThat(driver.alerts(IndicatorKind.STATE_LIVENESS).get(0).getEvidence())
                .containsEntry("lastProposalL2Block", "3127800")
                .containsEntry("lastProposalAt", "2023-09-05T20:55:00Z")
                .containsEntry("thresholdSource", "protocol");
    }
}
