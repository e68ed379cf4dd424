package io.l2risk.engine.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.l2risk.avro.AlertStatus;
import io.l2risk.avro.ProofKind;
import io.l2risk.avro.RiskAlert;
import io.l2risk.avro.Severity;
import io.l2risk.engine.IndicatorKind;
import io.l2risk.engine.RollupProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ProofBacklogIndicatorTest {

    private static final String ZKSYNC = "zksync-era";
    private static final RollupProfile PROFILE = new RollupProfile(ZKSYNC, "ZKSYNC_ERA", true, false, null, null, null,
            null, null, null, null, null, Map.of());

    /**
     * zkSync Era, 2025-07-30 (incidents.md #14, confidence L–M, day precision): the proof system was
     * paused over a vulnerability while commits continued — a "partial liveness failure". Modelled
     * (cadences and the 12-hour pause are our assumptions) as: a batch committed every 5 minutes;
     * every half hour a proof of all batches committed at least an hour before; at :15 and :45 an
     * execution of the proven batches committed at least 4 hours before; three days of history, then
     * no proof from 06:00 to 18:00.
     */
    @Test
    void shouldFlagProofAndExecutionBacklogsWhileProvingIsPausedAndClearThemWhenItResumes() {
        EngineDriver driver = new EngineDriver(PROFILE);
        LivenessRecords records = new LivenessRecords(ZKSYNC);
        Instant pause = Instant.parse("2025-07-30T06:00:00Z");
        Instant resume = Instant.parse("2025-07-30T18:00:00Z");
        Instant start = pause.minus(Duration.ofDays(3));
        Instant end = Instant.parse("2025-07-30T19:00:00Z");
        TreeMap<Instant, Long> committed = new TreeMap<>();
        long next = 500_000;
        long proven = next - 1;
        long executed = next - 1;
        for (Instant t = start; !t.isAfter(end); t = t.plus(Duration.ofMinutes(5))) {
            records.batch(t, next);
            committed.put(t, next++);
            long minute = t.getEpochSecond() / 60 % 60;
            boolean paused = !t.isBefore(pause) && t.isBefore(resume);
            if ((minute == 0 || minute == 30) && !paused) {
                Map.Entry<Instant, Long> provable = committed.floorEntry(t.minus(Duration.ofHours(1)));
                if (provable != null && provable.getValue() > proven) {
                    records.proof(ProofKind.PROOF_VERIFIED, t, proven + 1, provable.getValue(), null);
                    proven = provable.getValue();
                }
            }
            if (minute == 15 || minute == 45) {
                Map.Entry<Instant, Long> executable = committed.floorEntry(t.minus(Duration.ofHours(4)));
                long through = executable == null ? executed : Math.min(executable.getValue(), proven);
                if (through > executed) {
                    records.proof(ProofKind.STATE_FINALIZED, t, executed + 1, through, null);
                    executed = through;
                }
            }
        }

        driver.send(records.drain());

        assertThat(driver.alerts(IndicatorKind.PROOF_BACKLOG))
                .extracting(RiskAlert::getSubject, RiskAlert::getStatus, RiskAlert::getSeverity, RiskAlert::getEventTime)
                .containsExactly(
                        tuple("prove", AlertStatus.FIRING, Severity.WARNING, Instant.parse("2025-07-30T08:10:00Z")),
                        tuple("prove", AlertStatus.ESCALATED, Severity.CRITICAL, Instant.parse("2025-07-30T10:15:00Z")),
                        tuple("finalize", AlertStatus.FIRING, Severity.WARNING, Instant.parse("2025-07-30T16:25:00Z")),
                        tuple("prove", AlertStatus.RESOLVED, Severity.CRITICAL, resume),
                        tuple("finalize", AlertStatus.RESOLVED, Severity.WARNING, Instant.parse("2025-07-30T18:15:00Z")));
        assertThat(driver.alerts(IndicatorKind.PROOF_BACKLOG)).extracting(RiskAlert::getSummary)
                .containsExactly(
                        "Batch 500847, posted 3h 35m ago, is the oldest not yet proven; 44 batches waiting (threshold 3h 30m "
                                + "from 3d 1h of history: typical commit→prove latency 1h 14m, p99.9 1h 24m).",
                        "Batch 500847, posted 5h 40m ago, is the oldest not yet proven; 69 batches waiting (threshold 5h 39m "
                                + "from 3d 3h of history: typical commit→prove latency 1h 14m, p99.9 1h 24m).",
                        "Batch 500847, posted 11h 50m ago, is the oldest not yet finalized; 143 batches waiting (threshold "
                                + "11h 48m from 3d 3h of history: typical commit→finalize latency 4h 10m, p99.9 4h 21m).",
                        // 160 unsettled batches outgrew the 64 checkpoints: this posting time is interpolated.
                        "Batch 500997, posted about 55m ago, is the oldest not yet proven; 12 batches waiting (threshold "
                                + "3h 30m from 3d 11h of history: typical commit→prove latency 1h 14m, p99.9 1h 24m).",
                        "Batch 500964, posted 3h 55m ago, is the oldest not yet finalized; 48 batches waiting "
                                + "(threshold 11h 48m from 3d 5h of history: typical commit→finalize latency 4h 10m, "
                                + "p99.9 4h 21m).");
        assertThat(driver.alerts(IndicatorKind.PROOF_BACKLOG).get(1).getEvidence())
                .containsEntry("oldestPendingBatchIndex", "500847")
                .containsEntry("pendingBatches", "69")
                .containsEntry("provenThroughBatchIndex", "500846")
                .containsEntry("oldestPendingPostedAt", "2025-07-30T04:35:00Z");
        // Proofs stopped and, three hours later, executions too: PROOF_LIVENESS saw the pause as well.
        assertThat(driver.alerts(IndicatorKind.PROOF_LIVENESS)).extracting(RiskAlert::getStatus)
                .containsExactly(AlertStatus.FIRING, AlertStatus.ESCALATED, AlertStatus.RESOLVED);
    }

    /** STATE_REVERTED (e.g. zkSync revertBatches) forgets the batches after its batchIndexEnd: they will be committed again. */
    @Test
    void shouldForgetRevertedBatchesAndCountTheirRecommitOnce() {
        EngineDriver driver = new EngineDriver(PROFILE);
        LivenessRecords records = new LivenessRecords(ZKSYNC);
        Instant start = Instant.parse("2025-07-01T00:00:00Z");
        for (long i = 1; i <= 10; i++) {
            records.batch(start.plus(Duration.ofMinutes(i)), i);
        }
        records.proof(ProofKind.PROOF_VERIFIED, start.plus(Duration.ofMinutes(20)), 1L, 4L, null)
                .proof(ProofKind.STATE_REVERTED, start.plus(Duration.ofMinutes(21)), null, 6L, null)
                .heartbeats(start.plus(Duration.ofMinutes(21)), start.plus(Duration.ofMinutes(30)), Duration.ofMinutes(9));
        driver.send(records.drain());

        assertThat(driver.snapshot(IndicatorKind.PROOF_BACKLOG).getSummary()).isEqualTo(
                "Batch 5, posted 25m ago, is the oldest not yet proven; 2 batches waiting (threshold 12h, default until "
                        + "2d of history).");

        driver.send(records.batch(start.plus(Duration.ofMinutes(32)), 7L).batch(start.plus(Duration.ofMinutes(33)), 7L)
                .heartbeats(start.plus(Duration.ofMinutes(33)), start.plus(Duration.ofMinutes(35)), Duration.ofMinutes(2))
                .drain());

        assertThat(driver.snapshot(IndicatorKind.PROOF_BACKLOG).getSummary()).isEqualTo(
                "Batch 5, posted 30m ago, is the oldest not yet proven; 3 batches waiting (threshold 12h, default until "
                        + "2d of history).");

        // A revert can also undo proven, not yet executed batches: batch 6 must be proven again once recommitted.
        driver.send(records.proof(ProofKind.PROOF_VERIFIED, start.plus(Duration.ofMinutes(36)), 5L, 7L, null)
                .proof(ProofKind.STATE_REVERTED, start.plus(Duration.ofMinutes(37)), null, 5L, null)
                .batch(start.plus(Duration.ofMinutes(40)), 6L)
                .heartbeats(start.plus(Duration.ofMinutes(40)), start.plus(Duration.ofMinutes(50)), Duration.ofMinutes(10))
                .drain());

        assertThat(driver.snapshot(IndicatorKind.PROOF_BACKLOG).getSummary()).isEqualTo(
                "Batch 6, posted 10m ago, is the oldest not yet proven; 1 batch waiting (threshold 12h, default until "
                        + "2d of history).");
        // The reverts themselves are STATE_REVERTED's to report; the backlog stayed within its thresholds.
        assertThat(driver.alerts()).extracting(a -> a.getIndicator()).containsOnly("STATE_REVERTED");
    }
}
