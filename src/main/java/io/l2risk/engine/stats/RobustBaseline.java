package io.l2risk.engine.stats;

/**
 * Robust statistics on a {@link LogDistribution}, in log2 space, and the thresholds of a
 * {@link ThresholdRule}. Each function is one or two passes over the buckets and allocates nothing
 * but its result.
 *
 * <p>Why these are robust: the median and the MAD ignore magnitudes, so k outliers among n move
 * them by at most k ranks — one 30-minute stall among 7,000 one-minute intervals leaves both where
 * they were, whereas it would inflate a mean/stddev (which is why a mean/σ rule like L2BEAT's needs
 * z ≥ 15). The tail quantile sets aside at least {@code minTrim} top observations, so with up to that
 * many incidents in the window it stays at or below the largest ordinary value. Working in log space makes the spread a ratio
 * ("2× slower than usual"), which suits durations and amounts spanning orders of magnitude.
 */
public final class RobustBaseline {

    /** MAD × 1.4826 estimates σ for normal data. */
    public static final double MAD_TO_SIGMA = 1.4826;

    private RobustBaseline() {
    }

    /**
     * {@code log2} of the median, interpolated within its bucket (observations taken as spread evenly
     * over each bucket in log space, those below or above the range as sitting on its edges); NaN when
     * empty.
     */
    public static double medianLog2(LogDistribution d) {
        long n = d.count();
        if (n == 0) {
            return Double.NaN;
        }
        LogScale scale = d.scale();
        double half = n / 2.0;
        double cumulative = 0;
        int last = scale.bucketCount() - 1;
        for (int i = 0; i < last; i++) {
            long c = d.bucketCount(i);
            if (c > 0 && cumulative + c >= half) {
                if (i == 0) {
                    return scale.minExponent();
                }
                return lowerLog2(scale, i) + (half - cumulative) / c * scale.bucketWidthLog2();
            }
            cumulative += c;
        }
        return scale.maxExponent();
    }

    /**
     * Median absolute deviation from {@link #medianLog2} in log2 units, interpolated like the median
     * (so it is not stuck at multiples of the bucket width); NaN when empty.
     */
    public static double madLog2(LogDistribution d) {
        long n = d.count();
        if (n == 0) {
            return Double.NaN;
        }
        double median = medianLog2(d);
        double half = n / 2.0;
        double lo = 0;
        double hi = d.scale().maxExponent() - d.scale().minExponent();
        // Mass within median ± r grows monotonically with r: bisect for the r holding half of it.
        for (int iteration = 0; iteration < 60 && hi - lo > 1e-9; iteration++) {
            double r = (lo + hi) / 2;
            if (massAtOrBelow(d, median + r) - massBelow(d, median - r) >= half) {
                hi = r;
            } else {
                lo = r;
            }
        }
        return hi;
    }

    /**
     * {@code log2} of the trimmed upper quantile: the largest observation once the top
     * {@code max(minTrim, floor(n · (1 − p)))} are set aside (the smallest one if that leaves none);
     * NaN when empty.
     */
    public static double upperQuantileLog2(LogDistribution d, double p, int minTrim) {
        long n = d.count();
        if (n == 0) {
            return Double.NaN;
        }
        long trimmed = Math.max(minTrim, (long) Math.floor(n * (1.0 - p) + 1e-9));
        int bucket = d.bucketAtRank(Math.max(1, n - trimmed));
        return d.scale().log2Representative(bucket);
    }

    /** True once {@code d} holds enough observations over enough event time for {@code rule}. */
    public static boolean isReady(LogDistribution d, long coverageSeconds, ThresholdRule rule) {
        return d.count() >= rule.minSamples() && coverageSeconds >= rule.minCoverageSeconds();
    }

    /** {@link #isReady} for a rolling window, using its {@link RollingWindowHistogram#coverageSeconds()}. */
    public static boolean isReady(RollingWindowHistogram window, ThresholdRule rule) {
        return isReady(window, window.coverageSeconds(), rule);
    }

    /**
     * The thresholds of {@code rule} over {@code d}; not adaptive (infinite) while not
     * {@linkplain #isReady ready}, so callers fall back to static bounds with
     * {@link Thresholds#cappedBy}.
     */
    public static Thresholds thresholds(LogDistribution d, long coverageSeconds, ThresholdRule rule) {
        if (!isReady(d, coverageSeconds, rule)) {
            return Thresholds.notReady(d.count());
        }
        double median = medianLog2(d);
        double spread = Math.max(MAD_TO_SIGMA * madLog2(d), rule.minSpreadLog2());
        double upperLog2 = upperQuantileLog2(d, rule.tailQuantile(), rule.minTrim());
        double upper = StrictMath.pow(2.0, upperLog2);
        double warning = max(rule.floor(), StrictMath.pow(2.0, median + rule.zWarning() * spread),
                rule.tailFactorWarning() * upper);
        double critical = Math.max(warning, max(rule.floor(),
                StrictMath.pow(2.0, median + rule.zCritical() * spread), rule.tailFactorCritical() * upper));
        return new Thresholds(true, warning, critical, StrictMath.pow(2.0, median), spread, upper, d.count());
    }

    /** {@link #thresholds(LogDistribution, long, ThresholdRule)} for a rolling window. */
    public static Thresholds thresholds(RollingWindowHistogram window, ThresholdRule rule) {
        return thresholds(window, window.coverageSeconds(), rule);
    }

    /** Interpolated count of observations at or below log2 value {@code x}. */
    private static double massAtOrBelow(LogDistribution d, double x) {
        return mass(d, x, true);
    }

    /** Interpolated count of observations strictly below log2 value {@code x}. */
    private static double massBelow(LogDistribution d, double x) {
        return mass(d, x, false);
    }

    private static double mass(LogDistribution d, double x, boolean inclusive) {
        LogScale scale = d.scale();
        int last = scale.bucketCount() - 1;
        double width = scale.bucketWidthLog2();
        double sum = 0;
        if (x > scale.minExponent() || inclusive && x == scale.minExponent()) {
            sum += d.bucketCount(0);
        }
        for (int i = 1; i < last; i++) {
            long c = d.bucketCount(i);
            if (c == 0) {
                continue;
            }
            double lower = lowerLog2(scale, i);
            if (x >= lower + width) {
                sum += c;
            } else if (x > lower) {
                sum += c * (x - lower) / width;
            } else {
                break;
            }
        }
        if (x > scale.maxExponent() || inclusive && x == scale.maxExponent()) {
            sum += d.bucketCount(last);
        }
        return sum;
    }

    private static double lowerLog2(LogScale scale, int bucket) {
        return scale.minExponent() + (bucket - 1) * scale.bucketWidthLog2();
    }

    private static double max(double a, double b, double c) {
        return Math.max(a, Math.max(b, c));
    }
}
