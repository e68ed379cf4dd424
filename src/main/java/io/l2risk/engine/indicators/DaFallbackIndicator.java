package io.l2risk.engine.indicators;

import static io.l2risk.engine.indicators.DaSupport.batch;
import static io.l2risk.engine.indicators.DaSupport.capitalize;
import static io.l2risk.engine.indicators.DaSupport.count;
import static io.l2risk.engine.indicators.DaSupport.put;

import io.l2risk.avro.BatchPosted;
import io.l2risk.avro.DaMode;
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
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;

/**
 * DA_FALLBACK — an AnyTrust/DAC chain ({@link RollupProfile#anyTrust()}) whose batch poster posts the
 * batch data on L1 (daMode CALLDATA, or BLOB) instead of a DAC certificate: it could not get the
 * committee to sign, so the committee is partly down. Arbitrum's own batch-poster monitor raises
 * {@code anytrust_calldata_fallback} (critical) when the latest batch of an AnyTrust chain starts
 * with byte {@code 0x00} instead of the DACert flag {@code 0x88}
 * (OffchainLabs/arbitrum-monitoring {@code packages/batch-poster-monitor}, anchors.md A1).
 *
 * <p>Rule: while the latest batch is a fallback batch (no certificate since), WARNING; CRITICAL once
 * the fallback batches within {@code window} reach {@code criticalCount} — one fallback can be a
 * single failed store, several mean the committee stays unreachable. OK when a certificate batch is
 * the latest again; the alert resolves after certificates have kept coming for {@code clearAfter}.
 * Chains that are not AnyTrust are not evaluated (their mode changes are DA_MODE_CHANGE's).
 *
 * <p>Parameters ({@code thresholds.DA_FALLBACK.*}):
 * <ul>
 *   <li>{@code window} (default 6h) — how far back fallback batches are counted;</li>
 *   <li>{@code criticalCount} (default 3) — fallback batches in the window that make it CRITICAL;
 *       1 reproduces the anchor (critical on the first);</li>
 *   <li>{@code clearAfter} (default 1h) — certificates needed without a fallback before resolving.</li>
 * </ul>
 */
public final class DaFallbackIndicator extends Indicator {

    /** Fallback batches remembered for the window count; more than this in a window count as 16. */
    static final int MAX_TRACKED = 16;

    private final boolean anyTrust;
    private final Duration window;
    private final long criticalCount;
    private final Duration clearAfter;

    private final TimeRing fallbacks = new TimeRing(MAX_TRACKED);
    private Instant latestAt;
    private boolean latestIsFallback;
    private long streak;
    private Instant streakStartAt;
    private Long streakStartBatch;
    private String latestFallbackTx;
    private Long latestFallbackBatch;
    private DaMode latestFallbackMode;
    private Instant certificateAt;
    private String certificateTx;
    private Long certificateBatch;

    public DaFallbackIndicator(RollupProfile profile) {
        super(IndicatorKind.DA_FALLBACK);
        Params params = profile.params(IndicatorKind.DA_FALLBACK);
        this.anyTrust = profile.anyTrust();
        this.window = params.duration("window", Duration.ofHours(6));
        this.criticalCount = Math.max(1, params.integer("criticalCount", 3));
        this.clearAfter = params.duration("clearAfter", Duration.ofHours(1));
    }

    @Override
    public int consumes() {
        return BATCHES;
    }

    @Override
    public boolean onEvent(SpecificRecord event, RollupContext ctx) {
        if (!anyTrust || !(event instanceof BatchPosted batch)) {
            return false;
        }
        DaMode mode = batch.getDaMode();
        boolean fallback = mode == DaMode.CALLDATA || mode == DaMode.BLOB;
        if (!fallback && mode != DaMode.DAC_CERTIFICATE) {
            return false;
        }
        Instant time = batch.getSource().getBlockTime();
        if (fallback) {
            fallbacks.add(time);
        }
        if (latestAt != null && time.isBefore(latestAt)) {
            // A late record still counts in the window but does not change which batch is the latest.
            return true;
        }
        latestAt = time;
        if (fallback) {
            if (!latestIsFallback) {
                streak = 0;
                streakStartAt = time;
                streakStartBatch = batch.getBatchIndex();
            }
            latestIsFallback = true;
            streak++;
            latestFallbackTx = batch.getSource().getTxHash();
            latestFallbackBatch = batch.getBatchIndex();
            latestFallbackMode = mode;
        } else {
            latestIsFallback = false;
            certificateAt = time;
            certificateTx = batch.getSource().getTxHash();
            certificateBatch = batch.getBatchIndex();
        }
        return true;
    }

