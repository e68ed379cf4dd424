package io.l2risk.engine.stats;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigInteger;

/**
 * Exact unsigned 128-bit amounts as (high, low) longs, saturating at 2^128 − 1 — about 3.4 × 10^20
 * whole tokens at 18 decimals, 2.8 million times the ETH supply — so money is never a double and sums
 * need no allocation. Conversions from {@link BigInteger} read bits without allocating.
 */
final class UInt128 {

    static final BigInteger MAX = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);
    /** Most bytes {@link #write} writes. */
    static final int MAX_SERIALIZED = 17;

    private UInt128() {
    }

    /** High 64 bits of {@code amount}, all ones when it does not fit 128 bits. */
    static long high(BigInteger amount) {
        requireNonNegative(amount);
        int bits = amount.bitLength();
        if (bits > 128) {
            return -1L;
        }
        long high = 0;
        for (int b = 64; b < bits; b++) {
            if (amount.testBit(b)) {
                high |= 1L << (b - 64);
            }
        }
        return high;
    }

    /** Low 64 bits of {@code amount}, all ones when it does not fit 128 bits. */
    static long low(BigInteger amount) {
        return amount.bitLength() > 128 ? -1L : amount.longValue();
    }

    /** {@code (high, low) + (addHigh, addLow)} into {@code highs[i], lows[i]}, saturating. */
    static void addInto(long[] highs, long[] lows, int i, long addHigh, long addLow) {
        long low = lows[i] + addLow;
        long carry = Long.compareUnsigned(low, lows[i]) < 0 ? 1 : 0;
        long partial = highs[i] + addHigh;
        boolean overflow = Long.compareUnsigned(partial, highs[i]) < 0;
        long high = partial + carry;
        overflow |= carry == 1 && high == 0;
        if (overflow) {
            highs[i] = -1L;
            lows[i] = -1L;
        } else {
            highs[i] = high;
            lows[i] = low;
        }
    }

    static BigInteger toBigInteger(long high, long low) {
        byte[] magnitude = new byte[16];
        for (int k = 0; k < 8; k++) {
            magnitude[k] = (byte) (high >>> (56 - 8 * k));
            magnitude[8 + k] = (byte) (low >>> (56 - 8 * k));
        }
        return new BigInteger(1, magnitude);
    }

    static double toDouble(long high, long low) {
        double lowValue = (double) (low >>> 1) * 2.0 + (low & 1);
        return Math.scalb((double) (high >>> 1) * 2.0 + (high & 1), 64) + lowValue;
    }

    /** Length byte (0..16), then the big-endian magnitude without leading zero bytes. */
    static void write(DataOutput out, long high, long low) throws IOException {
        int bytes = 16 - (high != 0 ? Long.numberOfLeadingZeros(high) / 8 : 8 + Long.numberOfLeadingZeros(low) / 8);
        out.writeByte(bytes);
        for (int k = bytes - 1; k >= 0; k--) {
            long word = k >= 8 ? high : low;
            out.writeByte((int) (word >>> (8 * (k % 8))));
        }
    }

    /** Reads into {@code highs[i], lows[i]} what {@link #write} wrote. */
    static void read(DataInput in, long[] highs, long[] lows, int i) throws IOException {
        int bytes = in.readUnsignedByte();
        if (bytes > 16) {
            throw new IOException("128-bit amount of " + bytes + " bytes");
        }
        long high = 0;
        long low = 0;
        for (int k = bytes - 1; k >= 0; k--) {
            long b = in.readUnsignedByte();
            if (k >= 8) {
                high |= b << (8 * (k - 8));
            } else {
                low |= b << (8 * k);
            }
        }
        highs[i] = high;
        lows[i] = low;
    }

    private static void requireNonNegative(BigInteger amount) {
        if (amount.signum() < 0) {
            throw new IllegalArgumentException("amount must not be negative, got " + amount);
        }
    }
}
