package io.l2risk.engine.indicators;

import static io.l2risk.engine.indicators.DaSupport.batch;
import static io.l2risk.engine.indicators.DaSupport.count;
import static io.l2risk.engine.indicators.DaSupport.put;

import io.l2risk.avro.BatchPosted;
import io.l2risk.avro.DaMode;
import io.l2risk.avro.Level;
import io.l2risk.avro.ProofEvent;
import io.l2risk.avro.ProofKind;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;

/**
 * BLOB_RETENTION — unfinalized batches whose blobs will be pruned before their state can be final.
 * Consensus clients keep blob sidecars for 4096 epochs ≈ 18.2 days (EIP-4844
 * {@code MIN_EPOCHS_FOR_BLOB_SIDECARS_REQUESTS}; profile {@code blobRetention}); a fraud proof needs
 * the batch data until the challenge window of the state that covers it ends (profile
 * {@code challengePeriod}, e.g. 7 days on OP Stack, 6.4 days on Arbitrum One).
 *
 * <p>For each unfinalized BLOB batch: its blobs expire at posting + retention. Its state can be final
 * at the earliest at the end of the challenge window of the first STATE_PROPOSED covering it
 * ({@code challengePeriodEnd}, else proposal time + challenge period), or — while no proposal covers
 * it — at now + challenge period. CRITICAL when that is after the expiry or the blobs are already
 * gone; WARNING when it is within {@code warnMargin} of the expiry; OK otherwise. Value: the number
 * of blob batches at risk. A batch is final when a STATE_FINALIZED or PROOF_VERIFIED covers it.
 * Without a challenge period (validity rollups) only the expiry itself counts.
 *
 * <p>"Covers" uses, in order: batch indexes ({@code batchIndexEnd}), L2 blocks ({@code l2BlockEnd}
 * of the batch vs {@code l2BlockNumber}), or L1 time (a proposal covers batches posted before it; a
 * finalization covers batches posted a challenge period before it). Batches are kept as at most
 * {@value #MAX_SEGMENTS} segments of up to 8 h of postings, so state is bounded; beyond that the
 * closest neighbours merge. A segment is judged by its oldest batch, so merging never delays an alert;
 * it only makes the count and the resolution coarser (by at most the merged segment's span).
 * Nothing is judged before the first finalization is seen: without one, "unfinalized" cannot be told
 * from "finalizations not ingested". Absence-based (it fires on proposals and finalizations not
 * arriving), so it pauses while the monitor is stale.
 *
 * <p>Parameters ({@code thresholds.BLOB_RETENTION.*}): {@code warnMargin} (default 2d: time left for
 * an operator to get a proposal in or archive the blobs).
 */
public final class BlobRetentionIndicator extends Indicator {

    static final int MAX_SEGMENTS = 24;
    private static final Duration SEGMENT_SPAN = Duration.ofHours(8);

    private final Duration retention;
    private final Duration challengePeriod;
    private final Duration warnMargin;

    private final List<Segment> segments = new ArrayList<>();
    private boolean sawFinality;
    private Long finalIndex;
    private Long finalL2Block;
    private Instant finalTime;

    public BlobRetentionIndicator(RollupProfile profile) {
        super(IndicatorKind.BLOB_RETENTION);
        Params params = profile.params(IndicatorKind.BLOB_RETENTION);
        this.retention = profile.blobRetention();
        this.challengePeriod = profile.challengePeriod();
        this.warnMargin = params.duration("warnMargin", Duration.ofDays(2));
    }

    @Override
    public int consumes() {
        return BATCHES | PROOFS;
    }

