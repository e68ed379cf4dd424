package io.l2risk.engine.stats;

import io.l2risk.engine.StateIO;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** The compact encodings shared by the serialized forms of this package. */
final class Wire {

    /** Most bytes an unsigned varint of an {@code int} takes. */
    static final int MAX_INT_VARINT = 5;
    /** Most bytes an unsigned varint of a {@code long} takes. */
    static final int MAX_LONG_VARINT = 10;

    private Wire() {
    }


    /** Zig-zag varint, so that small negative values stay short. */
    static void writeSignedVarint(DataOutput out, long value) throws IOException {
        StateIO.writeVarint(out, (value << 1) ^ (value >> 63));
    }

    static long readSignedVarint(DataInput in) throws IOException {
        long v = StateIO.readVarint(in);
        return (v >>> 1) ^ -(v & 1);
    }

    /** Reads a varint that must fit {@code [min, max]}; corrupt state fails here rather than later. */
    static int readIntInRange(DataInput in, int min, int max, String what) throws IOException {
        long v = StateIO.readVarint(in);
        if (v < min || v > max) {
            throw new IOException(what + " " + v + " outside [" + min + ", " + max + "]");
        }
        return (int) v;
    }

    static void checkVersion(DataInput in, int expected, String type) throws IOException {
        int version = in.readUnsignedByte();
        if (version != expected) {
            throw new IOException(type + " format version " + version + " is not supported (expected "
                    + expected + ")");
        }
    }
}
