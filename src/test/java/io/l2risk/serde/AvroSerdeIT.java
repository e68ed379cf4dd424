package io.l2risk.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.l2risk.avro.BatchPosted;
import io.l2risk.avro.IngestProgress;
import io.l2risk.testing.SampleRecords;
import io.l2risk.testing.TestCluster;
import io.l2risk.testing.TestClusterExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Confluent-wire-format serdes through a real Kafka broker and the real Apicurio registry
 * (its Confluent API), configured the way a user configures Confluent's serdes.
 */
@ExtendWith(TestClusterExtension.class)
class AvroSerdeIT {

    private static final Duration POLL_LIMIT = Duration.ofSeconds(30);

    @Test
    void shouldRoundTripEveryRecordTypeThroughTheBrokerAndTheRegistry(TestCluster cluster) throws Exception {
        for (SpecificRecord record : SampleRecords.all()) {
            String topic = cluster.uniqueName(record.getSchema().getName().toLowerCase());
            createTopic(cluster, topic);

            produce(cluster, topic, "arbitrum-one", record, serdeConfig(cluster));
            List<ConsumerRecord<String, IndexedRecord>> read = consume(cluster, topic, 1,
                    new AvroDeserializer<IndexedRecord>(), Map.of(AvroSerdeConfig.SPECIFIC_AVRO_READER, true));

            assertThat(read).hasSize(1);
            assertThat(read.get(0).key()).isEqualTo("arbitrum-one");
            assertThat(read.get(0).value()).as(record.getSchema().getName()).isEqualTo(record);
        }
    }

    @Test
    void shouldPutExactlyMagicByteSchemaIdAndAvroBinaryOnTheWire(TestCluster cluster) throws Exception {
        String topic = cluster.uniqueName("wire");
        createTopic(cluster, topic);
        BatchPosted batch = SampleRecords.batch();

        produce(cluster, topic, "arbitrum-one", batch, serdeConfig(cluster));
        byte[] bytes = consumeRaw(cluster, topic);

        int registeredId;
        try (SchemaRegistryClient client = new RestSchemaRegistryClient(serdeConfig(cluster))) {
            RegisteredSchema latest = client.getLatest(topic + "-value");
            registeredId = latest.id();
            assertThat(latest.schema().getFullName()).isEqualTo("io.l2risk.avro.BatchPosted");
        }
        assertThat(bytes[0]).isZero();
        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(registeredId);
        BinaryDecoder tail = DecoderFactory.get().binaryDecoder(bytes, 5, bytes.length - 5, null);
        BatchPosted decoded = new SpecificDatumReader<>(BatchPosted.class).read(null, tail);
        assertThat(decoded).isEqualTo(batch);
        assertThat(tail.isEnd()).isTrue();
    }

    @Test
    void shouldReadARecordWrittenWithAnOlderSchemaVersionWithTheCurrentClass(TestCluster cluster) throws Exception {
        String topic = cluster.uniqueName("older");
        createTopic(cluster, topic);
        // An earlier BatchPosted: without the optional submitter and feeWei fields.
        Schema older = withoutFields(BatchPosted.getClassSchema(), "submitter", "feeWei");
        GenericRecord written = copyInto(SampleRecords.batch(), older);

        produce(cluster, topic, "arbitrum-one", written, serdeConfig(cluster));
        BatchPosted read = consume(cluster, topic, 1, new AvroDeserializer<BatchPosted>(BatchPosted.class), Map.of())
                .get(0).value();

        BatchPosted expected = BatchPosted.newBuilder(SampleRecords.batch()).setSubmitter(null).setFeeWei(null).build();
        assertThat(read).isEqualTo(expected);
    }

    @Test
    void shouldReadARecordWrittenWithANewerCompatibleSchemaWithTheReadersSchema(TestCluster cluster) throws Exception {
        String topic = cluster.uniqueName("newer");
        createTopic(cluster, topic);
        Schema newer = withExtraOptionalField(IngestProgress.getClassSchema(), "region");
        GenericRecord written = copyInto(SampleRecords.progress(), newer);
        written.put("region", "eu-west-1");

        produce(cluster, topic, "arbitrum-one", written, serdeConfig(cluster));
        IngestProgress read = consume(cluster, topic, 1, new AvroDeserializer<IngestProgress>(IngestProgress.class), Map.of())
                .get(0).value();

        assertThat(read).isEqualTo(SampleRecords.progress());
    }

    @Test
    void shouldRaiseAClearErrorForAnUnknownSchemaId(TestCluster cluster) {
        byte[] bytes = ByteBuffer.allocate(7).put((byte) 0).putInt(987_654_321).put(new byte[] {2, 4}).array();
        try (AvroDeserializer<IndexedRecord> deserializer = new AvroDeserializer<>()) {
            deserializer.configure(serdeConfig(cluster), false);

            assertThatThrownBy(() -> deserializer.deserialize("l2risk.ingest.batches", bytes))
                    .isInstanceOf(SerializationException.class)
                    .hasMessageStartingWith("unknown schema id 987654321 in a record of topic l2risk.ingest.batches")
                    .hasMessageContaining("40403");
        }
    }

