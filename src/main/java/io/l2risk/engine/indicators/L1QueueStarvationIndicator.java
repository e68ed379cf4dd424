package io.l2risk.engine.indicators;

import io.l2risk.avro.BatchPosted;
import io.l2risk.avro.BridgeEvent;
import io.l2risk.avro.BridgeEventKind;
import io.l2risk.avro.Level;
import io.l2risk.engine.Evaluation;
import io.l2risk.engine.Indicator;
import io.l2risk.engine.IndicatorKind;
import io.l2risk.engine.RollupContext;
import io.l2risk.engine.RollupProfile;
import io.l2risk.engine.Text;
import io.l2risk.engine.stats.AdaptiveThreshold;
import io.l2risk.engine.stats.ThresholdRule;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * L1_QUEUE_STARVATION — age of the oldest L1→L2 message (deposit, forced transaction) the sequencer
 * has not yet consumed, against the rollup's force-inclusion window, with the live countdown until
 * users can force-include it ("users can force-include in 20h 50m"). Absence-based.
 *
 * <p>Messages enter with {@code DEPOSIT_INITIATED} / {@code L1_MESSAGE_QUEUED} carrying a
 * {@code queueIndex} (and optionally their own force-inclusion {@code deadline}, e.g. a zkSync priority
 * operation's expiration). They leave in queue order: {@code L1_MESSAGE_CONSUMED} with a
 * {@code queueIndex} consumes everything through it, {@code BatchPosted.l1MessagesProcessed = n}
 * everything below {@code n} (Arbitrum {@code afterDelayedMessagesRead}). Judged from the first
 * consumption seen: a rollup whose ingester reports enqueues but no consumption would otherwise look
 * starved forever. Each consumed message adds its wait to a rolling histogram.
 *
 * <p>Rule ({@link ThresholdPolicy}, parameters under {@code thresholds.L1_QUEUE_STARVATION}): learned from
 * the rollup's own waits ({@link ThresholdRule#latency()}: ready after 30 messages over 2 days), never
 * below {@code minWarnAfter} 30m; before that
 * {@code defaultWarnAfter} 1h and {@code defaultCriticalAfter} 6h (Arbitrum's normal delayed-message wait
 * is ≈ 900 s, and hour means of 6 588–10 272 s marked the 2023-12-15 outage, incidents.md #1); never
 * later than a quarter (WARNING) and half (CRITICAL) of {@link RollupProfile#forceInclusionWindow()}
 * (Arbitrum {@code maxTimeVariation.delaySeconds} 86 400 s).
 *
 * <p>Bounded: enqueue times are kept as at most {@value #CHECKPOINTS} checkpoints from the oldest
 * unconsumed message on ({@link IndexTimeline}; beyond that, the oldest message's enqueue time is
 * interpolated: "waiting about 3h"); counts come from queue indexes.
 */
public final class L1QueueStarvationIndicator extends Indicator {

    static final int CHECKPOINTS = 64;

    private final Duration window;
    private final ThresholdPolicy policy;
    private final IndexTimeline queue = new IndexTimeline(CHECKPOINTS);
    private AdaptiveThreshold waits;
    /** The last evaluation's thresholds and oldest waiting message's time (or {@code null}), for {@link #quietUntil}. */
    private Limits evaluated;
    private Long evaluatedOldest;

    public L1QueueStarvationIndicator(RollupProfile profile) {
        super(IndicatorKind.L1_QUEUE_STARVATION);
        this.window = profile.forceInclusionWindow();
        this.policy = ThresholdPolicy.of(profile, IndicatorKind.L1_QUEUE_STARVATION, "", ThresholdRule.latency(),
                Duration.ofHours(1), Duration.ofHours(6), Duration.ofMinutes(30),
                new ThresholdPolicy.ProtocolBound(window, "force-inclusion window", 0.25, 0.5));
        this.waits = policy.newBaseline();
    }

    @Override
    public int consumes() {
        return BATCHES | BRIDGE;
    }

    @Override
    public boolean onEvent(SpecificRecord event, RollupContext ctx) {
        if (event instanceof BridgeEvent bridge && bridge.getQueueIndex() != null) {
            BridgeEventKind kind = bridge.getKind();
            Instant time = bridge.getSource().getBlockTime();
            if (kind == BridgeEventKind.DEPOSIT_INITIATED || kind == BridgeEventKind.L1_MESSAGE_QUEUED) {
                queue.add(bridge.getQueueIndex(), time.toEpochMilli(),
                        bridge.getDeadline() == null ? IndexTimeline.NO_TAG : bridge.getDeadline().toEpochMilli());
            } else if (kind == BridgeEventKind.L1_MESSAGE_CONSUMED) {
                consumeBelow(bridge.getQueueIndex() + 1, time);
            }
            return true;
        } else if (event instanceof BatchPosted batch && batch.getL1MessagesProcessed() != null) {
            consumeBelow(batch.getL1MessagesProcessed(), batch.getSource().getBlockTime());
            return true;
        }
        return false;
    }

    private void consumeBelow(long next, Instant time) {
        if (queue.hasFrontier() && next <= queue.frontier()) {
            return;
        }
        long from = queue.hasFrontier() ? queue.frontier() : Long.MIN_VALUE;
        queue.forEachBetween(from, next, entry -> {
            long waitMillis = time.toEpochMilli() - entry.timeMillis();
            if (waitMillis >= 0) {
                policy.learn(waits, time, waitMillis / 1000.0);
            }
        });
        queue.settleBelow(next);
        if (next > 0) {
            queue.noteIndex(next - 1);
        }
    }

    /**
     * With nothing waiting, only a record or new thresholds change the evaluation; the oldest waiting
     * message's age grows until it exceeds the warning threshold.
     */
    @Override
    public long quietUntil(RollupContext ctx) {
        return policy.okUntilMillis(waits, evaluated, evaluatedOldest);
    }

    @Override
    public boolean valuesFollowClock() {
        return evaluatedOldest != null;
    }

    @Override
    public void evaluate(RollupContext ctx, List<Evaluation> out) {
        evaluatedOldest = null;
        if (!queue.hasFrontier()) {
            return;
        }
        Instant now = ctx.now();
        long next = queue.frontier();
        long pending = queue.highest() < next ? 0 : queue.highest() - next + 1;
        IndexTimeline.Estimate oldest = pending > 0 ? queue.estimate(next) : null;
        long age = oldest == null ? 0 : Math.max(0, (now.toEpochMilli() - oldest.timeMillis()) / 1000);
        Limits thresholds = policy.apply(waits, now, "wait");
        evaluated = thresholds;
        evaluatedOldest = oldest == null ? null : oldest.timeMillis();
        Level level = thresholds.level(age);
        out.add(Evaluation.lazy(kind(), null, level, age, thresholds.threshold(level), ctx.l1Block(),
                () -> words(now, next, pending, oldest, age, level, thresholds)));
    }

    private Evaluation.Words words(Instant now, long next, long pending, IndexTimeline.Estimate oldest, long age,
                                   Level level, Limits thresholds) {
        String summary;
        if (oldest == null) {
            summary = pending == 0
                    ? "No L1→L2 message waiting; consumed through queue index " + (next - 1) + " ("
                            + thresholds.describe(level) + ")."
                    : pending + " L1→L2 messages waiting from queue index " + next + " on (enqueue time unknown; "
                            + thresholds.describe(level) + ").";
        } else {
            String ageText = (oldest.exact() ? "" : "about ") + Text.duration(Duration.ofSeconds(age));
            summary = "Oldest L1→L2 message (queue index " + next + ") waiting " + ageText + ", " + pending
                    + " pending; " + countdown(deadline(oldest), now) + " (" + thresholds.describe(level) + ").";
        }
        return new Evaluation.Words(summary, () -> {
            Map<String, String> evidence = thresholds.evidence();
            evidence.put("pendingMessages", Long.toString(pending));
            evidence.put("consumedThroughQueueIndex", Long.toString(next - 1));
            if (window != null) {
                evidence.put("forceInclusionWindowSeconds", Long.toString(window.toSeconds()));
            }
            if (oldest != null) {
                evidence.put("oldestQueueIndex", Long.toString(next));
                evidence.put("oldestQueuedAt", Instant.ofEpochMilli(oldest.timeMillis()).toString());
                Instant deadline = deadline(oldest);
                if (deadline != null) {
                    evidence.put("forceInclusionAt", deadline.toString());
                }
            }
            return evidence;
        });
    }

    /** When users can force-include the message: its own deadline, else its enqueue time plus the window. */
    private Instant deadline(IndexTimeline.Estimate oldest) {
        return oldest.tag() != IndexTimeline.NO_TAG ? Instant.ofEpochMilli(oldest.tag())
                : window == null ? null : Instant.ofEpochMilli(oldest.timeMillis()).plus(window);
    }

    /** "users can force-include in 20h 50m", from {@link #deadline}. */
    private static String countdown(Instant deadline, Instant now) {
        if (deadline == null) {
            return "no force-inclusion window is known for this rollup";
        }
        if (now.isBefore(deadline)) {
            return "users can force-include in " + Text.duration(Duration.between(now, deadline));
        }
        return "users have been able to force-include it for " + Text.duration(Duration.between(deadline, now));
    }

    @Override
    public boolean absenceBased() {
        return true;
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        queue.write(out);
        waits.writeTo(out);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        queue.read(in);
        waits = policy.readBaseline(in);
    }
}
