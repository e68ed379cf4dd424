package io.l2risk.engine.stats;

/**
 * How {@link RobustBaseline} turns a baseline into upper thresholds. With, in log2 space, {@code m} the
 * median, {@code s = max(1.4826 · MAD, minSpreadLog2)} the robust spread and {@code q} the
 * trimmed upper quantile (the largest value once the top {@code max(minTrim, floor(n · (1 − tailQuantile)))}
 * observations are set aside):
 *
 * <pre>
 *   warning  = max(floor, 2^(m + zWarning  · s), tailFactorWarning  · q)
 *   critical = max(floor, 2^(m + zCritical · s), tailFactorCritical · q, warning)
 * </pre>
 *
 * Both terms must be passed: the z term alone pages on heavy-tailed but normal data, the tail term
 * alone is too tight on a short or very regular history. Until the baseline holds
 * {@code minSamples} observations over {@code minCoverageSeconds} of event time it is not ready and
 * callers use static bounds. Thresholds are recomputed at most once per {@code refreshSeconds} of event
 * time by {@link AdaptiveThreshold}.
 *
 * @param tailQuantile quantile for {@code q}, e.g. 0.999
 * @param minTrim fewest top observations set aside for {@code q}: with that many outliers it stays within
 *        ordinary data
 * @param zWarning robust sigmas above the median for a warning
 * @param zCritical robust sigmas above the median for a critical
 * @param tailFactorWarning multiple of {@code q} for a warning
 * @param tailFactorCritical multiple of {@code q} for a critical
 * @param minSpreadLog2 floor of {@code s} in log2 units, for baselines too regular to have a spread
 * @param floor lowest threshold, in the baseline's unit (e.g. seconds)
 * @param minSamples observations needed before the baseline is used
 * @param minCoverageSeconds event time the observations must span before the baseline is used
 * @param refreshSeconds event time between recomputations
 */
public record ThresholdRule(double tailQuantile, int minTrim, double zWarning, double zCritical,
        double tailFactorWarning, double tailFactorCritical, double minSpreadLog2, double floor,
        long minSamples, long minCoverageSeconds, long refreshSeconds) {

    private static final long DAY = 86_400L;
    private static final long HOUR = 3_600L;

    /** Validates the parameters. */
    public ThresholdRule {
        if (!(tailQuantile > 0.5 && tailQuantile <= 1.0)) {
            throw new IllegalArgumentException("tailQuantile must be in (0.5, 1], got " + tailQuantile);
        }
        if (minTrim < 0 || minSamples < 1 || minCoverageSeconds < 0 || refreshSeconds < 1) {
            throw new IllegalArgumentException("minTrim, minCoverageSeconds must be >= 0 and minSamples, "
                    + "refreshSeconds >= 1");
        }
        if (!(zWarning > 0 && zCritical >= zWarning)) {
            throw new IllegalArgumentException("need 0 < zWarning <= zCritical, got " + zWarning + ", " + zCritical);
        }
        if (!(tailFactorWarning >= 1 && tailFactorCritical >= tailFactorWarning)) {
            throw new IllegalArgumentException("need 1 <= tailFactorWarning <= tailFactorCritical, got "
                    + tailFactorWarning + ", " + tailFactorCritical);
        }
        if (!(minSpreadLog2 > 0) || !(floor >= 0)) {
            throw new IllegalArgumentException("minSpreadLog2 must be positive and floor not negative");
        }
    }

    /**
     * Gaps between L1 postings (BATCH_LIVENESS, STATE_LIVENESS, PROOF_LIVENESS): warning above 6 robust
     * sigmas and 2 × p99.9, critical above 8 sigmas and 4 × p99.9; ready after 30 intervals over 2 days.
     * The spread floor (0.25 log2, ≈19 %) keeps a clockwork chain from paging on one missed L1 slot.
     */
    public static ThresholdRule livenessGap() {
        return new ThresholdRule(0.999, 2, 6.0, 8.0, 2.0, 4.0, 0.25, 0.0, 30, 2 * DAY, HOUR);
    }

    /** Commit → prove → finalize latencies (PROOF_BACKLOG): as {@link #livenessGap()}. */
    public static ThresholdRule latency() {
        return livenessGap();
    }

    /**
     * Events per period, e.g. withdrawals per hour (BRIDGE_OUTFLOW count): warning above 3 robust sigmas
     * and 1.5 × p99.9, critical above 3.5 sigmas and 2.5 × p99.9; ready after 72 periods over 3 days.
     * Low sigma multiples because hourly counts already have a wide log spread (hour-of-day rhythm,
     * Poisson noise at 5–25 per hour); the p99.9 term keeps busy days below critical.
     */
    public static ThresholdRule periodCount() {
        return new ThresholdRule(0.999, 2, 3.0, 3.5, 1.5, 2.5, 0.5, 0.0, 72, 3 * DAY, HOUR);
    }

    /**
     * Single amounts, e.g. one withdrawal of one token: warning above 4 robust sigmas and 4 × p99.9,
     * critical above 5 sigmas and 10 × p99.9; ready after 100 amounts over 3 days.
     */
    public static ThresholdRule amount() {
        return new ThresholdRule(0.999, 2, 4.0, 5.0, 4.0, 10.0, 1.0, 0.0, 100, 3 * DAY, HOUR);
    }

    /**
     * Amount per period, e.g. one token's outflow per hour: warning above 4 robust sigmas and
     * 3 × p99.9, critical above 4.5 sigmas and 8 × p99.9; ready after 72 periods over 3 days.
     */
    public static ThresholdRule periodSum() {
        return new ThresholdRule(0.999, 2, 4.0, 4.5, 3.0, 8.0, 1.0, 0.0, 72, 3 * DAY, HOUR);
    }

    /** This rule with thresholds never below {@code newFloor}. */
    public ThresholdRule withFloor(double newFloor) {
        return new ThresholdRule(tailQuantile, minTrim, zWarning, zCritical, tailFactorWarning, tailFactorCritical,
                minSpreadLog2, newFloor, minSamples, minCoverageSeconds, refreshSeconds);
    }

    /** This rule with other warm-up requirements. */
    public ThresholdRule withWarmUp(long newMinSamples, long newMinCoverageSeconds) {
        return new ThresholdRule(tailQuantile, minTrim, zWarning, zCritical, tailFactorWarning, tailFactorCritical,
                minSpreadLog2, floor, newMinSamples, newMinCoverageSeconds, refreshSeconds);
    }
}
