package io.l2risk.engine.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class OutflowHistogramTest {

    @Test
    void shouldPlaceValuesInQuarterDoublingBucketsUpToUint256() {
        assertThat(OutflowHistogram.bucketOf(BigInteger.ONE)).isZero();
        assertThat(OutflowHistogram.bucketOf(BigInteger.TWO)).isEqualTo(4);
        assertThat(OutflowHistogram.bucketOf(BigInteger.TWO.pow(61))).isEqualTo(244);
        assertThat(OutflowHistogram.bucketOf(BigInteger.TWO.pow(61).subtract(BigInteger.TWO.pow(55)))).isEqualTo(243);
        assertThat(OutflowHistogram.bucketOf(BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE))).isEqualTo(1023);
        assertThat(OutflowHistogram.upperEdge(243)).isEqualTo(Math.pow(2, 61));
    }

    @Test
    void shouldAnswerQuantilesFromTheUpperEdgeAndForgetByHalving() {
        OutflowHistogram h = new OutflowHistogram();
        for (int i = 0; i < 999; i++) {
            h.add(BigInteger.TEN);
        }
        h.add(BigInteger.valueOf(1000));

        assertThat(h.samples()).isEqualTo(1000.0);
        assertThat(h.quantile(0.5)).isEqualTo(Math.pow(2, 14 / 4.0));
        assertThat(h.quantile(0.999)).isEqualTo(Math.pow(2, 14 / 4.0));
        assertThat(h.quantile(1.0)).isEqualTo(Math.pow(2, 40 / 4.0));
        for (int i = 0; i < 5; i++) {
            h.halve();
        }
        // 16 → 0 after five halvings: the lone sample is forgotten, the frequent one is not.
        assertThat(h.quantile(1.0)).isEqualTo(Math.pow(2, 14 / 4.0));
        assertThat(h.samples()).isEqualTo(999 * 16 / 32 / 16.0);
    }

    @Test
    void shouldRoundTripHistogramsAndAmounts() throws IOException {
        OutflowHistogram h = new OutflowHistogram();
        h.add(BigInteger.valueOf(7));
        h.add(new BigInteger("173600000000000000000000"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        h.write(out);
        Varint.writeAmount(out, new BigInteger("25500000000000"));
        Varint.writeAmount(out, BigInteger.ZERO);
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));

        OutflowHistogram back = OutflowHistogram.read(in);

        assertThat(back.samples()).isEqualTo(2.0);
        assertThat(back.quantile(1.0)).isEqualTo(h.quantile(1.0));
        assertThat(Varint.readAmount(in)).isEqualTo(new BigInteger("25500000000000"));
        assertThat(Varint.readAmount(in)).isZero();
        assertThat(bytes.size()).isLessThan(24);
    }
}
