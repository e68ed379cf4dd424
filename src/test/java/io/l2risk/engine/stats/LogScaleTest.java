package io.l2risk.engine.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.math.BigInteger;

import org.junit.jupiter.api.Test;

class LogScaleTest {

    private static final LogScale SECONDS = LogScale.DURATION_SECONDS;

    @Test
    void shouldStartABucketAtEveryPowerOfTwo() {
        assertThat(SECONDS.bucketCount()).isEqualTo(23 * 8 + 2);
        assertThat(SECONDS.bucketOf(1.0)).isEqualTo(1);
        assertThat(SECONDS.bucketOf(2.0)).isEqualTo(9);
        assertThat(SECONDS.bucketOf(Math.nextDown(2.0))).isEqualTo(8);
        assertThat(SECONDS.bucketOf(1024.0)).isEqualTo(81);
        assertThat(SECONDS.lowerBound(81)).isEqualTo(1024.0);
    }

    @Test
    void shouldSplitADoublingAtExactLogSpacedBoundaries() {
        double boundary = StrictMath.pow(2.0, 1.0 / 8);
        assertThat(SECONDS.bucketOf(boundary)).isEqualTo(2);
        assertThat(SECONDS.bucketOf(Math.nextDown(boundary))).isEqualTo(1);
        assertThat(SECONDS.lowerBound(2)).isEqualTo(boundary);
    }

    @Test
    void shouldClampValuesOutsideTheRangeIntoUnderflowAndOverflow() {
        int overflow = SECONDS.bucketCount() - 1;
        assertThat(SECONDS.bucketOf(0.0)).isZero();
        assertThat(SECONDS.bucketOf(0.5)).isZero();
        assertThat(SECONDS.bucketOf(-3.0)).isZero();
        assertThat(SECONDS.bucketOf(Double.NaN)).isZero();
        assertThat(SECONDS.bucketOf(Math.scalb(1.0, 23))).isEqualTo(overflow);
        assertThat(SECONDS.bucketOf(Double.POSITIVE_INFINITY)).isEqualTo(overflow);
        assertThat(SECONDS.representative(0)).isEqualTo(1.0);
        assertThat(SECONDS.representative(overflow)).isEqualTo(Math.scalb(1.0, 23));
    }

    @Test
    void shouldRepresentEveryValueInRangeWithinTheDocumentedRelativeError() {
        assertThat(SECONDS.relativeError()).isCloseTo(0.0443, within(1e-4));
        assertThat(LogScale.forTokenAmounts(18).relativeError()).isCloseTo(0.0905, within(1e-4));
        for (double v = 1.0; v < 8_000_000; v *= 1.0007) {
            double representative = SECONDS.representative(SECONDS.bucketOf(v));
            assertThat(Math.abs(representative / v - 1)).as("value %s", v)
                    .isLessThanOrEqualTo(SECONDS.relativeError() + 1e-12);
        }
    }

    @Test
    void shouldMapBigIntegerAmountsLikeTheirDoubleValue() {
        // Ronin, 2022-03-23: 173,600 ETH in one release (incidents.md B2).
        BigInteger ronin = BigInteger.valueOf(173_600).multiply(BigInteger.TEN.pow(18));
        LogScale wei = LogScale.forTokenAmounts(18);
        assertThat(wei.bucketOf(ronin)).isEqualTo(wei.bucketOf(1.736e23));
        assertThat(wei.bucketOf(BigInteger.ZERO)).isZero();
        assertThat(wei.bucketOf(BigInteger.TWO.pow(2000))).isEqualTo(wei.bucketCount() - 1);
    }

    @Test
    void shouldCoverAMillionthToATrillionTokensForAnyDecimals() {
        LogScale wei = LogScale.forTokenAmounts(18);
        assertThat(wei.min()).isLessThanOrEqualTo(1e12).isGreaterThan(1e11);
        assertThat(wei.max()).isGreaterThanOrEqualTo(1e30);
        LogScale usdc = LogScale.forTokenAmounts(6);
        assertThat(usdc.min()).isEqualTo(1.0);
        assertThat(usdc.max()).isGreaterThanOrEqualTo(1e18);
        assertThat(wei.bucketCount()).isEqualTo(64 * 4 + 2);
    }

    @Test
    void shouldRejectInvalidShapes() {
        assertThatThrownBy(() -> LogScale.of(5, 5, 8)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LogScale.of(0, 10, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LogScale.of(0, 200, 64)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("8192");
        assertThatThrownBy(() -> LogScale.forTokenAmounts(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRoundTripAndReuseTheSharedScales() throws IOException {
        LogScale custom = LogScale.of(-10, 40, 16);
        byte[] bytes = Serialization.bytes(custom::writeTo);
        assertThat(bytes).hasSizeLessThanOrEqualTo(LogScale.serializedSizeBound());
        assertThat(Serialization.read(bytes, LogScale::readFrom)).isEqualTo(custom);
        assertThat(Serialization.roundTrip(SECONDS::writeTo, LogScale::readFrom)).isSameAs(SECONDS);
    }
}
