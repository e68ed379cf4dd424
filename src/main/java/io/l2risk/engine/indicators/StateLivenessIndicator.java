package io.l2risk.engine.indicators;

import io.l2risk.avro.ProofEvent;
import io.l2risk.avro.ProofKind;
import io.l2risk.engine.IndicatorKind;
import io.l2risk.engine.RollupContext;
import io.l2risk.engine.RollupProfile;
import io.l2risk.engine.stats.ThresholdRule;
import java.time.Duration;
import org.apache.avro.specific.SpecificRecord;

/**
 * STATE_LIVENESS — time since the last {@code STATE_PROPOSED}: an optimistic rollup's output or
 * assertion, or a zk rollup's state commitment. Escalates with the gap, resolves when a proposal
 * arrives; absence-based. Judged from the first proposal seen.
 *
 * <p>Rule ({@link ThresholdPolicy}, parameters under {@code thresholds.STATE_LIVENESS}): learned from
 * the rollup's own proposal intervals as for BATCH_LIVENESS ({@link ThresholdRule#livenessGap()},
 * floor {@code minWarnAfter} 5m); until the history is ready {@code defaultWarnAfter} 4h and
 * {@code defaultCriticalAfter} 12h (arbitrum-monitoring's assertion monitor alerts at
 * {@code max(4 h, 2 × interval)}). When the profile gives the expected cadence
 * ({@link RollupProfile#stateProposalInterval()}, e.g. OP L2OutputOracle {@code SUBMISSION_INTERVAL}
 * 1 800 L2 blocks × 2 s = 1 h), WARNING comes at the latest at 1.25 × and CRITICAL at 2 × that
 * interval: a clockwork proposer a quarter of an interval late has missed its slot, whereas the
 * learned rule alone, built for bursty posting, would wait for nearly three intervals.
 */
public final class StateLivenessIndicator extends CadenceIndicator {

    private static final Cadence.Wording WORDING = new Cadence.Wording("No state proposed for ", "Last state proposal ", "lastProposal");

    public StateLivenessIndicator(RollupProfile profile) {
        super(IndicatorKind.STATE_LIVENESS, new Cadence(IndicatorKind.STATE_LIVENESS, policy(profile),
                WORDING));
    }

    private static ThresholdPolicy policy(RollupProfile profile) {
        return ThresholdPolicy.of(profile, IndicatorKind.STATE_LIVENESS, "", ThresholdRule.livenessGap(),
                Duration.ofHours(4), Duration.ofHours(12), Duration.ofMinutes(5),
                new ThresholdPolicy.ProtocolBound(profile.stateProposalInterval(), "expected proposal interval", 1.25, 2.0));
    }

    @Override
    public int consumes() {
        return PROOFS;
    }

    @Override
    public boolean onEvent(SpecificRecord event, RollupContext ctx) {
        if (event instanceof ProofEvent proof && proof.getKind() == ProofKind.STATE_PROPOSED) {
            if (proof.getL2BlockNumber() != null) {
                cadence.observe(proof.getSource(), "lastProposalL2Block", proof.getL2BlockNumber());
            } else {
                cadence.observe(proof.getSource(), "lastProposalBatchIndex", proof.getBatchIndexEnd());
            }
            return true;
        }
        return false;
    }
}
