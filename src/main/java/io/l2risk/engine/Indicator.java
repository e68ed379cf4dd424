package io.l2risk.engine;

import io.l2risk.avro.BatchPosted;
import io.l2risk.avro.BridgeEvent;
import io.l2risk.avro.DaObservation;
import io.l2risk.avro.IngestProgress;
import io.l2risk.avro.ProofEvent;
import io.l2risk.records.IngestRecords;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * One indicator of one rollup: its state, how events change it, and what it concludes.
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #onEvent} sees every valid ingest record of the rollup in arrival order (its L1 time
 *       may be earlier than {@link RollupContext#now()} when records arrive out of order; state must
 *       stay consistent, e.g. by taking maxima).</li>
 *   <li>{@link #evaluate} is called after every record, with the clock already moved, and must add
 *       the <em>complete</em> current picture: one evaluation per subject it tracks (or one with a
 *       {@code null} subject). A subject with an open alert that is no longer reported is resolved.
 *       The engine may skip an evaluation that {@link #quietUntil} says would repeat the last one.</li>
 *   <li>State is bounded (no list grows with history) and serialized by {@link #writeState} /
 *       {@link #readState}; {@code readState} after {@code writeState} must give an equal indicator.</li>
 *   <li>No clocks, no randomness, no I/O: the same records give the same evaluations (backtest ==
 *       topology).</li>
 * </ul>
 */
public abstract class Indicator {

    private final IndicatorKind kind;

    protected Indicator(IndicatorKind kind) {
        this.kind = kind;
    }

    public final IndicatorKind kind() {
        return kind;
    }

    /** {@link #consumes} bit of {@code BatchPosted} records. */
    public static final int BATCHES = bitOf(BatchPosted.class);
    /** {@link #consumes} bit of {@code ProofEvent} records. */
    public static final int PROOFS = bitOf(ProofEvent.class);
    /** {@link #consumes} bit of {@code BridgeEvent} records. */
    public static final int BRIDGE = bitOf(BridgeEvent.class);
    /** {@link #consumes} bit of {@code DaObservation} records. */
    public static final int DA = bitOf(DaObservation.class);
    /** {@link #consumes} bit of {@code IngestProgress} heartbeats. */
    public static final int PROGRESS = bitOf(IngestProgress.class);
    /** Every record type. */
    public static final int ALL = BATCHES | PROOFS | BRIDGE | DA | PROGRESS;

    private static int bitOf(Class<? extends SpecificRecord> type) {
        return typeBit(IngestRecords.TYPES.indexOf(type));
    }

    /**
     * The {@link #consumes} bit of the ingest record type at {@code index} in {@link IngestRecords#TYPES}
     * (bit <i>index</i>); {@link #ALL} for an index past them, a type the engine does not know.
     */
    static int typeBit(int index) {
        return index < IngestRecords.TYPES.size() ? 1 << index : ALL;
    }

    /**
     * The record types {@link #onEvent} acts on, as a mask of {@link #BATCHES}, {@link #PROOFS},
     * {@link #BRIDGE}, {@link #DA} and {@link #PROGRESS}: for a record of any other type it changes
     * nothing and returns {@code false}, so the engine does not call it: heartbeats and DA observations
     * reach only the indicators that move or prune with the clock, or read DA. The default is {@link #ALL}.
     */
    public int consumes() {
        return ALL;
    }

    /**
     * Updates the state with one valid ingest record.
     *
     * @return whether the record may have changed what {@link #evaluate} reports, or when it would
     *         report something else; {@code true} is always safe
     */
    public boolean onEvent(SpecificRecord event, RollupContext ctx) {
        return false;
    }

    /** Adds the current evaluations (one per subject) to {@code out}. */
    public abstract void evaluate(RollupContext ctx, List<Evaluation> out);

    /**
     * How long the evaluation just made stays valid: the L1 time, in epoch milliseconds, before which
     * {@link #evaluate} would add the same subjects with the same levels, thresholds and values (values
     * may move if {@link #valuesFollowClock}) as long as {@link #onEvent} returns {@code false}, and
     * before which skipping it changes nothing else. The engine asks only right after an evaluation in
     * which every subject was OK, with no alert of this kind open, and does not evaluate again before
     * that time unless a record changes the indicator. The default, {@link Long#MIN_VALUE}, never skips.
     */
    public long quietUntil(RollupContext ctx) {
        return Long.MIN_VALUE;
    }

    /**
     * Whether the values of the evaluation just made move with the clock (a gap, an age) while its
     * levels and thresholds stay: the engine then evaluates again when a snapshot refresh is due. Asked
     * with {@link #quietUntil}; an evaluation whose values move has at most one subject (with several,
     * which is the worst could change).
     */
    public boolean valuesFollowClock() {
        return false;
    }

    /**
     * True for indicators that fire on the <em>absence</em> of something (no batch, no proof): they are
     * not evaluated while the monitor's data is stale, so their alerts neither fire nor resolve then.
     */
    public boolean absenceBased() {
        return false;
    }

    /**
     * How long an alert's condition must stay OK before it resolves (hysteresis against flapping).
     * Zero resolves at once, e.g. when the awaited batch arrives.
     */
    public Duration clearAfter() {
        return Duration.ZERO;
    }

    public abstract void writeState(DataOutput out) throws IOException;

    public abstract void readState(DataInput in) throws IOException;
}
