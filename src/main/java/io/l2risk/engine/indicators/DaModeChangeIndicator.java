package io.l2risk.engine.indicators;

import static io.l2risk.engine.indicators.DaSupport.batch;
import static io.l2risk.engine.indicators.DaSupport.capitalize;
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
import java.util.StringJoiner;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;

/**
 * DA_MODE_CHANGE — a rollup posting its batches in a data-availability mode it does not usually use
 * (BLOB → CALLDATA, calldata → DAC certificate, anything → ALT_DA_COMMITMENT). What is usual is
 * learnt from the rollup's own history: batches per mode over the last {@code learnWindow}, in daily
 * buckets. A mode is usual when it carried at least {@code usualCount} batches or a share of at least
 * {@code usualShare} of them, so a rollup whose batcher routinely mixes blobs and calldata (OP
 * {@code op-batcher --data-availability-type=auto} switches with blob fees) does not page, and a
 * permanent switch is announced once and then becomes the new normal.
 *
 * <p>Rule: WARNING while the latest batch is in an unusual mode; CRITICAL instead (with
 * {@code offchainCritical}) when a rollup whose usual modes are all on Ethereum (CALLDATA, BLOB)
 * starts posting off-chain (DAC_CERTIFICATE, ALT_DA_COMMITMENT): its data is no longer on L1 — the
 * "Onchain" to "External" downgrade of L2BEAT's DA risk (anchors.md A3). Nothing is judged before
 * {@code minHistory} batches have been seen. OK when a batch in a usual mode is the latest; resolves
 * after {@code clearAfter}. On AnyTrust chains, CALLDATA and BLOB batches are DA_FALLBACK's and are
 * not judged here. NONE and UNKNOWN batches are ignored (no data, or an undecoded batch).
 *
 * <p>Parameters ({@code thresholds.DA_MODE_CHANGE.*}): {@code learnWindow} (default 30d, L2BEAT's
 * rolling window; at most 64d), {@code minHistory} (50 batches), {@code usualCount} (3),
 * {@code usualShare} (0.05), {@code offchainCritical} (true), {@code clearAfter} (6h).
 */
public final class DaModeChangeIndicator extends Indicator {

    private final boolean anyTrust;
    private final Duration learnWindow;
    private final long minHistory;
    private final long usualCount;
    private final double usualShare;
    private final boolean offchainCritical;
    private final Duration clearAfter;

    private final ModeHistory history;
    private Instant latestAt;
    private DaMode latestMode;
    private boolean learning = true;
    private boolean unusual;
    private boolean downgrade;
    private int usualMask;
    private DaMode previousMode;
    private long runCount;
    private Instant runStartAt;
    private Long runStartBatch;
    private String runStartTx;
    private Long latestBatch;
    private long modeCountBefore;
    private long totalBefore;

    public DaModeChangeIndicator(RollupProfile profile) {
        super(IndicatorKind.DA_MODE_CHANGE);
        Params params = profile.params(IndicatorKind.DA_MODE_CHANGE);
        this.anyTrust = profile.anyTrust();
        this.learnWindow = params.duration("learnWindow", Duration.ofDays(30));
        this.minHistory = params.integer("minHistory", 50);
        this.usualCount = Math.max(1, params.integer("usualCount", 3));
        this.usualShare = params.number("usualShare", 0.05);
        this.offchainCritical = params.flag("offchainCritical", true);
        this.clearAfter = params.duration("clearAfter", Duration.ofHours(6));
        this.history = new ModeHistory((int) Math.max(1, Math.min(64, learnWindow.toDays())));
    }

    @Override
    public int consumes() {
        return BATCHES;
    }

    @Override
    public boolean onEvent(SpecificRecord event, RollupContext ctx) {
        if (!(event instanceof BatchPosted batch) || !ModeHistory.counted(batch.getDaMode())) {
            return false;
        }
        DaMode mode = batch.getDaMode();
        if (anyTrust && (mode == DaMode.CALLDATA || mode == DaMode.BLOB)) {
            return false;
        }
        Instant time = batch.getSource().getBlockTime();
        long[] before = history.totals(time);
        history.add(time, mode);
        if (latestAt != null && time.isBefore(latestAt)) {
            return true;
        }
        long total = 0;
        for (long count : before) {
            total += count;
        }
        boolean wasUnusual = unusual;
        DaMode wasMode = latestMode;
        latestAt = time;
        latestMode = mode;
        latestBatch = batch.getBatchIndex();
        learning = total < minHistory;
        if (learning) {
            unusual = false;
            return true;
        }
        usualMask = 0;
        for (int m = 0; m < ModeHistory.MODES.length; m++) {
            long n = before[m];
            if (n >= usualCount || (n > 0 && n >= usualShare * total)) {
                usualMask |= 1 << m;
            }
        }
        unusual = (usualMask & bit(mode)) == 0;
        if (!unusual) {
            return true;
        }
        if (!wasUnusual || wasMode != mode) {
            previousMode = wasMode;
            runCount = 0;
            runStartAt = time;
            runStartBatch = batch.getBatchIndex();
            runStartTx = batch.getSource().getTxHash();
            modeCountBefore = before[ModeHistory.index(mode)];
            totalBefore = total;
            int onL1 = bit(DaMode.CALLDATA) | bit(DaMode.BLOB);
            downgrade = (mode == DaMode.DAC_CERTIFICATE || mode == DaMode.ALT_DA_COMMITMENT)
                    && usualMask != 0 && (usualMask & ~onL1) == 0;
        }
        runCount++;
        return true;
    }

