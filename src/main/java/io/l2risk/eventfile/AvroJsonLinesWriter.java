package io.l2risk.eventfile;

import io.l2risk.avro.RiskAlert;
import io.l2risk.records.IngestRecords;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.io.JsonEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Writes records as JSON Lines in Avro's standard JSON encoding, every field present, one record
 * per line (design.md §3). The counterpart of {@link AvroJsonLinesReader}. Not thread-safe.
 *
 * @param <T> the record type
 */
public final class AvroJsonLinesWriter<T extends SpecificRecord> implements Closeable, Flushable {

    private static final byte NEWLINE = '\n';
    private static final int BUFFER_BYTES = 1 << 16;

    private final OutputStream out;
    private final SpecificDatumWriter<Object> datumWriter;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(512);
    private final JsonEncoder encoder;
    private long written;

    private AvroJsonLinesWriter(OutputStream out, Schema schema) throws IOException {
        this.out = Objects.requireNonNull(out, "out");
        // The union schema has no generated class of its own, so the timestamp conversion that each
        // generated class registers in its own model must be registered here.
        SpecificData data = new SpecificData();
        data.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        this.datumWriter = new SpecificDatumWriter<>(schema, data);
        this.encoder = EncoderFactory.get().jsonEncoder(schema, line);
    }

    /** A writer of event-file lines (the ingest union). */
    public static AvroJsonLinesWriter<SpecificRecord> events(OutputStream out) throws IOException {
        return new AvroJsonLinesWriter<>(out, IngestRecords.UNION);
    }

    /** A writer of alert-file lines. */
    public static AvroJsonLinesWriter<RiskAlert> alerts(OutputStream out) throws IOException {
        return new AvroJsonLinesWriter<>(out, RiskAlert.getClassSchema());
    }

    /** Creates (or truncates) {@code file} and returns an event-file writer on it. */
    public static AvroJsonLinesWriter<SpecificRecord> createEvents(Path file) throws IOException {
        return events(new BufferedOutputStream(Files.newOutputStream(file), BUFFER_BYTES));
    }

    /** Creates (or truncates) {@code file} and returns an alert-file writer on it. */
    public static AvroJsonLinesWriter<RiskAlert> createAlerts(Path file) throws IOException {
        return alerts(new BufferedOutputStream(Files.newOutputStream(file), BUFFER_BYTES));
    }

    /** Appends one record as one line. */
    public void write(T record) throws IOException {
        line.reset();
        encoder.configure(line);
        datumWriter.write(record, encoder);
        encoder.flush();
        line.write(NEWLINE);
        line.writeTo(out);
        written++;
    }

    /** Records written so far. */
    public long written() {
        return written;
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
