package io.l2risk.bench;

import java.util.Arrays;

/**
 * Latencies of a set of samples, in milliseconds: nearest-rank percentiles (the p-th percentile is
 * the smallest sample with at least p % of the samples at or below it). All zero when there is no
 * sample.
 *
 * @param count samples
 * @param p50Ms median
 * @param p99Ms 99th percentile
 * @param maxMs largest sample
 */
public record LatencyStats(long count, double p50Ms, double p99Ms, double maxMs) {

    static final LatencyStats NONE = new LatencyStats(0, 0, 0, 0);

    /** The statistics of the first {@code n} of {@code nanos} (latencies in nanoseconds). */
    static LatencyStats ofNanos(long[] nanos, int n) {
        if (n == 0) {
            return NONE;
        }
        long[] sorted = Arrays.copyOf(nanos, n);
        Arrays.sort(sorted);
        return new LatencyStats(n, millis(rank(sorted, 0.50)), millis(rank(sorted, 0.99)), millis(sorted[n - 1]));
    }

    private static long rank(long[] sorted, double p) {
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, index)];
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
