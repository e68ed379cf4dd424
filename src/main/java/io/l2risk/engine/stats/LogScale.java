package io.l2risk.engine.stats;

import io.l2risk.engine.StateIO;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigInteger;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fixed log-spaced buckets over {@code [2^minExponent, 2^maxExponent)}: each factor of two is split into
 * {@code bucketsPerDoubling} buckets of equal width in log space, plus one underflow bucket (index 0:
 * zero, negative, NaN and everything below the range) and one overflow bucket (the last index).
 *
 * <p>A bucket is represented by its geometric midpoint, so any value inside the range is reported
 * with a relative error of at most {@link #relativeError()} = 2^(1/(2·bucketsPerDoubling)) − 1
 * (4.4 % at 8 per doubling, 9.1 % at 4). Values outside the range are clamped to its edges.
 *
 * <p>Bucket mapping uses only {@link Math#getExponent}, {@link Math#scalb} and a table of
 * {@link StrictMath#pow} boundaries, so it is exact, allocation-free and identical on every JVM.
 * Immutable and thread-safe.
 */
public final class LogScale {

    /** Posting intervals, latencies and gaps in seconds: 1 s … 2^23 s (97 days), 8 per doubling. */
    public static final LogScale DURATION_SECONDS = new LogScale(0, 23, 8);

    /** Event counts per period: 1 … 16,384, 8 per doubling; a count of 0 falls in the underflow bucket. */
    public static final LogScale COUNTS = new LogScale(0, 14, 8);

    private static final int FORMAT_VERSION = 1;
    private static final int MAX_INTERNED = 1024;
    private static final ConcurrentHashMap<Long, LogScale> INTERNED = new ConcurrentHashMap<>();

    static {
        INTERNED.put(key(DURATION_SECONDS), DURATION_SECONDS);
        INTERNED.put(key(COUNTS), COUNTS);
    }
    private static final int MIN_EXPONENT = -1000;
    private static final int MAX_EXPONENT = 1000;
    private static final int MAX_PER_DOUBLING = 64;
    private static final int MAX_REGULAR_BUCKETS = 8192;

    private final int minExponent;
    private final int maxExponent;
    private final int bucketsPerDoubling;
    private final double min;
    private final double max;
    /** {@code boundaries[k] = 2^(k/bucketsPerDoubling)} for k in 1..bucketsPerDoubling-1. */
    private final double[] boundaries;
    private final double[] log2Representatives;
    private final double[] representatives;

    private LogScale(int minExponent, int maxExponent, int bucketsPerDoubling) {
        if (minExponent < MIN_EXPONENT || maxExponent > MAX_EXPONENT || minExponent >= maxExponent) {
            throw new IllegalArgumentException("exponents must satisfy " + MIN_EXPONENT + " <= min < max <= "
                    + MAX_EXPONENT + ", got [" + minExponent + ", " + maxExponent + ")");
        }
        if (bucketsPerDoubling < 1 || bucketsPerDoubling > MAX_PER_DOUBLING) {
            throw new IllegalArgumentException("bucketsPerDoubling must be in 1.." + MAX_PER_DOUBLING
                    + ", got " + bucketsPerDoubling);
        }
        long regular = (long) (maxExponent - minExponent) * bucketsPerDoubling;
        if (regular > MAX_REGULAR_BUCKETS) {
            throw new IllegalArgumentException("at most " + MAX_REGULAR_BUCKETS + " buckets, got " + regular);
        }
        this.minExponent = minExponent;
        this.maxExponent = maxExponent;
        this.bucketsPerDoubling = bucketsPerDoubling;
        this.min = Math.scalb(1.0, minExponent);
        this.max = Math.scalb(1.0, maxExponent);
        this.boundaries = new double[bucketsPerDoubling];
        for (int k = 1; k < bucketsPerDoubling; k++) {
            boundaries[k] = StrictMath.pow(2.0, (double) k / bucketsPerDoubling);
        }
        int buckets = (int) regular + 2;
        this.log2Representatives = new double[buckets];
        this.representatives = new double[buckets];
        log2Representatives[0] = minExponent;
        representatives[0] = min;
        for (int i = 1; i < buckets - 1; i++) {
            log2Representatives[i] = minExponent + (i - 0.5) / bucketsPerDoubling;
            representatives[i] = StrictMath.pow(2.0, log2Representatives[i]);
        }
        log2Representatives[buckets - 1] = maxExponent;
        representatives[buckets - 1] = max;
    }

    /**
     * A scale over {@code [2^minExponent, 2^maxExponent)}.
     *
     * @throws IllegalArgumentException unless {@code -1000 <= minExponent < maxExponent <= 1000},
     *         {@code 1 <= bucketsPerDoubling <= 64} and there are at most 8,192 buckets
     */
    public static LogScale of(int minExponent, int maxExponent, int bucketsPerDoubling) {
        return interned(minExponent, maxExponent, bucketsPerDoubling);
    }

    /**
     * Token amounts in base units (wei for 18 decimals): 10^-6 … about 10^13 whole tokens, 4 buckets per
     * doubling (9 % relative error — amount thresholds are multiples like 10×, so finer buckets would
     * only cost state). Smaller amounts are dust in the underflow bucket.
     */
    public static LogScale forTokenAmounts(int decimals) {
        if (decimals < 0 || decimals > 77) {
            throw new IllegalArgumentException("decimals must be in 0..77, got " + decimals);
        }
        int minExponent = decimals <= 6 ? 0 : BigInteger.TEN.pow(decimals - 6).bitLength() - 1;
        return interned(minExponent, minExponent + 64, 4);
    }

    /** Number of buckets including underflow and overflow. */
    public int bucketCount() {
        return representatives.length;
    }

    public int minExponent() {
        return minExponent;
    }

    public int maxExponent() {
        return maxExponent;
    }

    public int bucketsPerDoubling() {
        return bucketsPerDoubling;
    }

    /** The smallest value inside the range, {@code 2^minExponent}. */
    public double min() {
        return min;
    }

    /** The exclusive upper end of the range, {@code 2^maxExponent}. */
    public double max() {
        return max;
    }

    /** Largest relative error of {@link #representative} for a value inside the range. */
    public double relativeError() {
        return StrictMath.pow(2.0, 0.5 / bucketsPerDoubling) - 1.0;
    }

    /** Width of one bucket in log2 units. */
    public double bucketWidthLog2() {
        return 1.0 / bucketsPerDoubling;
    }

    /** The bucket of {@code value}; O(log bucketsPerDoubling), allocation-free. */
    public int bucketOf(double value) {
        if (!(value >= min)) {
            return 0;
        }
        if (value >= max) {
            return representatives.length - 1;
        }
        int exponent = Math.getExponent(value);
        double mantissa = Math.scalb(value, -exponent);
        int lo = 0;
        int hi = bucketsPerDoubling - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (mantissa >= boundaries[mid]) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return 1 + (exponent - minExponent) * bucketsPerDoubling + lo;
    }

    /** The bucket of a non-negative integer amount; allocation-free ({@link BigInteger#doubleValue}). */
    public int bucketOf(BigInteger amount) {
        return bucketOf(amount.doubleValue());
    }

    /** The geometric midpoint of {@code bucket}; the range edges for underflow and overflow. */
    public double representative(int bucket) {
        return representatives[bucket];
    }

    /** {@code log2} of {@link #representative}. */
    public double log2Representative(int bucket) {
        return log2Representatives[bucket];
    }

    /** Inclusive lower edge of {@code bucket} (0 for the underflow bucket). */
    public double lowerBound(int bucket) {
        if (bucket == 0) {
            return 0.0;
        }
        return StrictMath.pow(2.0, minExponent + (double) (bucket - 1) / bucketsPerDoubling);
    }

    /** Writes this scale (version byte, then the three parameters). */
    public void writeTo(DataOutput out) throws IOException {
        out.writeByte(FORMAT_VERSION);
        Wire.writeSignedVarint(out, minExponent);
        Wire.writeSignedVarint(out, maxExponent);
        StateIO.writeVarint(out, bucketsPerDoubling);
    }

    /** Reads a scale written by {@link #writeTo}. */
    public static LogScale readFrom(DataInput in) throws IOException {
        Wire.checkVersion(in, FORMAT_VERSION, "LogScale");
        int minExponent = (int) Wire.readSignedVarint(in);
        int maxExponent = (int) Wire.readSignedVarint(in);
        int perDoubling = (int) StateIO.readVarint(in);
        try {
            return interned(minExponent, maxExponent, perDoubling);
        } catch (IllegalArgumentException e) {
            throw new IOException("corrupt LogScale: " + e.getMessage(), e);
        }
    }

    /** Upper bound of the bytes {@link #writeTo} writes. */
    public static int serializedSizeBound() {
        return 1 + 2 + 2 + 1;
    }

    /**
     * The scale with these parameters, built once: a scale is immutable, and building one (a
     * {@code pow} per boundary) was most of the cost of restoring a histogram. At most
     * {@value #MAX_INTERNED} distinct scales are kept; past that, scales are built anew.
     */
    private static LogScale interned(int minExponent, int maxExponent, int perDoubling) {
        if (minExponent < MIN_EXPONENT || maxExponent > MAX_EXPONENT || perDoubling < 1
                || perDoubling > MAX_PER_DOUBLING) {
            return new LogScale(minExponent, maxExponent, perDoubling); // throws, naming the problem
        }
        long key = key(minExponent, maxExponent, perDoubling);
        LogScale known = INTERNED.get(key);
        if (known != null) {
            return known;
        }
        LogScale built = new LogScale(minExponent, maxExponent, perDoubling);
        if (INTERNED.size() >= MAX_INTERNED) {
            return built;
        }
        LogScale raced = INTERNED.putIfAbsent(key, built);
        return raced != null ? raced : built;
    }

    private static long key(LogScale scale) {
        return key(scale.minExponent, scale.maxExponent, scale.bucketsPerDoubling);
    }

    /** Exponents are within ±1000 and buckets per doubling at most 64 (checked by the constructor). */
    private static long key(int minExponent, int maxExponent, int perDoubling) {
        return ((long) (minExponent + 1024) << 32) | ((long) (maxExponent + 1024) << 16) | (perDoubling & 0xFFFF);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LogScale s && s.minExponent == minExponent && s.maxExponent == maxExponent
                && s.bucketsPerDoubling == bucketsPerDoubling;
    }

    @Override
    public int hashCode() {
        return (minExponent * 31 + maxExponent) * 31 + bucketsPerDoubling;
    }

    @Override
    public String toString() {
        return "LogScale[2^" + minExponent + ", 2^" + maxExponent + "), " + bucketsPerDoubling + "/doubling";
    }
}
