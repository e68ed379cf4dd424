package io.l2risk.engine.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.l2risk.avro.AlertStatus;
import io.l2risk.avro.ProofEvent;
import io.l2risk.avro.ProofKind;
import io.l2risk.avro.RiskAlert;
import io.l2risk.avro.Severity;
import io.l2risk.engine.Events;
import io.l2risk.engine.IndicatorKind;
import io.l2risk.engine.RollupProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FinalizationOverdueIndicatorTest {

    private static final String ARBITRUM = "arbitrum-one";
    /** Arbitrum One confirmPeriodBlocks 45 818 L1 blocks × 12 s ≈ 6.4 days. */
    private static final Duration CHALLENGE = Duration.ofSeconds(45_818L * 12);

    private final RollupProfile arbitrum = new RollupProfile(ARBITRUM, "ARBITRUM_NITRO", true, false, CHALLENGE,
            Duration.ofHours(24), Duration.ofHours(24), Duration.ofHours(1), null, null, null, null, Map.of());

    /**
     * A validator that stops confirming assertions — arbitrum-monitoring PR #92 reports catching one 18 h
     * behind (anchors.md A1; incidents.md has no confirmation outage). Modelled as hourly assertions,
     * each confirmed 30 minutes after its challenge period, for ten days; confirmations stop on day 8
     * for 30 hours, then the validator catches up; heartbeats every 10 minutes.
     */
    @Test
    void shouldWarnAfterChallengePeriodAndGraceEscalateADayLaterAndResolveWhenConfirmationsCatchUp() {
        EngineDriver driver = new EngineDriver(arbitrum);
        LivenessRecords records = new LivenessRecords(ARBITRUM);
        Instant start = Instant.parse("2024-09-01T00:00:00Z");
        Instant stop = start.plus(Duration.ofDays(8));
        Instant resume = stop.plus(Duration.ofHours(30));
        Instant end = start.plus(Duration.ofDays(10));
        long l2Block = 250_000_000;
        for (Instant proposed = start; proposed.isBefore(end); proposed = proposed.plus(Duration.ofHours(1))) {
            records.output(proposed, l2Block);
            Instant confirm = proposed.plus(CHALLENGE).plus(Duration.ofMinutes(30));
            if (!confirm.isBefore(stop) && confirm.isBefore(resume)) {
                confirm = resume;
            }
            if (confirm.isBefore(end)) {
                records.proof(ProofKind.STATE_FINALIZED, confirm, null, null, l2Block);
            }
            l2Block += 14_400;
        }
        records.heartbeats(start, end, Duration.ofMinutes(10));

        driver.send(records.drain());

        assertThat(driver.alerts(IndicatorKind.FINALIZATION_OVERDUE))
                .extracting(RiskAlert::getStatus, RiskAlert::getSeverity, RiskAlert::getEventTime, RiskAlert::getSummary)
                .containsExactly(
                        tuple(AlertStatus.FIRING, Severity.WARNING, Instant.parse("2024-09-09T03:50:00Z"),
                                "The oldest unfinalized state proposal, for L2 block 250561600, is 6d 12h old and its "
                                        + "challenge period ended 4h 6m ago; 157 proposals pending (threshold 6d 12h = "
                                        + "challenge period 6d 8h + 4h grace)."),
                        tuple(AlertStatus.ESCALATED, Severity.CRITICAL, Instant.parse("2024-09-10T03:50:00Z"),
                                "The oldest unfinalized state proposal, for L2 block 250561600, is 7d 12h old and its "
                                        + "challenge period ended 1d 4h ago; 181 proposals pending (threshold 7d 12h = "
                                        + "challenge period 6d 8h + 4h grace + 1d)."),
                        // Resolved while the validator works through the backlog, as soon as the oldest is within grace.
                        tuple(AlertStatus.RESOLVED, Severity.CRITICAL, resume,
                                "The oldest unfinalized state proposal, for L2 block 250950400, is 6d 12h old and its "
                                        + "challenge period ended 3h 16m ago; 156 proposals pending (threshold 6d 12h = "
                                        + "challenge period 6d 8h + 4h grace)."));
        assertThat(driver.alerts(IndicatorKind.FINALIZATION_OVERDUE).get(0).getEvidence())
                .containsEntry("oldestProposalKey", "250561600")
                .containsEntry("oldestProposedAt", "2024-09-02T15:00:00Z")
                .containsEntry("oldestChallengeEndsAt", "2024-09-08T23:43:36Z");
        // Assertions kept coming (no STATE_LIVENESS); PROOF_LIVENESS saw confirmations stop as well, once its
        // history of confirmation intervals (from day 6.4 on) covered two days.
        assertThat(driver.alerts()).extracting(RiskAlert::getIndicator, RiskAlert::getStatus).containsExactly(
                tuple("FINALIZATION_OVERDUE", AlertStatus.FIRING),
                tuple("PROOF_LIVENESS", AlertStatus.FIRING),
                tuple("FINALIZATION_OVERDUE", AlertStatus.ESCALATED),
                tuple("PROOF_LIVENESS", AlertStatus.RESOLVED),
                tuple("FINALIZATION_OVERDUE", AlertStatus.RESOLVED));
    }

    /** Without keys, proposals finalize in order; a proposal's own challengePeriodEnd beats the profile's period. */
    @Test
    void shouldUseTheProposalsOwnChallengeEndAndFinalizeUnkeyedProposalsInOrder() {
        EngineDriver driver = new EngineDriver(arbitrum);
        Instant start = Instant.parse("2024-09-01T00:00:00Z");
        driver.send(proposal(start, start.plus(Duration.ofHours(1))));
        driver.send(proposal(start.plus(Duration.ofMinutes(10)), start.plus(Duration.ofHours(20))));
        driver.send(finalized(start.plus(Duration.ofMinutes(20))));
        driver.send(proposal(start.plus(Duration.ofMinutes(30)), start.plus(Duration.ofHours(2))));
        driver.send(new LivenessRecords(ARBITRUM).heartbeat(start.plus(Duration.ofHours(1))));

        assertThat(driver.snapshot(IndicatorKind.FINALIZATION_OVERDUE).getSummary()).isEqualTo(
                "The oldest unfinalized state proposal, for #1, is 50m old and its challenge period ends in 19h; "
                        + "2 proposals pending (threshold 23h 50m = challenge period 19h 50m + 4h grace).");

        // The third proposal's challenge (2h) ended long ago, but finalization is in order: the second one counts.
        driver.send(new LivenessRecords(ARBITRUM).heartbeat(start.plus(Duration.ofHours(20))));
        assertThat(driver.alerts(IndicatorKind.FINALIZATION_OVERDUE)).isEmpty();
        driver.send(new LivenessRecords(ARBITRUM).heartbeat(start.plus(Duration.ofMinutes(24 * 60 + 10))));
        assertThat(driver.alerts(IndicatorKind.FINALIZATION_OVERDUE)).extracting(RiskAlert::getSummary).containsExactly(
                "The oldest unfinalized state proposal, for #1, is 1d old and its challenge period ended 4h 10m ago; "
                        + "2 proposals pending (threshold 23h 50m = challenge period 19h 50m + 4h grace).");
    }

    private static ProofEvent proposal(Instant time, Instant challengeEnd) {
        return ProofEvent.newBuilder().setRollupId(ARBITRUM).setSource(Events.source(time))
                .setKind(ProofKind.STATE_PROPOSED).setChallengePeriodEnd(challengeEnd).build();
    }

    private static ProofEvent finalized(Instant time) {
        return ProofEvent.newBuilder().setRollupId(ARBITRUM).setSource(Events.source(time))
                .setKind(ProofKind.STATE_FINALIZED).build();
    }
}
