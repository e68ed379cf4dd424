package io.l2risk.engine.indicators;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.HexFormat;

/**
 * Compact serialization of nullable 0x-hex strings: a 32-byte hash (tx hash, state root, blob
 * versioned hash) is stored as 33 bytes instead of 68, anything else as UTF. Round-trips exactly
 * for lower-case hex, which is how the ingester writes hashes; other spellings are kept verbatim.
 */
final class HexIO {

    private static final int NULL = 0;
    private static final int HASH32 = 1;
    private static final int TEXT = 2;

    private HexIO() {
    }

    static void write(DataOutput out, String value) throws IOException {
        if (value == null) {
            out.writeByte(NULL);
        } else if (isLowerHash32(value)) {
            out.writeByte(HASH32);
            out.write(HexFormat.of().parseHex(value, 2, 66));
        } else {
            out.writeByte(TEXT);
            out.writeUTF(value);
        }
    }

    static String read(DataInput in) throws IOException {
        int tag = in.readUnsignedByte();
        return switch (tag) {
            case NULL -> null;
            case HASH32 -> {
                byte[] bytes = new byte[32];
                in.readFully(bytes);
                yield "0x" + HexFormat.of().formatHex(bytes);
            }
            case TEXT -> in.readUTF();
            default -> throw new IOException("unknown hex tag " + tag);
        };
    }

    private static boolean isLowerHash32(String value) {
        if (value.length() != 66 || !value.startsWith("0x")) {
            return false;
        }
        for (int i = 2; i < 66; i++) {
            char c = value.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }
}
