package io.l2risk.eventfile;

import com.fasterxml.jackson.databind.JsonNode;
import io.l2risk.serde.AvroClassTrust;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;

/**
 * Reads Avro's standard JSON encoding into Avro objects (SpecificRecord where the generated class
 * exists), with two differences from Avro's own {@code JsonDecoder} that event files need:
 * a field that has a default may be left out, and every error names the field path
 * ({@code source.blockTime: expected a long ...}).
 *
 * <p>Unions are wrapped as in the Avro JSON encoding: {@code null}, or an object with one key, the
 * branch's type name ({@code "long"}, {@code "io.l2risk.avro.Source"}). {@code timestamp-millis}
 * values are epoch milliseconds. Unknown fields are an error, so a typo is never silently ignored.
 */
final class AvroJson {

    private static final SpecificData DATA = SpecificData.get();

    static {
        AvroClassTrust.install();
    }

    private AvroJson() {
    }

    /** Converts {@code node} to the Avro object of {@code schema}; {@code path} names it in errors. */
    static Object read(JsonNode node, Schema schema, String path) {
        return switch (schema.getType()) {
            case RECORD -> readRecord(node, schema, path);
            case UNION -> readUnion(node, schema, path);
            case ENUM -> readEnum(node, schema, path);
            case ARRAY -> readArray(node, schema, path);
            case MAP -> readMap(node, schema, path);
            case STRING -> {
                require(node.isTextual(), node, "a string", path);
                yield node.textValue();
            }
            case LONG -> {
                require(node.isIntegralNumber() && node.canConvertToLong(), node, "a long", path);
                yield isTimestampMillis(schema) ? Instant.ofEpochMilli(node.longValue()) : node.longValue();
            }
            case INT -> {
                require(node.isIntegralNumber() && node.canConvertToInt(), node, "an int", path);
                yield node.intValue();
            }
            case DOUBLE -> readDouble(node, path);
            case FLOAT -> (float) readDouble(node, path);
            case BOOLEAN -> {
                require(node.isBoolean(), node, "true or false", path);
                yield node.booleanValue();
            }
            case BYTES -> ByteBuffer.wrap(readBytes(node, path));
            case FIXED -> {
                byte[] bytes = readBytes(node, path);
                if (bytes.length != schema.getFixedSize()) {
                    throw new AvroJsonException(path, "expected " + schema.getFixedSize() + " bytes, got " + bytes.length);
                }
                yield new GenericData.Fixed(schema, bytes);
            }
            case NULL -> {
                require(node.isNull(), node, "null", path);
                yield null;
            }
        };
    }

    private static Object readRecord(JsonNode node, Schema schema, String path) {
        require(node.isObject(), node, "an object (" + schema.getName() + ")", path);
        IndexedRecord record = (IndexedRecord) DATA.newRecord(null, schema);
        for (Schema.Field field : schema.getFields()) {
            JsonNode value = node.get(field.name());
            String fieldPath = path.isEmpty() ? field.name() : path + "." + field.name();
            if (value != null) {
                record.put(field.pos(), read(value, field.schema(), fieldPath));
            } else if (field.hasDefaultValue()) {
                record.put(field.pos(), DATA.getDefaultValue(field));
            } else {
                throw new AvroJsonException(fieldPath, "missing required field");
            }
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (schema.getField(name) == null) {
                throw new AvroJsonException(path.isEmpty() ? name : path + "." + name,
                        "unknown field of " + schema.getName());
            }
        }
        return record;
    }

    private static Object readUnion(JsonNode node, Schema schema, String path) {
        if (node.isNull()) {
            if (schema.getIndexNamed("null") == null) {
                throw new AvroJsonException(path, "null is not allowed here; expected one of " + branchNames(schema));
            }
            return null;
        }
        if (!node.isObject() || node.size() != 1) {
            throw new AvroJsonException(path, "expected null or a one-key object naming the union branch, one of "
                    + branchNames(schema) + ", e.g. {\"" + firstNonNull(schema) + "\": ...}; got " + describe(node));
        }
        String branch = node.fieldNames().next();
        Integer index = schema.getIndexNamed(branch);
        if (index == null) {
            throw new AvroJsonException(path, "unknown union branch \"" + branch + "\"; expected one of " + branchNames(schema));
        }
        return read(node.get(branch), schema.getTypes().get(index), path);
    }

    private static Object readEnum(JsonNode node, Schema schema, String path) {
        require(node.isTextual(), node, "one of " + schema.getEnumSymbols(), path);
        if (!schema.hasEnumSymbol(node.textValue())) {
            throw new AvroJsonException(path, "\"" + node.textValue() + "\" is not a " + schema.getName()
                    + "; expected one of " + schema.getEnumSymbols());
        }
        return DATA.createEnum(node.textValue(), schema);
    }

    private static Object readArray(JsonNode node, Schema schema, String path) {
        require(node.isArray(), node, "an array", path);
        List<Object> values = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            values.add(read(node.get(i), schema.getElementType(), path + "[" + i + "]"));
        }
        return values;
    }

    private static Object readMap(JsonNode node, Schema schema, String path) {
        require(node.isObject(), node, "an object (map)", path);
        Map<String, Object> values = new HashMap<>();
        node.fields().forEachRemaining(e ->
                values.put(e.getKey(), read(e.getValue(), schema.getValueType(), path + "[\"" + e.getKey() + "\"]")));
        return values;
    }

    private static double readDouble(JsonNode node, String path) {
        if (node.isNumber()) {
            return node.doubleValue();
        }
        // Avro's JsonEncoder writes non-finite doubles as these strings.
        if (node.isTextual()) {
            switch (node.textValue()) {
                case "NaN":
                    return Double.NaN;
                case "Infinity":
                    return Double.POSITIVE_INFINITY;
                case "-Infinity":
                    return Double.NEGATIVE_INFINITY;
                default:
                    break;
            }
        }
        throw new AvroJsonException(path, "expected a number, got " + describe(node));
    }

    private static byte[] readBytes(JsonNode node, String path) {
        // Avro's JSON encoding maps each byte to the code point of the same value (ISO-8859-1).
        require(node.isTextual(), node, "a string of bytes", path);
        String text = node.textValue();
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0xFF) {
                throw new AvroJsonException(path, "bytes must be encoded as code points 0-255 (ISO-8859-1)");
            }
        }
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static boolean isTimestampMillis(Schema schema) {
        LogicalType logicalType = schema.getLogicalType();
        return logicalType instanceof LogicalTypes.TimestampMillis;
    }

    private static void require(boolean ok, JsonNode node, String expected, String path) {
        if (!ok) {
            throw new AvroJsonException(path, "expected " + expected + ", got " + describe(node));
        }
    }

    private static String branchNames(Schema union) {
        return union.getTypes().stream().map(Schema::getFullName).collect(Collectors.joining(", ", "[", "]"));
    }

    private static String firstNonNull(Schema union) {
        return union.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL)
                .map(Schema::getFullName).findFirst().orElse("null");
    }

    private static String describe(JsonNode node) {
        String text = node.toString();
        String shown = text.length() > 60 ? text.substring(0, 57) + "..." : text;
        return node.getNodeType().name().toLowerCase() + " " + shown;
    }
}
