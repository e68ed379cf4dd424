package io.l2risk.engine.stats;

import io.l2risk.engine.StateIO;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Upper thresholds for one metric, and the baseline numbers behind them for the alert's summary.
 * A value above {@code critical} is {@link Level#CRITICAL}, above {@code warning} {@link Level#WARNING}.
 * Infinite thresholds never fire.
 *
 * @param adaptive true if derived from a ready baseline; false for static bounds (or not ready)
 * @param warning warning threshold, in the metric's unit
 * @param critical critical threshold, at least {@code warning}
 * @param median baseline median (NaN if not adaptive)
 * @param spreadLog2 robust spread {@code s} in log2 units (NaN if not adaptive)
 * @param upperQuantile trimmed upper quantile {@code q} (NaN if not adaptive)
 * @param samples observations in the baseline
 */
public record Thresholds(boolean adaptive, double warning, double critical, double median, double spreadLog2,
        double upperQuantile, long samples) {

    private static final double LN2 = StrictMath.log(2.0);

    /** Never fires: no static bound and no baseline. */
    public static final Thresholds NONE = fixed(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);

    /** Validates that {@code warning <= critical}. */
    public Thresholds {
        if (!(warning <= critical)) {
            throw new IllegalArgumentException("warning " + warning + " above critical " + critical);
        }
    }

    /** Static bounds, e.g. derived from protocol parameters. */
    public static Thresholds fixed(double warning, double critical) {
        return new Thresholds(false, warning, critical, Double.NaN, Double.NaN, Double.NaN, 0);
    }

    static Thresholds notReady(long samples) {
        return new Thresholds(false, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NaN, Double.NaN,
                Double.NaN, samples);
    }

    /** The level of {@code value}: strictly above a threshold exceeds it. */
    public Level levelOf(double value) {
        if (value > critical) {
            return Level.CRITICAL;
        }
        return value > warning ? Level.WARNING : Level.NORMAL;
    }

    /**
     * How many robust sigmas {@code value} lies above the median in log2 space,
     * {@code (log2 value − log2 median) / s}; NaN if not adaptive.
     */
    public double robustZ(double value) {
        return (log2(value) - log2(median)) / spreadLog2;
    }

    /**
     * These thresholds capped by static bounds: a static bound (e.g. a protocol's maximum posting delay)
     * always fires, the baseline may fire earlier. Not adaptive: the static bounds alone.
     */
    public Thresholds cappedBy(Thresholds bounds) {
        if (!adaptive) {
            return bounds;
        }
        if (bounds.warning >= warning && bounds.critical >= critical) {
            return this;
        }
        double c = Math.min(critical, bounds.critical);
        double w = Math.min(Math.min(warning, bounds.warning), c);
        return new Thresholds(true, w, c, median, spreadLog2, upperQuantile, samples);
    }

    /**
     * What a baseline should learn from {@code value}: the value itself unless it exceeds the warning
     * threshold; an alerting value is replaced by the upper quantile (by the warning threshold for static
     * bounds). The observation still counts — sample count and coverage stay honest — but an incident,
     * however long, cannot raise the tail that its own thresholds are built on. A lasting change of rhythm
     * is learned once it holds the median, i.e. after about half the window.
     */
    public double learnable(double value) {
        if (value <= warning) {
            return value;
        }
        return adaptive ? upperQuantile : warning;
    }

    void writeTo(DataOutput out) throws IOException {
        out.writeBoolean(adaptive);
        StateIO.writeVarint(out, samples);
        if (adaptive) {
            out.writeDouble(warning);
            out.writeDouble(critical);
            out.writeDouble(median);
            out.writeDouble(spreadLog2);
            out.writeDouble(upperQuantile);
        }
    }

    static Thresholds readFrom(DataInput in) throws IOException {
        boolean adaptive = in.readBoolean();
        long samples = StateIO.readVarint(in);
        if (!adaptive) {
            return notReady(samples);
        }
        try {
            return new Thresholds(true, in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(),
                    in.readDouble(), samples);
        } catch (IllegalArgumentException e) {
            throw new IOException("corrupt thresholds: " + e.getMessage(), e);
        }
    }

    static int serializedSizeBound() {
        return 1 + Wire.MAX_LONG_VARINT + 5 * Double.BYTES;
    }

    private static double log2(double v) {
        return StrictMath.log(v) / LN2;
    }
}
