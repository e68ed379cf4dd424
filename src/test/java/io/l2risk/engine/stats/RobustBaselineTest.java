package io.l2risk.engine.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;

import org.junit.jupiter.api.Test;

class RobustBaselineTest {

    private static final long DAY = 86_400;
    private static final ThresholdRule RULE = ThresholdRule.livenessGap();

    @Test
    void shouldFindMedianAndMadOfKnownDataInLogSpace() {
        LogHistogram h = new LogHistogram(LogScale.DURATION_SECONDS);
        // log2 spread evenly over [4, 8): median 6, MAD 1.
        for (int i = 0; i < 4_000; i++) {
            h.add(StrictMath.pow(2.0, 4 + i / 1_000.0));
        }
        assertThat(RobustBaseline.medianLog2(h)).isCloseTo(6.0, within(0.01));
        assertThat(RobustBaseline.madLog2(h)).isCloseTo(1.0, within(0.01));
    }

    @Test
    void shouldEstimateTheSpreadOfLognormalAmounts() {
        LogHistogram h = new LogHistogram(LogScale.forTokenAmounts(18));
        Random random = new Random(9);
        for (int i = 0; i < 20_000; i++) {
            h.add(1e18 * Math.exp(1.5 * random.nextGaussian()));
        }
        double sigmaLog2 = 1.5 / Math.log(2);
        assertThat(RobustBaseline.MAD_TO_SIGMA * RobustBaseline.madLog2(h)).isCloseTo(sigmaLog2, within(0.05));
        assertThat(RobustBaseline.medianLog2(h)).isCloseTo(Math.log(1e18) / Math.log(2), within(0.05));
    }

    @Test
    void shouldNotLetOneHugeValueMoveTheThresholdsByMoreThanOnePercent() {
        LogHistogram h = intervals(7_200, 10);
        Thresholds before = RobustBaseline.thresholds(h, 5 * DAY, RULE);
        h.add(30 * DAY);
        Thresholds after = RobustBaseline.thresholds(h, 5 * DAY, RULE);
        assertThat(after.warning() / before.warning()).isCloseTo(1.0, within(0.01));
        assertThat(after.critical() / before.critical()).isCloseTo(1.0, within(0.01));
        // For contrast, a mean + 15σ rule (L2BEAT, anchors.md A3) on the same data moves more than 30-fold.
        assertThat(meanPlus15Sigma(7_200, 10, 30 * DAY) / meanPlus15Sigma(7_200, 10, Double.NaN)).isGreaterThan(30);
    }

    @Test
    void shouldKeepTheUpperQuantileWithinOrdinaryDataWhileOutliersAreAtMostMinTrim() {
        LogHistogram h = intervals(100, 11);
        double largestOrdinary = h.scale().log2Representative(h.bucketAtRank(h.count()));
        h.add(3_600.0);
        h.add(7_200.0);
        assertThat(RobustBaseline.upperQuantileLog2(h, 0.999, 2)).isLessThanOrEqualTo(largestOrdinary);
        h.add(9_000.0);
        assertThat(RobustBaseline.upperQuantileLog2(h, 0.999, 2)).isGreaterThan(largestOrdinary);
    }

    @Test
    void shouldNotBeReadyBeforeEnoughSamplesOverEnoughTime() {
        LogHistogram h = intervals(29, 12);
        assertThat(RobustBaseline.thresholds(h, 3 * DAY, RULE).adaptive()).isFalse();
        h.add(90.0);
        assertThat(RobustBaseline.thresholds(h, 2 * DAY - 1, RULE).adaptive()).isFalse();
        Thresholds ready = RobustBaseline.thresholds(h, 2 * DAY, RULE);
        assertThat(ready.adaptive()).isTrue();
        assertThat(ready.samples()).isEqualTo(30);
    }

