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
import java.util.Random;
import org.junit.jupiter.api.Test;

class ProofLivenessIndicatorTest {

    private static final String ZKSYNC = "zksync-era";

    private final RollupProfile zkSync = new RollupProfile(ZKSYNC, "ZKSYNC_ERA", true, false, null, null, null,
            null, null, null, null, null, Map.of());

    /**
     * zkSync Era, 2023-12-25 (incidents.md #11, confidence M): a state-update mismatch put the chain in
     * safety mode from 05:50 to ≈11:00, with no commits, proofs or executions on L1. Modelled as a proof
     * or execution every 10–30 minutes (seeded; the cadence is our assumption) for three days, the last
     * at or before 05:50 and the next at 11:00; heartbeats every 5 minutes.
     */
    @Test
    void shouldWarnEscalateAndResolveAcrossTheChristmasHalt() {
        EngineDriver driver = new EngineDriver(zkSync);
        LivenessRecords records = new LivenessRecords(ZKSYNC);
        Instant halt = Instant.parse("2023-12-25T05:50:00Z");
        Instant resumed = Instant.parse("2023-12-25T11:00:00Z");
        Instant start = halt.minus(Duration.ofDays(3));
        Random random = new Random(11);
        long batch = 20_000;
        Instant last = start;
        for (Instant t = start; !t.isAfter(halt); t = t.plusSeconds(600 + random.nextInt(1201))) {
            records.proof(batch % 2 == 0 ? ProofKind.PROOF_VERIFIED : ProofKind.STATE_FINALIZED, t, batch, batch + 3, null);
            batch += 4;
            last = t;
        }
        records.proof(ProofKind.PROOF_VERIFIED, resumed, batch, batch + 3, null)
                .heartbeats(start, resumed, Duration.ofMinutes(5));

        driver.send(records.drain());

        assertThat(last).isEqualTo(Instant.parse("2023-12-25T05:38:30Z"));
        assertThat(driver.alerts(IndicatorKind.PROOF_LIVENESS))
                .extracting(RiskAlert::getStatus, RiskAlert::getSeverity, RiskAlert::getEventTime, RiskAlert::getSummary)
                .containsExactly(
                        tuple(AlertStatus.FIRING, Severity.WARNING, Instant.parse("2023-12-25T08:10:00Z"),
                                "No proof verified or state finalized for 2h 31m (threshold 2h 26m from 3d 2h of history: "
                                        + "typical interval 19m 57s, p99.9 29m 58s)."),
                        tuple(AlertStatus.ESCALATED, Severity.CRITICAL, Instant.parse("2023-12-25T10:25:00Z"),
                                "No proof verified or state finalized for 4h 46m (threshold 4h 45m from 3d 4h of history: "
                                        + "typical interval 19m 57s, p99.9 29m 58s)."),
                        tuple(AlertStatus.RESOLVED, Severity.CRITICAL, resumed,
                                "Last proof or finalization 0s ago (threshold 2h 26m from 3d 4h of history: "
                                        + "typical interval 19m 57s, p99.9 29m 58s)."));
        assertThat(driver.alerts(IndicatorKind.PROOF_LIVENESS).get(0).getEvidence())
                .containsEntry("lastProofAt", last.toString())
                .containsEntry("thresholdSource", "learned");
        assertThat(driver.alerts()).hasSize(3);
    }

    @Test
    void shouldNotJudgeARollupThatNeverReportsProofsOrFinalizations() {
        RollupProfile op = new RollupProfile("op", "OP_STACK", true, false, Duration.ofDays(7), null, null,
                Duration.ofHours(1), null, null, null, null, Map.of());
        EngineDriver driver = new EngineDriver(op);
        Instant start = Instant.parse("2024-03-01T00:00:00Z");
        driver.send(new LivenessRecords("op").output(start, 1800).heartbeats(start, start.plus(Duration.ofDays(3)),
                Duration.ofMinutes(30)).drain());

        assertThat(driver.snapshot(IndicatorKind.PROOF_LIVENESS)).isNull();
        assertThat(driver.snapshot(IndicatorKind.PROOF_BACKLOG)).isNull();
        assertThat(driver.snapshot(IndicatorKind.FINALIZATION_OVERDUE)).isNull();
    }
}
