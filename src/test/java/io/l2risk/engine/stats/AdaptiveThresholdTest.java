package io.l2risk.engine.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class AdaptiveThresholdTest {

    private static final long DAY = 86_400;
    private static final long HOUR = 3_600;
    /** 2023-09-01 00:00 UTC. */
    private static final long T0 = 1_693_526_400L;

    @Test
    void shouldRecomputeOncePerRefreshPeriodOfEventTime() {
        AdaptiveThreshold liveness = feedIntervals(newLiveness(), T0, 3 * DAY, 16);
        long now = liveness.baseline().now();
        Thresholds first = liveness.thresholds(now);
        for (int i = 0; i < 20; i++) {
            liveness.learn(now + i, 110.0, Thresholds.NONE);
        }
        long nextHour = (Math.floorDiv(now, HOUR) + 1) * HOUR;
        assertThat(liveness.thresholds(nextHour - 1)).isSameAs(first);
        assertThat(liveness.thresholds(nextHour)).isNotSameAs(first);
    }

    @Test
    void shouldBecomeAdaptiveAsSoonAsTheBaselineIsReady() {
        AdaptiveThreshold liveness = newLiveness();
        Thresholds protocol = Thresholds.fixed(4 * HOUR, 12 * HOUR);
        liveness.learn(T0, 90.0, protocol);
        assertThat(liveness.thresholds(T0 + 2 * DAY - 1, protocol)).isEqualTo(protocol);
        for (long t = T0 + 90; t < T0 + 2 * DAY; t += 90) {
            liveness.learn(t, 90.0, protocol);
        }
        assertThat(liveness.thresholds(T0 + 2 * DAY - 1, protocol)).isEqualTo(protocol);
        assertThat(liveness.thresholds(T0 + 2 * DAY, protocol).adaptive()).isTrue();
    }

    @Test
    void shouldNotLetAProlongedIncidentRaiseItsOwnThresholds() {
        AdaptiveThreshold liveness = feedIntervals(newLiveness(), T0, 5 * DAY, 17);
        long t = liveness.baseline().now();
        Thresholds before = liveness.thresholds(t);
        // Arbitrum One 2023-12-15: batches in bursts with 9–17-minute gaps for about 1.5 h (incidents.md #1);
        // here six hours of 15-minute gaps.
        List<Level> levels = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            t += 15 * 60;
            levels.add(liveness.observe(t, 15 * 60.0, Thresholds.NONE));
        }
        Thresholds after = liveness.thresholds(t);
        assertThat(levels).containsOnly(Level.CRITICAL);
        assertThat(after.warning()).isLessThanOrEqualTo(before.warning() * 1.05);
        assertThat(after.critical()).isLessThanOrEqualTo(before.critical() * 1.05);
    }

    @Test
    void shouldDecideExactlyAsAnInMemoryInstanceWhenSerializedAroundEveryRecord() throws IOException {
        AdaptiveThreshold inMemory = newLiveness();
        byte[] stored = Serialization.bytes(newLiveness()::writeTo);
        Random random = new Random(18);
        long t = T0;
        int warnings = 0;
        for (int i = 0; i < 6_000; i++) {
            double gap = i % 1_000 == 999 ? 900 : 60 + random.nextInt(61);
            t += (long) gap;
            AdaptiveThreshold fromStore = Serialization.read(stored, in -> AdaptiveThreshold.readFrom(in,
                    ThresholdRule.livenessGap()));
            Level expected = inMemory.observe(t, gap, Thresholds.NONE);
            assertThat(fromStore.observe(t, gap, Thresholds.NONE)).isEqualTo(expected);
            warnings += expected == Level.NORMAL ? 0 : 1;
            stored = Serialization.bytes(fromStore::writeTo);
        }
        assertThat(stored).isEqualTo(Serialization.bytes(inMemory::writeTo));
        assertThat(warnings).as("the five 900 s gaps after the 2-day warm-up").isEqualTo(5);
        assertThat(stored.length).isLessThanOrEqualTo(inMemory.serializedSizeBound());
    }

    private static AdaptiveThreshold newLiveness() {
        return new AdaptiveThreshold(ThresholdRule.livenessGap(),
                RollingWindowHistogram.thirtyDays(LogScale.DURATION_SECONDS));
    }

    /** Posting every 60–120 s from {@code start} for {@code duration}. */
    private static AdaptiveThreshold feedIntervals(AdaptiveThreshold a, long start, long duration, long seed) {
        Random random = new Random(seed);
        for (long t = start; t < start + duration; ) {
            int gap = 60 + random.nextInt(61);
            t += gap;
            a.observe(t, gap, Thresholds.NONE);
        }
        return a;
    }
}
