package io.l2risk.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** Amounts (wei, base units) are 1 to 78 ASCII digits, leading zeros allowed, at most 2^256 − 1. */
class RecordValidatorAmountTest {

    private static final BigInteger TWO_256 = BigInteger.ONE.shiftLeft(256);

    @Test
    void shouldAcceptUnsignedDecimalsUpToUint256Max() {
        assertThat(RecordValidator.isUint256("0")).isTrue();
        assertThat(RecordValidator.isUint256("007")).isTrue();
        assertThat(RecordValidator.isUint256("9".repeat(77))).isTrue();
        assertThat(RecordValidator.isUint256(TWO_256.subtract(BigInteger.ONE).toString())).isTrue();
        assertThat(RecordValidator.isUint256("0".repeat(78))).isTrue();
    }

    @Test
    void shouldRefuseWhatIsNotOrExceedsIt() {
        assertThat(RecordValidator.isUint256("")).isFalse();
        assertThat(RecordValidator.isUint256(TWO_256.toString())).isFalse();
        assertThat(RecordValidator.isUint256("9".repeat(78))).isFalse();
        assertThat(RecordValidator.isUint256("0".repeat(79))).isFalse();
        assertThat(RecordValidator.isUint256("-1")).isFalse();
        assertThat(RecordValidator.isUint256("1e18")).isFalse();
        assertThat(RecordValidator.isUint256(" 1")).isFalse();
        assertThat(RecordValidator.isUint256("\uff11")).isFalse(); // a full-width digit one
    }
}
