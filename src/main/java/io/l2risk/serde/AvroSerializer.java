package io.l2risk.serde;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka {@link Serializer} writing Avro records ({@code SpecificRecord} or {@code GenericRecord}) in the
 * Confluent wire format: {@code 0x00}, 4-byte big-endian schema id, Avro binary.
 *
 * <p>The schema id comes from the subject {@code <topic>-key} / {@code <topic>-value}: registered there
 * ({@code auto.register.schemas=true}, the default), looked up ({@code false}), or — with
 * {@code use.latest.version=true} — the subject's latest schema, into which the record is converted by
 * Avro schema resolution when its own schema differs (it must be readable by the latest schema).
 * The registry is asked once per (topic, record class or schema); after that serializing is pure CPU.
 *
 * <p>{@code null} is written as {@code null} (a tombstone). Errors: {@link SerializationException} when
 * this record cannot be written (not registered, incompatible, invalid, a value does not match its
 * schema); {@link SchemaRegistryException} when the registry is unreachable or refuses access, which is
 * not the record's fault. Thread-safe.
 *
 * @param <T> the record type
 */
public class AvroSerializer<T extends IndexedRecord> implements Serializer<T> {

    private static final Logger log = LoggerFactory.getLogger(AvroSerializer.class);
    // Plans are per (record class or schema); more than this per topic means schemas are being invented.
    private static final int MAX_PLANS_PER_TOPIC = 1000;

    private final RegistryClientSlot slot;
    private AvroSerdeConfig config;
    private boolean isKey;
    private final ConcurrentMap<String, ConcurrentMap<Object, WritePlan>> plansByTopic = new ConcurrentHashMap<>();

    /** For Kafka's reflective instantiation; {@link #configure} must follow and creates the registry client. */
    public AvroSerializer() {
        this.slot = new RegistryClientSlot(null);
        // Writing a SpecificRecord can resolve generated enum classes by name (defaults, unions).
        AvroClassTrust.install();
    }

    /**
     * A serializer on a given client, usable at once with the default settings for the value side;
     * {@link #configure} may still change the settings (its registry keys are then ignored).
     */
    public AvroSerializer(SchemaRegistryClient client) {
        this.slot = new RegistryClientSlot(Objects.requireNonNull(client, "client"));
        AvroClassTrust.install();
        this.config = AvroSerdeConfig.defaults();
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        AvroSerdeConfig parsed = new AvroSerdeConfig(configs, isKey);
        slot.configure(configs);
        apply(parsed, isKey);
    }

    /** Configures with a client owned by the caller (the {@link AvroSerde}). */
    void configure(Map<String, ?> configs, boolean isKey, SchemaRegistryClient sharedClient) {
        AvroSerdeConfig parsed = new AvroSerdeConfig(configs, isKey);
        slot.share(sharedClient);
        apply(parsed, isKey);
    }

    private void apply(AvroSerdeConfig parsed, boolean key) {
        this.config = parsed;
        this.isKey = key;
        plansByTopic.clear();
        log.debug("Avro serializer for {} configured: {} on {}", key ? "keys" : "values", parsed, slot.get());
    }

    @Override
    public byte[] serialize(String topic, T record) {
        if (record == null) {
            return null;
        }
        if (slot.get() == null) {
            throw new IllegalStateException("AvroSerializer is not configured: call configure(configs, isKey) first");
        }
        WritePlan plan = plan(topic, record);
        try {
            return plan.write(record);
        } catch (RuntimeException | java.io.IOException e) {
            throw new SerializationException("cannot encode a " + record.getSchema().getFullName() + " for topic "
                    + topic + " with schema id " + plan.schemaId() + ": " + RegistryTransport.describe(e), e);
        }
    }

    @Override
    public void close() {
        slot.close();
    }

    private WritePlan plan(String topic, T record) {
        // A generated class always has the same schema, and its plan uses its own data model (conversions).
        Object key = record instanceof SpecificRecord ? record.getClass() : record.getSchema();
        ConcurrentMap<Object, WritePlan> plans = plansByTopic.computeIfAbsent(topic, t -> new ConcurrentHashMap<>());
        WritePlan plan = plans.get(key);
        if (plan == null || plan.isExpired()) {
            plan = newPlan(topic, record);
            if (plans.size() >= MAX_PLANS_PER_TOPIC) {
                plans.clear();
            }
            plans.put(key, plan);
        }
        return plan;
    }

    private WritePlan newPlan(String topic, T record) {
        Schema schema = record.getSchema();
        GenericData model = record instanceof SpecificRecord ? SpecificData.getForClass(record.getClass())
                : GenericData.get();
        String subject = config.subjectNameStrategy().subject(topic, isKey);
        try {
            WritePlan plan;
            if (config.useLatestVersion()) {
                RegisteredSchema latest = slot.get().getLatest(subject);
                plan = WritePlan.forLatest(schema, model, latest, config.latestCacheTtl());
            } else if (config.autoRegisterSchemas()) {
                plan = WritePlan.direct(slot.get().register(subject, schema), schema, model);
            } else {
                plan = WritePlan.direct(slot.get().lookupId(subject, schema), schema, model);
            }
            log.debug("topic {}: {} written as schema id {} of subject {}", topic, schema.getFullName(),
                    plan.schemaId(), subject);
            return plan;
        } catch (SchemaRegistryException e) {
            if (!RegistryErrors.isAboutTheSchema(e)) {
                throw e;
            }
            throw new SerializationException("cannot get a schema id for " + schema.getFullName() + " under subject "
                    + subject + " (topic " + topic + ", " + modeDescription() + "): " + e.getMessage(), e);
        } catch (WritePlan.IncompatibleLatestException e) {
            throw new SerializationException("cannot write " + schema.getFullName() + " to topic " + topic
                    + " with the latest schema of subject " + subject + ": " + e.getMessage(), e);
        }
    }

    private String modeDescription() {
        if (config.useLatestVersion()) {
            return AvroSerdeConfig.USE_LATEST_VERSION + "=true";
        }
        return AvroSerdeConfig.AUTO_REGISTER_SCHEMAS + "=" + config.autoRegisterSchemas();
    }

}
