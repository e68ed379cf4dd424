package io.l2risk.engine.indicators;

import io.l2risk.avro.BatchPosted;
import io.l2risk.engine.IndicatorKind;
import io.l2risk.engine.RollupContext;
import io.l2risk.engine.RollupProfile;
import io.l2risk.engine.stats.ThresholdRule;
import java.time.Duration;
import org.apache.avro.specific.SpecificRecord;

/**
 * BATCH_LIVENESS — time since the last {@code BatchPosted}, against the rollup's own posting history
 * and the protocol's bound ({@link ThresholdPolicy}). Escalates WARNING → CRITICAL as the gap grows;
 * resolves as soon as a batch arrives. Absence-based: paused while the monitor is stale.
 *
 * <p>Rule (parameters under {@code thresholds.BATCH_LIVENESS}):
 * <ul>
 *   <li>learned from the posting intervals of the last 25–30 days once 30 of them span 2 days
 *       ({@link ThresholdRule#livenessGap()}: WARNING above {@code max(2^(median + 6·s), 2 × p99.9)},
 *       CRITICAL above {@code max(2^(median + 8·s), 4 × p99.9)}, {@code s} the robust log2 spread), never
 *       below {@code minWarnAfter} 5m — for a chain posting every 1–2 minutes, about 7 and 11½ minutes;</li>
 *   <li>until then {@code defaultWarnAfter} 30m and {@code defaultCriticalAfter} 2h (the Base stalls of
 *       incidents.md #5–#8 lasted 20–116 minutes);</li>
 *   <li>never later than half of {@link RollupProfile#maxBatchInterval()} for WARNING and all of it for
 *       CRITICAL — the protocol's own bound: Arbitrum {@code maxTimeVariation.delaySeconds} 86 400 s
 *       (nitro-contracts {@code scripts/config.example.ts}), OP Stack {@code seq_window_size} 3 600 L1
 *       blocks = 12 h (superchain-registry {@code configs/mainnet/op.toml}), after which L2 blocks are
 *       derived without the sequencer's transactions;</li>
 *   <li>{@code warnAfter} / {@code criticalAfter} fix the thresholds instead.</li>
 * </ul>
 * The summary names the threshold and why it applies, e.g. "No batch posted for 7m 18s (threshold 6m 54s
 * from 5d of history: typical interval 1m 29s, p99.9 2m 2s)."
 */
public final class BatchLivenessIndicator extends CadenceIndicator {

    private static final Cadence.Wording WORDING = new Cadence.Wording("No batch posted for ", "Last batch ", "lastBatch");

    public BatchLivenessIndicator(RollupProfile profile) {
        super(IndicatorKind.BATCH_LIVENESS, new Cadence(IndicatorKind.BATCH_LIVENESS, policy(profile),
                WORDING));
    }

    private static ThresholdPolicy policy(RollupProfile profile) {
        return ThresholdPolicy.of(profile, IndicatorKind.BATCH_LIVENESS, "", ThresholdRule.livenessGap(),
                Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofMinutes(5),
                new ThresholdPolicy.ProtocolBound(profile.maxBatchInterval(), "maximum batch interval", 0.5, 1.0));
    }

    @Override
    public int consumes() {
        return BATCHES;
    }

    @Override
    public boolean onEvent(SpecificRecord event, RollupContext ctx) {
        if (event instanceof BatchPosted batch) {
            cadence.observe(batch.getSource(), "lastBatchIndex", batch.getBatchIndex());
            return true;
        }
        return false;
    }
}
