package io.l2risk.engine.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Random;

import org.junit.jupiter.api.Test;

class RollingSumTest {

    private static final BigInteger ETH = BigInteger.TEN.pow(18);

    @Test
    void shouldExpireAnObservationExactlyWhenItsSubBucketLeavesTheWindow() {
        RollingSum hour = RollingSum.lastHourByMinute();
        hour.add(0, ETH);
        hour.advanceTo(3_599);
        assertThat(hour.count()).isEqualTo(1);
        assertThat(hour.sum()).isEqualTo(ETH);
        hour.advanceTo(3_600);
        assertThat(hour.count()).isZero();
        assertThat(hour.sum()).isZero();
    }

    @Test
    void shouldServeShorterWindowsFromTheLastSubBuckets() {
        RollingSum hour = RollingSum.lastHourByMinute();
        hour.add(0, ETH);
        hour.add(599, ETH);
        hour.advanceTo(599);
        assertThat(hour.count(10)).isEqualTo(2);
        hour.advanceTo(600);
        assertThat(hour.count(10)).as("t=0 left the 10-minute window").isEqualTo(1);
        assertThat(hour.sum(10)).isEqualTo(ETH);
        assertThat(hour.count()).isEqualTo(2);
        assertThatThrownBy(() -> hour.count(61)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldSumBigIntegerAmountsExactly() {
        // Ronin, 2022-03-23 13:29:09 (incidents.md B2): 173,600 ETH in one release, wei above 2^64.
        BigInteger ronin = BigInteger.valueOf(173_600).multiply(ETH);
        RollingSum day = RollingSum.lastDayByHour();
        Random random = new Random(6);
        BigInteger expected = ronin;
        day.add(1_000, ronin);
        for (int i = 0; i < 10_000; i++) {
            BigInteger amount = new BigInteger(1 + random.nextInt(110), random);
            expected = expected.add(amount);
            day.add(1_000 + i * 8L, amount);
        }
        assertThat(day.sum()).isEqualTo(expected);
        assertThat(day.count()).isEqualTo(10_001);
        assertThat(day.sumAsDouble(24)).isCloseTo(expected.doubleValue(), within(expected.doubleValue() * 1e-15));
        assertThat(day.isSaturated(24)).isFalse();
    }

    @Test
    void shouldSaturateAt2To128Minus1InsteadOfWrapping() {
        RollingSum sum = new RollingSum(60, 2);
        BigInteger max = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);
        sum.add(0, max.subtract(BigInteger.ONE));
        assertThat(sum.isSaturated(2)).isFalse();
        sum.add(1, BigInteger.TWO);
        assertThat(sum.sum()).isEqualTo(max);
        assertThat(sum.isSaturated(2)).isTrue();
        sum.add(61, BigInteger.TWO.pow(200));
        assertThat(sum.sum(1)).isEqualTo(max);
        assertThatThrownBy(() -> sum.add(62, BigInteger.valueOf(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldIgnoreObservationsOlderThanTheWindowAndNeverRewind() {
        RollingSum sum = new RollingSum(60, 10);
        sum.advanceTo(600);
        assertThat(sum.add(59)).isFalse();
        assertThat(sum.add(60)).isTrue();
        sum.advanceTo(0);
        assertThat(sum.now()).isEqualTo(600);
        assertThat(sum.count()).isEqualTo(1);
        assertThat(new RollingSum(60, 10).count()).isZero();
    }

    @Test
    void shouldDecideIdenticallyAfterASerializationRoundTrip() throws IOException {
        RollingSum original = RollingSum.lastHourByMinute();
        Random random = new Random(7);
        long t = 1_700_000_000L;
        for (int i = 0; i < 5_000; i++) {
            t += random.nextInt(40);
            original.add(t, new BigInteger(1 + random.nextInt(90), random));
        }
        RollingSum copy = Serialization.roundTrip(original::writeTo, RollingSum::readFrom);
        assertThat(copy).isEqualTo(original);
        for (int i = 0; i < 5_000; i++) {
            t += random.nextInt(40);
            BigInteger amount = new BigInteger(1 + random.nextInt(90), random);
            original.add(t, amount);
            copy.add(t, amount);
        }
        assertThat(copy).isEqualTo(original);
        assertThat(copy.sum()).isEqualTo(original.sum());
        RollingSum empty = new RollingSum(60, 3);
        assertThat(Serialization.roundTrip(empty::writeTo, RollingSum::readFrom)).isEqualTo(empty);
    }

    @Test
    void shouldStayWithinItsSizeBoundAfterAMillionUpdates() {
        RollingSum hour = RollingSum.lastHourByMinute();
        Random random = new Random(8);
        for (int i = 0; i < 1_000_000; i++) {
            hour.add(i / 100L, new BigInteger(127, random));
        }
        assertThat(Serialization.bytes(hour::writeTo).length).isLessThanOrEqualTo(hour.serializedSizeBound());
        assertThat(hour.serializedSizeBound()).isLessThanOrEqualTo(4_096);
    }
}
