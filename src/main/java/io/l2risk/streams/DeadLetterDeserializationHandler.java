package io.l2risk.streams;

import io.l2risk.avro.DeadLetterStage;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deserialization slot: a record whose bytes a source's deserializer cannot read goes to the DLQ as a
 * {@code DeadLetter} (stage DESERIALIZATION, error class = the exception's class, original bytes) and
 * processing resumes; a schema-registry or Kafka failure instead fails the thread (the record is
 * probably fine and is retried once the uncaught-exception handler has replaced the thread).
 *
 * <p>In {@link RiskTopology} the ingest source reads raw bytes and the {@code risk-engine} processor
 * decodes them itself, so that its own rejects carry the original bytes too; this handler is the
 * safety net for any source that decodes (and for a changed topology). Configured by class name;
 * finds its {@link DeadLetters} in the Streams config.
 */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);

    private DeadLetters deadLetters;

    @Override
    public void configure(Map<String, ?> configs) {
        deadLetters = DeadLetters.from(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        if (Failures.isInfrastructure(exception)) {
            log.error("cannot deserialize {}-{}@{} because of the registry or Kafka, not the record; failing the "
                    + "stream thread so that it is retried", record.topic(), record.partition(), record.offset(),
                    exception);
            return Response.fail();
        }
        return Response.resume(List.of(deadLetters.toProducerRecord(Provenance.of(record),
                DeadLetterStage.DESERIALIZATION, exception.getClass().getName(), DeadLetters.describe(exception))));
    }
}
