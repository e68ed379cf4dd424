package io.l2risk.engine.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * When a series may skip minutes: only once nothing is in its windows and no sample is on its way to
 * a baseline (samples join an hour after their slot closes). The 24-hour window's last sample is taken
 * as its last withdrawal leaves it, so a series is idle an hour before it is quiescent.
 */
class OutflowSeriesTest {

    private static final long MINUTE = 28_999_980L; // an L1 minute that begins an hour (a multiple of 60)
    private static final int DAY = 1440;

    @Test
    void shouldStayNotQuiescentUntilTheLastDelayedSampleHasJoinedItsBaseline() {
        OutflowSeries series = new OutflowSeries("eth");
        series.add(BigInteger.TEN, MINUTE, MINUTE, Instant.ofEpochSecond(MINUTE * 60), "0x01", Double.POSITIVE_INFINITY);
        assertThat(series.quiescent()).isFalse();

        long t = MINUTE + 1;
        for (; !series.idle(); t++) {
            series.startMinute(t);
        }
        // The withdrawal left the 24 h window when minute MINUTE + 1440 began; its sample is still delayed.
        assertThat(t - 1).isEqualTo(MINUTE + DAY);
        assertThat(series.quiescent()).isFalse();
        double learnedWhenIdle = series.baseline(OutflowWindow.ONE_DAY).samples();

        for (; !series.quiescent(); t++) {
            series.startMinute(t);
        }
        assertThat(t - 1).isEqualTo(MINUTE + DAY + 60);
        assertThat(series.baseline(OutflowWindow.ONE_DAY).samples()).isGreaterThan(learnedWhenIdle);
    }

    @Test
    void shouldBeQuiescentOnceIdleWhenLearningStoppedAndDroppedWhatWasOnItsWay() {
        OutflowSeries series = new OutflowSeries("eth");
        series.add(BigInteger.TEN, MINUTE, MINUTE, Instant.ofEpochSecond(MINUTE * 60), "0x01", Double.POSITIVE_INFINITY);
        long t = MINUTE + 1;
        for (; !series.idle(); t++) {
            series.startMinute(t);
        }

        series.learning(false);

        assertThat(series.quiescent()).isTrue();
    }
}
