package io.l2risk.engine.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * BRIDGE_OUTFLOW on 90 days of synthetic traffic, with the primitives composed the way the engine
 * would: per token, an hourly count and amount baseline fed by {@link PeriodTotals}, a per-withdrawal
 * amount baseline, and 10-minute / 1-hour sliding {@link RollingSum}s checked against the hourly
 * thresholds on every withdrawal. Attacks run on forks of the state after 90 days (a serialization
 * round trip, as a state store would do).
 *
 * <p>Traffic: 5–25 withdrawals per hour following the hour of day — the ordinary rate of Nomad's
 * Ethereum releases before the exploit (incidents.md B1) — lognormal amounts (median 1 ETH, σ = 1.5 in
 * natural log, so the middle 95 % span 0.05–19 ETH), and four busy days at three times the traffic.
 */
class BridgeOutflowScenarioTest {

    private static final long DAY = 86_400;
    private static final long HOUR = 3_600;
    /** 2022-05-01 00:00 UTC: 90 days end 2022-07-30, just before the Nomad exploit. */
    private static final long T0 = 1_651_363_200L;
    private static final long END = T0 + 90 * DAY;
    private static final BigInteger ETH = BigInteger.TEN.pow(18);
    private static final Set<Integer> BUSY_DAYS = Set.of(17, 41, 66, 83);

    private static Watch ordinary;
    private static int criticals;
    private static Set<Long> warningHours;

    @BeforeAll
    static void ninetyDaysOfOrdinaryTraffic() {
        ordinary = new Watch(LogScale.forTokenAmounts(18));
        Random random = new Random(2022);
        warningHours = new TreeSet<>();
        for (int hour = 0; hour < 90 * 24; hour++) {
            double rate = 15 + 10 * Math.sin(2 * Math.PI * (hour % 24) / 24.0);
            if (BUSY_DAYS.contains(hour / 24)) {
                rate *= 3;
            }
            long[] times = new long[poisson(random, rate)];
            for (int i = 0; i < times.length; i++) {
                times[i] = T0 + hour * HOUR + random.nextInt((int) HOUR);
            }
            Arrays.sort(times);
            for (long t : times) {
                Level level = ordinary.withdrawal(t, eth(Math.exp(1.5 * random.nextGaussian())));
                criticals += level == Level.CRITICAL ? 1 : 0;
                if (level == Level.WARNING) {
                    warningHours.add(Math.floorDiv(t, HOUR));
                }
            }
        }
    }

    @Test
    void shouldRaiseNoCriticalAndAtMostAFewWarningsOnNinetyOrdinaryDaysIncludingBusyDays() {
        assertThat(criticals).isZero();
        assertThat(warningHours).hasSizeLessThanOrEqualTo(3);
        Thresholds count = ordinary.count.thresholds(END);
        assertThat(count.adaptive()).isTrue();
        // Busy hours (up to ≈ 90 withdrawals) stay below the critical count, 300 are above it.
        assertThat(count.critical()).isBetween(150.0, 290.0);
        Thresholds amount = ordinary.amount.thresholds(END);
        assertThat(amount.median()).isBetween(0.9e18, 1.1e18);
        assertThat(amount.critical() / amount.median()).isBetween(1_000.0, 5_000.0);
    }

    @Test
    void shouldGoCriticalOn300WithdrawalsInAnHourOfOrdinaryAmounts() throws IOException {
        Watch fork = ordinary.fork();
        Random random = new Random(1);
        long firstCritical = -1;
        for (int i = 0; i < 300; i++) {
            long t = END + i * 12L;
            Level level = fork.withdrawal(t, eth(Math.exp(1.5 * random.nextGaussian())));
            if (level == Level.CRITICAL && firstCritical < 0) {
                firstCritical = t - END;
            }
        }
        assertThat(firstCritical).as("seconds after the first of 300").isBetween(0L, HOUR);
    }

    @Test
    void shouldGoCriticalOnOneWithdrawalOf10000TimesTheMedian() throws IOException {
        Watch fork = ordinary.fork();
        assertThat(fork.withdrawal(END + 60, eth(10_000))).isEqualTo(Level.CRITICAL);
    }

    @Test
    void shouldGoCriticalWithinTenMinutesOfANomadStyleDrain() throws IOException {
        // Nomad 2022-08-01: from 21:32 UTC copy-paste releases, 329 in 22:00–23:00 against 5–25 per hour,
        // ≈ $190M over ≈ 1,175 releases (incidents.md B1) — here 329 in an hour at 100× the median each.
        Watch fork = ordinary.fork();
        long firstCritical = -1;
        for (int i = 0; i < 329 && firstCritical < 0; i++) {
            long t = END + i * HOUR / 329;
            if (fork.withdrawal(t, eth(100)) == Level.CRITICAL) {
                firstCritical = t - END;
            }
        }
        assertThat(firstCritical).as("seconds after the first exploit release").isBetween(0L, 600L);
    }

