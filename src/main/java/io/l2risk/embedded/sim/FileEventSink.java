package io.l2risk.embedded.sim;

import io.l2risk.eventfile.AvroJsonLinesWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.avro.specific.SpecificRecord;

/** Writes the records to an event file (design.md §3: JSON Lines, Avro JSON of the ingest union). */
public final class FileEventSink implements EventSink {

    private static final int BUFFER_BYTES = 1 << 16;

    private final AvroJsonLinesWriter<SpecificRecord> writer;

    private FileEventSink(AvroJsonLinesWriter<SpecificRecord> writer) {
        this.writer = writer;
    }

    /** Creates (or truncates) {@code file}. */
    public static FileEventSink create(Path file) throws IOException {
        return new FileEventSink(AvroJsonLinesWriter.createEvents(file));
    }

    /** Appends to {@code file}, creating it if needed — for a runner that resumes from its cursor. */
    public static FileEventSink append(Path file) throws IOException {
        return new FileEventSink(AvroJsonLinesWriter.events(new BufferedOutputStream(Files.newOutputStream(file,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE), BUFFER_BYTES)));
    }

    @Override
    public void send(SpecificRecord record) throws IOException {
        writer.write(record);
    }

    /** Records written so far. */
    public long written() {
        return writer.written();
    }

    @Override
    public void flush() throws IOException {
        writer.flush();
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }
}
