package io.l2risk.engine.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * BATCH_LIVENESS and STATE_LIVENESS on synthetic but realistic cadences, built the way the engine uses
 * the primitives: each closed gap is {@link AdaptiveThreshold#observe observed}, the ongoing gap is
 * {@link AdaptiveThreshold#check checked} on every L1 block (heartbeat).
 */
class BatchLivenessScenarioTest {

    private static final long DAY = 86_400;
    private static final long L1_SLOT = 12;
    /** 2023-09-01 00:00 UTC. */
    private static final long T0 = 1_693_526_400L;

    @Test
    void shouldFlagA16MinuteGapButNoOrdinaryGapAfterFiveDaysOfOneToTwoMinutePosting() {
        Chain chain = new Chain(42);
        chain.postFor(5 * DAY);
        Thresholds t = chain.liveness.thresholds(chain.lastBatch);

        assertThat(t.adaptive()).isTrue();
        assertThat(chain.alerts).as("alerts during the first five days").isZero();
        assertThat((double) chain.largestGap).isLessThan(t.warning());
        assertThat(t.levelOf(chain.largestGap)).isEqualTo(Level.NORMAL);
        // Numbers of this seed (reported in package-info): median ≈ 87 s, warning ≈ 7.3 min, critical ≈ 12.4 min.
        assertThat(t.median()).isBetween(80.0, 95.0);
        assertThat(t.warning()).isBetween(5 * 60.0, 9 * 60.0);
        assertThat(t.critical()).isBetween(10 * 60.0, 14 * 60.0);
        // A 16-minute gap on a chain that posts every minute or two (Arbitrum One showed a 16.8-minute
        // gap on 2023-12-15, incidents.md #1).
        assertThat(t.levelOf(16 * 60)).isEqualTo(Level.CRITICAL);
        assertThat(t.robustZ(16 * 60)).isGreaterThan(8);
        assertThat(t.robustZ(chain.largestGap)).isLessThan(2);
    }

    @Test
    void shouldEscalateDuringABaseStyle29MinuteStall() {
        Chain chain = new Chain(43);
        chain.postFor(5 * DAY);
        Thresholds t = chain.liveness.thresholds(chain.lastBatch);
        // Base 2023-09-05 ≈21:25–21:54 UTC: batcher and proposer stopped for 29 minutes (incidents.md #5).
        long stallStart = chain.lastBatch;
        long firstWarning = -1;
        long firstCritical = -1;
        for (long now = stallStart + L1_SLOT; now <= stallStart + 29 * 60; now += L1_SLOT) {
            Level level = chain.liveness.check(now, now - stallStart, Thresholds.NONE);
            if (level != Level.NORMAL && firstWarning < 0) {
                firstWarning = now - stallStart;
            }
            if (level == Level.CRITICAL && firstCritical < 0) {
                firstCritical = now - stallStart;
            }
        }
        assertThat(firstWarning).isEqualTo(nextSlotAbove(t.warning()));
        assertThat(firstCritical).isEqualTo(nextSlotAbove(t.critical())).isLessThan(15 * 60);
        assertThat(chain.liveness.observe(stallStart + 29 * 60, 29 * 60, Thresholds.NONE)).isEqualTo(Level.CRITICAL);
    }

    @Test
    void shouldStayQuietForAMonthOfOrdinaryJitterAndStillFlagTheGapAfterwards() {
        Chain chain = new Chain(44);
        chain.postFor(35 * DAY);
        Thresholds t = chain.liveness.thresholds(chain.lastBatch);
        assertThat(chain.alerts).isZero();
        assertThat(t.levelOf(16 * 60)).isEqualTo(Level.CRITICAL);
        assertThat(t.samples()).as("a 25–30-day window").isBetween(25 * DAY / 120, 30 * DAY / 60);
    }

    @Test
    void shouldFlagMissedHourlyStateProposalsAfterFiveDays() {
        // OP-stack proposers post an output about every hour; L1 inclusion adds a few slots of jitter.
        AdaptiveThreshold state = new AdaptiveThreshold(ThresholdRule.livenessGap(),
                RollingWindowHistogram.thirtyDays(LogScale.DURATION_SECONDS));
        Random random = new Random(45);
        long t = T0;
        int alerts = 0;
        while (t < T0 + 5 * DAY) {
            long gap = 3_600 + L1_SLOT * (random.nextInt(11) - 5);
            t += gap;
            alerts += state.observe(t, gap, Thresholds.NONE) == Level.NORMAL ? 0 : 1;
        }
        Thresholds th = state.thresholds(t);
        assertThat(alerts).isZero();
        assertThat(th.adaptive()).isTrue();
        // Very regular cadence: the spread floor (0.25 log2) sets the z term.
        assertThat(th.spreadLog2()).isEqualTo(ThresholdRule.livenessGap().minSpreadLog2());
        assertThat(th.levelOf(2 * 3_600)).as("one missed output").isEqualTo(Level.NORMAL);
        assertThat(th.levelOf(3 * 3_600)).as("two missed outputs").isEqualTo(Level.WARNING);
        assertThat(th.levelOf(5 * 3_600)).as("four missed outputs").isEqualTo(Level.CRITICAL);
    }

    private static long nextSlotAbove(double threshold) {
        return ((long) Math.floor(threshold / L1_SLOT) + 1) * L1_SLOT;
    }

    /** A chain whose batcher posts every 60–120 s, on 12-s L1 slots, occasionally missing a slot. */
    private static final class Chain {
        final AdaptiveThreshold liveness = new AdaptiveThreshold(ThresholdRule.livenessGap(),
                RollingWindowHistogram.thirtyDays(LogScale.DURATION_SECONDS));
        final Random random;
        long lastBatch = T0;
        long largestGap;
        int alerts;

        Chain(long seed) {
            this.random = new Random(seed);
        }

        void postFor(long duration) {
            long end = lastBatch + duration;
            while (lastBatch < end) {
                long gap = 60 + random.nextInt(61);
                if (random.nextInt(100) == 0) {
                    gap += L1_SLOT;
                }
                long next = Math.max(lastBatch + L1_SLOT, lastBatch + gap - Math.floorMod(lastBatch + gap, L1_SLOT));
                for (long now = lastBatch + L1_SLOT; now < next; now += L1_SLOT) {
                    alerts += liveness.check(now, now - lastBatch, Thresholds.NONE) == Level.NORMAL ? 0 : 1;
                }
                alerts += liveness.observe(next, next - lastBatch, Thresholds.NONE) == Level.NORMAL ? 0 : 1;
                largestGap = Math.max(largestGap, next - lastBatch);
                lastBatch = next;
            }
        }
    }
}
