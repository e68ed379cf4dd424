package io.l2risk.engine.indicators;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.HexFormat;

/**
 * Compact serialization of nullable 0x-hex strings: a 32-byte hash (tx hash, state root, blob
 * versioned hash) is stored in 33 bytes instead of 68, a 20-byte address in 21 instead of 44, anything
 * else as UTF. Lower-case hex (how the ingester writes hashes and addresses) is packed; any other
 * spelling is kept verbatim, so every string round-trips exactly.
 */
final class HexIO {

    private static final int NULL = 0;
    private static final int HASH32 = 1;
    private static final int TEXT = 2;
    private static final int ADDRESS20 = 3;

    private HexIO() {
    }

    static void write(DataOutput out, String value) throws IOException {
        if (value == null) {
            out.writeByte(NULL);
        } else if (isLowerHex(value, 32)) {
            out.writeByte(HASH32);
            out.write(HexFormat.of().parseHex(value, 2, 66));
        } else if (isLowerHex(value, 20)) {
            out.writeByte(ADDRESS20);
            out.write(HexFormat.of().parseHex(value, 2, 42));
        } else {
            out.writeByte(TEXT);
            out.writeUTF(value);
        }
    }

    static String read(DataInput in) throws IOException {
        int tag = in.readUnsignedByte();
        return switch (tag) {
            case NULL -> null;
            case HASH32, ADDRESS20 -> {
                byte[] bytes = new byte[tag == HASH32 ? 32 : 20];
                in.readFully(bytes);
                yield "0x" + HexFormat.of().formatHex(bytes);
            }
            case TEXT -> in.readUTF();
            default -> throw new IOException("unknown hex tag " + tag);
        };
    }

    private static boolean isLowerHex(String value, int bytes) {
        if (value.length() != 2 + 2 * bytes || !value.startsWith("0x")) {
            return false;
        }
        for (int i = 2; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }
}