    /** OK while learning or in a usual mode, which only a batch changes; the value is then 0. */
    @Override
    public long quietUntil(RollupContext ctx) {
        return Long.MAX_VALUE;
    }

    @Override
    public void evaluate(RollupContext ctx, List<Evaluation> out) {
        if (latestMode == null) {
            return;
        }
        Instant now = ctx.now();
        if (learning || !unusual) {
            out.add(Evaluation.lazy(kind(), null, Level.OK, 0, 1, ctx.l1Block(), () -> words(now, Level.OK)));
            return;
        }
        Level level = downgrade && offchainCritical ? Level.CRITICAL : Level.WARNING;
        out.add(Evaluation.lazy(kind(), null, level, runCount, 1, ctx.l1Block(), () -> words(now, level)));
    }

    private Evaluation.Words words(Instant now, Level level) {
        Map<String, String> evidence = new TreeMap<>();
        evidence.put("latestMode", latestMode.name());
        put(evidence, "latestBatch", latestBatch);
        evidence.put("usualModes", usualModes());
        if (learning) {
            return new Evaluation.Words("Learning this rollup's DA modes: fewer than " + minHistory
                    + " batches in the last " + Text.duration(learnWindow) + " (latest posted as " + latestMode + ").",
                    evidence);
        }
        if (!unusual) {
            return new Evaluation.Words("Latest batch" + (latestBatch == null ? "" : " " + latestBatch)
                    + " was posted as " + latestMode + ", a usual DA mode of this rollup (" + usualModes() + ").",
                    evidence);
        }
        evidence.put("runBatches", Long.toString(runCount));
        put(evidence, "runStartAt", runStartAt);
        put(evidence, "runStartBatch", runStartBatch);
        put(evidence, "runStartTx", runStartTx);
        put(evidence, "previousMode", previousMode);
        evidence.put("modeBatchesInWindow", Long.toString(modeCountBefore));
        evidence.put("batchesInWindow", Long.toString(totalBefore));
        String run = runCount == 1 ? ""
                : "; " + runCount + " consecutive " + latestMode + " batches over the last "
                + Text.duration(Duration.between(runStartAt, now));
        String summary = capitalize(batch(latestBatch)) + " was posted as " + latestMode
                + ", not a usual DA mode of this rollup (" + usualModes() + ")" + run + "; " + latestMode
                + " had carried " + modeCountBefore + " of " + totalBefore + " batches in the last "
                + Text.duration(learnWindow) + " before."
                + (level == Level.CRITICAL ? " The batch data is no longer posted on Ethereum." : "");
        return new Evaluation.Words(summary, evidence);
    }

    @Override
    public Duration clearAfter() {
        return clearAfter;
    }

    private String usualModes() {
        StringJoiner joiner = new StringJoiner(", ");
        for (int m = 0; m < ModeHistory.MODES.length; m++) {
            if ((usualMask & (1 << m)) != 0) {
                joiner.add(ModeHistory.MODES[m].name());
            }
        }
        return joiner.length() == 0 ? "none yet" : joiner.toString();
    }

    private static int bit(DaMode mode) {
        int m = ModeHistory.index(mode);
        return m < 0 ? 0 : 1 << m;
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        history.write(out);
        StateIO.writeInstant(out, latestAt);
        out.writeByte(latestMode == null ? -1 : latestMode.ordinal());
        out.writeBoolean(learning);
        out.writeBoolean(unusual);
        out.writeBoolean(downgrade);
        out.writeByte(usualMask);
        out.writeByte(previousMode == null ? -1 : previousMode.ordinal());
        out.writeLong(runCount);
        StateIO.writeInstant(out, runStartAt);
        StateIO.writeNullableLong(out, runStartBatch);
        HexIO.write(out, runStartTx);
        StateIO.writeNullableLong(out, latestBatch);
        out.writeLong(modeCountBefore);
        out.writeLong(totalBefore);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        history.read(in);
        latestAt = StateIO.readInstant(in);
        latestMode = mode(in.readByte());
        learning = in.readBoolean();
        unusual = in.readBoolean();
        downgrade = in.readBoolean();
        usualMask = in.readByte();
        previousMode = mode(in.readByte());
        runCount = in.readLong();
        runStartAt = StateIO.readInstant(in);
        runStartBatch = StateIO.readNullableLong(in);
        runStartTx = HexIO.read(in);
        latestBatch = StateIO.readNullableLong(in);
        modeCountBefore = in.readLong();
        totalBefore = in.readLong();
    }

    private static DaMode mode(byte ordinal) {
        return ordinal < 0 ? null : DaMode.values()[ordinal];
    }
}
