package io.l2risk.engine.indicators;

import static io.l2risk.engine.indicators.DaSupport.put;
import static io.l2risk.engine.indicators.DaSupport.shortHex;

import io.l2risk.avro.DisputeOutcome;
import io.l2risk.avro.Level;
import io.l2risk.avro.ProofEvent;
import io.l2risk.avro.ProofKind;
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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;

/**
 * DISPUTE — challenges against state claims, and proposed roots a trusted node disagrees with.
 * op-dispute-mon and monitorism {@code fault} compare roots with trusted nodes and watch game
 * outcomes and games past their maximum duration (anchors.md A2); this puts both on L1 events.
 *
 * <p>Per dispute (subject {@code disputeId}, else the opening tx): WARNING from DISPUTE_OPENED;
 * CRITICAL while still open within {@code criticalBefore} of its deadline (the event's
 * {@code challengePeriodEnd}, else opening + profile {@code challengePeriod}) or past it; CRITICAL
 * for {@code holdFor} once resolved CHALLENGER_WINS (the challenged claim was invalid); OK once
 * resolved DEFENDER_WINS. At most {@value #MAX_DISPUTES} disputes are tracked (resolved ones are
 * dropped first, then the oldest).
 *
 * <p>Per L2 block (subject {@code l2-block-N}): CRITICAL when an OUTPUT_ROOT_OBSERVED root differs
 * from the STATE_PROPOSED root for the same {@code l2BlockNumber}, whichever arrives first: the last
 * {@value #MAX_PROPOSALS} proposals and {@value #MAX_OBSERVATIONS} observations still waiting for their
 * counterpart are kept (a matched pair is dropped; without any trusted node only a few proposals are
 * kept). It lasts until the claim is gone — a matching re-proposal or re-observation (an out-of-sync
 * node, op-dispute-mon issue #17814), a STATE_REVERTED deleting it, or a dispute about that block won
 * by the challenger — and then reads OK for {@code holdFor}. At most {@value #MAX_MISMATCHES}
 * mismatches are tracked.
 *
 * <p>Not absence-based: openings, outcomes and roots are events, and a deadline is judged on the L1
 * time the ingester has scanned through, so a lagging monitor delays an escalation rather than faking one.
 *
 * <p>Parameters ({@code thresholds.DISPUTE.*}): {@code criticalBefore} (default 12h: a quarter of
 * OP's 3.5-day game clock, enough to act on an unanswered challenge), {@code holdFor} (default 24h).
 */
public final class DisputeIndicator extends Indicator {

    static final int MAX_DISPUTES = 16;
    static final int MAX_PROPOSALS = 16;
    static final int MAX_OBSERVATIONS = 16;
    static final int MAX_MISMATCHES = 4;
    /** Proposals kept while no trusted-node root has ever been seen for the rollup. */
    private static final int PROPOSALS_WITHOUT_NODE = 4;
    private static final String[] CLEARED_BY = {
        "a re-proposal matches the trusted node", "the trusted node now agrees",
        "the proposal was deleted by a state revert", "the challenger won a dispute over it"};

    private final Duration challengePeriod;
    private final Duration criticalBefore;
    private final Duration holdFor;

    private final TreeMap<String, Dispute> disputes = new TreeMap<>();
    private final TreeMap<Long, Root> proposed = new TreeMap<>();
    private final TreeMap<Long, Root> observed = new TreeMap<>();
    private final TreeMap<Long, Mismatch> mismatches = new TreeMap<>();
    private boolean sawObservation;

    public DisputeIndicator(RollupProfile profile) {
        super(IndicatorKind.DISPUTE);
        Params params = profile.params(IndicatorKind.DISPUTE);
        this.challengePeriod = profile.challengePeriod();
        this.criticalBefore = params.duration("criticalBefore", Duration.ofHours(12));
        this.holdFor = params.duration("holdFor", Duration.ofHours(24));
    }

