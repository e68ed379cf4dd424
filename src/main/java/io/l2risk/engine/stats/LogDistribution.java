package io.l2risk.engine.stats;

/**
 * Read access to counts in the buckets of a {@link LogScale}, with order statistics on top. Every
 * query is one pass over the buckets (O(bucket count)) and allocation-free.
 *
 * <p>Quantiles use the nearest-rank definition: the value of rank {@code ceil(p·n)} (1-based, at
 * least 1), reported as its bucket's representative — within {@link LogScale#relativeError()} of the
 * true order statistic when that lies inside the scale's range.
 */
public interface LogDistribution {

    /** The bucket layout. */
    LogScale scale();

    /** Number of observations held. */
    long count();

    /** Observations held in {@code bucket}. */
    long bucketCount(int bucket);

    /** The bucket holding the observation of 1-based rank {@code rank} (clamped to {@code [1, count]}). */
    default int bucketAtRank(long rank) {
        long target = Math.max(1, Math.min(rank, count()));
        long cumulative = 0;
        int last = scale().bucketCount() - 1;
        for (int i = 0; i < last; i++) {
            cumulative += bucketCount(i);
            if (cumulative >= target) {
                return i;
            }
        }
        return last;
    }

    /** The nearest-rank {@code p}-quantile, {@code 0 <= p <= 1}; NaN when empty. */
    default double quantile(double p) {
        long rank = rankOf(p, count());
        return count() == 0 ? Double.NaN : scale().representative(bucketAtRank(rank));
    }

    /** {@code log2} of {@link #quantile}; NaN when empty. */
    default double log2Quantile(double p) {
        long rank = rankOf(p, count());
        return count() == 0 ? Double.NaN : scale().log2Representative(bucketAtRank(rank));
    }

    /** Mean of {@code log2(value)} (values clamped to the scale's range); NaN when empty. */
    default double meanLog2() {
        long n = count();
        if (n == 0) {
            return Double.NaN;
        }
        double sum = 0;
        LogScale scale = scale();
        for (int i = 0; i < scale.bucketCount(); i++) {
            long c = bucketCount(i);
            if (c != 0) {
                sum += c * scale.log2Representative(i);
            }
        }
        return sum / n;
    }

    /**
     * The 1-based nearest rank {@code ceil(p·n)}, at least 1; products within 1e-9 of an integer count as
     * that integer, so {@code 0.9 × 10} is rank 9 and not 10.
     *
     * @throws IllegalArgumentException if {@code p} is not in [0, 1]
     */
    static long rankOf(double p, long n) {
        if (!(p >= 0.0 && p <= 1.0)) {
            throw new IllegalArgumentException("quantile must be in [0, 1], got " + p);
        }
        double x = p * n;
        double nearest = Math.rint(x);
        long rank = Math.abs(x - nearest) <= 1e-9 * Math.max(1.0, x) ? (long) nearest : (long) Math.ceil(x);
        return Math.max(1, rank);
    }
}