    @Test
    void shouldFallBackToStaticBoundsWhileWarmingUpAndCapByThemWhenReady() {
        // Arbitrum One's batch-poster bound ≈ 15.6 h from maxTimeVariation (anchors.md A1).
        Thresholds protocol = Thresholds.fixed(15.6 * 3_600, 24 * 3_600);
        Thresholds warmingUp = RobustBaseline.thresholds(intervals(10, 13), DAY, RULE);
        assertThat(warmingUp.cappedBy(protocol)).isEqualTo(protocol);
        assertThat(warmingUp.levelOf(1e9)).isEqualTo(Level.NORMAL);

        Thresholds ready = RobustBaseline.thresholds(intervals(7_200, 13), 5 * DAY, RULE);
        assertThat(ready.cappedBy(protocol).warning()).isEqualTo(ready.warning());
        Thresholds tight = Thresholds.fixed(200, 300);
        assertThat(ready.cappedBy(tight).warning()).isEqualTo(200);
        assertThat(ready.cappedBy(tight).critical()).isEqualTo(300);
        assertThat(ready.cappedBy(tight).adaptive()).isTrue();
    }

    @Test
    void shouldExpressValuesInRobustSigmasAboveTheMedian() {
        Thresholds t = RobustBaseline.thresholds(intervals(7_200, 14), 5 * DAY, RULE);
        double threeSigmas = t.median() * StrictMath.pow(2.0, 3 * t.spreadLog2());
        assertThat(t.robustZ(threeSigmas)).isCloseTo(3.0, within(1e-9));
        assertThat(t.robustZ(t.median())).isCloseTo(0.0, within(1e-9));
    }

    @Test
    void shouldFloorTheSpreadAndTheThresholds() {
        LogHistogram clockwork = new LogHistogram(LogScale.DURATION_SECONDS);
        for (int i = 0; i < 1_000; i++) {
            clockwork.add(12.0);
        }
        Thresholds t = RobustBaseline.thresholds(clockwork, 5 * DAY, RULE);
        assertThat(t.spreadLog2()).isEqualTo(RULE.minSpreadLog2());
        Thresholds floored = RobustBaseline.thresholds(clockwork, 5 * DAY, RULE.withFloor(300));
        assertThat(floored.warning()).isEqualTo(300);
        assertThat(floored.critical()).isGreaterThanOrEqualTo(300);
    }

    @Test
    void shouldClassifyStrictlyAboveEachThreshold() {
        Thresholds t = Thresholds.fixed(100, 200);
        assertThat(t.levelOf(100)).isEqualTo(Level.NORMAL);
        assertThat(t.levelOf(100.5)).isEqualTo(Level.WARNING);
        assertThat(t.levelOf(200)).isEqualTo(Level.WARNING);
        assertThat(t.levelOf(201)).isEqualTo(Level.CRITICAL);
        assertThat(Thresholds.NONE.levelOf(Double.MAX_VALUE)).isEqualTo(Level.NORMAL);
    }

    @Test
    void shouldLearnAlertingValuesAsTheUpperQuantile() {
        Thresholds t = RobustBaseline.thresholds(intervals(7_200, 15), 5 * DAY, RULE);
        assertThat(t.learnable(100.0)).isEqualTo(100.0);
        assertThat(t.learnable(t.warning())).isEqualTo(t.warning());
        assertThat(t.learnable(29 * 60.0)).isEqualTo(t.upperQuantile());
        assertThat(Thresholds.fixed(600, 900).learnable(5_000)).isEqualTo(600);
    }

    /** Posting intervals of 60–120 s. */
    private static LogHistogram intervals(int n, long seed) {
        Random random = new Random(seed);
        LogHistogram h = new LogHistogram(LogScale.DURATION_SECONDS);
        for (int i = 0; i < n; i++) {
            h.add(60 + random.nextInt(61));
        }
        return h;
    }

    private static double meanPlus15Sigma(int n, long seed, double extra) {
        Random random = new Random(seed);
        double sum = 0;
        double squares = 0;
        int count = 0;
        for (int i = 0; i < n; i++) {
            double v = 60 + random.nextInt(61);
            sum += v;
            squares += v * v;
            count++;
        }
        if (!Double.isNaN(extra)) {
            sum += extra;
            squares += extra * extra;
            count++;
        }
        double mean = sum / count;
        return mean + 15 * Math.sqrt(squares / count - mean * mean);
    }
}
