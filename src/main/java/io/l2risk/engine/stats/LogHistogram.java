package io.l2risk.engine.stats;

import io.l2risk.engine.StateIO;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * Counts of observations in the buckets of a {@link LogScale}: O(1), allocation-free {@link #add},
 * quantiles within the scale's relative error, merge, and decay by {@link #halve halving}.
 *
 * <p>Bounded: no bucket holds more than {@link #MAX_BUCKET_COUNT}. The add that would pass it halves
 * the whole histogram first (a step of exponential decay: older observations then weigh half as
 * much as newer ones). It takes 16,383 observations in one bucket, e.g. a chain posting every 12 s
 * for 2.3 days into one slot, and keeps every count at two varint bytes, so the serialized size is
 * bounded by the scale alone: {@link #serializedSizeBound(LogScale)}.
 *
 * <p>Not thread-safe.
 */
public final class LogHistogram implements LogDistribution {

    /** Largest count one bucket holds, 2^14 − 1, so that a count is at most two varint bytes. */
    public static final int MAX_BUCKET_COUNT = (1 << 14) - 1;

    private static final int FORMAT_VERSION = 1;

    private final LogScale scale;
    private final int[] counts;
    private long total;

    /** An empty histogram over {@code scale}. */
    public LogHistogram(LogScale scale) {
        this.scale = scale;
        this.counts = new int[scale.bucketCount()];
    }

    /** A copy of {@code other}. */
    public LogHistogram(LogHistogram other) {
        this.scale = other.scale;
        this.counts = other.counts.clone();
        this.total = other.total;
    }

    /**
     * Records one observation of {@code value} (clamped into the scale's range).
     *
     * @return true if the histogram was halved to stay bounded
     */
    public boolean add(double value) {
        return addToBucket(scale.bucketOf(value));
    }

    /** Records one non-negative integer amount; see {@link #add(double)}. */
    public boolean add(BigInteger amount) {
        return addToBucket(scale.bucketOf(amount));
    }

    boolean addToBucket(int bucket) {
        boolean halved = false;
        if (counts[bucket] >= MAX_BUCKET_COUNT) {
            halve();
            halved = true;
        }
        counts[bucket]++;
        total++;
        return halved;
    }

    /**
     * Adds all of {@code other}'s counts (same scale required), halving once if a bucket would pass
     * {@link #MAX_BUCKET_COUNT}.
     *
     * @throws IllegalArgumentException if the scales differ
     */
    public void merge(LogHistogram other) {
        requireSameScale(other.scale);
        boolean overflow = false;
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
            overflow |= counts[i] > MAX_BUCKET_COUNT;
        }
        total += other.total;
        if (overflow) {
            // Two capped counts sum to at most 2 × MAX, so one halving restores the bound.
            halve();
        }
    }

    /**
     * Halves every count, rounding up so a bucket that held anything still does: rare tail values
     * survive decay, which keeps tail-based thresholds conservative.
     */
    public void halve() {
        long sum = 0;
        for (int i = 0; i < counts.length; i++) {
            counts[i] = (counts[i] + 1) >>> 1;
            sum += counts[i];
        }
        total = sum;
    }

    /** Forgets every observation. */
    public void clear() {
        Arrays.fill(counts, 0);
        total = 0;
    }

    @Override
    public LogScale scale() {
        return scale;
    }

    @Override
    public long count() {
        return total;
    }

    @Override
    public long bucketCount(int bucket) {
        return counts[bucket];
    }

    /** Writes this histogram: version byte, scale, then the counts of the non-empty band of buckets. */
    public void writeTo(DataOutput out) throws IOException {
        out.writeByte(FORMAT_VERSION);
        scale.writeTo(out);
        writeCounts(out);
    }

    /** Reads a histogram written by {@link #writeTo}. */
    public static LogHistogram readFrom(DataInput in) throws IOException {
        Wire.checkVersion(in, FORMAT_VERSION, "LogHistogram");
        LogHistogram histogram = new LogHistogram(LogScale.readFrom(in));
        histogram.readCounts(in);
        return histogram;
    }

    /** Upper bound of the bytes {@link #writeTo} writes for any history over {@code scale}. */
    public static int serializedSizeBound(LogScale scale) {
        return 1 + LogScale.serializedSizeBound() + countsSizeBound(scale);
    }

    /** Counts only, from the first to the last non-empty bucket; the band is usually narrow. */
    void writeCounts(DataOutput out) throws IOException {
        int first = 0;
        while (first < counts.length && counts[first] == 0) {
            first++;
        }
        if (first == counts.length) {
            StateIO.writeVarint(out, 0);
            return;
        }
        int last = counts.length - 1;
        while (counts[last] == 0) {
            last--;
        }
        StateIO.writeVarint(out, last - first + 1);
        StateIO.writeVarint(out, first);
        for (int i = first; i <= last; i++) {
            StateIO.writeVarint(out, counts[i]);
        }
    }

    void readCounts(DataInput in) throws IOException {
        clear();
        int length = Wire.readIntInRange(in, 0, counts.length, "LogHistogram band length");
        if (length == 0) {
            return;
        }
        int first = Wire.readIntInRange(in, 0, counts.length - length, "LogHistogram first bucket");
        for (int i = first; i < first + length; i++) {
            counts[i] = Wire.readIntInRange(in, 0, MAX_BUCKET_COUNT, "LogHistogram bucket count");
            total += counts[i];
        }
    }

    static int countsSizeBound(LogScale scale) {
        // length and first bucket < 2^14 (two varint bytes each), then at most two bytes per count.
        return 2 + 2 + 2 * scale.bucketCount();
    }

    private void requireSameScale(LogScale other) {
        if (!scale.equals(other)) {
            throw new IllegalArgumentException("scales differ: " + scale + " vs " + other);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LogHistogram h && h.scale.equals(scale) && Arrays.equals(h.counts, counts);
    }

    @Override
    public int hashCode() {
        return 31 * scale.hashCode() + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "LogHistogram[n=" + total + ", p50=" + quantile(0.5) + ", " + scale + "]";
    }
}
