package io.l2risk.engine.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OutflowRuleRatioTest {

    private static double exact(BigInteger n, BigInteger d) {
        return new BigDecimal(n).divide(new BigDecimal(d), 6, RoundingMode.HALF_UP).doubleValue();
    }

    @Test
    void shouldRoundHalfUpToSixDecimalsExactlyLikeTheDecimalDivision() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 200_000; i++) {
            BigInteger d = new BigInteger(1 + random.nextInt(100), new java.util.Random(random.nextLong())).add(BigInteger.ONE);
            BigInteger n = new BigInteger(1 + random.nextInt(110), new java.util.Random(random.nextLong()));
            assertThat(OutflowRule.ratio(n, d)).as("%s / %s", n, d).isEqualTo(exact(n, d));
        }
    }

    @Test
    void shouldTakeTheExactPathAtTiesAndForHugeRatios() {
        // 1 wei over 2·10⁶ wei is exactly 0.0000005: a tie, rounded up to 0.000001.
        assertThat(OutflowRule.ratio(BigInteger.ONE, BigInteger.valueOf(2_000_000))).isEqualTo(0.000001);
        // Ties at the scale of wei amounts: (2k + 1) / (2·10⁶) for 18-decimal limits.
        BigInteger limit = BigInteger.TEN.pow(24).multiply(BigInteger.TWO);
        for (long k = 0; k < 1000; k += 37) {
            BigInteger total = BigInteger.TEN.pow(18).multiply(BigInteger.valueOf(2 * k + 1));
            assertThat(OutflowRule.ratio(total, limit)).isEqualTo(exact(total, limit));
            assertThat(OutflowRule.ratio(total.subtract(BigInteger.ONE), limit)).isEqualTo(exact(total.subtract(BigInteger.ONE), limit));
        }
        // A drain of 10²⁰ times the limit.
        BigInteger huge = BigInteger.TEN.pow(40);
        assertThat(OutflowRule.ratio(huge, BigInteger.valueOf(3))).isEqualTo(exact(huge, BigInteger.valueOf(3)));
        assertThat(OutflowRule.ratio(BigInteger.ZERO, BigInteger.TEN)).isZero();
    }
}
