package io.l2risk.engine.indicators;

import io.l2risk.avro.BatchPosted;
import io.l2risk.avro.DaMethod;
import io.l2risk.avro.DaMode;
import io.l2risk.avro.DaObservation;
import io.l2risk.avro.DisputeOutcome;
import io.l2risk.avro.ProofEvent;
import io.l2risk.avro.ProofKind;
import io.l2risk.avro.Source;
import io.l2risk.engine.Events;
import io.l2risk.engine.RollupProfile;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Builders of the ingest records the data-availability and state-validation indicator tests need. */
final class DaRecords {

    private DaRecords() {
    }

    /** A 32-byte hash derived from a label, lower-case hex as the ingester writes it. */
    static String hash(String label) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(label.getBytes(StandardCharsets.UTF_8));
            return "0x" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Source source(Instant time, String txLabel) {
        Source base = Events.source(time);
        return Source.newBuilder(base).setTxHash(txLabel == null ? base.getTxHash() : hash(txLabel)).build();
    }

    static BatchPosted batch(String rollupId, Instant time, Long index, DaMode mode) {
        BatchPosted.Builder builder = BatchPosted.newBuilder().setRollupId(rollupId).setSource(Events.source(time))
                .setBatchIndex(index).setDaMode(mode);
        if (mode == DaMode.BLOB) {
            builder.setBlobVersionedHashes(List.of(blob(rollupId, time)));
        }
        return builder.build();
    }

    /** The versioned hash of the single blob of the batch posted at {@code time}. */
    static String blob(String rollupId, Instant time) {
        return "0x01" + hash(rollupId + "/blob/" + time).substring(4);
    }

    static BatchPosted certificate(String rollupId, Instant time, long index, Integer signers, Integer members,
                                   Integer threshold) {
        return BatchPosted.newBuilder(batch(rollupId, time, index, DaMode.DAC_CERTIFICATE))
                .setDacSigners(signers).setDacMembers(members).setDacThreshold(threshold)
                .setKeysetHash(hash("keyset")).build();
    }

    static ProofEvent.Builder proof(String rollupId, Instant time, ProofKind kind) {
        return ProofEvent.newBuilder().setRollupId(rollupId).setSource(Events.source(time)).setKind(kind);
    }

    static ProofEvent proposal(String rollupId, Instant time, long l2Block, String root) {
        return proof(rollupId, time, ProofKind.STATE_PROPOSED).setL2BlockNumber(l2Block).setStateRoot(root).build();
    }

    static ProofEvent observed(String rollupId, Instant time, long l2Block, String root) {
        return proof(rollupId, time, ProofKind.OUTPUT_ROOT_OBSERVED).setL2BlockNumber(l2Block).setStateRoot(root).build();
    }

    static ProofEvent disputeOpened(String rollupId, Instant time, String id, Long l2Block, String challenger,
                                    Instant deadline) {
        return proof(rollupId, time, ProofKind.DISPUTE_OPENED).setDisputeId(id).setL2BlockNumber(l2Block)
                .setActor(challenger).setDisputeOutcome(DisputeOutcome.IN_PROGRESS).setChallengePeriodEnd(deadline)
                .build();
    }

    static ProofEvent disputeResolved(String rollupId, Instant time, String id, DisputeOutcome outcome) {
        return proof(rollupId, time, ProofKind.DISPUTE_RESOLVED).setDisputeId(id).setDisputeOutcome(outcome).build();
    }

    static DaObservation check(String rollupId, Instant observedAt, String reference, DaMethod method,
                               boolean available, Long batchIndex, Instant postedAt) {
        return DaObservation.newBuilder().setRollupId(rollupId)
                .setSource(postedAt == null ? null : Events.source(postedAt)).setBatchIndex(batchIndex)
                .setReference(reference).setMethod(method).setAvailable(available)
                .setLatencyMillis(available ? 180L : 5000L).setObservedAt(observedAt)
                .setError(available ? null : "404 Not Found").build();
    }

    /** A profile with the protocol facts these indicators read; everything else left out. */
    static RollupProfile profile(String rollupId, String stack, boolean anyTrust, Duration challengePeriod,
                                 Integer dacThreshold, Integer dacMembers, Map<String, Map<String, String>> thresholds) {
        return new RollupProfile(rollupId, stack, true, anyTrust, challengePeriod, null, null, null, null, null,
                dacThreshold, dacMembers, thresholds);
    }
}
