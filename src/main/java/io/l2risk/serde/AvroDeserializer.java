package io.l2risk.serde;

import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka {@link Deserializer} reading the Confluent wire format written by any Confluent-compatible
 * Avro serializer.
 *
 * <p>The writer schema is fetched by id (once; cached). What comes out:
 * <ul>
 *   <li>a reader class given to the constructor: that SpecificRecord class, the data resolved from the
 *       writer schema to the class's schema (older and newer compatible writers both work);</li>
 *   <li>else {@code specific.avro.reader=true}: the generated class named like the writer schema, resolved
 *       the same way;</li>
 *   <li>else a {@code GenericRecord} with the writer schema.</li>
 * </ul>
 *
 * <p>{@code null} bytes give {@code null} (a tombstone). Bad bytes — wrong magic byte, fewer than five
 * bytes, an id the registry does not know, truncated or corrupt Avro, a writer schema the reader class
 * cannot read — raise {@link SerializationException} saying which. An unreachable registry raises
 * {@link SchemaRegistryException} instead: the record is probably fine and must not be dead-lettered.
 * Thread-safe.
 *
 * @param <T> the record type: the reader class, {@code GenericRecord}, or a common supertype
 */
public class AvroDeserializer<T extends IndexedRecord> implements Deserializer<T> {

    private static final Logger log = LoggerFactory.getLogger(AvroDeserializer.class);
    private static final ThreadLocal<BinaryDecoder> DECODERS = new ThreadLocal<>();
    // Readers are per writer id; a topic sees few ids, so hitting this means ids are being invented.
    private static final int MAX_READERS = 1000;

    private final Class<? extends T> readerClass;
    private final RegistryClientSlot slot;
    private AvroSerdeConfig config;
    // Keyed by writer id alone: within one deserializer the reader class follows from the id.
    private final ConcurrentMap<Integer, ReadPlan<T>> plans = new ConcurrentHashMap<>();

    /** For Kafka's reflective instantiation; {@link #configure} must follow and creates the registry client. */
    public AvroDeserializer() {
        this(null, null);
    }

    /** Reads every record as {@code readerClass}; {@link #configure} must follow. */
    public AvroDeserializer(Class<? extends T> readerClass) {
        this(null, readerClass);
    }

    /** On a given client, usable at once with the default settings (GenericRecord). */
    public AvroDeserializer(SchemaRegistryClient client) {
        this(Objects.requireNonNull(client, "client"), null);
    }

    /** On a given client, reading every record as {@code readerClass}; usable at once. */
    public AvroDeserializer(SchemaRegistryClient client, Class<? extends T> readerClass) {
        if (readerClass != null && !SpecificRecord.class.isAssignableFrom(readerClass)) {
            throw new IllegalArgumentException(readerClass.getName() + " is not a generated SpecificRecord class");
        }
        this.slot = new RegistryClientSlot(client);
        this.readerClass = readerClass;
        this.config = AvroSerdeConfig.defaults();
        if (readerClass != null) {
            AvroClassTrust.install();
        }
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        AvroSerdeConfig parsed = new AvroSerdeConfig(configs, isKey);
        slot.configure(configs);
        apply(parsed);
    }

    /** Configures with a client owned by the caller (the {@link AvroSerde}). */
    void configure(Map<String, ?> configs, boolean isKey, SchemaRegistryClient sharedClient) {
        AvroSerdeConfig parsed = new AvroSerdeConfig(configs, isKey);
        slot.share(sharedClient);
        apply(parsed);
    }

    private void apply(AvroSerdeConfig parsed) {
        this.config = parsed;
        if (readerClass != null || parsed.specificAvroReader()) {
            AvroClassTrust.install();
        }
        plans.clear();
        log.debug("Avro deserializer configured: {}, reader class {} on {}", parsed,
                readerClass == null ? "none" : readerClass.getName(), slot.get());
    }

