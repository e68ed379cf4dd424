package io.l2risk.streams;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/**
 * Where a dead-lettered record came from, with its bytes exactly as they were read, so it can be
 * inspected and replayed.
 *
 * @param topic     topic the record was read from (for a record the app failed to write: the topic it
 *                  was meant for)
 * @param partition partition, {@code -1} when unknown
 * @param offset    offset, {@code -1} when unknown
 * @param key       key bytes, unchanged (may be {@code null})
 * @param value     value bytes, unchanged (may be {@code null})
 * @param headers   headers, may be {@code null}
 * @param timestamp record timestamp (the ingest records' L1 time); the dead letter keeps it
 */
public record Provenance(String topic, int partition, long offset, byte[] key, byte[] value, Headers headers,
                         long timestamp) {

    /** The record an error handler was called for. */
    public static Provenance of(ErrorHandlerContext context) {
        return new Provenance(context.topic(), context.partition(), context.offset(), context.sourceRawKey(),
                context.sourceRawValue(), context.headers(), context.timestamp());
    }

    /** A record as the consumer read it. */
    public static Provenance of(ConsumerRecord<byte[], byte[]> record) {
        return new Provenance(record.topic(), record.partition(), record.offset(), record.key(), record.value(),
                record.headers(), record.timestamp());
    }

    /** The headers whose values are valid UTF-8, as text (a DeadLetter's {@code headers} field). */
    public Map<String, String> textHeaders() {
        Map<String, String> text = new TreeMap<>();
        if (headers != null) {
            for (Header header : headers) {
                if (header.value() != null) {
                    try {
                        text.put(header.key(), StandardCharsets.UTF_8.newDecoder()
                                .onMalformedInput(CodingErrorAction.REPORT)
                                .onUnmappableCharacter(CodingErrorAction.REPORT)
                                .decode(ByteBuffer.wrap(header.value())).toString());
                    } catch (CharacterCodingException e) {
                        // Binary header: DeadLetter.headers holds text only, by its schema.
                    }
                }
            }
        }
        return text;
    }

    @Override
    public String toString() {
        return topic + "-" + partition + "@" + offset;
    }
}
