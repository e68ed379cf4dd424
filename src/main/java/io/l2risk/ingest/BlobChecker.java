package io.l2risk.ingest;

import io.l2risk.avro.BatchPosted;
import io.l2risk.avro.DaObservation;
import java.util.List;

/**
 * Checks that the blobs of a batch can be retrieved (the data-withholding check): one
 * {@link DaObservation} per blob, or none when the check could not be made (the checker's own
 * endpoint failing is no evidence about the rollup's data).
 */
public interface BlobChecker extends AutoCloseable {

    /**
     * @param batch        a batch with {@code daMode} BLOB and its versioned hashes
     * @param l1TimeMillis the L1 time of the check (the newest block scanned), so that replays agree
     */
    List<DaObservation> check(BatchPosted batch, long l1TimeMillis);

    @Override
    void close();
}
