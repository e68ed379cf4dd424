package io.l2risk.embedded.sim;

import io.l2risk.avro.BatchPosted;
import io.l2risk.avro.DaMode;
import io.l2risk.avro.ProofEvent;
import io.l2risk.avro.ProofKind;
import io.l2risk.avro.Source;
import io.l2risk.embedded.sim.SimulatorSettings.Timeline;
import io.l2risk.embedded.sim.Tokens.Token;
import io.l2risk.registry.RollupConfig;
import io.l2risk.registry.Stack;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The commit → prove → finalize stacks (l1-events.md C3–C7), and GENERIC:
 * <ul>
 *   <li>zkSync Era: {@code BlockCommit} (a BLOB batch and its state commitment), {@code BlocksVerification}
 *       (PROOF_VERIFIED over a range), {@code BlockExecution} after the execution delay (STATE_FINALIZED);
 *       priority operations consumed with the commits;</li>
 *   <li>Scroll: {@code CommitBatch}, {@code FinalizeBatch} of a bundle with its proof (STATE_FINALIZED),
 *       {@code RevertBatch}; L1 messages consumed with the commits;</li>
 *   <li>Polygon zkEVM: calldata {@code SequenceBatches} and {@code VerifyBatchesTrustedAggregator}
 *       (PROOF_VERIFIED, final at once);</li>
 *   <li>Linea: {@code DataSubmittedV3} (blobs, keyed by L2 blocks, with the claimed state root) and
 *       {@code DataFinalizedV3} (STATE_FINALIZED);</li>
 *   <li>Starknet: {@code updateState} with blobs, final at once since its SHARP proof is verified first
 *       ({@code LogStateUpdate}: a batch and a STATE_FINALIZED in one transaction);</li>
 *   <li>GENERIC: calldata batches only.</li>
 * </ul>
 */
final class ValiditySim extends RollupSim {

    /**
     * How a stack reports its batches.
     *
     * @param indexed         batches carry a batch index, proofs a batch range (else L2 block numbers)
     * @param proposeOnCommit the commit is also the state commitment (STATE_PROPOSED)
     * @param finalOnCommit   the commit is final at once (STATE_FINALIZED in the same transaction)
     */
    private record Style(boolean indexed, boolean proposeOnCommit, boolean finalOnCommit) {
    }

    /** A batch committed but not yet final. */
    private static final class Commit {
        final long index;
        final long l2End;
        final Instant at;
        boolean proven;

        Commit(long index, long l2End, Instant at) {
            this.index = index;
            this.l2End = l2End;
            this.at = at;
        }
    }

    private final Style style;
    private final ArrayDeque<Commit> pending = new ArrayDeque<>();
    private long nextIndex;
    private long l2Posted;

    ValiditySim(L1Simulator sim, RollupConfig config, long seed, Timeline timeline, Duration heartbeat,
                List<Incident> incidents) {
        super(sim, config, seed, timeline, heartbeat, incidents);
        this.style = switch (config.stack()) {
            case ZKSYNC_ERA, SCROLL, POLYGON_ZKEVM -> new Style(true, true, false);
            case LINEA -> new Style(false, true, false);
            case STARKNET -> new Style(false, false, true);
            default -> new Style(false, false, false);
        };
    }

    @Override
    void startStack(Instant from) {
        SplittableRandom rng = rng("start");
        nextIndex = model.batchIndex(from);
        l2Posted = model.l2Block(from) - 30;
        if (style.indexed()) {
            // The batches committed before the history that are not final yet: evenly spaced, the older ones proven.
            long span = seconds(model.finalizeAfter()) + range(model.finalization()) + seconds(model.proveAfter())
                    + range(model.prove());
            long mean = Math.round(model.batch().mean());
            for (long i = span / mean; i >= 1; i--) {
                Instant at = from.minusSeconds(i * mean);
                Commit commit = new Commit(nextIndex - i, model.l2Block(at), at);
                commit.proven = model.prove() != null
                        && !at.plus(model.proveAfter()).plusSeconds(model.prove().max()).isAfter(from);
                pending.add(commit);
            }
        }
        sim.at(L1Chain.slotAtOrAfter(from.plusSeconds(uniform(new RollupModel.Range(0, model.batch().max()), rng))),
                ORDER_EVENT, this::commit);
        if (model.prove() != null) {
            sim.at(L1Chain.slotAtOrAfter(from.plusSeconds(uniform(model.prove(), rng))), ORDER_EVENT, this::prove);
        }
        if (model.finalization() != null) {
            sim.at(L1Chain.slotAtOrAfter(from.plusSeconds(uniform(model.finalization(), rng))), ORDER_EVENT, this::finalizeBatches);
        }
    }

