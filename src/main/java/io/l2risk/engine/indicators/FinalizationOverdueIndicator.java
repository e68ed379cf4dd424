package io.l2risk.engine.indicators;

import io.l2risk.avro.Level;
import io.l2risk.avro.ProofEvent;
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
 * FINALIZATION_OVERDUE — an optimistic rollup's state proposal still not finalized after its
 * challenge period plus a grace; value = age of the oldest unfinalized proposal. Not evaluated for
 * rollups without a challenge period (zk stacks). Absence-based.
 *
 * <p>Each {@code STATE_PROPOSED} is pending from its L1 time until a {@code STATE_FINALIZED} covers it;
 * its challenge ends at {@code challengePeriodEnd} when the ingester knows it, else at proposal time
 * + {@link RollupProfile#challengePeriod()}. Proposals are keyed by {@code l2BlockNumber}, else
 * {@code batchIndexEnd}, else their arrival order (a rollup should report one kind of key
 * consistently); a finalization settles every proposal up to its key, or the oldest one when it has
 * none. A {@code STATE_REVERTED} drops the proposals after its key.
 *
 * <p>Rule (parameters under {@code thresholds.FINALIZATION_OVERDUE}): WARNING once the oldest proposal's
 * challenge ended more than {@code grace} ago (default {@link RollupProfile#finalizationGrace()}, else
 * 4h — arbitrum-monitoring's {@code UNCONFIRMED_ASSERTION_GRACE_SECONDS}), CRITICAL
 * {@code criticalOverdue} (default 1d) after that. Judged only after the first {@code STATE_FINALIZED}
 * ({@code awaitFirstFinalization}, default true): OP Stack's L2OutputOracle finalizes implicitly and
 * emits none, and must not look overdue forever.
 *
 * <p>Bounded: at most {@value #CHECKPOINTS} proposal checkpoints ({@link IndexTimeline}); beyond that
 * the oldest proposal's time is interpolated ("about 6d 13h old").
 */
public final class FinalizationOverdueIndicator extends Indicator {

    /** Room for a week of hourly proposals, so a 6.4–7 day challenge period is tracked exactly. */
    static final int CHECKPOINTS = 256;

    private final Duration challengePeriod;
    private final Duration grace;
    private final Duration criticalOverdue;
    private final boolean awaitFirstFinalization;
    private final IndexTimeline pending = new IndexTimeline(CHECKPOINTS);
    private boolean finalizationSeen;
    private Instant lastFinalizedAt;
    /** How proposals are keyed, for summaries: "L2 block ", "batch " or "#". */
    private String keyLabel = "#";
    /**
     * The last evaluation's oldest proposal time and warning threshold in seconds ({@code null}: none
     * waiting), for {@link #quietUntil}. Not persisted.
     */
    private long evaluatedProposedAt;
    private Long evaluatedWarn;

    public FinalizationOverdueIndicator(RollupProfile profile) {
        super(IndicatorKind.FINALIZATION_OVERDUE);
        Params params = profile.params(IndicatorKind.FINALIZATION_OVERDUE);
        this.challengePeriod = profile.challengePeriod();
        this.grace = params.duration("grace",
                profile.finalizationGrace() == null ? Duration.ofHours(4) : profile.finalizationGrace());
        this.criticalOverdue = params.duration("criticalOverdue", Duration.ofDays(1));
        this.awaitFirstFinalization = params.flag("awaitFirstFinalization", true);
    }

    @Override
    public int consumes() {
        return PROOFS;
    }

    @Override
    public boolean onEvent(SpecificRecord event, RollupContext ctx) {
        if (challengePeriod == null || !(event instanceof ProofEvent proof)) {
            return false;
        }
        Long key = proof.getL2BlockNumber() != null ? proof.getL2BlockNumber() : proof.getBatchIndexEnd();
        Instant time = proof.getSource().getBlockTime();
        switch (proof.getKind()) {
            case STATE_PROPOSED -> {
                long position = key != null ? key : nextOrdinal();
                keyLabel = proof.getL2BlockNumber() != null ? "L2 block " : key != null ? "batch " : "#";
                Instant end = proof.getChallengePeriodEnd() != null ? proof.getChallengePeriodEnd()
                        : time.plus(challengePeriod);
                pending.add(position, time.toEpochMilli(), end.toEpochMilli());
            }
            case STATE_FINALIZED -> {
                finalizationSeen = true;
                lastFinalizedAt = lastFinalizedAt == null || time.isAfter(lastFinalizedAt) ? time : lastFinalizedAt;
                if (key != null) {
                    pending.settleBelow(key + 1);
                } else {
                    pending.settleOldest();
                }
            }
            case STATE_REVERTED -> {
                if (key != null) {
                    pending.revertAfter(key);
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private long nextOrdinal() {
        long highest = pending.highest();
        return highest == Long.MIN_VALUE ? 0 : highest + 1;
    }

    /**
     * With nothing awaiting finalization the evaluation stands until a record; the oldest proposal's
     * age grows until it exceeds the challenge period and grace.
     */
    @Override
    public long quietUntil(RollupContext ctx) {
        return evaluatedWarn == null ? Long.MAX_VALUE : Limits.exceededAtMillis(evaluatedProposedAt, evaluatedWarn);
    }

    @Override
    public boolean valuesFollowClock() {
        return evaluatedWarn != null;
    }

    @Override
    public void evaluate(RollupContext ctx, List<Evaluation> out) {
        evaluatedWarn = null;
        if (challengePeriod == null || (awaitFirstFinalization && !finalizationSeen)) {
            return;
        }
        Instant now = ctx.now();
        IndexTimeline.Estimate oldest = pending.oldest();
        if (oldest == null) {
            long warn = challengePeriod.plus(grace).toSeconds();
            out.add(Evaluation.lazy(kind(), null, Level.OK, 0, warn, ctx.l1Block(), () -> new Evaluation.Words(
                    "No state proposal awaits finalization (threshold " + Text.duration(Duration.ofSeconds(warn))
                    + " = challenge period " + Text.duration(challengePeriod) + " + " + Text.duration(grace)
                    + " grace).", this::evidence)));
            return;
        }
        Instant proposedAt = Instant.ofEpochMilli(oldest.timeMillis());
        Instant challengeEnd = Instant.ofEpochMilli(oldest.tag());
        long age = Math.max(0, Duration.between(proposedAt, now).toSeconds());
        long warn = Math.max(0, Duration.between(proposedAt, challengeEnd.plus(grace)).toSeconds());
        long critical = warn + criticalOverdue.toSeconds();
        evaluatedProposedAt = oldest.timeMillis();
        evaluatedWarn = warn;
        Level level = age > critical ? Level.CRITICAL : age > warn ? Level.WARNING : Level.OK;
        long threshold = level == Level.CRITICAL ? critical : warn;
        out.add(Evaluation.lazy(kind(), null, level, age, threshold, ctx.l1Block(),
                () -> words(now, oldest, proposedAt, challengeEnd, age, level, threshold)));
    }

    private Map<String, String> evidence() {
        Map<String, String> evidence = new TreeMap<>();
        evidence.put("challengePeriodSeconds", Long.toString(challengePeriod.toSeconds()));
        evidence.put("graceSeconds", Long.toString(grace.toSeconds()));
        if (lastFinalizedAt != null) {
            evidence.put("lastFinalizedAt", lastFinalizedAt.toString());
        }
        return evidence;
    }

    private Evaluation.Words words(Instant now, IndexTimeline.Estimate oldest, Instant proposedAt, Instant challengeEnd,
                                   long age, Level level, long threshold) {
        long count = pending.weight();
        String about = oldest.exact() ? "" : "about ";
        String challenge = now.isBefore(challengeEnd)
                ? "its challenge period ends in " + about + Text.duration(Duration.between(now, challengeEnd))
                : "its challenge period ended " + about + Text.duration(Duration.between(challengeEnd, now)) + " ago";
        String rule = "threshold " + Text.duration(Duration.ofSeconds(threshold)) + " = challenge period "
                + Text.duration(Duration.between(proposedAt, challengeEnd)) + " + " + Text.duration(grace) + " grace"
                + (level == Level.CRITICAL ? " + " + Text.duration(criticalOverdue) : "");
        String summary = "The oldest unfinalized state proposal"
                + (oldest.exact() ? ", for " + keyLabel + oldest.index() + "," : "") + " is " + about
                + Text.duration(Duration.ofSeconds(age)) + " old and " + challenge + "; " + count
                + (count == 1 ? " proposal" : " proposals") + " pending (" + rule + ").";
        return new Evaluation.Words(summary, () -> {
            Map<String, String> evidence = evidence();
            if (oldest.exact()) {
                evidence.put("oldestProposalKey", Long.toString(oldest.index()));
            }
            evidence.put("oldestProposedAt", proposedAt.toString());
            evidence.put("oldestChallengeEndsAt", challengeEnd.toString());
            evidence.put("pendingProposals", Long.toString(count));
            return evidence;
        });
    }

    @Override
    public boolean absenceBased() {
        return true;
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeBoolean(finalizationSeen);
        StateIO.writeInstant(out, lastFinalizedAt);
        out.writeUTF(keyLabel);
        pending.write(out);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        finalizationSeen = in.readBoolean();
        lastFinalizedAt = StateIO.readInstant(in);
        keyLabel = in.readUTF();
        pending.read(in);
    }
}
