package io.l2risk.engine.indicators;

import static io.l2risk.engine.indicators.DaSupport.put;

import io.l2risk.avro.BatchPosted;
import io.l2risk.avro.Level;
import io.l2risk.avro.ProofEvent;
import io.l2risk.avro.ProofKind;
import io.l2risk.avro.Source;
import io.l2risk.engine.Evaluation;
import io.l2risk.engine.Indicator;
import io.l2risk.engine.IndicatorKind;
import io.l2risk.engine.Params;
import io.l2risk.engine.RollupContext;
import io.l2risk.engine.RollupProfile;
import io.l2risk.engine.StateIO;
import io.l2risk.engine.Text;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.avro.specific.SpecificRecord;

/**
 * STATE_REVERTED — committed state taken back on L1: OP-Stack {@code OutputsDeleted}, zkSync
 * {@code BlocksRevert}, Scroll {@code RevertBatch} (anchors.md feature table row 9: no anchor alerts
 * on these; L2BEAT sees them only in its hourly diff). Every STATE_REVERTED event is CRITICAL for
 * {@code holdFor}, then resolves: it is an event, not a condition. Subject: the revert transaction,
 * so a second revert is a new alert.
 *
 * <p>What was reverted, following the ProofEvent contract: batches after {@code batchIndexEnd} (the
 * last batch kept) through the highest batch seen committed so far, and state proposals for L2 blocks
 * after {@code l2BlockNumber} (the last L2 block kept) among the last {@value #MAX_PROPOSALS}
 * proposals ("at least" when older ones may have aged out). Value: the number of reverted batches,
 * else of deleted proposals, else 1.
 *
 * <p>Parameters ({@code thresholds.STATE_REVERTED.*}): {@code holdFor} (default 24h).
 */
public final class StateRevertedIndicator extends Indicator {

    static final int MAX_PROPOSALS = 32;
    static final int MAX_REVERTS = 4;

    private final Duration holdFor;

    private Long highestBatch;
    private final TreeSet<Long> proposedL2Blocks = new TreeSet<>();
    private final List<Revert> reverts = new ArrayList<>();

    public StateRevertedIndicator(RollupProfile profile) {
        super(IndicatorKind.STATE_REVERTED);
        Params params = profile.params(IndicatorKind.STATE_REVERTED);
        this.holdFor = params.duration("holdFor", Duration.ofHours(24));
    }

    @Override
    public boolean onEvent(SpecificRecord event, RollupContext ctx) {
        if (event instanceof BatchPosted batch && batch.getBatchIndex() != null) {
            raiseHighest(batch.getBatchIndex());
        } else if (event instanceof ProofEvent proof) {
            if (proof.getKind() == ProofKind.STATE_PROPOSED) {
                if (proof.getBatchIndexEnd() != null) {
                    raiseHighest(proof.getBatchIndexEnd());
                }
                if (proof.getL2BlockNumber() != null) {
                    proposedL2Blocks.add(proof.getL2BlockNumber());
                    if (proposedL2Blocks.size() > MAX_PROPOSALS) {
                        proposedL2Blocks.pollFirst();
                    }
                }
            } else if (proof.getKind() == ProofKind.STATE_REVERTED) {
                onRevert(proof);
            }
        }
        Instant now = ctx.now();
        return reverts.removeIf(r -> !now.isBefore(r.at.plus(holdFor).plus(holdFor)))
                || event instanceof BatchPosted batch && batch.getBatchIndex() != null || event instanceof ProofEvent;
    }

    private void raiseHighest(long index) {
        highestBatch = highestBatch == null ? index : Math.max(highestBatch, index);
    }

    private void onRevert(ProofEvent proof) {
        Source source = proof.getSource();
        Revert revert = new Revert(subject(source), source.getBlockTime());
        revert.txHash = source.getTxHash();
        revert.l1Block = source.getBlockNumber();
        revert.actor = proof.getActor();
        revert.keptBatch = proof.getBatchIndexEnd();
        revert.keptL2Block = proof.getL2BlockNumber();
        if (revert.keptBatch != null && highestBatch != null && highestBatch > revert.keptBatch) {
            revert.revertedThrough = highestBatch;
            // Re-posted batches reuse the reverted indexes: count from what is kept.
            highestBatch = revert.keptBatch;
        }
        if (revert.keptL2Block != null) {
            // With every tracked proposal above the kept block, older deleted ones may have aged out.
            revert.deletedAtLeast = proposedL2Blocks.size() == MAX_PROPOSALS
                    && revert.keptL2Block < proposedL2Blocks.first();
            var deleted = proposedL2Blocks.tailSet(revert.keptL2Block, false);
            revert.deletedProposals = deleted.size();
            revert.lastDeletedL2Block = deleted.isEmpty() ? null : deleted.last();
            deleted.clear();
        }
        reverts.removeIf(r -> r.subject.equals(revert.subject));
        reverts.add(revert);
        if (reverts.size() > MAX_REVERTS) {
            reverts.remove(0);
        }
    }

    private static String subject(Source source) {
        if (source.getTxHash() != null) {
            return source.getTxHash();
        }
        return source.getBlockNumber() != null ? "block-" + source.getBlockNumber() + "-" + source.getLogIndex()
                : "time-" + source.getBlockTime().toEpochMilli();
    }