    private static long seconds(Duration duration) {
        return duration == null ? 0 : duration.toSeconds();
    }

    private static long range(RollupModel.Range range) {
        return range == null ? 0 : range.max();
    }

    @Override
    void startIncident(Span span) {
        if (span.kind() == IncidentKind.STATE_REVERT) {
            sim.at(L1Chain.slotAtOrAfter(span.start()), ORDER_EVENT, this::revert);
        }
    }

    private void commit(Instant time) {
        SplittableRandom rng = rng("batches");
        Source source = source(time, commitContract(), rng);
        long l2End = Math.max(l2Posted + 1, model.l2Block(time) - rng.nextLong(5, 60));
        BatchPosted.Builder batch = BatchPosted.newBuilder()
                .setRollupId(id)
                .setSource(source)
                .setL2BlockStart(l2Posted + 1)
                .setL2BlockEnd(l2End)
                .setSubmitter(batcher(rng));
        if (style.indexed()) {
            batch.setBatchIndex(nextIndex);
        }
        if (model.queue() != RollupModel.Queue.NONE) {
            // Stuck queue: the commits go on, but none includes the waiting L1→L2 messages.
            batch.setL1MessagesProcessed(active(IncidentKind.L1_QUEUE_STUCK, time) != null ? queue.position()
                    : queue.consume(time));
        }
        if (model.daMode() == DaMode.BLOB) {
            int blobs = (int) uniform(model.blobs(), rng);
            batch.setDaMode(DaMode.BLOB).setDataBytes(blobs * BLOB_BYTES - rng.nextLong(0, 20_000))
                    .setBlobVersionedHashes(blobHashes(blobs, rng)).setFeeWei(feeWei(time, blobs, 0));
        } else {
            long bytes = uniform(model.dataBytes(), rng);
            batch.setDaMode(DaMode.CALLDATA).setDataBytes(bytes).setFeeWei(feeWei(time, 0, bytes));
        }
        BatchPosted posted = batch.build();
        sim.emit(posted);
        String root = hash(rng);
        if (style.proposeOnCommit()) {
            sim.emit(proof(ProofKind.STATE_PROPOSED, nextLog(source), nextIndex, nextIndex, l2End, root,
                    posted.getSubmitter()));
        }
        if (style.finalOnCommit()) {
            sim.emit(proof(ProofKind.STATE_FINALIZED, nextLog(nextLog(source)), null, null, l2End, root,
                    posted.getSubmitter()));
        } else if (model.prove() != null || model.finalization() != null) {
            pending.add(new Commit(nextIndex, l2End, time));
        }
        checkAvailability(posted);
        l2Posted = l2End;
        nextIndex++;
        sim.at(nextBatchTime(time), ORDER_EVENT, this::commit);
    }

    /** Proves, in order, the committed batches old enough; a stack without a finalize step is final then. */
    private void prove(Instant time) {
        SplittableRandom rng = rng("proofs");
        Commit first = null;
        Commit last = null;
        for (Iterator<Commit> it = pending.iterator(); it.hasNext(); ) {
            Commit commit = it.next();
            if (commit.proven) {
                continue;
            }
            if (commit.at.plus(model.proveAfter()).isAfter(time)) {
                break;
            }
            commit.proven = true;
            first = first == null ? commit : first;
            last = commit;
            if (model.finalization() == null) {
                it.remove();
            }
        }
        if (last != null) {
            sim.emit(proof(ProofKind.PROOF_VERIFIED, source(time, proofContract(), rng), first.index, last.index,
                    style.indexed() ? null : last.l2End, hash(rng), actor("prover")));
        }
        sim.at(L1Chain.slotAtOrAfter(time.plusSeconds(uniform(model.prove(), rng))), ORDER_EVENT, this::prove);
    }

