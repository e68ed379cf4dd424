package io.l2risk.engine.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.util.Random;

import org.junit.jupiter.api.Test;

class LogHistogramTest {

    private static final LogScale SECONDS = LogScale.DURATION_SECONDS;

    @Test
    void shouldReportNearestRankQuantilesOfKnownDataWithinTheRelativeError() {
        LogHistogram h = new LogHistogram(SECONDS);
        for (int v = 10_000; v >= 1; v--) {
            h.add(v);
        }
        assertThat(h.count()).isEqualTo(10_000);
        double[] ps = {0.0, 0.01, 0.1, 0.5, 0.9, 0.99, 0.999, 1.0};
        double[] exact = {1, 100, 1_000, 5_000, 9_000, 9_900, 9_990, 10_000};
        for (int i = 0; i < ps.length; i++) {
            assertThat(h.quantile(ps[i])).as("p%s", ps[i])
                    .isCloseTo(exact[i], within(exact[i] * SECONDS.relativeError() * (1 + 1e-12)));
        }
    }

    @Test
    void shouldComputeTheMeanOfLog2WithinHalfABucket() {
        LogHistogram h = new LogHistogram(SECONDS);
        for (int e = 0; e <= 10; e++) {
            h.add(Math.scalb(1.0, e));
        }
        assertThat(h.meanLog2()).isCloseTo(5.0, within(0.5 / 8));
    }

    @Test
    void shouldBeEmptyUntilTheFirstObservation() {
        LogHistogram h = new LogHistogram(SECONDS);
        assertThat(h.count()).isZero();
        assertThat(h.quantile(0.5)).isNaN();
        assertThat(h.meanLog2()).isNaN();
        assertThatThrownBy(() -> h.quantile(1.5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldMergeIntoTheSameCountsAsAddingEverything() {
        Random random = new Random(1);
        LogHistogram a = new LogHistogram(SECONDS);
        LogHistogram b = new LogHistogram(SECONDS);
        LogHistogram all = new LogHistogram(SECONDS);
        for (int i = 0; i < 5_000; i++) {
            double v = Math.exp(random.nextGaussian() * 2 + 5);
            (i % 3 == 0 ? a : b).add(v);
            all.add(v);
        }
        a.merge(b);
        assertThat(a).isEqualTo(all);
        assertThat(a.count()).isEqualTo(5_000);
        assertThatThrownBy(() -> a.merge(new LogHistogram(LogScale.COUNTS)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldHalveEverythingWhenABucketWouldPassItsCap() {
        LogHistogram h = new LogHistogram(SECONDS);
        h.add(1_000.0);
        for (int i = 0; i < LogHistogram.MAX_BUCKET_COUNT; i++) {
            assertThat(h.add(60.0)).isFalse();
        }
        assertThat(h.add(60.0)).isTrue();
        assertThat(h.bucketCount(SECONDS.bucketOf(60.0))).isEqualTo((LogHistogram.MAX_BUCKET_COUNT + 1) / 2 + 1);
        assertThat(h.bucketCount(SECONDS.bucketOf(1_000.0))).as("a singleton survives halving").isEqualTo(1);
        assertThat(h.count()).isEqualTo(8_194);
    }

    @Test
    void shouldDecayByHalvingAndForgetOnClear() {
        LogHistogram h = new LogHistogram(SECONDS);
        for (int i = 0; i < 5; i++) {
            h.add(100.0);
        }
        h.add(7.0);
        h.halve();
        assertThat(h.bucketCount(SECONDS.bucketOf(100.0))).isEqualTo(3);
        assertThat(h.bucketCount(SECONDS.bucketOf(7.0))).isEqualTo(1);
        assertThat(h.count()).isEqualTo(4);
        h.clear();
        assertThat(h.count()).isZero();
        assertThat(h).isEqualTo(new LogHistogram(SECONDS));
    }

    @Test
    void shouldRoundTripThroughItsSerializedForm() throws IOException {
        LogHistogram h = new LogHistogram(LogScale.forTokenAmounts(18));
        Random random = new Random(2);
        for (int i = 0; i < 1_000; i++) {
            h.add(1e18 * Math.exp(1.5 * random.nextGaussian()));
        }
        LogHistogram copy = Serialization.roundTrip(h::writeTo, LogHistogram::readFrom);
        assertThat(copy).isEqualTo(h);
        assertThat(copy.count()).isEqualTo(1_000);
        assertThat(copy.quantile(0.99)).isEqualTo(h.quantile(0.99));
        assertThat(Serialization.roundTrip(new LogHistogram(SECONDS)::writeTo, LogHistogram::readFrom).count())
                .isZero();
    }

    @Test
    void shouldStayWithinItsSizeBoundAfterAMillionUpdatesAcrossTheWholeRange() {
        LogHistogram h = new LogHistogram(SECONDS);
        Random random = new Random(3);
        for (int i = 0; i < 1_000_000; i++) {
            h.add(Math.scalb(1.0 + random.nextDouble(), random.nextInt(26) - 1));
        }
        int size = Serialization.bytes(h::writeTo).length;
        assertThat(size).isLessThanOrEqualTo(LogHistogram.serializedSizeBound(SECONDS));
        assertThat(LogHistogram.serializedSizeBound(SECONDS)).isEqualTo(383);
        assertThat(LogHistogram.serializedSizeBound(LogScale.forTokenAmounts(18))).isLessThanOrEqualTo(4_096);
    }

    @Test
    void shouldRejectAnUnknownFormatVersion() {
        byte[] bytes = Serialization.bytes(new LogHistogram(SECONDS)::writeTo);
        bytes[0] = 9;
        assertThatThrownBy(() -> Serialization.read(bytes, LogHistogram::readFrom))
                .isInstanceOf(IOException.class).hasMessageContaining("version 9");
    }
}