    /** A revert is OK only once older than {@code holdFor}, and stays so: only records change that. */
    @Override
    public long quietUntil(RollupContext ctx) {
        return Long.MAX_VALUE;
    }

    @Override
    public void evaluate(RollupContext ctx, List<Evaluation> out) {
        Instant now = ctx.now();
        for (Revert r : reverts) {
            boolean active = now.isBefore(r.at.plus(holdFor));
            Map<String, String> evidence = new TreeMap<>();
            put(evidence, "txHash", r.txHash);
            put(evidence, "l1Block", r.l1Block);
            put(evidence, "actor", r.actor);
            put(evidence, "keptThroughBatch", r.keptBatch);
            put(evidence, "keptThroughL2Block", r.keptL2Block);
            evidence.put("revertedAt", r.at.toString());
            String unit;
            long value;
            List<String> what = new ArrayList<>();
            if (r.revertedThrough != null) {
                long batches = r.revertedThrough - r.keptBatch;
                evidence.put("revertedFromBatch", Long.toString(r.keptBatch + 1));
                evidence.put("revertedThroughBatch", Long.toString(r.revertedThrough));
                what.add(batches == 1 ? "batch " + r.revertedThrough + " reverted"
                        : "batches " + (r.keptBatch + 1) + "–" + r.revertedThrough + " (" + batches + ") reverted");
                unit = "batches";
                value = batches;
            } else if (r.keptL2Block != null) {
                evidence.put("deletedProposals", (r.deletedAtLeast ? ">=" : "") + r.deletedProposals);
                put(evidence, "lastDeletedL2Block", r.lastDeletedL2Block);
                what.add(r.deletedProposals == 0 ? "state proposals after L2 block " + r.keptL2Block + " deleted"
                        : (r.deletedAtLeast ? "at least " : "") + r.deletedProposals + " state proposal"
                        + (r.deletedProposals == 1 ? "" : "s")
                        + " after L2 block " + r.keptL2Block + " deleted (through L2 block "
                        + r.lastDeletedL2Block + ")");
                unit = "outputs";
                value = Math.max(1, r.deletedProposals);
            } else {
                what.add(r.keptBatch != null ? "batches after " + r.keptBatch + " reverted" : "state reverted");
                unit = "reverts";
                value = 1;
            }
            String ago = Text.duration(Duration.between(r.at, now));
            String by = r.actor == null ? "" : " by " + r.actor;
            String summary = active
                    ? "State reverted on L1 " + ago + " ago" + by + ": " + String.join(", ", what)
                    + (r.txHash == null ? "." : " (tx " + r.txHash + ").")
                    : "The revert " + ago + " ago (" + String.join(", ", what) + ") is older than "
                    + Text.duration(holdFor) + "; no longer alerting.";
            out.add(new Evaluation(kind(), r.subject, active ? Level.CRITICAL : Level.OK, value, 1, unit, summary,
                    evidence, ctx.l1Block()));
        }
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        StateIO.writeNullableLong(out, highestBatch);
        out.writeByte(proposedL2Blocks.size());
        for (long block : proposedL2Blocks) {
            out.writeLong(block);
        }
        out.writeByte(reverts.size());
        for (Revert r : reverts) {
            HexIO.write(out, r.subject);
            StateIO.writeInstant(out, r.at);
            HexIO.write(out, r.txHash);
            StateIO.writeNullableLong(out, r.l1Block);
            HexIO.write(out, r.actor);
            StateIO.writeNullableLong(out, r.keptBatch);
            StateIO.writeNullableLong(out, r.keptL2Block);
            StateIO.writeNullableLong(out, r.revertedThrough);
            out.writeLong(r.deletedProposals);
            out.writeBoolean(r.deletedAtLeast);
            StateIO.writeNullableLong(out, r.lastDeletedL2Block);
        }
    }

    @Override
    public void readState(DataInput in) throws IOException {
        highestBatch = StateIO.readNullableLong(in);
        proposedL2Blocks.clear();
        int blocks = in.readUnsignedByte();
        for (int i = 0; i < blocks; i++) {
            proposedL2Blocks.add(in.readLong());
        }
        reverts.clear();
        int count = in.readUnsignedByte();
        for (int i = 0; i < count; i++) {
            Revert r = new Revert(HexIO.read(in), StateIO.readInstant(in));
            r.txHash = HexIO.read(in);
            r.l1Block = StateIO.readNullableLong(in);
            r.actor = HexIO.read(in);
            r.keptBatch = StateIO.readNullableLong(in);
            r.keptL2Block = StateIO.readNullableLong(in);
            r.revertedThrough = StateIO.readNullableLong(in);
            r.deletedProposals = in.readLong();
            r.deletedAtLeast = in.readBoolean();
            r.lastDeletedL2Block = StateIO.readNullableLong(in);
            reverts.add(r);
        }
    }

    private static final class Revert {
        final String subject;
        final Instant at;
        String txHash;
        Long l1Block;
        String actor;
        Long keptBatch;
        Long keptL2Block;
        Long revertedThrough;
        long deletedProposals;
        boolean deletedAtLeast;
        Long lastDeletedL2Block;

        Revert(String subject, Instant at) {
            this.subject = subject;
            this.at = at;
        }
    }
}
