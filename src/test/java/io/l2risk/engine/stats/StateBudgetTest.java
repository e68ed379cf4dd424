package io.l2risk.engine.stats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The worst-case serialized stats state of one rollup, whatever its history length. */
class StateBudgetTest {

    private static final int ROLLUP_BUDGET = 64 * 1024;

    @Test
    void shouldFitTheStatsOfOneRollupWithFiveBridgeTokensIn64KiB() {
        int liveness = adaptive(LogScale.DURATION_SECONDS, ThresholdRule.livenessGap());
        int latency = adaptive(LogScale.DURATION_SECONDS, ThresholdRule.latency());
        int bridgeCount = adaptive(LogScale.COUNTS, ThresholdRule.periodCount())
                + RollingSum.lastHourByMinute().serializedSizeBound() + PeriodTotals.serializedSizeBound();
        LogScale wei = LogScale.forTokenAmounts(18);
        int perToken = adaptive(wei, ThresholdRule.amount()) + adaptive(wei, ThresholdRule.periodSum())
                + RollingSum.lastHourByMinute().serializedSizeBound() + RollingSum.lastDayByHour().serializedSizeBound()
                + PeriodTotals.serializedSizeBound();

        // BATCH, STATE and PROOF liveness; commit→prove and prove→finalize latency; bridge count; five tokens.
        int rollup = 3 * liveness + 2 * latency + bridgeCount + 5 * perToken;

        assertThat(liveness).isLessThanOrEqualTo(2_400);
        assertThat(perToken).isLessThanOrEqualTo(8_500);
        assertThat(rollup).isLessThanOrEqualTo(ROLLUP_BUDGET);
    }

    private static int adaptive(LogScale scale, ThresholdRule rule) {
        return new AdaptiveThreshold(rule, RollingWindowHistogram.thirtyDays(scale)).serializedSizeBound();
    }
}
