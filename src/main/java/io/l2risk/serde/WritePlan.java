package io.l2risk.serde;

import java.io.IOException;
import java.time.Duration;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

/**
 * How records of one class or schema are written to one subject: the schema id, the datum writer, and
 * for {@code use.latest.version} with a different latest schema, the conversion into that schema.
 */
final class WritePlan {

    /** The record's schema cannot be read by the subject's latest schema. */
    static final class IncompatibleLatestException extends Exception {
        private static final long serialVersionUID = 1L;

        IncompatibleLatestException(String message) {
            super(message);
        }
    }

    /** Per-thread encoding state, reused for every record. */
    private static final class Buffers {
        final ByteSink sink = new ByteSink();
        final ByteSink conversionSink = new ByteSink();
        BinaryEncoder encoder;
        BinaryDecoder decoder;
    }

    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);
    private static final long NEVER = Long.MIN_VALUE;

    private final int schemaId;
    private final DatumWriter<Object> writer;
    private final DatumWriter<Object> conversionWriter;
    private final DatumReader<Object> conversionReader;
    private final long expiresAtNanos;

    private WritePlan(int schemaId, DatumWriter<Object> writer, DatumWriter<Object> conversionWriter,
            DatumReader<Object> conversionReader, long expiresAtNanos) {
        this.schemaId = schemaId;
        this.writer = writer;
        this.conversionWriter = conversionWriter;
        this.conversionReader = conversionReader;
        this.expiresAtNanos = expiresAtNanos;
    }

    /** Writes records with their own schema under {@code schemaId}. */
    @SuppressWarnings("unchecked")
    static WritePlan direct(int schemaId, Schema schema, GenericData model) {
        return new WritePlan(schemaId, (DatumWriter<Object>) model.createDatumWriter(schema), null, null, NEVER);
    }

    /**
     * Writes records as {@code latest}. When the two schemas encode identically (same Parsing Canonical
     * Form) the record is written as it is; otherwise it is converted by Avro schema resolution.
     */
    @SuppressWarnings("unchecked")
    static WritePlan forLatest(Schema recordSchema, GenericData model, RegisteredSchema latest, Duration ttl)
            throws IncompatibleLatestException {
        long expiresAt = ttl == null ? NEVER : System.nanoTime() + ttl.toNanos();
        DatumWriter<Object> own = (DatumWriter<Object>) model.createDatumWriter(recordSchema);
        Schema target = latest.schema();
        if (SchemaNormalization.toParsingForm(target).equals(SchemaNormalization.toParsingForm(recordSchema))) {
            return new WritePlan(latest.id(), own, null, null, expiresAt);
        }
        SchemaPairCompatibility compatibility = SchemaCompatibility.checkReaderWriterCompatibility(target, recordSchema);
        if (compatibility.getType() != SchemaCompatibilityType.COMPATIBLE) {
            StringBuilder why = new StringBuilder("schema id ").append(latest.id()).append(" (version ")
                    .append(latest.version()).append(") cannot read ").append(recordSchema.getFullName());
            compatibility.getResult().getIncompatibilities().forEach(i -> why.append("; ").append(i.getType())
                    .append(" at ").append(i.getLocation()).append(i.getMessage() == null ? "" : ": " + i.getMessage()));
            throw new IncompatibleLatestException(why.toString());
        }
        // The intermediate record is generic: the latest schema may not match any generated class.
        DatumReader<Object> resolver = new GenericDatumReader<>(recordSchema, target, GenericData.get());
        DatumWriter<Object> latestWriter = (DatumWriter<Object>) GenericData.get().createDatumWriter(target);
        return new WritePlan(latest.id(), latestWriter, own, resolver, expiresAt);
    }

    int schemaId() {
        return schemaId;
    }

    boolean isExpired() {
        return expiresAtNanos != NEVER && System.nanoTime() - expiresAtNanos > 0;
    }

    /** The record in the Confluent wire format. */
    byte[] write(IndexedRecord record) throws IOException {
        Buffers buffers = BUFFERS.get();
        Object datum = conversionReader == null ? record : convert(record, buffers);
        ByteSink sink = buffers.sink;
        sink.reset(WireFormat.HEADER_SIZE);
        encode(writer, datum, sink, buffers);
        byte[] bytes = sink.toByteArray();
        WireFormat.writeHeader(bytes, schemaId);
        return bytes;
    }

    private Object convert(IndexedRecord record, Buffers buffers) throws IOException {
        ByteSink sink = buffers.conversionSink;
        sink.reset(0);
        encode(conversionWriter, record, sink, buffers);
        buffers.decoder = DecoderFactory.get().binaryDecoder(sink.buffer(), 0, sink.size(), buffers.decoder);
        return conversionReader.read(null, buffers.decoder);
    }

    private static void encode(DatumWriter<Object> datumWriter, Object datum, ByteSink sink, Buffers buffers)
            throws IOException {
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(sink, buffers.encoder);
        // Until the write succeeds the encoder is not kept: a failed write leaves bytes in its buffer
        // that reusing it would flush into the next record.
        buffers.encoder = null;
        datumWriter.write(datum, encoder);
        encoder.flush();
        buffers.encoder = encoder;
    }
}
