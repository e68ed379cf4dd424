package io.l2risk.embedded.sim;

import io.l2risk.avro.BatchPosted;
import io.l2risk.avro.DaMode;
import io.l2risk.avro.ProofEvent;
import io.l2risk.avro.ProofKind;
import io.l2risk.embedded.sim.SimulatorSettings.Timeline;
import io.l2risk.embedded.sim.Tokens.Token;
import io.l2risk.registry.RollupConfig;
import io.l2risk.registry.StackDefaults;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/**
 * An Arbitrum Nitro chain (l1-events.md C1): {@code SequencerBatchDelivered} with its sequence number and
 * {@code afterDelayedMessagesRead}, as blobs or — on AnyTrust chains — DAC certificates; delayed-inbox
 * messages (deposits and retryables) with their message index; hourly assertions, each confirmed a
 * challenge period later; withdrawals executed from the Outbox.
 */
final class ArbitrumSim extends RollupSim {

    /**
     * A DACert in the batch data: header byte 0x88, keyset hash, data hash, timeout, signers bitmap and the
     * aggregated BLS signature (arbitrum-monitoring's AnyTrust check reads the header byte, anchors.md A1).
     */
    private static final long CERTIFICATE_BYTES = 1 + 32 + 32 + 8 + 8 + 96;

    private final int dacMembers;
    private final int dacThreshold;
    private final String keysetHash;
    private long batchIndex;
    private long assertedL2Block;

    ArbitrumSim(L1Simulator sim, RollupConfig config, long seed, Timeline timeline, Duration heartbeat,
                List<Incident> incidents) {
        super(sim, config, seed, timeline, heartbeat, incidents);
        this.dacThreshold = config.params().dacThreshold().orElse(5);
        this.dacMembers = config.params().dacMembers().orElse(Math.max(dacThreshold, 6));
        this.keysetHash = L1Chain.hash32(L1Chain.key(config.id()), L1Chain.key("keyset"));
    }

    @Override
    void startStack(Instant from) {
        SplittableRandom rng = rng("start");
        batchIndex = model.batchIndex(from);
        assertedL2Block = model.l2Block(from.minus(Duration.ofMinutes(30)));
        sim.at(L1Chain.slotAtOrAfter(from.plusSeconds(uniform(new RollupModel.Range(0, model.batch().max()), rng))),
                ORDER_EVENT, this::batch);
        sim.at(L1Chain.slotAtOrAfter(from.plusSeconds(uniform(new RollupModel.Range(0, model.proposal().min()), rng))),
                ORDER_EVENT, this::assertion);
        // Assertions made before the history are confirmed during it: one per hour of the last challenge period.
        long interval = Math.round(model.proposal().mean());
        Duration challenge = challengeClock();
        for (long k = 1; k * interval < challenge.toSeconds() + 3600; k++) {
            Instant created = from.minusSeconds(k * interval);
            Instant confirmedAt = created.plus(challenge).plusSeconds(Math.floorMod(L1Chain.mix(seed ^ k ^ batchIndex), 1800));
            if (!confirmedAt.isBefore(from)) {
                long l2Block = assertedL2Block - (long) (k * interval * model.l2BlocksPerSecond());
                String root = L1Chain.hash32(seed ^ L1Chain.key(id), l2Block);
                sim.at(L1Chain.slotAtOrAfter(confirmedAt), ORDER_EVENT, t -> confirm(t, l2Block, root));
            }
        }
    }