    @Override
    public boolean onEvent(SpecificRecord event, RollupContext ctx) {
        if (event instanceof ProofEvent proof) {
            Instant time = proof.getSource().getBlockTime();
            switch (proof.getKind()) {
                case DISPUTE_OPENED -> opened(proof, time);
                case DISPUTE_RESOLVED -> {
                    if (proof.getDisputeOutcome() == null || proof.getDisputeOutcome() == DisputeOutcome.IN_PROGRESS) {
                        opened(proof, time);
                    } else {
                        resolved(proof, time);
                    }
                }
                case STATE_PROPOSED -> root(proof, time, proposed, true);
                case OUTPUT_ROOT_OBSERVED -> root(proof, time, observed, false);
                case STATE_REVERTED -> reverted(proof, time);
                default -> {
                }
            }
        }
        Instant now = ctx.now();
        boolean pruned = disputes.values().removeIf(d -> d.resolvedAt != null && !now.isBefore(d.resolvedAt.plus(
                d.outcome == DisputeOutcome.CHALLENGER_WINS ? holdFor.multipliedBy(2) : holdFor)));
        pruned |= mismatches.values().removeIf(m -> m.clearedAt != null && !now.isBefore(m.clearedAt.plus(holdFor)));
        return pruned || event instanceof ProofEvent;
    }

    private static String disputeId(ProofEvent proof) {
        return proof.getDisputeId() != null ? proof.getDisputeId() : proof.getSource().getTxHash();
    }

    private void opened(ProofEvent proof, Instant time) {
        String id = disputeId(proof);
        if (id == null) {
            return;
        }
        Dispute dispute = disputes.get(id);
        if (dispute == null) {
            dispute = track(id);
        } else if (dispute.resolvedAt != null) {
            return;
        }
        if (dispute.openedAt == null || time.isBefore(dispute.openedAt)) {
            dispute.openedAt = time;
            dispute.openTx = proof.getSource().getTxHash();
        }
        dispute.deadline = proof.getChallengePeriodEnd() != null ? proof.getChallengePeriodEnd()
                : dispute.deadline != null ? dispute.deadline
                : challengePeriod != null ? dispute.openedAt.plus(challengePeriod) : null;
        dispute.l2Block = proof.getL2BlockNumber() != null ? proof.getL2BlockNumber() : dispute.l2Block;
        dispute.challenger = proof.getActor() != null ? proof.getActor() : dispute.challenger;
    }

    private void resolved(ProofEvent proof, Instant time) {
        String id = disputeId(proof);
        if (id == null) {
            return;
        }
        Dispute dispute = disputes.get(id);
        if (dispute == null) {
            if (proof.getDisputeOutcome() == DisputeOutcome.DEFENDER_WINS) {
                return;
            }
            dispute = track(id);
        }
        if (dispute.resolvedAt != null && !time.isAfter(dispute.resolvedAt)) {
            return;
        }
        dispute.outcome = proof.getDisputeOutcome();
        dispute.resolvedAt = time;
        dispute.resolveTx = proof.getSource().getTxHash();
        dispute.l2Block = proof.getL2BlockNumber() != null ? proof.getL2BlockNumber() : dispute.l2Block;
        if (dispute.outcome == DisputeOutcome.CHALLENGER_WINS && dispute.l2Block != null) {
            clear(dispute.l2Block, time, 3);
        }
    }

    private Dispute track(String id) {
        if (disputes.size() >= MAX_DISPUTES) {
            String evict = disputes.values().stream()
                    .min(Comparator.comparing((Dispute d) -> d.resolvedAt == null)
                            .thenComparing(d -> d.openedAt == null ? Instant.MIN : d.openedAt))
                    .map(d -> d.id).orElseThrow();
            disputes.remove(evict);
        }
        Dispute dispute = new Dispute(id);
        disputes.put(id, dispute);
        return dispute;
    }

