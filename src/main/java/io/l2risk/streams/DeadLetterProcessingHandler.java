package io.l2risk.streams;

import io.l2risk.avro.DeadLetterStage;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Processing slot: an exception the engine throws for one record (a bug, a rollup whose stored state
 * cannot be restored, a malformed threshold override) sends that record to the DLQ — stage
 * PROCESSING, error class = the exception's class, the original key and value bytes from the
 * {@link ErrorHandlerContext} — and processing resumes with the next record. The rollup's stored
 * state is untouched: the processor saves it only after the engine succeeded, and forwards nothing
 * before.
 *
 * <p>Expected domain rejects (invalid amounts, key mismatches, unknown rollups) never get here: the
 * processor dead-letters them itself, as data. Schema-registry and Kafka failures (state store,
 * timeouts) fail the stream thread instead — the record is not at fault and is retried after the
 * uncaught-exception handler replaced the thread — and so does an error in a punctuation, which has
 * no record to dead-letter.
 */
public final class DeadLetterProcessingHandler implements ProcessingExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);

    private DeadLetters deadLetters;

    @Override
    public void configure(Map<String, ?> configs) {
        deadLetters = DeadLetters.from(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        if (Failures.isInfrastructure(exception)) {
            log.error("processor {} failed on {}-{}@{} because of the registry or Kafka, not the record; failing "
                    + "the stream thread so that it is retried", context.processorNodeId(), context.topic(),
                    context.partition(), context.offset(), exception);
            return Response.fail();
        }
        if (record == null || context.topic() == null) {
            log.error("processor {} failed outside of any record (punctuation); failing the stream thread",
                    context.processorNodeId(), exception);
            return Response.fail();
        }
        if (deadLetters.counts().deadLettered(DeadLetterStage.PROCESSING, exception.getClass().getName()) == 0) {
            // The stack trace of the first failure of a kind is what finds the bug; the rest are counted.
            log.error("processor {} failed on {}-{}@{}; dead-lettering the record", context.processorNodeId(),
                    context.topic(), context.partition(), context.offset(), exception);
        }
        return Response.resume(List.of(deadLetters.toProducerRecord(Provenance.of(context),
                DeadLetterStage.PROCESSING, exception.getClass().getName(), DeadLetters.describe(exception))));
    }
}
