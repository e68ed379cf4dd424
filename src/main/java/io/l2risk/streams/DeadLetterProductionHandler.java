package io.l2risk.streams;

import io.l2risk.avro.DeadLetterStage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Production slot: an output record (alert, snapshot, status) that cannot be serialized or written.
 * <ul>
 *   <li>Retriable send errors are retried; schema-registry and Kafka failures fail the stream thread
 *       (not the record's fault; the uncaught-exception handler decides).</li>
 *   <li>Any other failure of one output record (a value that does not match its schema, a record the
 *       broker refuses) sends a {@code DeadLetter} with stage PRODUCTION and resumes: topic = the
 *       topic the output was meant for, partition = offset = -1 (it was never written), key = the
 *       output's key bytes, value = its serialized bytes (absent when serialization failed; the
 *       record's JSON is then in the message), and the input record that caused it named in the
 *       message.</li>
 *   <li>A dead letter that cannot be written fails the thread: it must never vanish, nor loop.</li>
 * </ul>
 */
public final class DeadLetterProductionHandler implements ProductionExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterProductionHandler.class);

    private DeadLetters deadLetters;

    @Override
    public void configure(Map<String, ?> configs) {
        deadLetters = DeadLetters.from(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
        if (record.topic().equals(deadLetters.topic())) {
            log.error("cannot write a dead letter to {}; failing the stream thread", record.topic(), exception);
            return Response.fail();
        }
        if (exception instanceof RetriableException) {
            return Response.retry();
        }
        if (Failures.isInfrastructure(exception)) {
            log.error("cannot write to {} because of Kafka; failing the stream thread", record.topic(), exception);
            return Response.fail();
        }
        Provenance output = new Provenance(record.topic(), -1, -1, record.key(), record.value(), record.headers(),
                record.timestamp() == null ? -1 : record.timestamp());
        return Response.resume(List.of(deadLetters.toProducerRecord(output, DeadLetterStage.PRODUCTION,
                exception.getClass().getName(), "cannot write to " + record.topic() + source(context) + ": "
                        + DeadLetters.describe(exception))));
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record, Exception exception,
                                             SerializationExceptionOrigin origin) {
        if (record.topic().equals(deadLetters.topic())) {
            log.error("cannot serialize a dead letter for {}; failing the stream thread", record.topic(), exception);
            return Response.fail();
        }
        if (Failures.isInfrastructure(exception)) {
            log.error("cannot serialize a record for {} because of the schema registry or Kafka; failing the stream "
                    + "thread so that it is retried", record.topic(), exception);
            return Response.fail();
        }
        Provenance output = new Provenance(record.topic(), -1, -1, keyBytes(record.key()), null, record.headers(),
                record.timestamp() == null ? -1 : record.timestamp());
        return Response.resume(List.of(deadLetters.toProducerRecord(output, DeadLetterStage.PRODUCTION,
                exception.getClass().getName(), "cannot serialize the " + origin.name().toLowerCase() + " of a record for "
                        + record.topic() + source(context) + ": " + DeadLetters.describe(exception) + "; record: "
                        + record.value())));
    }

    private static byte[] keyBytes(Object key) {
        if (key instanceof byte[] bytes) {
            return bytes;
        }
        return key == null ? null : key.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String source(ErrorHandlerContext context) {
        return context == null || context.topic() == null ? " (from a punctuation)"
                : " (caused by " + context.topic() + "-" + context.partition() + "@" + context.offset() + ")";
    }
}
