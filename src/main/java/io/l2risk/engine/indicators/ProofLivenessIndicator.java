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
 * PROOF_LIVENESS — time since the last {@code PROOF_VERIFIED} or {@code STATE_FINALIZED}: a zk rollup's
 * proofs and executions, an optimistic rollup's confirmations. Escalates with the gap, resolves when
 * one arrives; absence-based. Judged from the first such event seen (an OP Stack chain with implicit
 * finalization never reports one, and is then not judged).
 *
 * <p>Rule ({@link ThresholdPolicy}, parameters under {@code thresholds.PROOF_LIVENESS}): learned from
 * the rollup's own intervals as for BATCH_LIVENESS ({@link ThresholdRule#livenessGap()}), never below
 * {@code minWarnAfter} 30m (proving takes time; a chain proving every few minutes must not page on one
 * slow proof); until the history is ready {@code defaultWarnAfter} 12h and {@code defaultCriticalAfter}
 * 48h — generous, because zk stacks prove and execute anywhere from minutes to many hours apart
 * (zkSync Era's ValidatorTimelock holds every execution back by hours), and a proof halt such as
 * zkSync Era's 2025-07-30 pause (incidents.md #14) is measured in hours to days.
 */
public final class ProofLivenessIndicator extends CadenceIndicator {

    private static final Cadence.Wording WORDING = new Cadence.Wording("No proof verified or state finalized for ", "Last proof or finalization ",
                        "lastProof");

    public ProofLivenessIndicator(RollupProfile profile) {
        super(IndicatorKind.PROOF_LIVENESS, new Cadence(IndicatorKind.PROOF_LIVENESS, policy(profile),
                WORDING));
    }

    private static ThresholdPolicy policy(RollupProfile profile) {
        return ThresholdPolicy.of(profile, IndicatorKind.PROOF_LIVENESS, "", ThresholdRule.livenessGap(),
                Duration.ofHours(12), Duration.ofHours(48), Duration.ofMinutes(30), ThresholdPolicy.ProtocolBound.none());
    }

    @Override
    public int consumes() {
        return PROOFS;
    }

    @Override
    public boolean onEvent(SpecificRecord event, RollupContext ctx) {
        if (event instanceof ProofEvent proof
                && (proof.getKind() == ProofKind.PROOF_VERIFIED || proof.getKind() == ProofKind.STATE_FINALIZED)) {
            cadence.observe(proof.getSource(), "lastProofBatchIndex", proof.getBatchIndexEnd());
            return true;
        }
        return false;
    }
}
