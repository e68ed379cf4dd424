package io.l2risk.ingest;

import io.l2risk.avro.IngestCursor;
import io.l2risk.eventfile.AvroJsonLinesWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/**
 * Writes the ingested records to an event file (design.md §3: JSON Lines of the Avro JSON encoding),
 * for captures that backtests replay. A capture is one run over a block range: the cursor is not
 * stored, so a restart starts the file again rather than appending to it.
 */
public final class FileIngestSink implements IngestSink {

    private final AvroJsonLinesWriter<SpecificRecord> writer;

    private FileIngestSink(AvroJsonLinesWriter<SpecificRecord> writer) {
        this.writer = writer;
    }

    /** A sink writing to {@code file}, replacing it. */
    public static FileIngestSink create(Path file) throws IOException {
        return new FileIngestSink(AvroJsonLinesWriter.createEvents(file));
    }

    @Override
    public Optional<IngestCursor> cursor(long l1ChainId, String ingesterId) {
        return Optional.empty();
    }

    @Override
    public void commit(List<SpecificRecord> records, IngestCursor cursor) throws IOException {
        for (SpecificRecord record : records) {
            writer.write(record);
        }
        writer.flush();
    }

    /** Records written so far. */
    public long written() {
        return writer.written();
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }
}
