package io.l2risk.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.l2risk.avro.DeadLetter;
import io.l2risk.avro.DeadLetterStage;
import io.l2risk.serde.AvroDeserializer;
import io.l2risk.serde.AvroSerializer;
import io.l2risk.serde.MockSchemaRegistry;
import io.l2risk.serde.SchemaRegistryException;
import io.l2risk.testing.SampleRecords;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.SerializationExceptionOrigin;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The three dead-letter error handlers, called the way Kafka Streams calls them. */
class ErrorHandlersTest {

    private static final String SCOPE = "error-handlers";
    private static final String DLQ = "l2risk.dlq";
    private static final Instant WALL = Instant.parse("2026-01-01T00:00:00Z");
    private static final byte[] KEY = "base".getBytes(StandardCharsets.UTF_8);
    private static final byte[] VALUE = {0x00, 0x00, 0x00, 0x00, 0x07, 0x02};

    private final MockSchemaRegistry registry = MockSchemaRegistry.forScope(SCOPE);
    private final ErrorCounts counts = new ErrorCounts();
    private final Map<String, Object> configs = Map.of(DeadLetters.CONFIG,
            new DeadLetters(DLQ, "risk-test", new AvroSerializer<>(registry), counts, WALL::toEpochMilli));
    private final AvroDeserializer<DeadLetter> read = new AvroDeserializer<>(registry, DeadLetter.class);

    @AfterEach
    void dropRegistry() {
        MockSchemaRegistry.drop(SCOPE);
    }

    @Test
    void shouldDeadLetterUnreadableBytesWithTheConsumerRecordsProvenance() {
        DeadLetterDeserializationHandler handler = new DeadLetterDeserializationHandler();
        handler.configure(configs);
        Headers headers = new RecordHeaders().add("trace", "t-1".getBytes(StandardCharsets.UTF_8));
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("l2risk.ingest.batches", 3, 42L, 1_700L,
                TimestampType.CREATE_TIME, KEY.length, VALUE.length, KEY, VALUE, headers, Optional.empty());

        DeserializationExceptionHandler.Response response = handler.handleError(context(null, null), record,
                new SerializationException("unknown schema id 7"));

        assertThat(response.result()).isEqualTo(DeserializationExceptionHandler.Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).singleElement().satisfies(dlq -> {
            assertThat(dlq.topic()).isEqualTo(DLQ);
            assertThat(dlq.key()).isEqualTo(KEY);
            assertThat(dlq.timestamp()).isEqualTo(1_700L);
            DeadLetter letter = read.deserialize(DLQ, dlq.value());
            assertThat(letter.getStage()).isEqualTo(DeadLetterStage.DESERIALIZATION);
            assertThat(letter.getTopic()).isEqualTo("l2risk.ingest.batches");
            assertThat(letter.getPartition()).isEqualTo(3);
            assertThat(letter.getOffset()).isEqualTo(42L);
            assertThat(letter.getValue()).isEqualTo(ByteBuffer.wrap(VALUE));
            assertThat(letter.getErrorClass()).isEqualTo("org.apache.kafka.common.errors.SerializationException");
            assertThat(letter.getErrorMessage()).isEqualTo("unknown schema id 7");
            assertThat(letter.getHeaders()).isEqualTo(Map.of("trace", "t-1"));
            assertThat(letter.getFailedAt()).isEqualTo(WALL);
        });
        assertThat(counts.deadLetters()).isEqualTo(Map.of(
                "DESERIALIZATION/org.apache.kafka.common.errors.SerializationException", 1L));
    }

    @Test
    void shouldFailInsteadOfDeadLetteringWhenTheRegistryIsTheProblem() {
        DeadLetterDeserializationHandler deserialization = new DeadLetterDeserializationHandler();
        deserialization.configure(configs);
        DeadLetterProcessingHandler processing = new DeadLetterProcessingHandler();
        processing.configure(configs);
        DeadLetterProductionHandler production = new DeadLetterProductionHandler();
        production.configure(configs);
        SchemaRegistryException outage = new SchemaRegistryException("registry unreachable", null);
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("l2risk.ingest.batches", 0, 0L, KEY, VALUE);

        assertThat(deserialization.handleError(context(KEY, VALUE), record, outage).result())
                .isEqualTo(DeserializationExceptionHandler.Result.FAIL);
        assertThat(processing.handleError(context(KEY, VALUE), new Record<>(KEY, VALUE, 0L),
                new IllegalStateException("wrapped", outage)).result()).isEqualTo(ProcessingExceptionHandler.Result.FAIL);
        assertThat(production.handleSerializationError(context(KEY, VALUE),
                new ProducerRecord<>("l2risk.risk.alerts", "base", SampleRecords.alert()),
                new SerializationException("no schema id", outage), SerializationExceptionOrigin.VALUE).result())
                .isEqualTo(ProductionExceptionHandler.Result.FAIL);
        assertThat(counts.deadLetteredTotal()).isZero();
    }

