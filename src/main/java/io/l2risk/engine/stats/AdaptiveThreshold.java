package io.l2risk.engine.stats;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A {@link RollingWindowHistogram} baseline with its {@link ThresholdRule}: checks values against the
 * baseline and learns them without letting an incident poison it ({@link Thresholds#learnable}).
 *
 * <p>Thresholds are recomputed (O(buckets)) when event time enters a new {@code refreshSeconds} period
 * and as soon as a warming-up baseline becomes ready; in between, checks are O(1). The cached
 * thresholds and the next refresh time are part of the serialized state, so a processor that reads and
 * writes this object around every record decides exactly as an in-memory backtest does.
 *
 * <p>Static bounds (protocol parameters, operator overrides) are passed on every call rather than
 * stored, so a configuration change applies at once: they fire on their own, and stand in for the
 * baseline while it warms up. Not thread-safe.
 */
public final class AdaptiveThreshold {

    private static final int FORMAT_VERSION = 1;

    private final ThresholdRule rule;
    private final RollingWindowHistogram baseline;
    private Thresholds cached = Thresholds.notReady(0);
    private long nextRefresh = Long.MIN_VALUE;

    /** Thresholds of {@code rule} over {@code baseline} (which this object then owns). */
    public AdaptiveThreshold(ThresholdRule rule, RollingWindowHistogram baseline) {
        this.rule = rule;
        this.baseline = baseline;
    }

    /** The baseline's thresholds as of {@code now} (advancing the baseline's event time); not capped. */
    public Thresholds thresholds(long now) {
        baseline.advanceTo(now);
        if (now >= nextRefresh || !cached.adaptive() && RobustBaseline.isReady(baseline, rule)) {
            cached = RobustBaseline.thresholds(baseline, rule);
            nextRefresh = (Math.floorDiv(now, rule.refreshSeconds()) + 1) * rule.refreshSeconds();
        }
        return cached;
    }

    /**
     * The event time before which {@link #thresholds(long)} returns what it returned last unless a
     * value is learned in between: the next refresh once the baseline is ready; while it warms up, the
     * earliest time it could become ready by covering {@code minCoverageSeconds} (never, with too few
     * samples: only learning adds them).
     */
    public long stableUntil() {
        if (cached.adaptive()) {
            return nextRefresh;
        }
        long first = baseline.firstObservation();
        if (baseline.count() < rule.minSamples() || first == Long.MIN_VALUE) {
            return Long.MAX_VALUE;
        }
        // Coverage is at most the time since the first observation.
        return first > Long.MAX_VALUE - rule.minCoverageSeconds() ? Long.MAX_VALUE : first + rule.minCoverageSeconds();
    }

    /** The thresholds as of {@code now}, capped by {@code staticBounds} (see {@link Thresholds#cappedBy}). */
    public Thresholds thresholds(long now, Thresholds staticBounds) {
        return thresholds(now).cappedBy(staticBounds);
    }

    /** The level of {@code value} as of {@code now}, without learning it — e.g. an ongoing gap. */
    public Level check(long now, double value, Thresholds staticBounds) {
        return thresholds(now, staticBounds).levelOf(value);
    }

    /** Learns {@code value} observed at {@code eventTime} as {@link Thresholds#learnable}. */
    public void learn(long eventTime, double value, Thresholds staticBounds) {
        baseline.add(eventTime, thresholds(eventTime, staticBounds).learnable(value));
    }

    /** {@link #check} then {@link #learn}: for a completed value, e.g. a closed gap or an hour's count. */
    public Level observe(long eventTime, double value, Thresholds staticBounds) {
        Thresholds t = thresholds(eventTime, staticBounds);
        baseline.add(eventTime, t.learnable(value));
        return t.levelOf(value);
    }

    public ThresholdRule rule() {
        return rule;
    }

    /** The baseline, for its quantiles and coverage; mutate it only through this object. */
    public RollingWindowHistogram baseline() {
        return baseline;
    }

    /** Writes the baseline and the cached thresholds (not the rule, which is configuration). */
    public void writeTo(DataOutput out) throws IOException {
        out.writeByte(FORMAT_VERSION);
        baseline.writeTo(out);
        cached.writeTo(out);
        Wire.writeSignedVarint(out, nextRefresh);
    }

    /** Reads what {@link #writeTo} wrote, under {@code rule}. */
    public static AdaptiveThreshold readFrom(DataInput in, ThresholdRule rule) throws IOException {
        Wire.checkVersion(in, FORMAT_VERSION, "AdaptiveThreshold");
        AdaptiveThreshold a = new AdaptiveThreshold(rule, RollingWindowHistogram.readFrom(in));
        a.cached = Thresholds.readFrom(in);
        a.nextRefresh = Wire.readSignedVarint(in);
        return a;
    }

    /** Upper bound of the bytes {@link #writeTo} writes, for any history. */
    public int serializedSizeBound() {
        return 1 + baseline.serializedSizeBound() + Thresholds.serializedSizeBound() + Wire.MAX_LONG_VARINT;
    }
}