    /** Finalizes, in order, the batches old enough (and proven, where there is a proof step). */
    private void finalizeBatches(Instant time) {
        SplittableRandom rng = rng("finalizations");
        Commit first = null;
        Commit last = null;
        while (!pending.isEmpty()) {
            Commit commit = pending.peek();
            if (commit.at.plus(model.finalizeAfter()).isAfter(time) || model.prove() != null && !commit.proven) {
                break;
            }
            pending.poll();
            first = first == null ? commit : first;
            last = commit;
        }
        if (last != null) {
            Long start = style.indexed() ? first.index : null;
            Long end = style.indexed() ? last.index : null;
            sim.emit(proof(ProofKind.STATE_FINALIZED, source(time, commitContract(), rng), start, end,
                    style.indexed() ? null : last.l2End, hash(rng), actor("finalizer")));
        }
        sim.at(L1Chain.slotAtOrAfter(time.plusSeconds(uniform(model.finalization(), rng))), ORDER_EVENT,
                this::finalizeBatches);
    }

    /**
     * Reverts the last three committed batches that are not proven (Scroll {@code RevertBatch}, zkSync
     * {@code BlocksRevert}); the batcher commits those indexes again after the incident's pause.
     */
    private void revert(Instant time) {
        SplittableRandom rng = rng("revert");
        int reverted = 0;
        while (reverted < 3 && !pending.isEmpty() && !pending.peekLast().proven) {
            pending.pollLast();
            reverted++;
        }
        if (reverted == 0) {
            return;
        }
        long kept = nextIndex - reverted - 1;
        sim.emit(proof(ProofKind.STATE_REVERTED, source(time, commitContract(), rng), null, kept, null, null,
                actor("security-council")));
        nextIndex = kept + 1;
    }

    private ProofEvent proof(ProofKind kind, Source source, Long start, Long end, Long l2Block, String root,
                             String actor) {
        return ProofEvent.newBuilder()
                .setRollupId(id)
                .setSource(source)
                .setKind(kind)
                .setBatchIndexStart(style.indexed() ? start : null)
                .setBatchIndexEnd(style.indexed() || kind == ProofKind.STATE_REVERTED ? end : null)
                .setL2BlockNumber(style.indexed() ? null : l2Block)
                .setStateRoot(root)
                .setActor(actor)
                .build();
    }

    private String commitContract() {
        return contract("diamondProxy", "scrollChain", "polygonZkEvm", "lineaRollup", "starknetCore");
    }

    private String proofContract() {
        return config.stack() == Stack.POLYGON_ZKEVM ? contract("polygonRollupManager", "polygonZkEvm")
                : commitContract();
    }

    @Override
    protected String mainContract() {
        return commitContract();
    }

    @Override
    protected String depositContract(Token token) {
        return switch (config.stack()) {
            case SCROLL -> token.address() == null ? contract("l1MessageQueueV2", "l1ScrollMessenger")
                    : contract("l1GatewayRouter", "l1ScrollMessenger");
            case LINEA -> token.address() == null ? contract("lineaRollup") : contract("l1TokenBridge", "lineaRollup");
            case POLYGON_ZKEVM -> contract("polygonBridge");
            default -> commitContract();
        };
    }

    @Override
    protected String withdrawalContract(Token token) {
        return switch (config.stack()) {
            case SCROLL -> token.address() == null ? contract("l1ScrollMessenger") : contract("l1GatewayRouter", "l1ScrollMessenger");
            case LINEA -> token.address() == null ? contract("lineaRollup") : contract("l1TokenBridge", "lineaRollup");
            case POLYGON_ZKEVM -> contract("polygonBridge");
            default -> commitContract();
        };
    }

    @Override
    protected String proposalContract() {
        return commitContract();
    }
}