    private void batch(Instant time) {
        SplittableRandom rng = rng("batches");
        // A stuck delayed inbox: batches go on, but none reads further (incidents.md #1, #2).
        long read = active(IncidentKind.L1_QUEUE_STUCK, time) != null ? queue.position() : queue.consume(time);
        BatchPosted.Builder batch = BatchPosted.newBuilder()
                .setRollupId(id)
                .setSource(source(time, contract("sequencerInbox"), rng))
                .setBatchIndex(batchIndex++)
                .setL1MessagesProcessed(read)
                .setSubmitter(batcher(rng));
        if (model.daMode() == DaMode.BLOB) {
            int blobs = (int) uniform(model.blobs(), rng);
            batch.setDaMode(DaMode.BLOB).setDataBytes(blobs * BLOB_BYTES - rng.nextLong(0, 8_000))
                    .setBlobVersionedHashes(blobHashes(blobs, rng)).setFeeWei(feeWei(time, blobs, 0));
        } else if (active(IncidentKind.DAC_FALLBACK, time) != null) {
            // The committee did not sign: the poster stores the batch data on L1 itself (header byte 0x00).
            long bytes = rng.nextLong(40_000, 110_000);
            batch.setDaMode(DaMode.CALLDATA).setDataBytes(bytes).setFeeWei(feeWei(time, 0, bytes));
        } else {
            batch.setDaMode(DaMode.DAC_CERTIFICATE).setDataBytes(CERTIFICATE_BYTES)
                    .setDacSigners(signers(time)).setDacMembers(dacMembers).setDacThreshold(dacThreshold)
                    .setKeysetHash(keysetHash).setFeeWei(feeWei(time, 0, CERTIFICATE_BYTES));
        }
        BatchPosted posted = batch.build();
        sim.emit(posted);
        checkAvailability(posted);
        sim.at(nextBatchTime(time), ORDER_EVENT, this::batch);
    }

    /** Every member signs, except while the committee is losing members: first down to the threshold, then below. */
    private int signers(Instant time) {
        Span loss = active(IncidentKind.DAC_QUORUM_LOSS, time);
        if (loss == null) {
            return dacMembers;
        }
        Duration third = Duration.between(loss.start(), loss.end()).dividedBy(3);
        return time.isBefore(loss.start().plus(third)) ? dacThreshold : dacThreshold - 1;
    }

    private void assertion(Instant time) {
        SplittableRandom rng = rng("assertions");
        assertedL2Block = Math.max(assertedL2Block + 1, model.l2Block(time.minus(Duration.ofMinutes(10))));
        long l2Block = assertedL2Block;
        String root = hash(rng);
        Duration challenge = challengeClock();
        sim.emit(ProofEvent.newBuilder()
                .setRollupId(id)
                .setSource(source(time, proposalContract(), rng))
                .setKind(ProofKind.STATE_PROPOSED)
                .setL2BlockNumber(l2Block)
                .setStateRoot(root)
                .setActor(actor("validator"))
                .setChallengePeriodEnd(time.plus(challenge))
                .build());
        Instant confirmAt = L1Chain.slotAtOrAfter(time.plus(challenge).plusSeconds(rng.nextLong(0, 1800)));
        sim.at(confirmAt, ORDER_EVENT, t -> confirm(t, l2Block, root));
        sim.at(nextProposalTime(time, model.proposal()), ORDER_EVENT, this::assertion);
    }

    private void confirm(Instant time, long l2Block, String root) {
        sim.emit(ProofEvent.newBuilder()
                .setRollupId(id)
                .setSource(source(time, proposalContract(), rng("confirmations")))
                .setKind(ProofKind.STATE_FINALIZED)
                .setL2BlockNumber(l2Block)
                .setStateRoot(root)
                .setActor(actor("validator"))
                .build());
    }

    /** The registry's challenge period (the stack default, 45 818 blocks, when an entry gives none). */
    @Override
    protected Duration challengeClock() {
        return model.challengePeriod() != null ? model.challengePeriod() : StackDefaults.ARBITRUM_CHALLENGE_PERIOD;
    }

    @Override
    protected String mainContract() {
        return contract("sequencerInbox", "rollup", "bridge");
    }

    @Override
    protected String depositContract(Token token) {
        return token.address() == null ? contract("inbox", "bridge") : contract("l1GatewayRouter", "inbox");
    }

    @Override
    protected String withdrawalContract(Token token) {
        return token.address() == null ? contract("outbox", "bridge") : contract("l1GatewayRouter", "outbox");
    }

    @Override
    protected String proposalContract() {
        return contract("rollup", "legacyRollup");
    }
}