    @Test
    void shouldRefuseAnIncompatibleSchemaWithTheRegistrys409(TestCluster cluster) {
        String topic = cluster.uniqueName("incompatible");
        String subject = topic + "-value";
        try (SchemaRegistryClient client = new RestSchemaRegistryClient(serdeConfig(cluster));
             AvroSerializer<IndexedRecord> serializer = new AvroSerializer<>()) {
            client.setCompatibility(subject, "BACKWARD");
            client.register(subject, IngestProgress.getClassSchema());
            serializer.configure(serdeConfig(cluster), false);
            // l1HeadBlock long -> string cannot read old data: not BACKWARD compatible.
            Schema incompatible = new Schema.Parser().parse(IngestProgress.getClassSchema().toString()
                    .replace("{\"name\":\"l1HeadBlock\",\"type\":\"long\"", "{\"name\":\"l1HeadBlock\",\"type\":\"string\""));
            GenericRecord record = new GenericData.Record(incompatible);
            record.put("rollupId", "base");
            record.put("l1ChainId", 1L);
            record.put("scannedThroughBlock", 1L);
            record.put("scannedThroughTime", 1L);
            record.put("l1HeadBlock", "one");
            record.put("ingesterId", "i");

            assertThatThrownBy(() -> serializer.serialize(topic, record))
                    .isInstanceOf(SerializationException.class)
                    .rootCause()
                    .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                        assertThat(e.isIncompatible()).isTrue();
                        assertThat(e.httpStatus()).isEqualTo(409);
                    });
            assertThat(client.getLatest(subject).version()).isEqualTo(1);
        }
    }

    @Test
    void shouldRetryAnUnreachableRegistryThenFailClearly() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        Map<String, Object> config = Map.of(
                SchemaRegistryConfig.URL, "http://127.0.0.1:" + closedPort + "/apis/ccompat/v7",
                SchemaRegistryConfig.MAX_RETRIES, 2,
                SchemaRegistryConfig.RETRY_BACKOFF_MS, 10);
        try (AvroSerializer<SpecificRecord> serializer = new AvroSerializer<>()) {
            serializer.configure(config, false);

            assertThatThrownBy(() -> serializer.serialize("l2risk.ingest.progress", SampleRecords.progress()))
                    .isInstanceOf(SchemaRegistryException.class)
                    .hasMessageStartingWith("schema registry unreachable at http://127.0.0.1:" + closedPort)
                    .hasMessageContaining("after 3 attempts");
        }
    }

    private static Map<String, Object> serdeConfig(TestCluster cluster) {
        return Map.of(SchemaRegistryConfig.URL, cluster.schemaRegistryUrl());
    }

    private static void createTopic(TestCluster cluster, String topic) throws Exception {
        try (Admin admin = Admin.create(cluster.clientProperties())) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
    }

    private static <V extends IndexedRecord> void produce(TestCluster cluster, String topic, String key, V value,
                                                          Map<String, Object> serdeConfig) throws Exception {
        Map<String, Object> props = new HashMap<>(cluster.clientProperties());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        AvroSerializer<V> serializer = new AvroSerializer<>();
        serializer.configure(serdeConfig, false);
        try (KafkaProducer<String, V> producer = new KafkaProducer<>(props, new StringSerializer(), serializer)) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    private static <V> List<ConsumerRecord<String, V>> consume(TestCluster cluster, String topic, int expected,
                                                               Deserializer<V> deserializer, Map<String, Object> extra) {
        Map<String, Object> serde = new HashMap<>(serdeConfig(cluster));
        serde.putAll(extra);
        deserializer.configure(serde, false);
        Map<String, Object> props = new HashMap<>(cluster.clientProperties());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, cluster.uniqueName("group"));
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, V>> records = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(props, new StringDeserializer(), deserializer)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + POLL_LIMIT.toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    private static byte[] consumeRaw(TestCluster cluster, String topic) {
        List<ConsumerRecord<String, byte[]>> records = consume(cluster, topic, 1, new ByteArrayDeserializer(), Map.of());
        assertThat(records).hasSize(1);
        return records.get(0).value();
    }

    private static Schema withoutFields(Schema schema, String... names) {
        List<String> dropped = Arrays.asList(names);
        List<Schema.Field> fields = schema.getFields().stream()
                .filter(f -> !dropped.contains(f.name()))
                .map(f -> new Schema.Field(f, f.schema()))
                .toList();
        return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
    }

    private static Schema withExtraOptionalField(Schema schema, String name) {
        List<Schema.Field> fields = new ArrayList<>(schema.getFields().stream().map(f -> new Schema.Field(f, f.schema())).toList());
        fields.add(new Schema.Field(name, Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.STRING)),
                "added in a later version", Schema.Field.NULL_DEFAULT_VALUE));
        return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
    }

    /**
     * The same values as {@code record}, as a generic record of {@code schema} (fewer or more fields):
     * written with the record's own schema and read back through Avro's schema resolution.
     */
    private static GenericRecord copyInto(SpecificRecord record, Schema schema) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        new SpecificDatumWriter<SpecificRecord>(record.getSchema()).write(record, encoder);
        encoder.flush();
        return new GenericDatumReader<GenericRecord>(record.getSchema(), schema)
                .read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));
    }
}
