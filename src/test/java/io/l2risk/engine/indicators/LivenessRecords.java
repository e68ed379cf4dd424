package io.l2risk.engine.indicators;

import io.l2risk.avro.BatchPosted;
import io.l2risk.avro.BridgeEvent;
import io.l2risk.avro.BridgeEventKind;
import io.l2risk.avro.DaMode;
import io.l2risk.avro.IngestProgress;
import io.l2risk.avro.ProofEvent;
import io.l2risk.avro.ProofKind;
import io.l2risk.engine.Events;
import io.l2risk.records.IngestRecords;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * Builders of the ingest records the liveness indicators read, and a time-ordered list to merge
 * streams of them. Block numbers and tx hashes follow {@link Events#source}.
 */
final class LivenessRecords {

    private final String rollupId;
    private final List<SpecificRecord> records = new ArrayList<>();

    LivenessRecords(String rollupId) {
        this.rollupId = rollupId;
    }

    LivenessRecords batch(Instant time, Long index) {
        return batch(time, index, null);
    }

    LivenessRecords batch(Instant time, Long index, Long l1MessagesProcessed) {
        records.add(BatchPosted.newBuilder().setRollupId(rollupId).setSource(Events.source(time)).setBatchIndex(index)
                .setDaMode(DaMode.BLOB).setL1MessagesProcessed(l1MessagesProcessed).build());
        return this;
    }

    LivenessRecords proof(ProofKind kind, Instant time, Long batchStart, Long batchEnd, Long l2Block) {
        records.add(ProofEvent.newBuilder().setRollupId(rollupId).setSource(Events.source(time)).setKind(kind)
                .setBatchIndexStart(batchStart).setBatchIndexEnd(batchEnd).setL2BlockNumber(l2Block).build());
        return this;
    }

    LivenessRecords output(Instant time, long l2Block) {
        return proof(ProofKind.STATE_PROPOSED, time, null, null, l2Block);
    }

    LivenessRecords queued(Instant time, long queueIndex) {
        records.add(bridge(BridgeEventKind.L1_MESSAGE_QUEUED, time, queueIndex));
        return this;
    }

    /** A queued message carrying its own force-inclusion deadline (e.g. a zkSync priority operation's expiration). */
    LivenessRecords queued(Instant time, long queueIndex, Instant deadline) {
        BridgeEvent event = bridge(BridgeEventKind.L1_MESSAGE_QUEUED, time, queueIndex);
        event.setDeadline(deadline);
        records.add(event);
        return this;
    }

    LivenessRecords consumed(Instant time, long queueIndex) {
        records.add(bridge(BridgeEventKind.L1_MESSAGE_CONSUMED, time, queueIndex));
        return this;
    }

    /** Progress heartbeats (ingester 2 blocks behind head) every {@code step} after {@code from}, through {@code to}. */
    LivenessRecords heartbeats(Instant from, Instant to, Duration step) {
        for (Instant t = from.plus(step); !t.isAfter(to); t = t.plus(step)) {
            records.add(heartbeat(t));
        }
        return this;
    }

    IngestProgress heartbeat(Instant time) {
        return Events.progress(rollupId, time, 2);
    }

    /** The records so far in L1 time order (stable: records of one time keep their order); clears the list. */
    List<SpecificRecord> drain() {
        List<SpecificRecord> sorted = new ArrayList<>(records);
        sorted.sort(Comparator.comparing(IngestRecords::eventTime));
        records.clear();
        return sorted;
    }

    private BridgeEvent bridge(BridgeEventKind kind, Instant time, long queueIndex) {
        return BridgeEvent.newBuilder().setRollupId(rollupId).setSource(Events.source(time)).setKind(kind)
                .setQueueIndex(queueIndex).setDetails(Map.of()).build();
    }
}
