package io.l2risk.embedded.sim;

import io.l2risk.records.IngestRecords;
import io.l2risk.serde.AvroSerializer;
import io.l2risk.topics.Topics;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Produces the records to their ingest topics as the ingester would: key = rollupId, record
 * timestamp = the record's L1 time, value in the Confluent wire format with its schema registered
 * (the same serialization as {@code EventReplayer}). The producer is idempotent with
 * {@code acks=all}, so a record is written once and in order per rollup within a run; a failed send
 * fails the next {@link #send} or {@link #flush}.
 */
public final class KafkaEventSink implements EventSink {

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final Topics topics;
    private final KafkaProducer<String, SpecificRecord> producer;
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    private KafkaEventSink(Topics topics, KafkaProducer<String, SpecificRecord> producer) {
        this.topics = topics;
        this.producer = producer;
    }

    /**
     * A sink producing to {@code topics}' ingest topics.
     *
     * @param clientProperties Kafka client properties (bootstrap servers, security); acks, idempotence and
     *                         the client id are set here
     * @param topics           the topic registry
     * @param serializerConfig the Avro serializer's configuration: {@code schema.registry.url} and, if
     *                         needed, the registry's credentials
     */
    public static KafkaEventSink create(Map<String, Object> clientProperties, Topics topics,
                                        Map<String, ?> serializerConfig) {
        Objects.requireNonNull(topics, "topics");
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "l2risk-simulator");
        AvroSerializer<SpecificRecord> serializer = new AvroSerializer<>();
        serializer.configure(serializerConfig, false);
        return new KafkaEventSink(topics, new KafkaProducer<>(props, new StringSerializer(), serializer));
    }

    @Override
    public void send(SpecificRecord record) throws IOException {
        check();
        String topic = topics.ingestTopicFor(record.getClass()).name();
        producer.send(new ProducerRecord<>(topic, null, IngestRecords.eventTime(record).toEpochMilli(),
                IngestRecords.rollupId(record), record), (metadata, error) -> {
                    if (error != null) {
                        failure.compareAndSet(null, error);
                    }
                });
    }

    @Override
    public void flush() throws IOException {
        producer.flush();
        check();
    }

    @Override
    public void close() throws IOException {
        try {
            producer.close(CLOSE_TIMEOUT);
        } finally {
            check();
        }
    }

    private void check() throws IOException {
        Exception error = failure.get();
        if (error != null) {
            throw new IOException("producing simulated records failed: " + error.getMessage(), error);
        }
    }
}