    @Override
    public boolean onEvent(SpecificRecord event, RollupContext ctx) {
        if (event instanceof BatchPosted batch && batch.getDaMode() == DaMode.BLOB) {
            addBatch(batch);
            return true;
        } else if (event instanceof ProofEvent proof) {
            Instant time = proof.getSource().getBlockTime();
            switch (proof.getKind()) {
                case STATE_FINALIZED, PROOF_VERIFIED -> finalize(proof, time);
                case STATE_PROPOSED -> propose(proof, time);
                case STATE_REVERTED -> segments.forEach(s -> s.windowEnd = null);
                default -> {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    private void addBatch(BatchPosted batch) {
        Instant time = batch.getSource().getBlockTime();
        Long index = batch.getBatchIndex();
        Long l2End = batch.getL2BlockEnd();
        if (covers(new Segment(time, index, l2End, null), finalIndex, finalL2Block, finalTime)) {
            return;
        }
        int at = segments.size();
        while (at > 0 && segments.get(at - 1).first.isAfter(time)) {
            at--;
        }
        Segment host = at > 0 ? segments.get(at - 1) : null;
        if (host != null && time.isBefore(host.first.plus(SEGMENT_SPAN))) {
            if (time.isAfter(host.last)) {
                // A batch newer than the proposal that covered the segment is not covered yet.
                host.windowEnd = null;
            }
            host.absorb(time, index, l2End);
        } else {
            segments.add(at, new Segment(time, index, l2End, batch.getSource().getTxHash()));
            if (segments.size() > MAX_SEGMENTS) {
                mergeClosestPair();
            }
        }
    }

    private void propose(ProofEvent proof, Instant time) {
        Instant windowEnd = proof.getChallengePeriodEnd() != null ? proof.getChallengePeriodEnd()
                : challengePeriod != null ? time.plus(challengePeriod) : null;
        if (windowEnd == null) {
            return;
        }
        for (Segment segment : segments) {
            boolean covered = covers(segment, proof.getBatchIndexEnd(), proof.getL2BlockNumber(), time);
            if (segment.windowEnd == null && covered) {
                segment.windowEnd = windowEnd;
            }
        }
    }

    private void finalize(ProofEvent proof, Instant time) {
        sawFinality = true;
        Long index = proof.getBatchIndexEnd();
        Long l2Block = proof.getL2BlockNumber();
        // A finalization settles a proposal made at least a challenge period earlier: batches posted
        // before then are covered; a validity proof covers what was posted before it.
        Instant reference = proof.getKind() == ProofKind.STATE_FINALIZED && challengePeriod != null
                ? time.minus(challengePeriod) : time;
        if (index != null) {
            finalIndex = finalIndex == null ? index : Math.max(finalIndex, index);
        }
        if (l2Block != null) {
            finalL2Block = finalL2Block == null ? l2Block : Math.max(finalL2Block, l2Block);
        }
        finalTime = finalTime == null || reference.isAfter(finalTime) ? reference : finalTime;
        segments.removeIf(segment -> covers(segment, finalIndex, finalL2Block, finalTime));
        if (index != null) {
            for (Segment segment : segments) {
                segment.trimThrough(index);
            }
        }
    }

    /**
     * Whether a claim through batch {@code index} / L2 block {@code l2Block} / L1 time {@code time}
     * covers all of a segment, by the most precise measure both sides carry.
     */
    private static boolean covers(Segment segment, Long index, Long l2Block, Instant time) {
        if (index != null && segment.maxIndex != null) {
            return segment.maxIndex <= index;
        }
        if (l2Block != null && segment.maxL2Block != null) {
            return segment.maxL2Block <= l2Block;
        }
        return time != null && !segment.last.isAfter(time);
    }

    private void mergeClosestPair() {
        int best = 0;
        Duration bestSpan = null;
        for (int i = 0; i + 1 < segments.size(); i++) {
            Duration span = Duration.between(segments.get(i).first, segments.get(i + 1).last);
            // On ties the younger pair merges: the oldest segments are the ones whose expiry matters first.
            if (bestSpan == null || span.compareTo(bestSpan) <= 0) {
                best = i;
                bestSpan = span;
            }
        }
        Segment next = segments.remove(best + 1);
        segments.get(best).merge(next);
    }

    /**
     * Every segment is OK until its warning margin before expiry begins, or until its earliest
     * finality (now plus the challenge period, when no window end is known) passes that point.
     */
    @Override
    public long quietUntil(RollupContext ctx) {
        long until = Long.MAX_VALUE;
        for (Segment segment : segments) {
            Instant warnFrom = segment.first.plus(retention).minus(warnMargin);
            if (segment.windowEnd == null && challengePeriod != null) {
                warnFrom = warnFrom.minus(challengePeriod);
            }
            until = Math.min(until, warnFrom.toEpochMilli());
        }
        return until;
    }

    @Override
    public void evaluate(RollupContext ctx, List<Evaluation> out) {
        if (!sawFinality) {
            return;
        }
        Instant now = ctx.now();
        long atRisk = 0;
        Level worstLevel = Level.OK;
        Segment worst = null;
        for (Segment segment : segments) {
            Level level = level(segment, now);
            if (level != Level.OK) {
                atRisk += segment.count;
            }
            if (worst == null || level.ordinal() > worstLevel.ordinal()) {
                worst = segment;
                worstLevel = level;
            }
        }
        Segment oldest = worst;
        Level level = worstLevel;
        long risky = atRisk;
        out.add(Evaluation.lazy(kind(), null, level, risky, 1, ctx.l1Block(), () -> words(oldest, level, risky, now)));
    }

    private Evaluation.Words words(Segment worst, Level worstLevel, long atRisk, Instant now) {
        long unfinalized = segments.stream().mapToLong(s -> s.count).sum();
        Map<String, String> evidence = new TreeMap<>();
        evidence.put("unfinalizedBlobBatches", Long.toString(unfinalized));
        if (worst == null) {
            return new Evaluation.Words("No unfinalized blob batch is waiting (blobs are kept " + Text.duration(retention)
                    + ").", evidence);
        }
        Instant expiry = worst.first.plus(retention);
        Instant finalAt = earliestFinal(worst, now);
        evidence.put("oldestPostedAt", worst.first.toString());
        put(evidence, "oldestBatch", worst.firstIndex);
        put(evidence, "oldestTx", worst.firstTx);
        evidence.put("blobsExpireAt", expiry.toString());
        put(evidence, "earliestFinalAt", finalAt);
        evidence.put("batchesAtRisk", Long.toString(atRisk));
        String summary = worstLevel == Level.OK
                ? count(unfinalized, "unfinalized blob batch", "unfinalized blob batches") + "; "
                + describe(worst, worstLevel, now)
                : count(atRisk, "unfinalized blob batch is", "unfinalized blob batches are") + " at risk: "
                + describe(worst, worstLevel, now);
        return new Evaluation.Words(summary, evidence);
    }

    /** The oldest batch of {@code segment}: when its blobs go, and when its state can be final at the earliest. */
    private String describe(Segment segment, Level level, Instant now) {
        Instant expiry = segment.first.plus(retention);
        Instant finalAt = earliestFinal(segment, now);
        String posted = "posted " + Text.duration(Duration.between(segment.first, now)) + " ago";
        String oldest = segment.firstIndex == null ? "the oldest, " + posted + ","
                : "the oldest (" + batch(segment.firstIndex) + ", " + posted + ")";
        String window = finalAt == null ? ""
                : segment.windowEnd != null ? "the challenge window of the proposal covering it ends in "
                + Text.duration(Duration.between(now, finalAt))
                : "no proposal covers it yet, so its challenge window cannot end before "
                + Text.duration(Duration.between(now, finalAt)) + " from now";
        if (level == Level.OK) {
            return oldest + " keeps its blobs for another " + Text.duration(Duration.between(now, expiry))
                    + (window.isEmpty() ? "." : " and " + window + ".");
        }
        if (!now.isBefore(expiry)) {
            return oldest + " lost its blobs " + Text.duration(Duration.between(expiry, now))
                    + " ago and its state is not final.";
        }
        return oldest + " loses its blobs in " + Text.duration(Duration.between(now, expiry))
                + (window.isEmpty() ? " and is not final" : ", but " + window)
                + (level == Level.WARNING ? ", within the " + Text.duration(warnMargin) + " safety margin." : ".");
    }

    @Override
    public boolean absenceBased() {
        return true;
    }

    private Level level(Segment segment, Instant now) {
        Instant expiry = segment.first.plus(retention);
        Instant finalAt = earliestFinal(segment, now);
        if (!now.isBefore(expiry) || finalAt != null && finalAt.isAfter(expiry)) {
            return Level.CRITICAL;
        }
        Instant warnFrom = expiry.minus(warnMargin);
        if (!now.isBefore(warnFrom) || finalAt != null && finalAt.isAfter(warnFrom)) {
            return Level.WARNING;
        }
        return Level.OK;
    }

    private Instant earliestFinal(Segment segment, Instant now) {
        if (segment.windowEnd != null) {
            return segment.windowEnd.isAfter(now) ? segment.windowEnd : now;
        }
        return challengePeriod == null ? null : now.plus(challengePeriod);
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeBoolean(sawFinality);
        StateIO.writeNullableLong(out, finalIndex);
        StateIO.writeNullableLong(out, finalL2Block);
        StateIO.writeInstant(out, finalTime);
        out.writeByte(segments.size());
        for (Segment s : segments) {
            StateIO.writeInstant(out, s.first);
            StateIO.writeInstant(out, s.last);
            out.writeLong(s.count);
            StateIO.writeNullableLong(out, s.firstIndex);
            StateIO.writeNullableLong(out, s.minIndex);
            StateIO.writeNullableLong(out, s.maxIndex);
            StateIO.writeNullableLong(out, s.maxL2Block);
            HexIO.write(out, s.firstTx);
            StateIO.writeInstant(out, s.windowEnd);
        }
    }

    @Override
    public void readState(DataInput in) throws IOException {
        sawFinality = in.readBoolean();
        finalIndex = StateIO.readNullableLong(in);
        finalL2Block = StateIO.readNullableLong(in);
        finalTime = StateIO.readInstant(in);
        segments.clear();
        int count = in.readUnsignedByte();
        for (int i = 0; i < count; i++) {
            Segment s = new Segment(StateIO.readInstant(in), null, null, null);
            s.last = StateIO.readInstant(in);
            s.count = in.readLong();
            s.firstIndex = StateIO.readNullableLong(in);
            s.minIndex = StateIO.readNullableLong(in);
            s.maxIndex = StateIO.readNullableLong(in);
            s.maxL2Block = StateIO.readNullableLong(in);
            s.firstTx = HexIO.read(in);
            s.windowEnd = StateIO.readInstant(in);
            segments.add(s);
        }
    }

    /** Blob batches posted within a few hours of each other, kept as one entry. */
    private static final class Segment {
        Instant first;
        Instant last;
        long count;
        Long firstIndex;
        Long minIndex;
        Long maxIndex;
        Long maxL2Block;
        String firstTx;
        Instant windowEnd;

        Segment(Instant time, Long index, Long l2End, String txHash) {
            this.first = time;
            this.last = time;
            this.count = 1;
            this.firstIndex = index;
            this.minIndex = index;
            this.maxIndex = index;
            this.maxL2Block = l2End;
            this.firstTx = txHash;
        }

        void absorb(Instant time, Long index, Long l2End) {
            count++;
            if (time.isBefore(first)) {
                first = time;
                firstIndex = index;
            }
            last = time.isAfter(last) ? time : last;
            minIndex = min(minIndex, index);
            maxIndex = max(maxIndex, index);
            maxL2Block = max(maxL2Block, l2End);
        }

        void merge(Segment other) {
            count += other.count;
            if (other.first.isBefore(first)) {
                first = other.first;
                firstIndex = other.firstIndex;
                firstTx = other.firstTx;
            }
            last = other.last.isAfter(last) ? other.last : last;
            minIndex = min(minIndex, other.minIndex);
            maxIndex = max(maxIndex, other.maxIndex);
            maxL2Block = max(maxL2Block, other.maxL2Block);
            windowEnd = windowEnd == null || other.windowEnd == null ? null
                    : windowEnd.isAfter(other.windowEnd) ? windowEnd : other.windowEnd;
        }

        /** Drops the batches through {@code index} from a partly finalized segment (indexes assumed dense). */
        void trimThrough(long index) {
            if (minIndex == null || maxIndex == null || index < minIndex || index >= maxIndex) {
                return;
            }
            count = Math.max(1, count - (index - minIndex + 1));
            minIndex = index + 1;
            firstIndex = index + 1;
            firstTx = null;
        }

        private static Long min(Long a, Long b) {
            if (a == null || b == null) {
                return a == null ? b : a;
            }
            return Long.valueOf(Math.min(a, b));
        }

        private static Long max(Long a, Long b) {
            if (a == null || b == null) {
                return a == null ? b : a;
            }
            return Long.valueOf(Math.max(a, b));
        }
    }
}
