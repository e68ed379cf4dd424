package io.l2risk.embedded.sim;

import io.l2risk.avro.BatchPosted;
import io.l2risk.avro.BridgeEvent;
import io.l2risk.avro.BridgeEventKind;
import io.l2risk.avro.DaMode;
import io.l2risk.avro.DisputeOutcome;
import io.l2risk.avro.ProofKind;
import io.l2risk.embedded.sim.SimulatorSettings.Timeline;
import io.l2risk.embedded.sim.Tokens.Token;
import io.l2risk.registry.RollupConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/**
 * An OP Stack chain as the ingester sees it (l1-events.md C2): batcher transactions to the batch inbox
 * carrying blobs (no event, no batch index; the L2 blocks they cover), a dispute game per proposal
 * interval from the DisputeGameFactory, each resolved for the defender when its 3.5-day clock runs out,
 * deposits through the OptimismPortal and L1StandardBridge, and withdrawals proven and, a week
 * later, finalized.
 */
final class OpStackSim extends RollupSim {

    /**
     * The fault-dispute game clock: {@code faultGameMaxClockDuration} 302 400 s = 3.5 days
     * (ethereum-optimism/optimism packages/contracts-bedrock/deploy-config/mainnet.json).
     */
    static final Duration GAME_CLOCK = Duration.ofSeconds(302_400);
    /** L2 blocks per output: L2OutputOracle SUBMISSION_INTERVAL 1 800 blocks of 2 s (registry, op-mainnet). */
    private static final long BLOCKS_PER_PROPOSAL = 1800;

    private long l2Posted;
    private long proposedL2Block;
    private long gameIndex;

    OpStackSim(L1Simulator sim, RollupConfig config, long seed, Timeline timeline, Duration heartbeat,
               List<Incident> incidents) {
        super(sim, config, seed, timeline, heartbeat, incidents);
    }

    @Override
    void startStack(Instant from) {
        SplittableRandom rng = rng("start");
        l2Posted = model.l2Block(from) - 60;
        proposedL2Block = Math.floorDiv(model.l2Block(from.minus(Duration.ofMinutes(30))), BLOCKS_PER_PROPOSAL)
                * BLOCKS_PER_PROPOSAL;
        gameIndex = Math.floorDiv(from.getEpochSecond(), 3600);
        sim.at(L1Chain.slotAtOrAfter(from.plusSeconds(uniform(new RollupModel.Range(0, model.batch().max()), rng))),
                ORDER_EVENT, this::batch);
        sim.at(L1Chain.slotAtOrAfter(from.plusSeconds(uniform(new RollupModel.Range(0, model.proposal().min()), rng))),
                ORDER_EVENT, this::proposal);
        sim.at(poissonAfter(from, model.withdrawalsPerHour(), rng("withdrawal-proofs")), ORDER_EVENT, this::prove);
        // Games created before the history resolve during it: one per hour of the last 3.5 days.
        long interval = Math.round(model.proposal().mean());
        for (long k = 1; k * interval < GAME_CLOCK.toSeconds() + 3600; k++) {
            long index = gameIndex - k;
            Instant created = from.minusSeconds(k * interval);
            Instant resolvedAt = created.plus(GAME_CLOCK).plusSeconds(60 + Math.floorMod(L1Chain.mix(seed ^ index), 2640));
            if (!resolvedAt.isBefore(from)) {
                String game = game(index);
                long l2Block = proposedL2Block - k * BLOCKS_PER_PROPOSAL;
                sim.at(L1Chain.slotAtOrAfter(resolvedAt), ORDER_EVENT, t -> sim.emit(dispute(t, game, l2Block,
                        created.plus(GAME_CLOCK), DisputeOutcome.DEFENDER_WINS, ProofKind.DISPUTE_RESOLVED)));
            }
        }
    }

    private void batch(Instant time) {
        SplittableRandom rng = rng("batches");
        int blobs = (int) uniform(model.blobs(), rng);
        long end = Math.max(l2Posted + 1, model.l2Block(time) - rng.nextLong(5, 40));
        BatchPosted batch = BatchPosted.newBuilder()
                .setRollupId(id)
                .setSource(source(time, config.batchInbox().orElse(null), rng))
                .setDaMode(DaMode.BLOB)
                .setDataBytes(blobs * BLOB_BYTES - rng.nextLong(0, 8_000))
                .setBlobVersionedHashes(blobHashes(blobs, rng))
                .setL2BlockStart(l2Posted + 1)
                .setL2BlockEnd(end)
                .setSubmitter(batcher(rng))
                .setFeeWei(feeWei(time, blobs, 0))
                .build();
        l2Posted = end;
        sim.emit(batch);
        checkAvailability(batch);
        sim.at(nextBatchTime(time), ORDER_EVENT, this::batch);
    }

    private void proposal(Instant time) {
        SplittableRandom rng = rng("proposals");
        proposedL2Block += BLOCKS_PER_PROPOSAL;
        String game = game(++gameIndex);
        long l2Block = proposedL2Block;
        Instant clockEnd = time.plus(GAME_CLOCK);
        sim.emit(gameProposal(time, game, l2Block, clockEnd, "proposer", rng));
        // Nobody challenges an honest game: it resolves for the defender once its clock has run out.
        Instant resolvedAt = L1Chain.slotAtOrAfter(clockEnd.plusSeconds(rng.nextLong(60, 2700)));
        sim.at(resolvedAt, ORDER_EVENT, t -> sim.emit(dispute(t, game, l2Block, clockEnd,
                DisputeOutcome.DEFENDER_WINS, ProofKind.DISPUTE_RESOLVED)));
        sim.at(nextProposalTime(time, model.proposal()), ORDER_EVENT, this::proposal);
    }

    /** A withdrawal proven on L1 (WithdrawalProven); its finalization comes a week later, in the withdrawal stream. */
    private void prove(Instant time) {
        SplittableRandom rng = rng("withdrawal-proofs");
        sim.emit(BridgeEvent.newBuilder()
                .setRollupId(id)
                .setSource(source(time, contract("optimismPortal"), rng))
                .setKind(BridgeEventKind.WITHDRAWAL_PROVEN)
                .setMessageId(hash(rng))
                .build());
        sim.at(poissonAfter(time, model.withdrawalsPerHour(), rng), ORDER_EVENT, this::prove);
    }

    private String game(long index) {
        return L1Chain.address(seed ^ L1Chain.key(id), index);
    }

    @Override
    protected Duration challengeClock() {
        return GAME_CLOCK;
    }

    @Override
    protected String mainContract() {
        return contract("optimismPortal", "systemConfig");
    }

    @Override
    protected String depositContract(Token token) {
        return token.address() == null ? contract("optimismPortal") : contract("l1StandardBridge", "optimismPortal");
    }

    @Override
    protected String withdrawalContract(Token token) {
        return token.address() == null ? contract("optimismPortal") : contract("l1StandardBridge", "optimismPortal");
    }

    @Override
    protected String proposalContract() {
        return contract("disputeGameFactory", "l2OutputOracle");
    }
}
