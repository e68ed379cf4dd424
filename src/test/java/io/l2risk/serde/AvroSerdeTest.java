package io.l2risk.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.l2risk.serde.testdata.Reading;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.util.Utf8;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {

    private static final String TOPIC = "l2risk.test.readings";
    private static final Instant OBSERVED_AT = Instant.ofEpochMilli(TestSchemas.OBSERVED_AT_MILLIS);

    private final String scope = "serde-" + UUID.randomUUID();
    private final MockSchemaRegistry registry = MockSchemaRegistry.forScope(scope);

    @AfterEach
    void dropRegistry() {
        MockSchemaRegistry.drop(scope);
    }

    @Test
    void shouldRoundTripAGenericRecordWithTheWriterSchema() {
        AvroSerde<GenericRecord> serde = configured(new AvroSerde<>(), Map.of());
        GenericRecord record = TestSchemas.v3("s-1", 7L, "gwei", "hello");

        GenericRecord back = serde.deserializer().deserialize(TOPIC, serde.serializer().serialize(TOPIC, record));

        assertThat(back).isEqualTo(record);
        assertThat(back.getSchema()).isEqualTo(TestSchemas.V3);
        assertThat(back.get("note")).isEqualTo(new Utf8("hello"));
        assertThat(back.get("observedAt")).isEqualTo(TestSchemas.OBSERVED_AT_MILLIS);
    }

    @Test
    void shouldRoundTripASpecificRecordIntoTheReaderClassGivenToTheConstructor() {
        AvroSerde<Reading> serde = configured(new AvroSerde<>(Reading.class), Map.of());
        Reading record = new Reading("s-2", 997_681_383_000L, OBSERVED_AT, "wei");

        Reading back = serde.deserializer().deserialize(TOPIC, serde.serializer().serialize(TOPIC, record));

        assertThat(back).isInstanceOf(Reading.class).isEqualTo(record);
        assertThat(back.getObservedAt()).isEqualTo(OBSERVED_AT);
        assertThat(back.getSensor()).isEqualTo("s-2");
    }

    @Test
    void shouldFindTheSpecificClassFromTheWriterSchemaNameWhenSpecificAvroReaderIsSet() {
        AvroSerde<IndexedRecord> serde = configured(new AvroSerde<>(),
                Map.of(AvroSerdeConfig.SPECIFIC_AVRO_READER, "true"));

        IndexedRecord back = serde.deserializer().deserialize(TOPIC,
                serde.serializer().serialize(TOPIC, TestSchemas.v1("s-3", 3L)));

        assertThat(back).isInstanceOf(Reading.class);
        assertThat(((Reading) back).getUnit()).isEqualTo("wei");
    }

    @Test
    void shouldFailClearlyWhenSpecificAvroReaderFindsNoGeneratedClass() {
        Schema unknown = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"Nowhere\",\"namespace\":"
                + "\"io.l2risk.none\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}]}");
        GenericRecord record = new GenericData.Record(unknown);
        record.put("a", 1);
        AvroSerde<IndexedRecord> serde = configured(new AvroSerde<>(),
                Map.of(AvroSerdeConfig.SPECIFIC_AVRO_READER, true));
        byte[] bytes = serde.serializer().serialize(TOPIC, record);

        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("specific.avro.reader=true but no generated class io.l2risk.none.Nowhere");
    }

    @Test
    void shouldReadAnOlderWriterSchemaWithTheNewerReaderClassFillingDefaults() {
        AvroSerde<GenericRecord> writer = configured(new AvroSerde<>(), Map.of());
        AvroSerde<Reading> reader = configured(new AvroSerde<>(Reading.class), Map.of());

        Reading back = reader.deserializer().deserialize(TOPIC,
                writer.serializer().serialize(TOPIC, TestSchemas.v1("old", 11L)));

        assertThat(back).isEqualTo(new Reading("old", 11L, OBSERVED_AT, "wei"));
    }

    @Test
    void shouldReadANewerWriterSchemaWithTheOlderReaderClassDroppingNewFields() {
        AvroSerde<GenericRecord> writer = configured(new AvroSerde<>(), Map.of());
        AvroSerde<Reading> reader = configured(new AvroSerde<>(Reading.class), Map.of());
        writer.serializer().serialize(TOPIC, TestSchemas.v1("first", 1L));

        Reading back = reader.deserializer().deserialize(TOPIC,
                writer.serializer().serialize(TOPIC, TestSchemas.v3("new", 12L, "gwei", "dropped")));

        assertThat(back).isEqualTo(new Reading("new", 12L, OBSERVED_AT, "gwei"));
        assertThat(registry.versions(TOPIC + "-value")).extracting(RegisteredSchema::version).containsExactly(1, 2);
    }

    @Test
    void shouldRejectAWriterSchemaTheReaderClassCannotRead() {
        registry.setCompatibility(TOPIC + "-value", "NONE");
        AvroSerde<GenericRecord> writer = configured(new AvroSerde<>(), Map.of());
        AvroSerde<Reading> reader = configured(new AvroSerde<>(Reading.class), Map.of());
        byte[] bytes = writer.serializer().serialize(TOPIC, TestSchemas.incompatible("s"));

        assertThatThrownBy(() -> reader.deserializer().deserialize(TOPIC, bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("cannot be read as io.l2risk.serde.testdata.Reading")
                .hasMessageContaining("READER_FIELD_MISSING_DEFAULT_VALUE");
    }

    @Test
    void shouldRegisterKeysAndValuesUnderTopicNameStrategySubjects() {
        AvroSerde<GenericRecord> keys = configured(new AvroSerde<>(), Map.of(), true);
        AvroSerde<GenericRecord> values = configured(new AvroSerde<>(), Map.of(), false);

        int keyId = WireFormat.schemaId(keys.serializer().serialize(TOPIC, TestSchemas.v1("k", 1L)));
        int valueId = WireFormat.schemaId(values.serializer().serialize(TOPIC, TestSchemas.v3("v", 1L, "wei", null)));

        assertThat(registry.getLatest(TOPIC + "-key").id()).isEqualTo(keyId);
        assertThat(registry.getLatest(TOPIC + "-value").id()).isEqualTo(valueId);
        assertThat(keyId).isNotEqualTo(valueId);
    }

    @Test
    void shouldAskTheRegistryOncePerSchemaNotPerRecord() {
        CountingRegistry counting = new CountingRegistry(registry);
        AvroSerializer<GenericRecord> serializer = new AvroSerializer<>(counting);
        AvroDeserializer<GenericRecord> deserializer = new AvroDeserializer<>(counting);

        for (int i = 0; i < 100; i++) {
            deserializer.deserialize(TOPIC, serializer.serialize(TOPIC, TestSchemas.v1("s", i)));
        }

        assertThat(counting.calls).hasValue(2);
    }

    @Test
    void shouldSerializeAndDeserializeFromSeveralThreadsAtOnce() throws Exception {
        AvroSerde<Reading> serde = configured(new AvroSerde<>(Reading.class), Map.of());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Boolean>> tasks = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                String sensor = "sensor-" + "x".repeat(t * 300);
                tasks.add(() -> {
                    for (int i = 0; i < 500; i++) {
                        Reading record = new Reading(sensor, i, OBSERVED_AT, "wei");
                        Reading back = serde.deserializer().deserialize(TOPIC, serde.serializer().serialize(TOPIC, record));
                        if (!record.equals(back)) {
                            return false;
                        }
                    }
                    return true;
                });
            }
            for (Future<Boolean> result : pool.invokeAll(tasks)) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldLookUpWithoutRegisteringWhenAutoRegisterIsOff() {
        AvroSerde<GenericRecord> serde = configured(new AvroSerde<>(),
                Map.of(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, "false"));
        GenericRecord record = TestSchemas.v1("s", 1L);

        assertThatThrownBy(() -> serde.serializer().serialize(TOPIC, record))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("subject " + TOPIC + "-value")
                .hasMessageContaining("auto.register.schemas=false")
                .hasMessageContaining("error_code 40401");

        int id = registry.register(TOPIC + "-value", TestSchemas.V1);
        assertThat(WireFormat.schemaId(serde.serializer().serialize(TOPIC, record))).isEqualTo(id);
        assertThat(registry.versions(TOPIC + "-value")).hasSize(1);
    }

    @Test
    void shouldWriteAnOlderRecordAsTheLatestSchemaWhenUseLatestVersionIsSet() {
        int latestId = registry.register(TOPIC + "-value", TestSchemas.V2);
        AvroSerde<GenericRecord> serde = configured(new AvroSerde<>(),
                Map.of(AvroSerdeConfig.USE_LATEST_VERSION, true, AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, false));

        byte[] bytes = serde.serializer().serialize(TOPIC, TestSchemas.v1("old", 5L));

        assertThat(WireFormat.schemaId(bytes)).isEqualTo(latestId);
        GenericRecord back = serde.deserializer().deserialize(TOPIC, bytes);
        assertThat(back.getSchema()).isEqualTo(TestSchemas.V2);
        assertThat(back.get("unit")).hasToString("wei");
        assertThat(back.get("value")).isEqualTo(5L);
        assertThat(registry.versions(TOPIC + "-value")).hasSize(1);
    }

    @Test
    void shouldWriteASpecificRecordUnderTheLatestIdWhenItsSchemaEncodesTheSame() {
        Schema sameEncodingOtherDocs = new Schema.Parser().parse(
                TestSchemas.V2.toString().replace("Test record, version 2", "Reworded"));
        int latestId = registry.register(TOPIC + "-value", sameEncodingOtherDocs);
        AvroSerde<Reading> serde = configured(new AvroSerde<>(Reading.class),
                Map.of(AvroSerdeConfig.USE_LATEST_VERSION, "true"));
        Reading record = new Reading("s", 9L, OBSERVED_AT, "eth");

        byte[] bytes = serde.serializer().serialize(TOPIC, record);

        assertThat(WireFormat.schemaId(bytes)).isEqualTo(latestId);
        assertThat(serde.deserializer().deserialize(TOPIC, bytes)).isEqualTo(record);
    }

    @Test
    void shouldRefuseUseLatestVersionWhenTheLatestSchemaCannotReadTheRecord() {
        registry.register(TOPIC + "-value", TestSchemas.V2);
        AvroSerde<GenericRecord> serde = configured(new AvroSerde<>(),
                Map.of(AvroSerdeConfig.USE_LATEST_VERSION, true));

        assertThatThrownBy(() -> serde.serializer().serialize(TOPIC, TestSchemas.incompatible("s")))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("with the latest schema of subject " + TOPIC + "-value")
                .hasMessageContaining("READER_FIELD_MISSING_DEFAULT_VALUE");
    }

    @Test
    void shouldReportARecordThatDoesNotMatchItsSchema() {
        AvroSerde<GenericRecord> serde = configured(new AvroSerde<>(), Map.of());
        GenericRecord broken = new GenericData.Record(TestSchemas.V1);
        broken.put("sensor", "s");

        assertThatThrownBy(() -> serde.serializer().serialize(TOPIC, broken))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("cannot encode a io.l2risk.serde.testdata.Reading for topic " + TOPIC);
        GenericRecord fine = TestSchemas.v1("after", 1L);
        assertThat(serde.deserializer().deserialize(TOPIC, serde.serializer().serialize(TOPIC, fine)))
                .isEqualTo(fine);
    }

    @Test
    void shouldRequireTheRegistryUrl() {
        AvroSerde<GenericRecord> serde = new AvroSerde<>();

        assertThatThrownBy(() -> serde.configure(Map.of(), false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Missing required configuration \"schema.registry.url\"");
    }

    @Test
    void shouldRejectSubjectNameStrategiesOtherThanTopicNameStrategy() {
        Map<String, Object> configs = Map.of(SchemaRegistryConfig.URL, "mock://" + scope,
                AvroSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY,
                "io.confluent.kafka.serializers.subject.RecordNameStrategy");

        assertThatThrownBy(() -> new AvroSerde<GenericRecord>().configure(configs, false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("value.subject.name.strategy")
                .hasMessageContaining("only TopicNameStrategy");
    }

    @Test
    void shouldAcceptTheConfluentNameOfTopicNameStrategy() {
        AvroSerde<GenericRecord> serde = configured(new AvroSerde<>(), Map.of(
                AvroSerdeConfig.KEY_SUBJECT_NAME_STRATEGY, "io.confluent.kafka.serializers.subject.TopicNameStrategy"),
                true);

        serde.serializer().serialize(TOPIC, TestSchemas.v1("k", 1L));

        assertThat(registry.versions(TOPIC + "-key")).hasSize(1);
    }

    private <T extends IndexedRecord> AvroSerde<T> configured(AvroSerde<T> serde, Map<String, ?> extra) {
        return configured(serde, extra, false);
    }

    private <T extends IndexedRecord> AvroSerde<T> configured(AvroSerde<T> serde, Map<String, ?> extra, boolean isKey) {
        Map<String, Object> configs = new HashMap<>(extra);
        configs.put(SchemaRegistryConfig.URL, "mock://" + scope);
        serde.configure(configs, isKey);
        return serde;
    }

    /** Counts the calls that would be HTTP requests against a real registry. */
    private static final class CountingRegistry implements SchemaRegistryClient {
        final AtomicInteger calls = new AtomicInteger();
        private final SchemaRegistryClient delegate;

        CountingRegistry(SchemaRegistryClient delegate) {
            this.delegate = delegate;
        }

        @Override
        public int register(String subject, Schema schema) {
            calls.incrementAndGet();
            return delegate.register(subject, schema);
        }

        @Override
        public Schema getById(int id) {
            calls.incrementAndGet();
            return delegate.getById(id);
        }

        @Override
        public RegisteredSchema getLatest(String subject) {
            calls.incrementAndGet();
            return delegate.getLatest(subject);
        }

        @Override
        public int lookupId(String subject, Schema schema) {
            calls.incrementAndGet();
            return delegate.lookupId(subject, schema);
        }

        @Override
        public boolean testCompatibility(String subject, Schema schema) {
            calls.incrementAndGet();
            return delegate.testCompatibility(subject, schema);
        }

        @Override
        public void setCompatibility(String subject, String level) {
            calls.incrementAndGet();
            delegate.setCompatibility(subject, level);
        }

        @Override
        public String getCompatibility(String subject) {
            calls.incrementAndGet();
            return delegate.getCompatibility(subject);
        }
    }
}