    private void root(ProofEvent proof, Instant time, TreeMap<Long, Root> roots, boolean isProposal) {
        Long block = proof.getL2BlockNumber();
        String root = proof.getStateRoot();
        if (block == null || root == null) {
            return;
        }
        sawObservation |= !isProposal;
        Root previous = roots.get(block);
        if (previous != null && time.isBefore(previous.at)) {
            return;
        }
        Root mine = new Root(root, time, isProposal ? proof.getSource().getTxHash() : null);
        Root theirs = (isProposal ? observed : proposed).get(block);
        if (theirs == null) {
            store(roots, block, mine, isProposal);
            return;
        }
        Root proposal = isProposal ? mine : theirs;
        Root observation = isProposal ? theirs : mine;
        if (proposal.root.equalsIgnoreCase(observation.root)) {
            // Settled: neither side is needed any more (a revert or a later disagreement brings new events).
            clear(block, time, isProposal ? 0 : 1);
            proposed.remove(block);
            observed.remove(block);
            return;
        }
        store(roots, block, mine, isProposal);
        Mismatch mismatch = mismatches.get(block);
        if (mismatch == null || mismatch.clearedAt != null) {
            mismatch = new Mismatch(block, time);
            mismatches.put(block, mismatch);
            if (mismatches.size() > MAX_MISMATCHES) {
                mismatches.pollFirstEntry();
            }
        }
        mismatch.proposedRoot = proposal.root;
        mismatch.proposalTx = proposal.txHash;
        mismatch.proposedAt = proposal.at;
        mismatch.observedRoot = observation.root;
    }

    private void store(TreeMap<Long, Root> roots, long block, Root root, boolean isProposal) {
        roots.put(block, root);
        int cap = !isProposal ? MAX_OBSERVATIONS : sawObservation ? MAX_PROPOSALS : PROPOSALS_WITHOUT_NODE;
        while (roots.size() > cap) {
            roots.pollFirstEntry();
        }
    }

    private void reverted(ProofEvent proof, Instant time) {
        Long kept = proof.getL2BlockNumber();
        if (kept == null) {
            return;
        }
        proposed.tailMap(kept, false).clear();
        for (Long block : List.copyOf(mismatches.tailMap(kept, false).keySet())) {
            clear(block, time, 2);
        }
    }

    /** Marks the mismatch at {@code block}, if any, as gone for the reason {@code CLEARED_BY[reason]}. */
    private void clear(long block, Instant time, int reason) {
        Mismatch mismatch = mismatches.get(block);
        if (mismatch != null && mismatch.clearedAt == null) {
            mismatch.clearedAt = time;
            mismatch.clearedBy = reason;
        }
    }

    /**
     * A dispute is OK only once resolved (and past {@code holdFor} if the challenger won), a mismatch
     * only once cleared, and they stay so: only records change that.
     */
    @Override
    public long quietUntil(RollupContext ctx) {
        return Long.MAX_VALUE;
    }

    @Override
    public void evaluate(RollupContext ctx, List<Evaluation> out) {
        Instant now = ctx.now();
        for (Dispute dispute : disputes.values()) {
            out.add(evaluate(dispute, now, ctx.l1Block()));
        }
        for (Mismatch mismatch : mismatches.values()) {
            out.add(evaluate(mismatch, now, ctx.l1Block()));
        }
    }

