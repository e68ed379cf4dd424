package io.l2risk.engine.stats;

import io.l2risk.engine.StateIO;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * Counts and exact amount sums over a sliding event-time window of {@code bucketCount} sub-buckets of
 * {@code bucketSeconds}, aligned to multiples of {@code bucketSeconds} (epoch seconds) — e.g. 60 × 1 min
 * for one hour, from which the last 10 sub-buckets give the 10-minute window too.
 *
 * <p>Window semantics at event time {@code t} with {@code k} sub-buckets: the observations whose
 * sub-bucket is one of the last {@code k}, i.e. times in
 * {@code [(floor(t / bucketSeconds) − k + 1) · bucketSeconds, t]}. So an observation at time {@code s}
 * leaves the full window exactly when event time reaches
 * {@code (floor(s / bucketSeconds) + bucketCount) · bucketSeconds}; the window spans between
 * {@code (k − 1)} and {@code k} sub-buckets of event time.
 *
 * <p>Amounts are exact unsigned 128-bit integers per sub-bucket and per query, saturating at
 * 2^128 − 1 (see {@link #isSaturated}). {@link #add} is O(1) and allocation-free; queries are
 * O(sub-buckets). Event time only moves forward; observations older than the window are ignored.
 * Not thread-safe.
 */
public final class RollingSum {

    private static final int FORMAT_VERSION = 1;
    private static final int MAX_BUCKETS = 4096;

    private final long bucketSeconds;
    private final int[] counts;
    private final long[] highs;
    private final long[] lows;
    private long now = Long.MIN_VALUE;
    /** Reused by queries so they do not allocate. */
    private final long[] scratchHigh = new long[1];
    private final long[] scratchLow = new long[1];

    /**
     * An empty window of {@code bucketCount} sub-buckets of {@code bucketSeconds}.
     *
     * @throws IllegalArgumentException if {@code bucketSeconds < 1} or {@code bucketCount} is not in 1..4096
     */
    public RollingSum(long bucketSeconds, int bucketCount) {
        if (bucketSeconds < 1) {
            throw new IllegalArgumentException("bucketSeconds must be positive, got " + bucketSeconds);
        }
        if (bucketCount < 1 || bucketCount > MAX_BUCKETS) {
            throw new IllegalArgumentException("bucketCount must be in 1.." + MAX_BUCKETS + ", got " + bucketCount);
        }
        this.bucketSeconds = bucketSeconds;
        this.counts = new int[bucketCount];
        this.highs = new long[bucketCount];
        this.lows = new long[bucketCount];
    }

    /** One hour in 60 one-minute sub-buckets. */
    public static RollingSum lastHourByMinute() {
        return new RollingSum(60, 60);
    }

    /** One day in 24 one-hour sub-buckets. */
    public static RollingSum lastDayByHour() {
        return new RollingSum(3_600, 24);
    }

    /**
     * Counts one observation without an amount.
     *
     * @return false if {@code eventTime} is older than the window and was ignored
     */
    public boolean add(long eventTime) {
        return add(eventTime, 0L, 0L);
    }

    /**
     * Counts one observation of a non-negative {@code amount}, exact below 2^128.
     *
     * @return false if {@code eventTime} is older than the window and was ignored
     * @throws IllegalArgumentException if {@code amount} is negative
     */
    public boolean add(long eventTime, BigInteger amount) {
        return add(eventTime, UInt128.high(amount), UInt128.low(amount));
    }

    private boolean add(long eventTime, long high, long low) {
        advanceTo(eventTime);
        long bucket = Math.floorDiv(eventTime, bucketSeconds);
        if (bucket <= head() - counts.length) {
            return false;
        }
        int i = ringIndex(bucket);
        if (counts[i] != Integer.MAX_VALUE) {
            counts[i]++;
        }
        UInt128.addInto(highs, lows, i, high, low);
        return true;
    }

    /** Moves event time forward to {@code eventTime}, emptying sub-buckets that leave the window. */
    public void advanceTo(long eventTime) {
        if (now != Long.MIN_VALUE && eventTime <= now) {
            return;
        }
        long previousHead = now == Long.MIN_VALUE ? Long.MIN_VALUE : head();
        now = eventTime;
        if (previousHead == Long.MIN_VALUE) {
            return;
        }
        long expired = Math.min(head() - previousHead, counts.length);
        for (long k = 1; k <= expired; k++) {
            int i = ringIndex(previousHead + k);
            counts[i] = 0;
            highs[i] = 0;
            lows[i] = 0;
        }
    }

    /** Observations in the whole window. */
    public long count() {
        return count(counts.length);
    }

    /** Observations in the last {@code lastBuckets} sub-buckets (the current one included). */
    public long count(int lastBuckets) {
        checkSpan(lastBuckets);
        if (now == Long.MIN_VALUE) {
            return 0;
        }
        long sum = 0;
        long head = head();
        for (int k = 0; k < lastBuckets; k++) {
            sum += counts[ringIndex(head - k)];
        }
        return sum;
    }

    /** Exact sum of amounts in the whole window. */
    public BigInteger sum() {
        return sum(counts.length);
    }

    /** Exact sum of amounts in the last {@code lastBuckets} sub-buckets (saturated at 2^128 − 1). */
    public BigInteger sum(int lastBuckets) {
        accumulate(lastBuckets);
        return UInt128.toBigInteger(scratchHigh[0], scratchLow[0]);
    }

    /**
     * The sum of the last {@code lastBuckets} sub-buckets as a double, allocation-free: for comparing
     * with thresholds, never for accounting.
     */
    public double sumAsDouble(int lastBuckets) {
        accumulate(lastBuckets);
        return UInt128.toDouble(scratchHigh[0], scratchLow[0]);
    }

    /** True if the sum of the last {@code lastBuckets} sub-buckets reached 2^128 − 1 and is a lower bound. */
    public boolean isSaturated(int lastBuckets) {
        accumulate(lastBuckets);
        return scratchHigh[0] == -1L && scratchLow[0] == -1L;
    }

    /** The latest event time seen; {@link Long#MIN_VALUE} before any. */
    public long now() {
        return now;
    }

    public long bucketSeconds() {
        return bucketSeconds;
    }

    public int bucketCount() {
        return counts.length;
    }

    /** The longest span the window covers, {@code bucketCount × bucketSeconds}. */
    public long windowSeconds() {
        return bucketSeconds * counts.length;
    }

    /** Writes the window: version byte, shape, event time, then each sub-bucket from oldest to newest. */
    public void writeTo(DataOutput out) throws IOException {
        out.writeByte(FORMAT_VERSION);
        StateIO.writeVarint(out, bucketSeconds);
        StateIO.writeVarint(out, counts.length);
        out.writeBoolean(now != Long.MIN_VALUE);
        if (now == Long.MIN_VALUE) {
            return;
        }
        Wire.writeSignedVarint(out, now);
        long oldest = head() - counts.length + 1;
        for (int k = 0; k < counts.length; k++) {
            int i = ringIndex(oldest + k);
            StateIO.writeVarint(out, counts[i]);
            UInt128.write(out, highs[i], lows[i]);
        }
    }

    /** Reads a window written by {@link #writeTo}. */
    public static RollingSum readFrom(DataInput in) throws IOException {
        Wire.checkVersion(in, FORMAT_VERSION, "RollingSum");
        long bucketSeconds = StateIO.readVarint(in);
        int bucketCount = Wire.readIntInRange(in, 1, MAX_BUCKETS, "RollingSum bucket count");
        if (bucketSeconds < 1) {
            throw new IOException("RollingSum sub-bucket length " + bucketSeconds + " is not positive");
        }
        RollingSum sum = new RollingSum(bucketSeconds, bucketCount);
        if (!in.readBoolean()) {
            return sum;
        }
        sum.now = Wire.readSignedVarint(in);
        long oldest = sum.head() - bucketCount + 1;
        for (int k = 0; k < bucketCount; k++) {
            int i = sum.ringIndex(oldest + k);
            sum.counts[i] = Wire.readIntInRange(in, 0, Integer.MAX_VALUE, "RollingSum count");
            UInt128.read(in, sum.highs, sum.lows, i);
        }
        return sum;
    }

    /** Upper bound of the bytes {@link #writeTo} writes, for any history. */
    public int serializedSizeBound() {
        return 1 + Wire.MAX_LONG_VARINT + 2 + 1 + Wire.MAX_LONG_VARINT
                + counts.length * (Wire.MAX_INT_VARINT + UInt128.MAX_SERIALIZED);
    }

    private void accumulate(int lastBuckets) {
        checkSpan(lastBuckets);
        scratchHigh[0] = 0;
        scratchLow[0] = 0;
        if (now == Long.MIN_VALUE) {
            return;
        }
        long head = head();
        for (int k = 0; k < lastBuckets; k++) {
            int i = ringIndex(head - k);
            UInt128.addInto(scratchHigh, scratchLow, 0, highs[i], lows[i]);
        }
    }

    private void checkSpan(int lastBuckets) {
        if (lastBuckets < 1 || lastBuckets > counts.length) {
            throw new IllegalArgumentException("lastBuckets must be in 1.." + counts.length + ", got " + lastBuckets);
        }
    }

    private long head() {
        return Math.floorDiv(now, bucketSeconds);
    }

    private int ringIndex(long bucket) {
        return (int) Math.floorMod(bucket, (long) counts.length);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof RollingSum r) || r.bucketSeconds != bucketSeconds || r.counts.length != counts.length
                || r.now != now) {
            return false;
        }
        return Arrays.equals(r.counts, counts) && Arrays.equals(r.highs, highs) && Arrays.equals(r.lows, lows);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(now) * 31 + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "RollingSum[" + counts.length + " x " + bucketSeconds + "s, count=" + count() + ", sum=" + sum() + "]";
    }
}
