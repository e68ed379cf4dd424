package io.l2risk.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

class AvroWireFormatTest {

    /** A registry that knows one schema under a large id, so every byte of the id is visible. */
    private static final class FixedIdRegistry implements SchemaRegistryClient {
        static final int ID = 0x01020304;

        @Override
        public int register(String subject, Schema schema) {
            return ID;
        }

        @Override
        public Schema getById(int id) {
            return TestSchemas.V1;
        }

        @Override
        public RegisteredSchema getLatest(String subject) {
            return new RegisteredSchema(subject, ID, 1, TestSchemas.V1);
        }

        @Override
        public int lookupId(String subject, Schema schema) {
            return ID;
        }

        @Override
        public boolean testCompatibility(String subject, Schema schema) {
            return true;
        }

        @Override
        public void setCompatibility(String subject, String level) {
        }

        @Override
        public String getCompatibility(String subject) {
            return "NONE";
        }
    }

    private final AvroSerializer<GenericRecord> serializer = new AvroSerializer<>(new FixedIdRegistry());

    @Test
    void shouldWriteMagicByteThenBigEndianSchemaIdThenPlainAvroBinary() throws IOException {
        GenericRecord record = TestSchemas.v1("s-1", 997_681_383L);

        byte[] bytes = serializer.serialize("t", record);

        assertThat(Arrays.copyOfRange(bytes, 0, 5)).containsExactly(0x00, 0x01, 0x02, 0x03, 0x04);
        assertThat(Arrays.copyOfRange(bytes, 5, bytes.length)).isEqualTo(plainAvro(record));
    }

    @Test
    void shouldLeaveATailThatAPlainAvroDecoderReads() throws IOException {
        GenericRecord record = TestSchemas.v1("s-2", -5L);

        byte[] bytes = serializer.serialize("t", record);

        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, 5, bytes.length - 5, null);
        GenericRecord decoded = new GenericDatumReader<GenericRecord>(TestSchemas.V1).read(null, decoder);
        assertThat(decoded).isEqualTo(record);
        assertThat(decoder.isEnd()).isTrue();
    }

    @Test
    void shouldWriteIdenticalBytesForEveryCallOnTheSameThread() {
        GenericRecord big = TestSchemas.v1("x".repeat(5000), 1L);
        GenericRecord small = TestSchemas.v1("s", 2L);

        byte[] first = serializer.serialize("t", small);
        serializer.serialize("t", big);
        byte[] again = serializer.serialize("t", small);

        assertThat(again).isEqualTo(first);
    }

    @Test
    void shouldMapNullRecordToNullBytesAndNullBytesToNullRecord() {
        AvroDeserializer<GenericRecord> deserializer = new AvroDeserializer<>(new FixedIdRegistry());

        assertThat(serializer.serialize("t", null)).isNull();
        assertThat(deserializer.deserialize("t", null)).isNull();
    }

    @Test
    void shouldReadWhatItWrote() {
        AvroDeserializer<GenericRecord> deserializer = new AvroDeserializer<>(new FixedIdRegistry());
        deserializer.configure(Map.of(), false);
        GenericRecord record = TestSchemas.v1("s-3", 42L);

        assertThat(deserializer.deserialize("t", serializer.serialize("t", record))).isEqualTo(record);
    }

    private static byte[] plainAvro(GenericRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
