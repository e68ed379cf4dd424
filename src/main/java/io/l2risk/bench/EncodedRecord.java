package io.l2risk.bench;

import io.l2risk.records.IngestRecords;
import io.l2risk.serde.AvroSerializer;
import io.l2risk.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * An ingest record as the ingester writes it (see {@code KafkaEventSink}), serialized once so that
 * producing it costs the producer only: topic = the ingest topic of its type, key = rollupId (UTF-8),
 * timestamp = its L1 time, value = Confluent wire format from {@link AvroSerializer} with the schema
 * registered under the topic's subject.
 *
 * @param topic    the ingest topic
 * @param rollupId the rollup id (the key, as a string)
 * @param key      the key bytes, shared by every record of the rollup
 * @param value    the serialized value
 * @param l1Millis the L1 time in epoch milliseconds (the record timestamp)
 */
record EncodedRecord(String topic, String rollupId, byte[] key, byte[] value, long l1Millis) {

    ProducerRecord<byte[], byte[]> toProducerRecord() {
        return new ProducerRecord<>(topic, null, l1Millis, key, value);
    }

    /** Serialized bytes of key and value. */
    long size() {
        return key.length + value.length;
    }

    /**
     * Serializes the first {@code count} of {@code records} for {@code topics}' ingest topics.
     *
     * @param serdeConfigs the serializer's configuration ({@code schema.registry.url}, ...)
     */
    static List<EncodedRecord> encode(List<SpecificRecord> records, int count, Topics topics,
                                      Map<String, ?> serdeConfigs) {
        Map<String, byte[]> keys = new HashMap<>();
        List<EncodedRecord> encoded = new ArrayList<>(count);
        try (AvroSerializer<SpecificRecord> serializer = new AvroSerializer<>()) {
            serializer.configure(serdeConfigs, false);
            for (SpecificRecord record : records.subList(0, count)) {
                String topic = topics.ingestTopicFor(record.getClass()).name();
                String rollupId = IngestRecords.rollupId(record);
                byte[] key = keys.computeIfAbsent(rollupId, id -> id.getBytes(StandardCharsets.UTF_8));
                encoded.add(new EncodedRecord(topic, rollupId, key, serializer.serialize(topic, record),
                        IngestRecords.eventTime(record).toEpochMilli()));
            }
        }
        return encoded;
    }
}
