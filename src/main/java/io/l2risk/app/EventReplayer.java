package io.l2risk.app;

import io.l2risk.eventfile.AvroJsonLinesReader;
import io.l2risk.eventfile.BadLineListener;
import io.l2risk.records.IngestRecords;
import io.l2risk.serde.AvroSerializer;
import io.l2risk.topics.Topics;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Produces the records of an event file (design.md §3) to their ingest topics, keyed by rollupId,
 * in the Confluent wire format with schemas registered in the registry. The producer is idempotent
 * with {@code acks=all}, so a record is written once and in file order per rollup.
 */
final class EventReplayer {

    private static final Logger log = LoggerFactory.getLogger(EventReplayer.class);

    /** What a replay did. */
    record Result(long records, long invalidLines, long outOfOrderLines) {
    }

    private EventReplayer() {
    }

    /**
     * @param clientProperties producer settings (bootstrap, security); acks, idempotence and client id are ours
     * @param serdeConfigs     schema registry settings ({@code schema.registry.url}, credentials)
     */
    static Result replay(Path file, Topics topics, Map<String, Object> clientProperties, Map<String, ?> serdeConfigs)
            throws IOException {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "l2risk-replay");
        AvroSerializer<SpecificRecord> serializer = new AvroSerializer<>();
        serializer.configure(serdeConfigs, false);
        AtomicReference<Exception> firstFailure = new AtomicReference<>();
        try (AvroJsonLinesReader<SpecificRecord> reader = AvroJsonLinesReader.openEvents(file, BadLineListener.logTo(log));
             KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(props, new StringSerializer(), serializer)) {
            SpecificRecord record;
            while ((record = reader.next()) != null) {
                String topic = topics.ingestTopicFor(record.getClass()).name();
                producer.send(new ProducerRecord<>(topic, null, IngestRecords.eventTime(record).toEpochMilli(),
                        IngestRecords.rollupId(record), record), (metadata, error) -> {
                            if (error != null) {
                                firstFailure.compareAndSet(null, error);
                            }
                        });
                if (firstFailure.get() != null) {
                    break;
                }
            }
            producer.flush();
            Exception failure = firstFailure.get();
            if (failure != null) {
                throw new IOException("producing " + file + " failed at line " + reader.lineNumber() + ": "
                        + failure.getMessage(), failure);
            }
            return new Result(reader.records(), reader.invalidLines(), reader.outOfOrderLines());
        }
    }
}
