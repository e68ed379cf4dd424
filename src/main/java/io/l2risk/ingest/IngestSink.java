package io.l2risk.ingest;

import io.l2risk.avro.IngestCursor;
import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/**
 * Where the ingester's records go, together with its cursor: the ingest topics ({@link KafkaIngestSink},
 * records and cursor in one Kafka transaction) or an event file ({@link FileIngestSink}). Used from one
 * thread.
 */
public interface IngestSink extends Closeable {

    /** The cursor last committed for this chain and ingester id, if any. */
    Optional<IngestCursor> cursor(long l1ChainId, String ingesterId) throws IOException;

    /**
     * Writes {@code records} (in order) and {@code cursor} as one unit: a reader that sees the cursor
     * sees every record, and after a crash either both are there or neither.
     *
     * @throws IOException when the sink failed; nothing of this call is then visible, and the sink may
     *     not be usable any more (the ingester stops; a restart resumes from the last committed cursor)
     */
    void commit(List<SpecificRecord> records, IngestCursor cursor) throws IOException;

    /** The key under which a cursor is stored: {@code <l1ChainId>/<ingesterId>}. */
    static String cursorKey(long l1ChainId, String ingesterId) {
        return l1ChainId + "/" + ingesterId;
    }
}
