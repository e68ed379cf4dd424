package io.l2risk.engine.indicators;

import io.l2risk.engine.StateIO;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigInteger;

/** Compact encodings for indicator state: unsigned LEB128 ints and short non-negative BigIntegers. */
final class Varint {

    private Varint() {
    }

    static void write(DataOutput out, int value) throws IOException {
        if (value < 0) {
            throw new IllegalArgumentException("negative varint " + value);
        }
        StateIO.writeVarint(out, value);
    }

    static int read(DataInput in) throws IOException {
        long value = StateIO.readVarint(in);
        if (value > Integer.MAX_VALUE) {
            throw new IOException("malformed varint");
        }
        return (int) value;
    }

    /** A non-negative BigInteger (≤ 2^256) as a length byte and its magnitude; zero is one byte. */
    static void writeAmount(DataOutput out, BigInteger value) throws IOException {
        if (value.signum() < 0) {
            throw new IllegalArgumentException("negative amount " + value);
        }
        if (value.signum() == 0) {
            out.writeByte(0);
            return;
        }
        byte[] bytes = value.toByteArray();
        int skip = bytes[0] == 0 ? 1 : 0;
        out.writeByte(bytes.length - skip);
        out.write(bytes, skip, bytes.length - skip);
    }

    static BigInteger readAmount(DataInput in) throws IOException {
        int length = in.readUnsignedByte();
        if (length == 0) {
            return BigInteger.ZERO;
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return new BigInteger(1, bytes);
    }
}