    private Evaluation evaluate(Dispute d, Instant now, Long l1Block) {
        Map<String, String> evidence = new TreeMap<>();
        evidence.put("disputeId", d.id);
        put(evidence, "openedAt", d.openedAt);
        put(evidence, "openTx", d.openTx);
        put(evidence, "deadline", d.deadline);
        put(evidence, "l2BlockNumber", d.l2Block);
        put(evidence, "challenger", d.challenger);
        put(evidence, "outcome", d.outcome);
        put(evidence, "resolvedAt", d.resolvedAt);
        put(evidence, "resolveTx", d.resolveTx);
        String about = "Dispute " + d.id + (d.l2Block == null ? "" : " over L2 block " + d.l2Block);
        if (d.resolvedAt != null) {
            String ago = Text.duration(Duration.between(d.resolvedAt, now));
            String lasted = d.openedAt == null ? ""
                    : " after " + Text.duration(Duration.between(d.openedAt, d.resolvedAt));
            boolean lost = d.outcome == DisputeOutcome.CHALLENGER_WINS && now.isBefore(d.resolvedAt.plus(holdFor));
            String summary = lost
                    ? about + " was resolved for the challenger " + ago + " ago" + lasted
                    + ": the challenged state claim was invalid."
                    : about + " was resolved for the "
                    + (d.outcome == DisputeOutcome.CHALLENGER_WINS ? "challenger" : "defender") + " " + ago + " ago"
                    + lasted + ".";
            return new Evaluation(kind(), d.id, lost ? Level.CRITICAL : Level.OK, lost ? 1 : 0, 1, "disputes", summary,
                    evidence, l1Block);
        }
        Duration open = Duration.between(d.openedAt, now);
        String by = d.challenger == null ? "" : " by " + d.challenger;
        if (d.deadline == null) {
            return new Evaluation(kind(), d.id, Level.WARNING, open.toSeconds(), 0, "seconds",
                    about + " opened " + Text.duration(open) + " ago" + by + " is still open (deadline unknown).",
                    evidence, l1Block);
        }
        Instant escalateAt = d.deadline.minus(criticalBefore);
        boolean critical = !now.isBefore(escalateAt);
        String timing = now.isBefore(d.deadline)
                ? "its challenge window ends in " + Text.duration(Duration.between(now, d.deadline))
                : "its challenge window ended " + Text.duration(Duration.between(d.deadline, now)) + " ago";
        String summary = about + " opened " + Text.duration(open) + " ago" + by + " is still open; " + timing
                + (critical ? "." : " (critical " + Text.duration(criticalBefore) + " before).");
        double threshold = Math.max(0, Duration.between(d.openedAt, escalateAt).toSeconds());
        return new Evaluation(kind(), d.id, critical ? Level.CRITICAL : Level.WARNING, open.toSeconds(), threshold,
                "seconds", summary, evidence, l1Block);
    }

    private Evaluation evaluate(Mismatch m, Instant now, Long l1Block) {
        Map<String, String> evidence = new TreeMap<>();
        evidence.put("l2BlockNumber", Long.toString(m.l2Block));
        evidence.put("proposedRoot", m.proposedRoot);
        evidence.put("observedRoot", m.observedRoot);
        put(evidence, "proposalTx", m.proposalTx);
        put(evidence, "proposedAt", m.proposedAt);
        evidence.put("detectedAt", m.detectedAt.toString());
        String subject = "l2-block-" + m.l2Block;
        if (m.clearedAt != null) {
            evidence.put("clearedAt", m.clearedAt.toString());
            String summary = "The proposed root for L2 block " + m.l2Block
                    + " no longer stands against the trusted node's: " + CLEARED_BY[m.clearedBy] + " "
                    + Text.duration(Duration.between(m.clearedAt, now)) + " ago.";
            return new Evaluation(kind(), subject, Level.OK, 0, 1, "mismatches", summary, evidence, l1Block);
        }
        String summary = "The state root proposed for L2 block " + m.l2Block + " (" + shortHex(m.proposedRoot)
                + ") differs from the trusted node's (" + shortHex(m.observedRoot)
                + "): an invalid proposal has stood on L1 for "
                + Text.duration(Duration.between(m.proposedAt, now)) + ".";
        return new Evaluation(kind(), subject, Level.CRITICAL, 1, 1, "mismatches", summary, evidence, l1Block);
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeByte(disputes.size());
        for (Dispute d : disputes.values()) {
            HexIO.write(out, d.id);
            StateIO.writeInstant(out, d.openedAt);
            HexIO.write(out, d.openTx);
            StateIO.writeInstant(out, d.deadline);
            StateIO.writeNullableLong(out, d.l2Block);
            HexIO.write(out, d.challenger);
            out.writeByte(d.outcome == null ? -1 : d.outcome.ordinal());
            StateIO.writeInstant(out, d.resolvedAt);
            HexIO.write(out, d.resolveTx);
        }
        out.writeBoolean(sawObservation);
        writeRoots(out, proposed);
        writeRoots(out, observed);
        out.writeByte(mismatches.size());
        for (Mismatch m : mismatches.values()) {
            out.writeLong(m.l2Block);
            StateIO.writeInstant(out, m.detectedAt);
            HexIO.write(out, m.proposedRoot);
            HexIO.write(out, m.observedRoot);
            HexIO.write(out, m.proposalTx);
            StateIO.writeInstant(out, m.proposedAt);
            StateIO.writeInstant(out, m.clearedAt);
            out.writeByte(m.clearedBy);
        }
    }

