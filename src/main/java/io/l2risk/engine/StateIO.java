package io.l2risk.engine;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;

/** Small helpers for indicator state serialization: nullable values in a compact, versionable form. */
public final class StateIO {

    private static final long NONE = Long.MIN_VALUE;

    private StateIO() {
    }

    public static void writeInstant(DataOutput out, Instant value) throws IOException {
        out.writeLong(value == null ? NONE : value.toEpochMilli());
    }

    public static Instant readInstant(DataInput in) throws IOException {
        long millis = in.readLong();
        return millis == NONE ? null : Instant.ofEpochMilli(millis);
    }

    public static void writeNullableLong(DataOutput out, Long value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeLong(value);
        }
    }

    public static Long readNullableLong(DataInput in) throws IOException {
        return in.readBoolean() ? in.readLong() : null;
    }

    public static void writeNullableString(DataOutput out, String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeUTF(value);
        }
    }

    public static String readNullableString(DataInput in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    /** An unsigned LEB128 varint: 7 bits a byte, small values in one byte. */
    public static void writeVarint(DataOutput out, long value) throws IOException {
        long v = value;
        while ((v & ~0x7FL) != 0) {
            out.writeByte((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.writeByte((int) v);
    }

    /** Reads what {@link #writeVarint} wrote. */
    public static long readVarint(DataInput in) throws IOException {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = in.readUnsignedByte();
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw new IOException("malformed varint: longer than 10 bytes");
    }

    public static void writeBigInteger(DataOutput out, BigInteger value) throws IOException {
        byte[] bytes = value.toByteArray();
        out.writeShort(bytes.length);
        out.write(bytes);
    }

    public static BigInteger readBigInteger(DataInput in) throws IOException {
        byte[] bytes = new byte[in.readUnsignedShort()];
        in.readFully(bytes);
        return new BigInteger(bytes);
    }
}
