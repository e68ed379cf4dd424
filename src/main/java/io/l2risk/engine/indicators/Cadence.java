package io.l2risk.engine.indicators;

import io.l2risk.avro.Level;
import io.l2risk.avro.Source;
import io.l2risk.engine.Evaluation;
import io.l2risk.engine.IndicatorKind;
import io.l2risk.engine.RollupContext;
import io.l2risk.engine.StateIO;
import io.l2risk.engine.Text;
import io.l2risk.engine.stats.AdaptiveThreshold;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The time since the latest occurrence of something a rollup does regularly (post a batch, propose
 * a state, verify a proof), judged by a {@link ThresholdPolicy} against the rollup's own history of
 * intervals between occurrences. Shared by the liveness indicators.
 *
 * <p>Intervals are measured between distinct L1 times: several occurrences in one block count once,
 * so the history describes how often the rollup comes back to L1, not how many records it sends. An
 * occurrence older than the latest (an out-of-order record) changes nothing.
 */
final class Cadence {

    /**
     * How an indicator speaks about its occurrences.
     *
     * @param absent         {@code "No batch posted for "}, followed by the gap
     * @param present        {@code "Last batch "}, followed by the gap and {@code " ago"}
     * @param evidencePrefix evidence key prefix, e.g. {@code "lastBatch"} gives {@code lastBatchAt}
     */
    record Wording(String absent, String present, String evidencePrefix) {
    }

    private final IndicatorKind kind;
    private final ThresholdPolicy policy;
    private final Wording wording;
    private AdaptiveThreshold intervals;

    private Instant last;
    private String lastTx;
    private String lastIndexName;
    private Long lastIndex;
    private Long lastBlock;
    /** The thresholds of the last evaluation, for {@link #quietUntil} (not persisted). */
    private Limits evaluated;

    Cadence(IndicatorKind kind, ThresholdPolicy policy, Wording wording) {
        this.kind = kind;
        this.policy = policy;
        this.wording = wording;
        this.intervals = policy.newBaseline();
    }

    /**
     * Records one occurrence at the L1 position of {@code source}, with an optional sequence number
     * shown in the evidence as {@code indexName} (e.g. {@code lastBatchIndex}).
     */
    void observe(Source source, String indexName, Long index) {
        Instant time = source.getBlockTime();
        if (last != null && time.isBefore(last)) {
            return;
        }
        if (last != null && time.isAfter(last)) {
            policy.learn(intervals, time, Duration.between(last, time).toMillis() / 1000.0);
            lastIndex = null;
        }
        last = time;
        lastTx = source.getTxHash();
        lastBlock = source.getBlockNumber();
        if (index != null && (lastIndex == null || index > lastIndex)) {
            lastIndex = index;
            lastIndexName = indexName;
        }
    }

    /** Adds the evaluation at {@code ctx.now()}, or nothing before the first occurrence. */
    void evaluate(RollupContext ctx, List<Evaluation> out) {
        if (last == null) {
            return;
        }
        Instant now = ctx.now();
        long gap = Math.max(0, Limits.secondsBetween(last, now));
        Limits thresholds = policy.apply(intervals, now, "interval");
        evaluated = thresholds;
        Level level = thresholds.level(gap);
        out.add(Evaluation.lazy(kind, null, level, gap, thresholds.threshold(level), ctx.l1Block(),
                () -> words(gap, level, thresholds)));
    }

    /**
     * Right after an OK evaluation: the gap stays OK until it exceeds the warning threshold in whole
     * seconds, as long as no occurrence comes and the thresholds stand.
     */
    long quietUntil() {
        if (last == null) {
            return Long.MAX_VALUE;
        }
        return policy.okUntilMillis(intervals, evaluated, last.toEpochMilli());
    }

    private Evaluation.Words words(long gap, Level level, Limits thresholds) {
        String gapText = Text.duration(Duration.ofSeconds(gap));
        String summary = (level == Level.OK ? wording.present() + gapText + " ago" : wording.absent() + gapText)
                + " (" + thresholds.describe(level) + ").";
        return new Evaluation.Words(summary, () -> evidence(thresholds));
    }

    private Map<String, String> evidence(Limits thresholds) {
        Map<String, String> evidence = thresholds.evidence();
        String prefix = wording.evidencePrefix();
        evidence.put(prefix + "At", last.toString());
        if (lastTx != null) {
            evidence.put(prefix + "Tx", lastTx);
        }
        if (lastBlock != null) {
            evidence.put(prefix + "Block", lastBlock.toString());
        }
        if (lastIndex != null) {
            evidence.put(lastIndexName, lastIndex.toString());
        }
        return evidence;
    }

    void write(DataOutput out) throws IOException {
        StateIO.writeInstant(out, last);
        StateIO.writeNullableString(out, lastTx);
        StateIO.writeNullableString(out, lastIndexName);
        StateIO.writeNullableLong(out, lastIndex);
        StateIO.writeNullableLong(out, lastBlock);
        intervals.writeTo(out);
    }

    void read(DataInput in) throws IOException {
        last = StateIO.readInstant(in);
        lastTx = StateIO.readNullableString(in);
        lastIndexName = StateIO.readNullableString(in);
        lastIndex = StateIO.readNullableLong(in);
        lastBlock = StateIO.readNullableLong(in);
        intervals = policy.readBaseline(in);
    }
}