    @Test
    void shouldDeadLetterAnEngineFailureWithTheSourceRecordsRawBytes() {
        DeadLetterProcessingHandler handler = new DeadLetterProcessingHandler();
        handler.configure(configs);

        ProcessingExceptionHandler.Response response = handler.handleError(context(KEY, VALUE),
                new Record<>(KEY, VALUE, 1_700L), new IllegalStateException("BatchLivenessIndicator evaluated DA_FALLBACK"));

        assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.RESUME);
        DeadLetter letter = read.deserialize(DLQ, response.deadLetterQueueRecords().get(0).value());
        assertThat(letter.getStage()).isEqualTo(DeadLetterStage.PROCESSING);
        assertThat(letter.getErrorClass()).isEqualTo("java.lang.IllegalStateException");
        assertThat(letter.getErrorMessage()).isEqualTo("BatchLivenessIndicator evaluated DA_FALLBACK");
        assertThat(letter.getKey()).isEqualTo(ByteBuffer.wrap(KEY));
        assertThat(letter.getValue()).isEqualTo(ByteBuffer.wrap(VALUE));
        assertThat(letter.getTopic()).isEqualTo("l2risk.ingest.batches");
        assertThat(letter.getOffset()).isEqualTo(42L);
    }

    @Test
    void shouldFailOnAPunctuationErrorWhichHasNoRecordToDeadLetter() {
        DeadLetterProcessingHandler handler = new DeadLetterProcessingHandler();
        handler.configure(configs);

        assertThat(handler.handleError(new Context(null, -1, -1, null, null), null,
                new IllegalStateException("boom")).result()).isEqualTo(ProcessingExceptionHandler.Result.FAIL);
    }

    @Test
    void shouldDeadLetterAnOutputThatCannotBeSerializedWithItsDestinationAndJson() {
        DeadLetterProductionHandler handler = new DeadLetterProductionHandler();
        handler.configure(configs);

        ProductionExceptionHandler.Response response = handler.handleSerializationError(context(KEY, VALUE),
                new ProducerRecord<>("l2risk.risk.alerts", null, 1_800L, "base", SampleRecords.alert()),
                new SerializationException("value does not match its schema"), SerializationExceptionOrigin.VALUE);

        assertThat(response.result()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
        ProducerRecord<byte[], byte[]> dlq = response.deadLetterQueueRecords().get(0);
        assertThat(dlq.key()).isEqualTo(KEY);
        assertThat(dlq.timestamp()).isEqualTo(1_800L);
        DeadLetter letter = read.deserialize(DLQ, dlq.value());
        assertThat(letter.getStage()).isEqualTo(DeadLetterStage.PRODUCTION);
        assertThat(letter.getTopic()).isEqualTo("l2risk.risk.alerts");
        assertThat(letter.getPartition()).isEqualTo(-1);
        assertThat(letter.getOffset()).isEqualTo(-1L);
        assertThat(letter.getValue()).isNull();
        assertThat(letter.getErrorMessage()).startsWith("cannot serialize the value of a record for l2risk.risk.alerts "
                + "(caused by l2risk.ingest.batches-3@42): value does not match its schema; record: {\"alertId\"");
    }

    @Test
    void shouldRetryRetriableSendErrorsDeadLetterOthersAndNeverLoopOnTheDlq() {
        DeadLetterProductionHandler handler = new DeadLetterProductionHandler();
        handler.configure(configs);
        ProducerRecord<byte[], byte[]> alert = new ProducerRecord<>("l2risk.risk.alerts", null, 1_800L, KEY, VALUE);

        assertThat(handler.handleError(context(KEY, VALUE), alert, new NotEnoughReplicasException("2 < 3")).result())
                .isEqualTo(ProductionExceptionHandler.Result.RETRY);
        ProductionExceptionHandler.Response tooLarge = handler.handleError(context(KEY, VALUE), alert,
                new RecordTooLargeException("too large"));
        assertThat(handler.handleError(context(KEY, VALUE), new ProducerRecord<>(DLQ, KEY, VALUE),
                new RecordTooLargeException("too large")).result()).isEqualTo(ProductionExceptionHandler.Result.FAIL);

        assertThat(tooLarge.result()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
        DeadLetter letter = read.deserialize(DLQ, tooLarge.deadLetterQueueRecords().get(0).value());
        assertThat(letter.getValue()).isEqualTo(ByteBuffer.wrap(VALUE));
        assertThat(letter.getErrorClass()).isEqualTo("org.apache.kafka.common.errors.RecordTooLargeException");
        assertThat(counts.deadLetters()).isEqualTo(Map.of(
                "PRODUCTION/org.apache.kafka.common.errors.RecordTooLargeException", 1L));
    }

    @Test
    void shouldRefuseToStartWithoutTheApplicationsDeadLetters() {
        assertThatThrownBy(() -> new DeadLetterProcessingHandler().configure(Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(DeadLetters.CONFIG);
    }

    private static ErrorHandlerContext context(byte[] key, byte[] value) {
        return new Context("l2risk.ingest.batches", 3, 42L, key, value);
    }

    private record Context(String topic, int partition, long offset, byte[] sourceRawKey, byte[] sourceRawValue)
            implements ErrorHandlerContext {

        @Override
        public Headers headers() {
            return new RecordHeaders();
        }

        @Override
        public String processorNodeId() {
            return RiskTopology.PROCESSOR_RISK_ENGINE;
        }

        @Override
        public TaskId taskId() {
            return new TaskId(0, partition);
        }

        @Override
        public long timestamp() {
            return 1_700L;
        }
    }
}
