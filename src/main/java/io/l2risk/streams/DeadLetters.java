package io.l2risk.streams;

import io.l2risk.avro.DeadLetter;
import io.l2risk.avro.DeadLetterStage;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the {@link DeadLetter} records of one application: provenance (topic, partition, offset,
 * original key and value bytes, text headers), stage, error class or reject code, message, and
 * counts each one in {@link ErrorCounts}.
 *
 * <p>Two ways out, both onto the DLQ topic inside the task's transaction: the {@code risk-engine}
 * processor forwards the {@link DeadLetter} to its {@code dlq-sink}; the error handlers, which Kafka
 * Streams instantiates by class name, find this instance in the Streams config under
 * {@link #CONFIG} and answer with {@link #toProducerRecord} (KIP-1034 dead-letter records).
 *
 * <p>The Kafka record of a dead letter has the original key bytes as key and the original record's
 * timestamp as timestamp; {@code failedAt} in the value is wall-clock time. Thread-safe.
 */
public final class DeadLetters {

    /** Streams config key under which the error handlers find this instance. */
    public static final String CONFIG = "l2risk.dead.letters";

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
    /** Messages are for people; an exception chain can be long, a dead letter should not be. */
    private static final int MAX_MESSAGE_CHARS = 4000;

    private final String topic;
    private final String applicationId;
    private final Serializer<DeadLetter> serializer;
    private final ErrorCounts counts;
    private final LongSupplier wallClock;

    /**
     * @param topic         the dead-letter topic
     * @param applicationId the Streams {@code application.id}, recorded in every dead letter
     * @param serializer    writes the DeadLetter values (the error handlers' records)
     * @param counts        where dead letters are counted
     * @param wallClock     {@code failedAt} for the handlers (the processor passes its own stream-time
     *                      wall clock)
     */
    public DeadLetters(String topic, String applicationId, Serializer<DeadLetter> serializer, ErrorCounts counts,
                       LongSupplier wallClock) {
        this.topic = Objects.requireNonNull(topic, "topic");
        this.applicationId = Objects.requireNonNull(applicationId, "applicationId");
        this.serializer = Objects.requireNonNull(serializer, "serializer");
        this.counts = Objects.requireNonNull(counts, "counts");
        this.wallClock = Objects.requireNonNull(wallClock, "wallClock");
    }

    /**
     * The instance an error handler was configured with.
     *
     * @throws ConfigException if the Streams config has none (the app did not wire the handlers)
     */
    public static DeadLetters from(Map<String, ?> configs) {
        Object value = configs.get(CONFIG);
        if (value instanceof DeadLetters deadLetters) {
            return deadLetters;
        }
        throw new ConfigException(CONFIG, value, "the l2-risk-monitor error handlers need the DeadLetters instance "
                + "of the application in the Streams config; build the config with StreamsErrorHandling.configs(...)");
    }

    public String topic() {
        return topic;
    }

    public ErrorCounts counts() {
        return counts;
    }

    /** A dead letter for the record of {@code provenance}, counted. */
    public DeadLetter create(Provenance provenance, DeadLetterStage stage, String code, String message,
                             long failedAtMillis) {
        if (counts.addDeadLetter(stage, code) == 1) {
            log.warn("dead-lettering {} at {}: {}: {} (the first with this code; later ones are logged at DEBUG "
                    + "and counted)", provenance, stage, code, message);
        } else {
            log.debug("dead-lettering {} at {}: {}: {}", provenance, stage, code, message);
        }
        return DeadLetter.newBuilder()
                .setTopic(provenance.topic() == null ? "" : provenance.topic())
                .setPartition(provenance.partition())
                .setOffset(provenance.offset())
                .setKey(provenance.key() == null ? null : ByteBuffer.wrap(provenance.key()))
                .setValue(provenance.value() == null ? null : ByteBuffer.wrap(provenance.value()))
                .setStage(stage)
                .setErrorClass(code)
                .setErrorMessage(truncate(message == null ? "" : message))
                .setApplicationId(applicationId)
                .setFailedAt(Instant.ofEpochMilli(failedAtMillis))
                .setHeaders(provenance.textHeaders())
                .build();
    }

    /**
     * A dead letter for an error handler's response: the DeadLetter serialized for the DLQ topic,
     * keyed by the original key bytes, with the original timestamp. Counted.
     *
     * @throws io.l2risk.serde.SchemaRegistryException if the registry cannot be reached to register the
     *     DeadLetter schema the first time: the record is then not dead-lettered, and the handler's
     *     caller fails the thread, which retries it later
     */
    public ProducerRecord<byte[], byte[]> toProducerRecord(Provenance provenance, DeadLetterStage stage, String code,
                                                           String message) {
        DeadLetter deadLetter = create(provenance, stage, code, message, wallClock.getAsLong());
        byte[] value = serializer.serialize(topic, deadLetter);
        long timestamp = provenance.timestamp() >= 0 ? provenance.timestamp() : wallClock.getAsLong();
        return new ProducerRecord<>(topic, null, timestamp, provenance.key(), value);
    }

    /** The message of an exception and its causes, e.g. {@code "cannot decode: EOF (java.io.EOFException)"}. */
    static String describe(Throwable error) {
        StringBuilder text = new StringBuilder(String.valueOf(error.getMessage()));
        Throwable cause = error.getCause();
        for (int depth = 0; cause != null && cause != error && depth < 5; depth++, cause = cause.getCause()) {
            text.append("; caused by ").append(cause.getClass().getName()).append(": ").append(cause.getMessage());
        }
        return text.toString();
    }

    private static String truncate(String message) {
        return message.length() <= MAX_MESSAGE_CHARS ? message : message.substring(0, MAX_MESSAGE_CHARS - 3) + "...";
    }

    @Override
    public String toString() {
        return "DeadLetters{topic=" + topic + ", applicationId=" + applicationId + "}";
    }
}
