package io.l2risk.http;

import io.l2risk.avro.IndicatorSnapshot;
import io.l2risk.avro.RiskAlert;
import io.l2risk.serde.AvroDeserializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the {@link Timeline} from {@code risk.alerts} and {@code risk.indicators}: one background
 * thread ({@value #THREAD_NAME}), one consumer with no group (every partition assigned, nothing
 * committed, so every instance has the whole timeline), {@code read_committed} (only what the
 * engine's transactions committed). It starts at most {@code maxRecordsPerPartition} records before
 * the end of each partition — a count, not a time, because record timestamps are L1 times that need
 * not be near the wall clock — and then follows the topics. The Timeline itself keeps only its L1-time
 * window. {@code risk.indicators} is compacted: older gap values may already have been compacted away,
 * so the gap series shows what the topic still holds. Unreadable records are skipped and counted.
 */
final class TimelineConsumer implements AutoCloseable {

    static final String THREAD_NAME = "l2risk-timeline";

    private static final Logger log = LoggerFactory.getLogger(TimelineConsumer.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration RETRY = Duration.ofSeconds(2);

    private final Timeline timeline;
    private final Map<String, Object> consumerProperties;
    private final Map<String, ?> serdeConfigs;
    private final String alertsTopic;
    private final String indicatorsTopic;
    private final int maxRecordsPerPartition;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Thread thread;
    private volatile KafkaConsumer<byte[], byte[]> consumer;

    /**
     * @param consumerProperties Kafka client settings (bootstrap servers, security); group, commit and
     *                           isolation settings are set here
     * @param clientId           the consumer's {@code client.id} (unique in the JVM: it names its MBeans)
     */
    TimelineConsumer(Timeline timeline, Map<String, Object> consumerProperties, String clientId,
                     Map<String, ?> serdeConfigs, String alertsTopic, String indicatorsTopic,
                     int maxRecordsPerPartition) {
        this.timeline = timeline;
        this.consumerProperties = consumerProperties(consumerProperties, clientId);
        this.serdeConfigs = Map.copyOf(serdeConfigs);
        this.alertsTopic = alertsTopic;
        this.indicatorsTopic = indicatorsTopic;
        this.maxRecordsPerPartition = maxRecordsPerPartition;
        this.thread = new Thread(this::run, THREAD_NAME);
        this.thread.setDaemon(true);
    }

    static Map<String, Object> consumerProperties(Map<String, Object> client, String clientId) {
        Map<String, Object> props = new HashMap<>();
        client.forEach((key, value) -> {
            if (ConsumerConfig.configNames().contains(key)) {
                props.put(key, value);
            }
        });
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        return props;
    }

    void start() {
        thread.start();
    }

    private void run() {
        AvroDeserializer<RiskAlert> alerts = new AvroDeserializer<>(RiskAlert.class);
        AvroDeserializer<IndicatorSnapshot> snapshots = new AvroDeserializer<>(IndicatorSnapshot.class);
        alerts.configure(serdeConfigs, false);
        snapshots.configure(serdeConfigs, false);
        try (KafkaConsumer<byte[], byte[]> kafka = new KafkaConsumer<>(consumerProperties, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer = kafka;
            if (closing.getCount() == 0) {
                return;
            }
            Map<TopicPartition, Long> targets = assign(kafka);
            while (closing.getCount() > 0) {
                try {
                    for (ConsumerRecord<byte[], byte[]> record : kafka.poll(POLL)) {
                        read(record, alerts, snapshots);
                    }
                    if (!targets.isEmpty()) {
                        targets.entrySet().removeIf(t -> kafka.position(t.getKey()) >= t.getValue());
                        timeline.caughtUp(targets.isEmpty());
                    }
                } catch (WakeupException e) {
                    throw e;
                } catch (KafkaException e) {
                    log.warn("the status timeline cannot read {} and {} now, retrying: {}", alertsTopic,
                            indicatorsTopic, e.getMessage());
                    pause();
                }
            }
        } catch (WakeupException e) {
            if (closing.getCount() > 0) {
                log.error("the status timeline consumer was woken up unexpectedly", e);
            }
        } catch (RuntimeException e) {
            log.error("the status timeline stopped; the status page shows no further history", e);
        } finally {
            alerts.close();
            snapshots.close();
        }
    }

    /** Assigns every partition of both topics, seeks to the start of the lookback; returns the end offsets. */
    private Map<TopicPartition, Long> assign(KafkaConsumer<byte[], byte[]> kafka) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(alertsTopic, indicatorsTopic)) {
            List<PartitionInfo> infos = List.of();
            while (closing.getCount() > 0 && infos.isEmpty()) {
                try {
                    infos = kafka.partitionsFor(topic, Duration.ofSeconds(10));
                } catch (WakeupException e) {
                    throw e;
                } catch (KafkaException e) {
                    log.warn("the status timeline cannot find topic {} yet: {}", topic, e.getMessage());
                }
                if (infos.isEmpty()) {
                    pause();
                }
            }
            infos.forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
        }
        kafka.assign(partitions);
        Map<TopicPartition, Long> beginning = kafka.beginningOffsets(partitions);
        Map<TopicPartition, Long> end = kafka.endOffsets(partitions);
        for (TopicPartition partition : partitions) {
            kafka.seek(partition, Math.max(beginning.get(partition), end.get(partition) - maxRecordsPerPartition));
        }
        log.info("status timeline reading {} partitions of {} and {}, at most {} records back each",
                partitions.size(), alertsTopic, indicatorsTopic, maxRecordsPerPartition);
        return new HashMap<>(end);
    }

    private void read(ConsumerRecord<byte[], byte[]> record, AvroDeserializer<RiskAlert> alerts,
                      AvroDeserializer<IndicatorSnapshot> snapshots) {
        if (record.value() == null) {
            return;
        }
        try {
            if (record.topic().equals(alertsTopic)) {
                timeline.add(alerts.deserialize(record.topic(), record.headers(), record.value()));
            } else {
                timeline.add(snapshots.deserialize(record.topic(), record.headers(), record.value()));
            }
        } catch (RuntimeException e) {
            timeline.skipped();
            log.debug("status timeline skips {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
        }
    }

    private void pause() {
        try {
            closing.await(RETRY.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closing.countDown();
        }
    }

    /** Stops the thread and waits for it (at most a few seconds). */
    @Override
    public void close() {
        closing.countDown();
        KafkaConsumer<byte[], byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
