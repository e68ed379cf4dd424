package io.l2risk.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.l2risk.serde.testdata.Reading;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AvroDeserializerBadBytesTest {

    private static final String TOPIC = "l2risk.test.bad";

    private final String scope = "bad-bytes-" + UUID.randomUUID();
    private final MockSchemaRegistry registry = MockSchemaRegistry.forScope(scope);
    private final AvroSerializer<GenericRecord> serializer = new AvroSerializer<>(registry);
    private final AvroDeserializer<GenericRecord> deserializer = new AvroDeserializer<>(registry);

    @AfterEach
    void drop() {
        MockSchemaRegistry.drop(scope);
    }

    @Test
    void shouldRejectAWrongMagicByteNamingIt() {
        byte[] json = "{\"sensor\":\"s\"}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, json))
                .isInstanceOf(SerializationException.class)
                .hasMessage("Unknown magic byte 0x7b (expected 0x00) in a 14-byte record of topic " + TOPIC
                        + ": not written by a Confluent-wire-format serializer");
    }

    @Test
    void shouldRejectAPayloadShorterThanTheHeader() {
        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, new byte[] {0, 0, 1}))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("payload too short: 3 bytes, the Confluent wire format needs at least 5");
        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, new byte[0]))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("payload too short: 0 bytes");
    }

    @Test
    void shouldRejectAnUnknownSchemaIdWithTheRegistryAnswer() {
        byte[] unknownId = {0, 0, 0, 0x30, 0x39, 2, 0x41};

        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, unknownId))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("unknown schema id 12345 in a record of topic " + TOPIC + " (registry: ")
                .hasMessageContaining("error_code 40403")
                .hasCauseInstanceOf(SchemaRegistryException.class);
    }

    @Test
    void shouldRejectATruncatedPayloadNamingSchemaIdAndRecord() {
        byte[] whole = serializer.serialize(TOPIC, TestSchemas.v1("sensor-with-a-long-name", 1L));
        int id = WireFormat.schemaId(whole);
        byte[] truncated = Arrays.copyOf(whole, 10);

        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, truncated))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("truncated or corrupt Avro payload for schema id " + id
                        + " (io.l2risk.serde.testdata.Reading) in topic " + TOPIC + ", 5 bytes after the header: ")
                .hasMessageContaining("Attempted to read 23 bytes, but only 4 bytes are available");
    }

    @Test
    void shouldRejectTrailingBytesAfterTheRecord() {
        byte[] whole = serializer.serialize(TOPIC, TestSchemas.v1("s", 1L));
        byte[] padded = Arrays.copyOf(whole, whole.length + 3);

        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, padded))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("truncated or corrupt Avro payload for schema id")
                .hasMessageEndingWith("bytes left over after the record");
    }

    @Test
    void shouldRejectAHugeLengthPrefixWithoutAllocatingIt() {
        byte[] whole = serializer.serialize(TOPIC, TestSchemas.v1("s", 1L));
        byte[] corrupt = Arrays.copyOf(whole, 10);
        // zig-zag varint of 1_073_741_823 as the string length of "sensor"
        System.arraycopy(new byte[] {(byte) 0xfe, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07}, 0, corrupt, 5, 5);

        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, corrupt))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("truncated or corrupt Avro payload");
    }

    @Test
    void shouldKeepDecodingGoodRecordsAfterABadOne() {
        GenericRecord good = TestSchemas.v1("s", 2L);
        byte[] bytes = serializer.serialize(TOPIC, good);

        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, Arrays.copyOf(bytes, 7)))
                .isInstanceOf(SerializationException.class);
        assertThat(deserializer.deserialize(TOPIC, bytes)).isEqualTo(good);
    }

    @Test
    void shouldNotBlameTheRecordWhenTheRegistryUrlIsWrong() {
        try (FakeRegistryServer server = FakeRegistryServer.start(r -> new FakeRegistryServer.Reply(404,
                "{\"error_code\":0,\"message\":\"RESTEASY003210: Could not find resource for full path\"}"))) {
            AvroDeserializer<GenericRecord> misconfigured = new AvroDeserializer<>();
            misconfigured.configure(Map.of(SchemaRegistryConfig.URL, server.url() + "/wrong"), false);

            assertThatThrownBy(() -> misconfigured.deserialize(TOPIC, new byte[] {0, 0, 0, 0, 1, 2, 0x41}))
                    .isExactlyInstanceOf(SchemaRegistryException.class)
                    .hasMessageContaining("HTTP 404 error_code 0: RESTEASY003210");
        }
    }

    @Test
    void shouldNotBlameTheRecordWhenTheRegistryIsUnreachable() {
        AvroDeserializer<Reading> unreachable = new AvroDeserializer<>(Reading.class);
        unreachable.configure(Map.of(SchemaRegistryConfig.URL, "http://127.0.0.1:" + FakeRegistryServer.closedPort(),
                SchemaRegistryConfig.MAX_RETRIES, 0), false);

        assertThatThrownBy(() -> unreachable.deserialize(TOPIC, new byte[] {0, 0, 0, 0, 1, 2, 0x41}))
                .isExactlyInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("schema registry unreachable at http://127.0.0.1:")
                .hasMessageEndingWith("after 1 attempt: Connection refused");
    }
}