    @Test
    void shouldGoCriticalOnBothRoninReleasesUsingEachTokensOwnHistory() throws IOException {
        // Ronin 2022-03-23: 173,600 ETH at 13:29:09 and 25.5M USDC at 13:31:04 (incidents.md B2) on a
        // bridge with ordinary daily traffic; here ten days of it per token.
        Watch weth = tenOrdinaryDays(LogScale.forTokenAmounts(18), ETH, 3);
        Watch usdc = tenOrdinaryDays(LogScale.forTokenAmounts(6), BigInteger.valueOf(2_000_000_000L), 4);
        long exploit = T0 + 10 * DAY + 13 * HOUR;
        assertThat(weth.withdrawal(exploit, BigInteger.valueOf(173_600).multiply(ETH))).isEqualTo(Level.CRITICAL);
        assertThat(usdc.withdrawal(exploit + 115, BigInteger.valueOf(25_500_000_000_000L)))
                .isEqualTo(Level.CRITICAL);
    }

    private static Watch tenOrdinaryDays(LogScale scale, BigInteger median, long seed) {
        Watch watch = new Watch(scale);
        Random random = new Random(seed);
        BigDecimal m = new BigDecimal(median);
        for (long t = T0; t < T0 + 10 * DAY; t += 60 + random.nextInt(300)) {
            BigInteger amount = m.multiply(BigDecimal.valueOf(Math.exp(1.5 * random.nextGaussian()))).toBigInteger();
            assertThat(watch.withdrawal(t, amount)).isNotEqualTo(Level.CRITICAL);
        }
        return watch;
    }

    private static BigInteger eth(double amount) {
        return BigDecimal.valueOf(amount).multiply(new BigDecimal(ETH)).toBigInteger();
    }

    private static int poisson(Random random, double mean) {
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int k = 0;
        while (product > limit) {
            k++;
            product *= random.nextDouble();
        }
        return k;
    }

    /** One token of one bridge: the state BRIDGE_OUTFLOW would keep, and its decision per withdrawal. */
    private static final class Watch {
        final LogScale scale;
        final AdaptiveThreshold count;
        final AdaptiveThreshold hourlySum;
        final AdaptiveThreshold amount;
        final PeriodTotals hour;
        final RollingSum recent;
        private final PeriodTotals.Sink learnHour;

        Watch(LogScale scale) {
            this(scale, new AdaptiveThreshold(ThresholdRule.periodCount(),
                            RollingWindowHistogram.thirtyDays(LogScale.COUNTS)),
                    new AdaptiveThreshold(ThresholdRule.periodSum(), RollingWindowHistogram.thirtyDays(scale)),
                    new AdaptiveThreshold(ThresholdRule.amount(), RollingWindowHistogram.thirtyDays(scale)),
                    new PeriodTotals(HOUR, 720), RollingSum.lastHourByMinute());
        }

        private Watch(LogScale scale, AdaptiveThreshold count, AdaptiveThreshold hourlySum, AdaptiveThreshold amount,
                PeriodTotals hour, RollingSum recent) {
            this.scale = scale;
            this.count = count;
            this.hourlySum = hourlySum;
            this.amount = amount;
            this.hour = hour;
            this.recent = recent;
            this.learnHour = (start, n, sum) -> {
                count.learn(start, n, Thresholds.NONE);
                hourlySum.learn(start, sum, Thresholds.NONE);
            };
        }

        /** The worst level of this withdrawal and the windows it completes. */
        Level withdrawal(long t, BigInteger value) {
            hour.add(t, value, learnHour);
            recent.add(t, value);
            Level single = amount.observe(t, value.doubleValue(), Thresholds.NONE);
            Level lastHourCount = count.check(t, recent.count(), Thresholds.NONE);
            Level lastHourSum = hourlySum.check(t, recent.sumAsDouble(60), Thresholds.NONE);
            Level lastTenMinutesSum = hourlySum.check(t, recent.sumAsDouble(10), Thresholds.NONE);
            return max(max(single, lastHourCount), max(lastHourSum, lastTenMinutesSum));
        }

        Watch fork() throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            count.writeTo(out);
            hourlySum.writeTo(out);
            amount.writeTo(out);
            hour.writeTo(out);
            recent.writeTo(out);
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
            return new Watch(scale, AdaptiveThreshold.readFrom(in, ThresholdRule.periodCount()),
                    AdaptiveThreshold.readFrom(in, ThresholdRule.periodSum()),
                    AdaptiveThreshold.readFrom(in, ThresholdRule.amount()), PeriodTotals.readFrom(in),
                    RollingSum.readFrom(in));
        }

        private static Level max(Level a, Level b) {
            return a.compareTo(b) >= 0 ? a : b;
        }
    }
}
