package io.l2risk.engine.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class PeriodTotalsTest {

    private record Closed(long start, long count, double amount) {
    }

    private final List<Closed> closed = new ArrayList<>();
    private final PeriodTotals.Sink sink = (start, count, amount) -> closed.add(new Closed(start, count, amount));

    @Test
    void shouldHandOverEachCompletedPeriodWithItsCountAndAmount() {
        PeriodTotals hourly = new PeriodTotals(3_600, 10);
        hourly.add(3_600, BigInteger.valueOf(5), sink);
        hourly.add(7_199, BigInteger.valueOf(7), sink);
        assertThat(closed).isEmpty();
        assertThat(hourly.currentCount()).isEqualTo(2);
        assertThat(hourly.currentSum()).isEqualTo(BigInteger.valueOf(12));
        hourly.add(7_200, sink);
        assertThat(closed).containsExactly(new Closed(3_600, 2, 12.0));
        assertThat(hourly.currentPeriodStart()).isEqualTo(7_200);
        assertThat(hourly.currentCount()).isEqualTo(1);
    }

    @Test
    void shouldHandOverSilentPeriodsAsZerosUpToTheLimit() {
        PeriodTotals hourly = new PeriodTotals(3_600, 2);
        hourly.add(0, sink);
        hourly.advanceTo(5 * 3_600, sink);
        assertThat(closed).containsExactly(new Closed(0, 1, 0.0), new Closed(3 * 3_600, 0, 0.0),
                new Closed(4 * 3_600, 0, 0.0));
    }

    @Test
    void shouldIgnoreAnObservationForAClosedPeriod() {
        PeriodTotals hourly = new PeriodTotals(3_600, 2);
        hourly.add(3_600, sink);
        assertThat(hourly.add(3_599, sink)).isFalse();
        assertThat(hourly.currentCount()).isEqualTo(1);
    }

    @Test
    void shouldRoundTripTheCurrentPeriod() throws IOException {
        PeriodTotals hourly = new PeriodTotals(3_600, 720);
        hourly.add(10_000, BigInteger.TWO.pow(100), sink);
        PeriodTotals copy = Serialization.roundTrip(hourly::writeTo, PeriodTotals::readFrom);
        assertThat(copy.currentPeriodStart()).isEqualTo(7_200);
        assertThat(copy.currentCount()).isEqualTo(1);
        assertThat(copy.currentSum()).isEqualTo(BigInteger.TWO.pow(100));
        assertThat(Serialization.bytes(hourly::writeTo).length).isLessThanOrEqualTo(PeriodTotals.serializedSizeBound());
        copy.advanceTo(10_800, sink);
        assertThat(closed).containsExactly(new Closed(7_200, 1, Math.scalb(1.0, 100)));
    }
}
