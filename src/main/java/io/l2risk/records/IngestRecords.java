package io.l2risk.records;

import io.l2risk.avro.BatchPosted;
import io.l2risk.avro.BridgeEvent;
import io.l2risk.avro.DaObservation;
import io.l2risk.avro.IngestProgress;
import io.l2risk.avro.ProofEvent;
import java.time.Instant;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * Facts about the five ingest record types that every consumer of them needs: which types there
 * are, the union an event file carries, and each record's rollup id and L1 event time.
 */
public final class IngestRecords {

    /** The ingest record types, in the order of the event-file union (design.md §3). */
    public static final List<Class<? extends SpecificRecord>> TYPES = List.of(
            BatchPosted.class, ProofEvent.class, BridgeEvent.class, DaObservation.class, IngestProgress.class);

    /** {@code [BatchPosted, ProofEvent, BridgeEvent, DaObservation, IngestProgress]}. */
    public static final Schema UNION = Schema.createUnion(
            BatchPosted.getClassSchema(),
            ProofEvent.getClassSchema(),
            BridgeEvent.getClassSchema(),
            DaObservation.getClassSchema(),
            IngestProgress.getClassSchema());

    private IngestRecords() {
    }

    /** The rollup id (also the Kafka key) of an ingest record. */
    public static String rollupId(SpecificRecord record) {
        if (record instanceof BatchPosted r) {
            return r.getRollupId();
        } else if (record instanceof ProofEvent r) {
            return r.getRollupId();
        } else if (record instanceof BridgeEvent r) {
            return r.getRollupId();
        } else if (record instanceof DaObservation r) {
            return r.getRollupId();
        } else if (record instanceof IngestProgress r) {
            return r.getRollupId();
        }
        throw notIngest(record);
    }

    /**
     * The L1 time of an ingest record: the block time of its source, the L1 time of a DA check, or
     * the time a progress heartbeat has scanned through. This is the pipeline's event time.
     */
    public static Instant eventTime(SpecificRecord record) {
        if (record instanceof BatchPosted r) {
            return r.getSource().getBlockTime();
        } else if (record instanceof ProofEvent r) {
            return r.getSource().getBlockTime();
        } else if (record instanceof BridgeEvent r) {
            return r.getSource().getBlockTime();
        } else if (record instanceof DaObservation r) {
            return r.getObservedAt();
        } else if (record instanceof IngestProgress r) {
            return r.getScannedThroughTime();
        }
        throw notIngest(record);
    }

    private static IllegalArgumentException notIngest(SpecificRecord record) {
        return new IllegalArgumentException("not an ingest record: "
                + (record == null ? "null" : record.getSchema().getFullName()));
    }
}
