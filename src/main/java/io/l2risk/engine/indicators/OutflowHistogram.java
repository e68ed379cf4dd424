package io.l2risk.engine.indicators;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * A bounded, decaying histogram of positive integer totals (withdrawal counts or token amounts in
 * base units) on a log2 scale with {@value #BUCKETS_PER_DOUBLING} buckets per doubling (each bucket
 * ≈ 19 % wide), for the baseline quantiles of {@link BridgeOutflowIndicator}. Amounts up to 2^256
 * fit, so wei totals need no scaling. Each sample weighs {@value #UNIT}; {@link #halve()} halves all
 * weights, so a sample is forgotten after five halvings and the histogram follows the bridge's
 * traffic as it changes. Only non-empty buckets are stored (sorted bucket indexes + weights).
 *
 * <p>Statistics on a log scale are fine for thresholds; the money amounts themselves stay exact
 * {@link BigInteger}s in the windows that are compared against them.
 */
final class OutflowHistogram {

    static final int BUCKETS_PER_DOUBLING = 4;
    /** Weight of one sample: a sample survives five halvings (16 → 8 → 4 → 2 → 1 → 0). */
    static final int UNIT = 16;
    /** The last bucket: values up to 2^256 (uint256). */
    static final int MAX_BUCKET = 256 * BUCKETS_PER_DOUBLING - 1;

    private short[] buckets = new short[0];
    private int[] weights = new int[0];
    private int size;
    private long total;
    /** Last quantile asked and its answer; quantiles are read far more often than samples arrive. */
    private double cachedP = Double.NaN;
    private double cachedQ;
    private double cachedP2 = Double.NaN;
    private double cachedQ2;

    /** The bucket of {@code value} (≥ 1): floor(4 · log2 value). */
    static int bucketOf(BigInteger value) {
        int bits = value.bitLength();
        int shift = Math.max(0, bits - 53);
        double mantissa = value.shiftRight(shift).doubleValue();
        double log2 = shift + Math.log(mantissa) / Math.log(2);
        // Guard against rounding just below an exact power of two.
        int bucket = (int) Math.floor(log2 * BUCKETS_PER_DOUBLING + 1e-9);
        return Math.max(0, Math.min(MAX_BUCKET, bucket));
    }

    /** The upper edge of a bucket: quantiles err on the high side, never understating the baseline. */
    static double upperEdge(int bucket) {
        return Math.pow(2, (bucket + 1) / (double) BUCKETS_PER_DOUBLING);
    }

    /** Adds one sample; zero is not a sample (quantiles are of non-empty windows). */
    void add(BigInteger value) {
        if (value.signum() > 0) {
            addBucket(bucketOf(value));
        }
    }

    /** Adds one sample known by its bucket. */
    void addBucket(int bucket) {
        int at = Arrays.binarySearch(buckets, 0, size, (short) bucket);
        if (at < 0) {
            at = -at - 1;
            if (size == buckets.length) {
                buckets = Arrays.copyOf(buckets, Math.max(8, size * 2));
                weights = Arrays.copyOf(weights, buckets.length);
            }
            System.arraycopy(buckets, at, buckets, at + 1, size - at);
            System.arraycopy(weights, at, weights, at + 1, size - at);
            buckets[at] = (short) bucket;
            weights[at] = 0;
            size++;
        }
        weights[at] += UNIT;
        total += UNIT;
        invalidate();
    }

    private void invalidate() {
        cachedP = Double.NaN;
        cachedP2 = Double.NaN;
    }

    /** Halves every weight (exponential forgetting); buckets that reach zero are dropped. */
    void halve() {
        int kept = 0;
        total = 0;
        for (int i = 0; i < size; i++) {
            int w = weights[i] / 2;
            if (w > 0) {
                buckets[kept] = buckets[i];
                weights[kept] = w;
                total += w;
                kept++;
            }
        }
        size = kept;
        invalidate();
    }

    /** Samples held, in units of one fresh sample. */
    double samples() {
        return total / (double) UNIT;
    }

    boolean isEmpty() {
        return total == 0;
    }

    /** The upper edge of the bucket holding quantile {@code p}, or 0 when empty. */
    double quantile(double p) {
        if (p == cachedP) {
            return cachedQ;
        }
        if (p == cachedP2) {
            return cachedQ2;
        }
        double q = compute(p);
        cachedP2 = cachedP;
        cachedQ2 = cachedQ;
        cachedP = p;
        cachedQ = q;
        return q;
    }

    private double compute(double p) {
        if (total == 0) {
            return 0;
        }
        double target = p * total;
        long cumulative = 0;
        for (int i = 0; i < size; i++) {
            cumulative += weights[i];
            if (cumulative >= target) {
                return upperEdge(buckets[i]);
            }
        }
        return upperEdge(buckets[size - 1]);
    }

    void write(DataOutput out) throws IOException {
        out.writeShort(size);
        int previous = 0;
        for (int i = 0; i < size; i++) {
            Varint.write(out, buckets[i] - previous);
            Varint.write(out, weights[i]);
            previous = buckets[i];
        }
    }

    static OutflowHistogram read(DataInput in) throws IOException {
        OutflowHistogram h = new OutflowHistogram();
        int size = in.readUnsignedShort();
        h.buckets = new short[size];
        h.weights = new int[size];
        int previous = 0;
        for (int i = 0; i < size; i++) {
            previous += Varint.read(in);
            h.buckets[i] = (short) previous;
            h.weights[i] = Varint.read(in);
            h.total += h.weights[i];
        }
        h.size = size;
        return h;
    }
}