    @Override
    public void readState(DataInput in) throws IOException {
        disputes.clear();
        int count = in.readUnsignedByte();
        for (int i = 0; i < count; i++) {
            Dispute d = new Dispute(HexIO.read(in));
            d.openedAt = StateIO.readInstant(in);
            d.openTx = HexIO.read(in);
            d.deadline = StateIO.readInstant(in);
            d.l2Block = StateIO.readNullableLong(in);
            d.challenger = HexIO.read(in);
            byte outcome = in.readByte();
            d.outcome = outcome < 0 ? null : DisputeOutcome.values()[outcome];
            d.resolvedAt = StateIO.readInstant(in);
            d.resolveTx = HexIO.read(in);
            disputes.put(d.id, d);
        }
        sawObservation = in.readBoolean();
        readRoots(in, proposed);
        readRoots(in, observed);
        mismatches.clear();
        int mismatchCount = in.readUnsignedByte();
        for (int i = 0; i < mismatchCount; i++) {
            Mismatch m = new Mismatch(in.readLong(), StateIO.readInstant(in));
            m.proposedRoot = HexIO.read(in);
            m.observedRoot = HexIO.read(in);
            m.proposalTx = HexIO.read(in);
            m.proposedAt = StateIO.readInstant(in);
            m.clearedAt = StateIO.readInstant(in);
            m.clearedBy = in.readUnsignedByte();
            mismatches.put(m.l2Block, m);
        }
    }

    private static void writeRoots(DataOutput out, TreeMap<Long, Root> roots) throws IOException {
        out.writeByte(roots.size());
        for (Map.Entry<Long, Root> entry : roots.entrySet()) {
            out.writeLong(entry.getKey());
            HexIO.write(out, entry.getValue().root);
            StateIO.writeInstant(out, entry.getValue().at);
            HexIO.write(out, entry.getValue().txHash);
        }
    }

    private static void readRoots(DataInput in, TreeMap<Long, Root> roots) throws IOException {
        roots.clear();
        int count = in.readUnsignedByte();
        for (int i = 0; i < count; i++) {
            long block = in.readLong();
            roots.put(block, new Root(HexIO.read(in), StateIO.readInstant(in), HexIO.read(in)));
        }
    }

    private record Root(String root, Instant at, String txHash) {
    }

    private static final class Dispute {
        final String id;
        Instant openedAt;
        String openTx;
        Instant deadline;
        Long l2Block;
        String challenger;
        DisputeOutcome outcome;
        Instant resolvedAt;
        String resolveTx;

        Dispute(String id) {
            this.id = id;
        }
    }

    private static final class Mismatch {
        final long l2Block;
        final Instant detectedAt;
        String proposedRoot;
        String observedRoot;
        String proposalTx;
        Instant proposedAt;
        Instant clearedAt;
        int clearedBy;

        Mismatch(long l2Block, Instant detectedAt) {
            this.l2Block = l2Block;
            this.detectedAt = detectedAt;
        }
    }
}
