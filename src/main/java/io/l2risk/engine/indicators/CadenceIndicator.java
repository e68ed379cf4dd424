package io.l2risk.engine.indicators;

import io.l2risk.engine.Evaluation;
import io.l2risk.engine.Indicator;
import io.l2risk.engine.IndicatorKind;
import io.l2risk.engine.RollupContext;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;

/**
 * An absence-based indicator that measures the time since the last occurrence of something (a
 * batch, a state proposal, a proof) with a {@link Cadence}: subclasses only say which records count.
 */
abstract class CadenceIndicator extends Indicator {

    protected final Cadence cadence;

    CadenceIndicator(IndicatorKind kind, Cadence cadence) {
        super(kind);
        this.cadence = cadence;
    }

    @Override
    public final void evaluate(RollupContext ctx, List<Evaluation> out) {
        cadence.evaluate(ctx, out);
    }

    @Override
    public final long quietUntil(RollupContext ctx) {
        return cadence.quietUntil();
    }

    /** The gap grows with the clock. */
    @Override
    public final boolean valuesFollowClock() {
        return true;
    }

    @Override
    public final boolean absenceBased() {
        return true;
    }

    @Override
    public final void writeState(DataOutput out) throws IOException {
        cadence.write(out);
    }

    @Override
    public final void readState(DataInput in) throws IOException {
        cadence.read(in);
    }
}
