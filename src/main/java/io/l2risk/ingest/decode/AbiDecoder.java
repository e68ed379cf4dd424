package io.l2risk.ingest.decode;

import io.l2risk.ingest.EventSignature;
import io.l2risk.ingest.L1Log;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Decodes Solidity ABI encodings: the indexed topics and data of an event log, and function arguments
 * (transaction input after the 4-byte selector). Decoded values are:
 * <ul>
 *   <li>{@code uintN}, {@code intN}: {@link BigInteger}</li>
 *   <li>{@code address}: {@code 0x} and 40 lower-case hex digits</li>
 *   <li>{@code bool}: {@link Boolean}</li>
 *   <li>{@code bytesN}: {@code 0x} and 2N lower-case hex digits</li>
 *   <li>{@code bytes}: {@code byte[]}; {@code string}: {@link String} (UTF-8)</li>
 *   <li>arrays and tuples: {@code List<Object>} of the above</li>
 * </ul>
 * An indexed parameter of a dynamic type (bytes, string, array, tuple) is only the Keccak-256 of its
 * encoding in the topic, and decodes to that hash as {@code bytes32}.
 *
 * <p>Every offset and length is bounds-checked: malformed input raises {@link AbiDecodingException},
 * never an index error or an out-of-memory allocation.
 */
public final class AbiDecoder {

    private static final int WORD = 32;
    private static final BigInteger MAX_INT = BigInteger.valueOf(Integer.MAX_VALUE);

    private AbiDecoder() {
    }

    /**
     * The values of {@code log} by parameter, as {@code event} declares them.
     *
     * @throws AbiDecodingException when the topics or data do not match the declaration
     */
    public static DecodedEvent decode(EventSignature event, L1Log log) {
        List<EventSignature.Param> params = event.params();
        long indexedCount = params.stream().filter(EventSignature.Param::indexed).count();
        if (log.topics().size() != indexedCount + 1) {
            throw new AbiDecodingException(event.name() + " has " + indexedCount + " indexed parameters but the log has "
                    + (log.topics().size() - 1) + " topics after topic0");
        }
        List<AbiType> dataTypes = new ArrayList<>();
        for (EventSignature.Param param : params) {
            if (!param.indexed()) {
                dataTypes.add(AbiType.parse(param.type()));
            }
        }
        List<Object> dataValues = decodeTuple(dataTypes, bytes(log.data()), 0);
        Map<String, Object> values = new LinkedHashMap<>();
        List<Object> ordered = new ArrayList<>();
        int topic = 1;
        int data = 0;
        for (EventSignature.Param param : params) {
            Object value;
            if (param.indexed()) {
                AbiType type = AbiType.parse(param.type());
                byte[] word = bytes(log.topics().get(topic++));
                if (word.length != WORD) {
                    throw new AbiDecodingException("topic of " + param.name() + " is not 32 bytes");
                }
                value = type.dynamic() || type instanceof AbiType.Tuple || type instanceof AbiType.Array
                        ? hex(word) : decodeStatic(type, word, 0);
            } else {
                value = dataValues.get(data++);
            }
            ordered.add(value);
            if (!param.name().isEmpty()) {
                values.put(param.name(), value);
            }
        }
        return new DecodedEvent(event, values, ordered);
    }

    /**
     * Function arguments of {@code types} (canonical type strings) from {@code encoded}, the input after
     * the selector.
     *
     * @throws AbiDecodingException when the encoding is malformed
     */
    public static List<Object> decodeArguments(List<String> types, byte[] encoded) {
        return decodeTuple(types.stream().map(AbiType::parse).toList(), encoded, 0);
    }

    /** {@code 0x}-prefixed hex (either case, even length) as bytes. */
    public static byte[] bytes(String hex) {
        String digits = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
        try {
            return HexFormat.of().parseHex(digits);
        } catch (IllegalArgumentException e) {
            throw new AbiDecodingException("not hex: " + (digits.length() > 16 ? digits.substring(0, 16) + "..." : digits));
        }
    }

    /** Bytes as {@code 0x}-prefixed lower-case hex. */
    public static String hex(byte[] bytes) {
        return "0x" + HexFormat.of().formatHex(bytes);
    }

    private static List<Object> decodeTuple(List<AbiType> components, byte[] data, int base) {
        List<Object> values = new ArrayList<>(components.size());
        int head = base;
        for (AbiType component : components) {
            if (component.dynamic()) {
                int offset = intAt(data, head);
                values.add(decodeAt(component, data, checkedAdd(base, offset)));
            } else {
                values.add(decodeAt(component, data, head));
            }
            head = checkedAdd(head, component.headSize());
        }
        return values;
    }

    private static Object decodeAt(AbiType type, byte[] data, int at) {
        if (type instanceof AbiType.Elementary e) {
            if (!e.dynamic()) {
                return decodeStatic(e, data, at);
            }
            int length = intAt(data, at);
            int start = checkedAdd(at, WORD);
            require(data, start, length);
            byte[] content = Arrays.copyOfRange(data, start, start + length);
            return e.name().equals("string") ? new String(content, StandardCharsets.UTF_8) : content;
        }
        if (type instanceof AbiType.Array a) {
            if (a.length() >= 0) {
                return decodeTuple(Collections.nCopies(a.length(), a.element()), data, at);
            }
            int length = intAt(data, at);
            // Each element takes at least one word, so a length beyond the data is malformed, not a huge list.
            if (length > (data.length - at) / WORD) {
                throw new AbiDecodingException("array length " + length + " exceeds the data");
            }
            return decodeTuple(Collections.nCopies(length, a.element()), data, checkedAdd(at, WORD));
        }
        return decodeTuple(((AbiType.Tuple) type).components(), data, at);
    }

    private static Object decodeStatic(AbiType type, byte[] data, int at) {
        if (!(type instanceof AbiType.Elementary e)) {
            return decodeAt(type, data, at);
        }
        require(data, at, WORD);
        String name = e.name();
        if (name.startsWith("uint")) {
            return new BigInteger(1, Arrays.copyOfRange(data, at, at + WORD));
        }
        if (name.startsWith("int")) {
            return new BigInteger(Arrays.copyOfRange(data, at, at + WORD));
        }
        if (name.equals("address")) {
            return hex(Arrays.copyOfRange(data, at + 12, at + WORD));
        }
        if (name.equals("bool")) {
            return data[at + WORD - 1] != 0;
        }
        if (name.startsWith("bytes")) {
            int size = Integer.parseInt(name.substring("bytes".length()));
            return hex(Arrays.copyOfRange(data, at, at + size));
        }
        throw new AbiDecodingException("unsupported ABI type " + name.toLowerCase(Locale.ROOT));
    }

    private static int intAt(byte[] data, int at) {
        require(data, at, WORD);
        BigInteger value = new BigInteger(1, Arrays.copyOfRange(data, at, at + WORD));
        if (value.compareTo(MAX_INT) > 0) {
            throw new AbiDecodingException("offset or length " + value + " at byte " + at + " is out of range");
        }
        return value.intValue();
    }

    private static void require(byte[] data, int at, int length) {
        if (at < 0 || length < 0 || (long) at + length > data.length) {
            throw new AbiDecodingException("needs bytes " + at + ".." + ((long) at + length) + " but the data has "
                    + data.length);
        }
    }

    private static int checkedAdd(int a, int b) {
        long sum = (long) a + b;
        if (sum > Integer.MAX_VALUE) {
            throw new AbiDecodingException("offset " + sum + " is out of range");
        }
        return (int) sum;
    }
}