    /**
     * OK while the latest batch carried a certificate, which only a batch changes; the value, the
     * fallbacks in the window, changes when the oldest of them leaves it.
     */
    @Override
    public long quietUntil(RollupContext ctx) {
        if (!anyTrust || latestAt == null) {
            return Long.MAX_VALUE;
        }
        long oldest = fallbacks.firstAfter(ctx.now().minus(window).toEpochMilli());
        long span = window.toMillis();
        return oldest > Long.MAX_VALUE - span ? Long.MAX_VALUE : oldest + span;
    }

    @Override
    public void evaluate(RollupContext ctx, List<Evaluation> out) {
        if (!anyTrust || latestAt == null) {
            return;
        }
        Instant now = ctx.now();
        int inWindow = fallbacks.countAfter(now.minus(window));
        Map<String, String> evidence = new TreeMap<>();
        evidence.put("fallbackBatchesInWindow", Integer.toString(inWindow));
        put(evidence, "lastCertificateAt", certificateAt);
        put(evidence, "lastCertificateTx", certificateTx);
        put(evidence, "lastCertificateBatch", certificateBatch);
        if (!latestIsFallback) {
            String summary = "Batches carry DAC certificates (latest: " + batch(certificateBatch) + ", "
                    + Text.duration(Duration.between(certificateAt, now)) + " ago); "
                    + count(inWindow, "fallback batch", "fallback batches") + " in the last "
                    + Text.duration(window) + ".";
            out.add(Evaluation.of(kind(), null, Level.OK, inWindow, 1, summary, evidence, ctx.l1Block()));
            return;
        }
        Level level = inWindow >= criticalCount ? Level.CRITICAL : Level.WARNING;
        evidence.put("fallbackStreak", Long.toString(streak));
        put(evidence, "streakStartAt", streakStartAt);
        put(evidence, "streakStartBatch", streakStartBatch);
        put(evidence, "latestFallbackTx", latestFallbackTx);
        put(evidence, "latestFallbackBatch", latestFallbackBatch);
        evidence.put("latestFallbackMode", latestFallbackMode.name());
        String since = certificateAt == null ? "no certificate seen yet"
                : "last certificate " + Text.duration(Duration.between(certificateAt, now)) + " ago ("
                + batch(certificateBatch) + ")";
        String summary = capitalize(batch(latestFallbackBatch)) + " was posted as " + modeText(latestFallbackMode)
                + " instead of a DAC certificate: " + count(inWindow, "fallback batch", "fallback batches")
                + " in the last " + Text.duration(window) + " (critical at " + criticalCount + "), " + since + ".";
        out.add(Evaluation.of(kind(), null, level, inWindow, level == Level.CRITICAL ? criticalCount : 1, summary,
                evidence, ctx.l1Block()));
    }

    @Override
    public Duration clearAfter() {
        return clearAfter;
    }

    private static String modeText(DaMode mode) {
        return mode == DaMode.BLOB ? "blobs" : "raw calldata";
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        fallbacks.write(out);
        StateIO.writeInstant(out, latestAt);
        out.writeBoolean(latestIsFallback);
        out.writeLong(streak);
        StateIO.writeInstant(out, streakStartAt);
        StateIO.writeNullableLong(out, streakStartBatch);
        HexIO.write(out, latestFallbackTx);
        StateIO.writeNullableLong(out, latestFallbackBatch);
        out.writeByte(latestFallbackMode == null ? -1 : latestFallbackMode.ordinal());
        StateIO.writeInstant(out, certificateAt);
        HexIO.write(out, certificateTx);
        StateIO.writeNullableLong(out, certificateBatch);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        fallbacks.read(in);
        latestAt = StateIO.readInstant(in);
        latestIsFallback = in.readBoolean();
        streak = in.readLong();
        streakStartAt = StateIO.readInstant(in);
        streakStartBatch = StateIO.readNullableLong(in);
        latestFallbackTx = HexIO.read(in);
        latestFallbackBatch = StateIO.readNullableLong(in);
        byte mode = in.readByte();
        latestFallbackMode = mode < 0 ? null : DaMode.values()[mode];
        certificateAt = StateIO.readInstant(in);
        certificateTx = HexIO.read(in);
        certificateBatch = StateIO.readNullableLong(in);
    }
}
