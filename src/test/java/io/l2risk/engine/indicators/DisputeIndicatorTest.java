package io.l2risk.engine.indicators;

import static io.l2risk.avro.AlertStatus.ESCALATED;
import static io.l2risk.avro.AlertStatus.FIRING;
import static io.l2risk.avro.AlertStatus.RESOLVED;
import static io.l2risk.avro.Severity.CRITICAL;
import static io.l2risk.avro.Severity.WARNING;
import static io.l2risk.engine.Events.T0;
import static io.l2risk.engine.Events.progress;
import static io.l2risk.engine.indicators.DaDriver.line;
import static io.l2risk.engine.indicators.DaDriver.lifecycle;
import static io.l2risk.engine.indicators.DaRecords.disputeOpened;
import static io.l2risk.engine.indicators.DaRecords.disputeResolved;
import static io.l2risk.engine.indicators.DaRecords.hash;
import static io.l2risk.engine.indicators.DaRecords.observed;
import static io.l2risk.engine.indicators.DaRecords.proposal;
import static org.assertj.core.api.Assertions.assertThat;

import io.l2risk.avro.DisputeOutcome;
import io.l2risk.avro.ProofKind;
import io.l2risk.avro.RiskAlert;
import io.l2risk.engine.Evaluation;
import io.l2risk.engine.IndicatorKind;
import io.l2risk.engine.RollupProfile;
import io.l2risk.records.IngestRecords;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class DisputeIndicatorTest {

    private static final Duration WEEK = Duration.ofDays(7);

    private static RollupProfile profile(String id, Duration challengePeriod) {
        return DaRecords.profile(id, "OP_STACK", false, challengePeriod, null, null, Map.of());
    }

    private static List<RiskAlert> disputeAlerts(RollupProfile profile, List<SpecificRecord> records) {
        records.sort(Comparator.comparing(IngestRecords::eventTime));
        return DaDriver.of(IndicatorKind.DISPUTE, new DaDriver(profile).run(records));
    }

    private static void heartbeats(List<SpecificRecord> records, String rollup, Instant from, Instant to, Duration every) {
        for (Instant t = from; !t.isAfter(to); t = t.plus(every)) {
            records.add(progress(rollup, t, 2));
        }
    }

    /**
     * Kroma, incidents.md #23 (kroma-network/kroma postmortems/2024-04-01-tx-receipts-validation-skip-incident.md):
     * an L1 deposit was omitted at L2 block 9,029,744 (2024-04-01 02:51:15 UTC) and an invalid output was
     * proposed; challengers opened challenges that all failed {@code proveFault} and timed out; on 2024-04-05
     * the output was deleted. Synthetic: the output interval (1,800 blocks, so the first output after the
     * bad block is 9,030,600), the L1 times on 04-01, two challenges standing for the twelve, their 1-day
     * timeout and the deletion's hour.
     */
    @Test
    void shouldHoldTheRootMismatchCriticalThroughFailedChallengesUntilKromasOutputIsDeleted() {
        String kroma = "kroma";
        List<SpecificRecord> records = new ArrayList<>();
        Instant start = Instant.parse("2024-04-01T00:00:11Z");
        for (int h = 0; h < 5; h++) {
            long block = 9_020_700 + 1_800L * h;
            records.add(proposal(kroma, start.plus(Duration.ofHours(h)), block, hash("kroma/" + block)));
            records.add(observed(kroma, start.plus(Duration.ofHours(h)).plusSeconds(300), block, hash("kroma/" + block)));
        }
        Instant proposed = Instant.parse("2024-04-01T05:00:11Z");
        Instant detected = proposed.plusSeconds(600);
        records.add(proposal(kroma, proposed, 9_030_600, hash("kroma/invalid")));
        records.add(observed(kroma, detected, 9_030_600, hash("kroma/9030600")));
        Instant opened1 = proposed.plusSeconds(1200);
        Instant opened2 = proposed.plusSeconds(2400);
        String challenger = "0x00000000000000000000000000000000000c4a11";
        records.add(disputeOpened(kroma, opened1, "kroma-challenge-1", 9_030_600L, challenger, opened1.plus(Duration.ofDays(1))));
        records.add(disputeOpened(kroma, opened2, "kroma-challenge-2", 9_030_600L, challenger, opened2.plus(Duration.ofDays(1))));
        records.add(disputeResolved(kroma, opened1.plus(Duration.ofDays(1)), "kroma-challenge-1", DisputeOutcome.DEFENDER_WINS));
        records.add(disputeResolved(kroma, opened2.plus(Duration.ofDays(1)), "kroma-challenge-2", DisputeOutcome.DEFENDER_WINS));
        Instant deletion = Instant.parse("2024-04-05T06:00:11Z");
        records.add(DaRecords.proof(kroma, deletion, ProofKind.STATE_REVERTED).setL2BlockNumber(9_028_800L).build());
        heartbeats(records, kroma, proposed, deletion.plus(Duration.ofHours(1)), Duration.ofMinutes(10));

        List<RiskAlert> alerts = disputeAlerts(profile(kroma, WEEK), records);

        assertThat(lifecycle(alerts)).containsExactly(
                line(FIRING, CRITICAL, detected, "l2-block-9030600"),
                line(FIRING, WARNING, opened1, "kroma-challenge-1"),
                line(FIRING, WARNING, opened2, "kroma-challenge-2"),
                line(ESCALATED, CRITICAL, opened1.plus(Duration.ofHours(12)), "kroma-challenge-1"),
                line(ESCALATED, CRITICAL, opened2.plus(Duration.ofHours(12)), "kroma-challenge-2"),
                line(RESOLVED, CRITICAL, opened1.plus(Duration.ofDays(1)), "kroma-challenge-1"),
                line(RESOLVED, CRITICAL, opened2.plus(Duration.ofDays(1)), "kroma-challenge-2"),
                line(RESOLVED, CRITICAL, deletion, "l2-block-9030600"));
        assertThat(alerts.get(0).getSummary()).isEqualTo("The state root proposed for L2 block 9030600 (0x7ec71428…38f0) differs "
                + "from the trusted node's (0x355a8af8…bbd6): an invalid proposal has stood on L1 for 10m.");
        assertThat(alerts.get(0).getEvidence())
                .containsEntry("proposedRoot", hash("kroma/invalid"))
                .containsEntry("observedRoot", hash("kroma/9030600"))
                .containsEntry("proposalTx", DaRecords.source(proposed, null).getTxHash())
                .containsEntry("l2BlockNumber", "9030600");
        assertThat(alerts.get(1).getSummary()).isEqualTo("Dispute kroma-challenge-1 over L2 block 9030600 opened 0s ago "
                + "by " + challenger + " is still open; its challenge window ends in 1d (critical 12h before).");
        assertThat(alerts.get(3).getSummary()).isEqualTo("Dispute kroma-challenge-1 over L2 block 9030600 opened 12h ago "
                + "by " + challenger + " is still open; its challenge window ends in 12h.");
        assertThat(alerts.get(5).getSummary()).isEqualTo(
                "Dispute kroma-challenge-1 over L2 block 9030600 was resolved for the defender 0s ago after 1d.");
        assertThat(alerts.get(7).getSummary()).isEqualTo("The proposed root for L2 block 9030600 no longer stands against "
                + "the trusted node's: the proposal was deleted by a state revert 0s ago.");
    }

    /**
     * A dispute lost by the defender, on OP-Stack fault-proof parameters (op-dispute-mon's
     * {@code games_agreement} flags the same outcome): the game's clock allows 3.5 days
     * (MAX_CLOCK_DURATION, anchors.md A2); it resolves for the challenger after two days. Synthetic times.
     */
    @Test
    void shouldPageWhenTheChallengerWinsAndResolveADayLater() {
        String op = "op-mainnet";
        String game = "0x00000000000000000000000000000000000a11e0";
        List<SpecificRecord> records = new ArrayList<>();
        Instant resolved = T0.plus(Duration.ofDays(2));
        records.add(disputeOpened(op, T0, game, 120_000_000L, null, T0.plus(Duration.ofHours(84))));
        records.add(disputeResolved(op, resolved, game, DisputeOutcome.CHALLENGER_WINS));
        heartbeats(records, op, T0, resolved.plus(Duration.ofDays(3)), Duration.ofHours(1));

        List<RiskAlert> alerts = disputeAlerts(profile(op, WEEK), records);

        assertThat(lifecycle(alerts)).containsExactly(
                line(FIRING, WARNING, T0, game),
                line(ESCALATED, CRITICAL, resolved, game),
                line(RESOLVED, CRITICAL, resolved.plus(Duration.ofDays(1)), game));
        assertThat(alerts.get(1).getSummary()).isEqualTo("Dispute " + game + " over L2 block 120000000 was resolved for "
                + "the challenger 0s ago after 2d: the challenged state claim was invalid.");
        assertThat(alerts.get(1).getEvidence()).containsEntry("outcome", "CHALLENGER_WINS")
                .containsEntry("resolveTx", DaRecords.source(resolved, null).getTxHash());
    }

    @Test
    void shouldNotFireWhileProposalsMatchTheTrustedNodeWhicheverArrivesFirst() {
        String op = "base";
        List<SpecificRecord> records = new ArrayList<>();
        for (int h = 0; h < 72; h++) {
            long block = 1_000_000 + 1_800L * h;
            Instant at = T0.plus(Duration.ofHours(h));
            records.add(proposal(op, at, block, hash("base/" + block)));
            records.add(observed(op, h % 2 == 0 ? at.plusSeconds(60) : at.minusSeconds(60), block, hash("base/" + block)));
        }

        assertThat(disputeAlerts(profile(op, WEEK), records)).isEmpty();
    }

    @Test
    void shouldResolveAMismatchWhenAnOutOfSyncNodeCatchesUp() {
        String op = "base";
        List<SpecificRecord> records = new ArrayList<>();
        records.add(proposal(op, T0, 5_000, hash("good")));
        records.add(observed(op, T0.plusSeconds(60), 5_000, hash("stale-node")));
        records.add(observed(op, T0.plusSeconds(600), 5_000, hash("good")));

        List<RiskAlert> alerts = disputeAlerts(profile(op, WEEK), records);

        assertThat(lifecycle(alerts)).containsExactly(
                line(FIRING, CRITICAL, T0.plusSeconds(60), "l2-block-5000"),
                line(RESOLVED, CRITICAL, T0.plusSeconds(600), "l2-block-5000"));
        assertThat(alerts.get(1).getSummary()).isEqualTo("The proposed root for L2 block 5000 no longer stands against "
                + "the trusted node's: the trusted node now agrees 0s ago.");
    }

    @Test
    void shouldEscalateADisputeStillOpenAfterItsWindowAndWarnWithoutADeadline() {
        String rollup = "generic";
        List<SpecificRecord> records = new ArrayList<>();
        records.add(disputeOpened(rollup, T0, "with-deadline", null, null, T0.plus(Duration.ofDays(1))));
        records.add(disputeOpened(rollup, T0, "no-deadline", null, null, null));
        heartbeats(records, rollup, T0, T0.plus(Duration.ofDays(2)), Duration.ofHours(1));

        List<RiskAlert> alerts = disputeAlerts(profile(rollup, null), records);

        assertThat(lifecycle(alerts)).containsExactly(
                line(FIRING, WARNING, T0, "with-deadline"),
                line(FIRING, WARNING, T0, "no-deadline"),
                line(ESCALATED, CRITICAL, T0.plus(Duration.ofHours(12)), "with-deadline"));
        DisputeIndicator indicator = new DisputeIndicator(profile(rollup, null));
        TestContext ctx = new TestContext(profile(rollup, null), T0.plus(Duration.ofDays(2)));
        records.forEach(r -> indicator.onEvent(r, ctx));
        List<Evaluation> out = new ArrayList<>();
        indicator.evaluate(ctx, out);
        assertThat(out).extracting(Evaluation::summary).containsExactly(
                "Dispute no-deadline opened 2d ago is still open (deadline unknown).",
                "Dispute with-deadline opened 2d ago is still open; its challenge window ended 1d ago.");
    }
}