    @Override
    public T deserialize(String topic, byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        if (bytes.length < WireFormat.HEADER_SIZE) {
            throw new SerializationException("payload too short: " + bytes.length + " bytes, the Confluent wire "
                    + "format needs at least " + WireFormat.HEADER_SIZE + " (magic byte 0x00 and a 4-byte schema id)"
                    + " (topic " + topic + ")");
        }
        if (bytes[0] != WireFormat.MAGIC_BYTE) {
            throw new SerializationException(String.format("Unknown magic byte 0x%02x (expected 0x00) in a %d-byte "
                    + "record of topic %s: not written by a Confluent-wire-format serializer", bytes[0] & 0xff,
                    bytes.length, topic));
        }
        if (slot.get() == null) {
            throw new IllegalStateException("AvroDeserializer is not configured: call configure(configs, isKey) first");
        }
        int id = WireFormat.schemaId(bytes);
        ReadPlan<T> plan = plans.get(id);
        if (plan == null) {
            plan = newPlan(topic, id);
            if (plans.size() >= MAX_READERS) {
                plans.clear();
            }
            plans.put(id, plan);
        }
        return plan.read(topic, bytes);
    }

    @Override
    public void close() {
        slot.close();
    }

    private ReadPlan<T> newPlan(String topic, int id) {
        Schema writer;
        try {
            writer = slot.get().getById(id);
        } catch (SchemaRegistryException e) {
            if (!RegistryErrors.isAboutTheSchema(e)) {
                throw e;
            }
            throw new SerializationException("unknown schema id " + id + " in a record of topic " + topic
                    + " (registry: " + e.getMessage() + ")", e);
        }
        Class<?> target = readerClass;
        if (target == null && config.specificAvroReader()) {
            target = generatedClass(writer);
            if (target == null || !SpecificRecord.class.isAssignableFrom(target)) {
                throw new SerializationException(AvroSerdeConfig.SPECIFIC_AVRO_READER + "=true but no generated class "
                        + writer.getFullName() + " is on the classpath (schema id " + id + ", topic " + topic + ")");
            }
        }
        if (target == null) {
            return new ReadPlan<>(id, writer, new GenericDatumReader<>(writer, writer, GenericData.get()));
        }
        SpecificData model = SpecificData.getForClass(target);
        Schema readerSchema = model.getSchema(target);
        SchemaPairCompatibility compatibility = SchemaCompatibility.checkReaderWriterCompatibility(readerSchema, writer);
        if (compatibility.getType() != SchemaCompatibilityType.COMPATIBLE) {
            StringBuilder why = new StringBuilder("schema id ").append(id).append(" (").append(writer.getFullName())
                    .append(") in topic ").append(topic).append(" cannot be read as ").append(target.getName());
            compatibility.getResult().getIncompatibilities().forEach(i -> why.append("; ").append(i.getType())
                    .append(" at ").append(i.getLocation()).append(i.getMessage() == null ? "" : ": " + i.getMessage()));
            throw new SerializationException(why.toString());
        }
        log.debug("schema id {} ({}) read as {}", id, writer.getFullName(), target.getName());
        return new ReadPlan<>(id, writer, new SpecificDatumReader<>(writer, readerSchema, model));
    }

    /** The generated class named like {@code schema}, or {@code null}; loaded without running its initializer. */
    private static Class<?> generatedClass(Schema schema) {
        if (schema.getType() != Schema.Type.RECORD) {
            return null;
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try {
            Class<?> type = Class.forName(SpecificData.getClassName(schema), false,
                    loader != null ? loader : AvroDeserializer.class.getClassLoader());
            return SpecificRecord.class.isAssignableFrom(type) ? type : null;
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }


    /** The reader for one writer schema id. */
    private record ReadPlan<T>(int id, Schema writer, DatumReader<T> reader) {

        T read(String topic, byte[] bytes) {
            int length = bytes.length - WireFormat.HEADER_SIZE;
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, WireFormat.HEADER_SIZE, length,
                    DECODERS.get());
            DECODERS.set(decoder);
            try {
                T value = reader.read(null, decoder);
                if (!decoder.isEnd()) {
                    throw corrupt(topic, length, "bytes left over after the record", null);
                }
                return value;
            } catch (IOException | RuntimeException e) {
                throw corrupt(topic, length, RegistryTransport.describe(e), e);
            }
        }

        private SerializationException corrupt(String topic, int length, String problem, Exception cause) {
            return new SerializationException("truncated or corrupt Avro payload for schema id " + id + " ("
                    + writer.getFullName() + ") in topic " + topic + ", " + length + " bytes after the header: "
                    + problem, cause);
        }
    }
}
