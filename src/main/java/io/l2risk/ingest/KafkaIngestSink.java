package io.l2risk.ingest;

import io.l2risk.avro.IngestCursor;
import io.l2risk.records.IngestRecords;
import io.l2risk.serde.AvroDeserializer;
import io.l2risk.serde.AvroSerializer;
import io.l2risk.topics.Topics;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Produces the ingester's records to the ingest topics and its cursor to the cursor topic in one Kafka
 * transaction per commit (key = rollupId, record timestamp = L1 time, values in the Confluent wire
 * format), so that a reader with {@code isolation.level=read_committed} — the engine under
 * {@code exactly_once_v2} — sees a range's records exactly when the cursor past them is committed.
 *
 * <p>The transactional id is {@code l2risk-ingester-<chainId>-<ingesterId>}: a second ingester with
 * the same id fences the first, so two copies of one ingester can never both write.
 */
public final class KafkaIngestSink implements IngestSink {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaIngestSink.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CURSOR_READ_TIMEOUT = Duration.ofSeconds(60);

    private final Topics topics;
    private final Map<String, Object> clientProperties;
    private final Map<String, ?> serdeConfig;
    private final KafkaProducer<String, SpecificRecord> producer;
    private boolean broken;

    private KafkaIngestSink(Topics topics, Map<String, Object> clientProperties, Map<String, ?> serdeConfig,
                            KafkaProducer<String, SpecificRecord> producer) {
        this.topics = topics;
        this.clientProperties = clientProperties;
        this.serdeConfig = serdeConfig;
        this.producer = producer;
    }

    /**
     * A sink for one ingester: creates the transactional producer and fences any earlier instance with
     * the same id.
     *
     * @param clientProperties Kafka client properties (bootstrap servers, security)
     * @param serdeConfig      the Avro serde configuration: {@code schema.registry.url} and credentials
     */
    public static KafkaIngestSink create(Map<String, Object> clientProperties, Topics topics,
                                         Map<String, ?> serdeConfig, long l1ChainId, String ingesterId) {
        Objects.requireNonNull(topics, "topics");
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "l2risk-ingester-" + l1ChainId + "-" + ingesterId);
        props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "l2risk-ingester-" + ingesterId);
        AvroSerializer<SpecificRecord> serializer = new AvroSerializer<>();
        serializer.configure(serdeConfig, false);
        KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(props, new StringSerializer(), serializer);
        try {
            producer.initTransactions();
        } catch (KafkaException e) {
            producer.close(Duration.ZERO);
            throw e;
        }
        return new KafkaIngestSink(topics, new HashMap<>(clientProperties), serdeConfig, producer);
    }

    @Override
    public Optional<IngestCursor> cursor(long l1ChainId, String ingesterId) throws IOException {
        String key = IngestSink.cursorKey(l1ChainId, ingesterId);
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "l2risk-ingester-cursor-" + ingesterId);
        AvroDeserializer<IngestCursor> deserializer = new AvroDeserializer<>(IngestCursor.class);
        deserializer.configure(serdeConfig, false);
        String topic = topics.cursor().name();
        try (KafkaConsumer<String, IngestCursor> consumer =
                     new KafkaConsumer<>(props, new StringDeserializer(), deserializer)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, CURSOR_READ_TIMEOUT).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            if (partitions.isEmpty()) {
                throw new IOException("cursor topic " + topic + " does not exist; create the topics first");
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // With read_committed, endOffsets are the last stable offsets: everything before them is decided.
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, CURSOR_READ_TIMEOUT);
            IngestCursor latest = null;
            long deadline = System.nanoTime() + CURSOR_READ_TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("reading the cursor topic " + topic + " took longer than "
                            + CURSOR_READ_TIMEOUT);
                }
                for (ConsumerRecord<String, IngestCursor> record : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(record.key())) {
                        latest = record.value();
                    }
                }
            }
            return Optional.ofNullable(latest);
        } catch (KafkaException e) {
            throw new IOException("reading the ingester cursor from " + topic + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void commit(List<SpecificRecord> records, IngestCursor cursor) throws IOException {
        if (broken) {
            throw new IOException("the Kafka sink failed earlier; restart the ingester to resume from its cursor");
        }
        try {
            producer.beginTransaction();
            for (SpecificRecord record : records) {
                String topic = topics.ingestTopicFor(record.getClass()).name();
                producer.send(new ProducerRecord<>(topic, null, IngestRecords.eventTime(record).toEpochMilli(),
                        IngestRecords.rollupId(record), record));
            }
            producer.send(new ProducerRecord<>(topics.cursor().name(), null, cursor.getBlockTime().toEpochMilli(),
                    IngestSink.cursorKey(cursor.getL1ChainId(), cursor.getIngesterId()), cursor));
            // commitTransaction flushes and throws the error of any failed send, so a return means all were written.
            producer.commitTransaction();
        } catch (ProducerFencedException e) {
            broken = true;
            throw new IOException("another ingester with the same id and chain took over (producer fenced); "
                    + "this one stops", e);
        } catch (KafkaException e) {
            broken = true;
            try {
                producer.abortTransaction();
            } catch (KafkaException abort) {
                LOG.debug("aborting the failed transaction failed too", abort);
            }
            throw new IOException("committing " + records.size() + " records and the cursor at block "
                    + cursor.getBlockNumber() + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        producer.close(CLOSE_TIMEOUT);
    }
}
