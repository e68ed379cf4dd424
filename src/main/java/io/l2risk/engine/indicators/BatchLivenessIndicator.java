package io.l2risk.engine.indicators;

import io.l2risk.avro.BatchPosted;
import io.l2risk.avro.Level;
import io.l2risk.engine.Evaluation;
import io.l2risk.engine.Indicator;
import io.l2risk.engine.IndicatorKind;
import io.l2risk.engine.Params;
import io.l2risk.engine.RollupContext;
import io.l2risk.engine.RollupProfile;
import io.l2risk.engine.StateIO;
import io.l2risk.engine.Text;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * BATCH_LIVENESS — time since the last {@code BatchPosted} against static bounds: WARNING after
 * {@code warnAfter} (default 30 min, or the protocol's own bound when it is shorter), CRITICAL after
 * {@code criticalAfter} (default 2 h). Resolves when a batch arrives. Absence-based: paused while the
 * monitor is stale.
 *
 * <p>Static first version; the adaptive baseline over the rollup's own posting intervals replaces
 * the default bounds in the next step.
 */
public final class BatchLivenessIndicator extends Indicator {

    private final Duration warnAfter;
    private final Duration criticalAfter;

    private Instant lastBatchAt;
    private String lastBatchTx;
    private Long lastBatchIndex;

    public BatchLivenessIndicator(RollupProfile profile) {
        super(IndicatorKind.BATCH_LIVENESS);
        Params params = profile.params(IndicatorKind.BATCH_LIVENESS);
        Duration protocolBound = profile.maxBatchInterval();
        Duration warn = Duration.ofMinutes(30);
        if (protocolBound != null && protocolBound.compareTo(warn) < 0) {
            warn = protocolBound;
        }
        this.warnAfter = params.duration("warnAfter", warn);
        this.criticalAfter = params.duration("criticalAfter", Duration.ofHours(2));
    }

    @Override
    public void onEvent(SpecificRecord event, RollupContext ctx) {
        if (event instanceof BatchPosted batch) {
            Instant time = batch.getSource().getBlockTime();
            if (lastBatchAt == null || !time.isBefore(lastBatchAt)) {
                lastBatchAt = time;
                lastBatchTx = batch.getSource().getTxHash();
                lastBatchIndex = batch.getBatchIndex();
            }
        }
    }

    @Override
    public void evaluate(RollupContext ctx, List<Evaluation> out) {
        if (lastBatchAt == null) {
            return;
        }
        Duration gap = Duration.between(lastBatchAt, ctx.now());
        Level level = gap.compareTo(criticalAfter) > 0 ? Level.CRITICAL
                : gap.compareTo(warnAfter) > 0 ? Level.WARNING : Level.OK;
        Duration threshold = level == Level.CRITICAL ? criticalAfter : warnAfter;
        String summary = level == Level.OK
                ? "Last batch " + Text.duration(gap) + " ago (threshold " + Text.duration(warnAfter) + ")."
                : "No batch posted for " + Text.duration(gap) + " (threshold " + Text.duration(threshold) + ").";
        Map<String, String> evidence = new java.util.TreeMap<>();
        evidence.put("lastBatchAt", lastBatchAt.toString());
        if (lastBatchTx != null) {
            evidence.put("lastBatchTx", lastBatchTx);
        }
        if (lastBatchIndex != null) {
            evidence.put("lastBatchIndex", lastBatchIndex.toString());
        }
        out.add(Evaluation.of(kind(), null, level, gap.toSeconds(), threshold.toSeconds(), summary, evidence,
                ctx.l1Block()));
    }

    @Override
    public boolean absenceBased() {
        return true;
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        StateIO.writeInstant(out, lastBatchAt);
        StateIO.writeNullableString(out, lastBatchTx);
        StateIO.writeNullableLong(out, lastBatchIndex);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        lastBatchAt = StateIO.readInstant(in);
        lastBatchTx = StateIO.readNullableString(in);
        lastBatchIndex = StateIO.readNullableLong(in);
    }
}
