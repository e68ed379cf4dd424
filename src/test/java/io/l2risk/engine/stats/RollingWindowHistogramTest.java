package io.l2risk.engine.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.io.IOException;
import java.util.Random;

import org.junit.jupiter.api.Test;

class RollingWindowHistogramTest {

    private static final long DAY = 86_400;
    /** 2023-09-05 00:00 UTC. */
    private static final long T0 = 1_693_872_000L;

    @Test
    void shouldDropASlotExactlyWhenEventTimeReachesTheEndOfTheWindow() {
        RollingWindowHistogram h = new RollingWindowHistogram(LogScale.DURATION_SECONDS, 100, 3);
        h.add(0, 10.0);
        h.add(150, 20.0);
        h.advanceTo(299);
        assertThat(h.count()).isEqualTo(2);
        h.advanceTo(300);
        assertThat(h.count()).isEqualTo(1);
        assertThat(h.quantile(0.5)).isEqualTo(h.scale().representative(h.scale().bucketOf(20.0)));
        h.advanceTo(399);
        assertThat(h.count()).isEqualTo(1);
        h.advanceTo(400);
        assertThat(h.count()).isZero();
        assertThat(h.windowStart()).isEqualTo(200);
    }

    @Test
    void shouldIgnoreObservationsOlderThanTheWindowAndNeverRewind() {
        RollingWindowHistogram h = new RollingWindowHistogram(LogScale.DURATION_SECONDS, 100, 3);
        h.advanceTo(300);
        assertThat(h.add(99, 5.0)).isFalse();
        assertThat(h.add(100, 5.0)).as("late but inside the window").isTrue();
        assertThat(h.now()).isEqualTo(300);
        h.advanceTo(10);
        assertThat(h.now()).isEqualTo(300);
        assertThat(h.count()).isEqualTo(1);
    }

    @Test
    void shouldReportCoverageFromTheFirstObservationUpToTheWindowLength() {
        RollingWindowHistogram h = RollingWindowHistogram.thirtyDays(LogScale.DURATION_SECONDS);
        assertThat(h.coverageSeconds()).isZero();
        h.add(T0, 60.0);
        assertThat(h.coverageSeconds()).isZero();
        h.add(T0 + 2 * DAY, 60.0);
        assertThat(h.coverageSeconds()).isEqualTo(2 * DAY);
        for (long t = T0; t <= T0 + 40 * DAY; t += 3_600) {
            h.add(t, 60.0);
        }
        long now = T0 + 40 * DAY;
        assertThat(h.coverageSeconds()).isEqualTo(now - h.windowStart()).isBetween(25 * DAY, 30 * DAY);
        assertThat(h.windowSeconds()).isEqualTo(30 * DAY);
        h.advanceTo(now + 31 * DAY);
        assertThat(h.count()).isZero();
        assertThat(h.coverageSeconds()).as("nothing left to cover").isZero();
    }

    @Test
    void shouldComputeQuantilesOverTheSlotsStillInTheWindow() {
        RollingWindowHistogram h = new RollingWindowHistogram(LogScale.DURATION_SECONDS, DAY, 3);
        for (int i = 0; i < 100; i++) {
            h.add(T0 + i, 1_000.0);
        }
        for (int i = 0; i < 100; i++) {
            h.add(T0 + DAY + i, 60.0);
        }
        assertThat(h.quantile(0.25)).isCloseTo(60.0, withinPercentage(4.5));
        assertThat(h.quantile(0.75)).isCloseTo(1_000.0, withinPercentage(4.5));
        h.advanceTo(T0 + 3 * DAY);
        assertThat(h.count()).isEqualTo(100);
        assertThat(h.quantile(0.99)).isCloseTo(60.0, withinPercentage(4.5));
        assertThat(h.snapshot().count()).isEqualTo(100);
    }

    @Test
    void shouldKeepWindowCountsConsistentWhenASlotHalves() {
        RollingWindowHistogram h = new RollingWindowHistogram(LogScale.DURATION_SECONDS, DAY, 2);
        h.add(T0 - DAY, 12.0);
        for (int i = 0; i < 20_000; i++) {
            h.add(T0 + i, 12.0);
        }
        long slotsSum = h.snapshot().count();
        // The other slot's 1, the halved 16,384 (rounded up to 8,192), then the 3,617 adds after halving.
        assertThat(h.count()).isEqualTo(1 + 8_192 + (20_000 - LogHistogram.MAX_BUCKET_COUNT)).isEqualTo(slotsSum);
    }

    @Test
    void shouldDecideIdenticallyAfterASerializationRoundTrip() throws IOException {
        RollingWindowHistogram original = RollingWindowHistogram.thirtyDays(LogScale.DURATION_SECONDS);
        Random random = new Random(4);
        long t = T0;
        for (int i = 0; i < 50_000; i++) {
            t += 30 + random.nextInt(120);
            original.add(t, 30 + random.nextInt(120));
        }
        RollingWindowHistogram copy = Serialization.roundTrip(original::writeTo, RollingWindowHistogram::readFrom);
        for (int i = 0; i < 20_000; i++) {
            t += 30 + random.nextInt(120);
            double v = 30 + random.nextInt(200);
            original.add(t, v);
            copy.add(t, v);
        }
        assertThat(Serialization.bytes(copy::writeTo)).isEqualTo(Serialization.bytes(original::writeTo));
        assertThat(copy.count()).isEqualTo(original.count());
        assertThat(copy.coverageSeconds()).isEqualTo(original.coverageSeconds());
        assertThat(copy.quantile(0.999)).isEqualTo(original.quantile(0.999));
        RollingWindowHistogram empty = new RollingWindowHistogram(LogScale.COUNTS, 60, 5);
        assertThat(Serialization.roundTrip(empty::writeTo, RollingWindowHistogram::readFrom).count()).isZero();
    }

    @Test
    void shouldStayWithinItsSizeBoundAfterAMillionUpdatesOverAYear() {
        for (LogScale scale : new LogScale[] {LogScale.DURATION_SECONDS, LogScale.forTokenAmounts(18)}) {
            RollingWindowHistogram h = RollingWindowHistogram.thirtyDays(scale);
            Random random = new Random(5);
            for (int i = 0; i < 1_000_000; i++) {
                double anywhere = Math.scalb(1.0 + random.nextDouble(),
                        scale.minExponent() - 1 + random.nextInt(scale.maxExponent() - scale.minExponent() + 2));
                h.add(T0 + i * 32L, anywhere);
            }
            int size = Serialization.bytes(h::writeTo).length;
            assertThat(size).as("%s", scale).isLessThanOrEqualTo(h.serializedSizeBound());
            assertThat(h.serializedSizeBound()).as("%s", scale).isLessThanOrEqualTo(4_096);
        }
    }

    @Test
    void shouldRejectInvalidShapes() {
        assertThatThrownBy(() -> new RollingWindowHistogram(LogScale.COUNTS, 0, 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RollingWindowHistogram(LogScale.COUNTS, 60, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
