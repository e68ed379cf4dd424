package io.l2risk.engine.indicators;

import static io.l2risk.engine.indicators.DaSupport.batch;
import static io.l2risk.engine.indicators.DaSupport.count;
import static io.l2risk.engine.indicators.DaSupport.put;
import static io.l2risk.engine.indicators.DaSupport.shortHex;

import io.l2risk.avro.BatchPosted;
import io.l2risk.avro.DaMethod;
import io.l2risk.avro.DaObservation;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;

/**
 * DATA_WITHHELD — batch data that cannot be retrieved, and state claimed for batches whose data was
 * never posted. No existing monitor checks either (anchors.md feature table row 17, gap G5). Two
 * subjects:
 *
 * <p><b>Rollup-wide (subject {@code null}), from {@code DaObservation}s.</b> A reference (blob
 * versioned hash, certificate data hash, alt-DA commitment) is <em>unavailable</em> from its first
 * failed check until a check retrieves it; how long it has been unavailable is what the checks prove,
 * from its first to its latest failed check (a checker that stops re-checking does not make an outage
 * grow). Data retrieved once counts as available: a later failed check of it (one DAC member down
 * while another served it, a flaky beacon node) is not withholding (the last
 * {@value #RECENTLY_RETRIEVED} references retrieved are remembered for this). CRITICAL when a
 * reference has been unavailable for {@code criticalAfter}; WARNING when one has been for
 * {@code warnAfter}, or when unavailable references collected {@code warnFailures} failed checks
 * within {@code window}; OK as soon as everything checked is retrievable again. Value: the longest
 * proven unavailability.
 * Blob checks after the blob retention period (profile {@code blobRetention}) are ignored: consensus
 * clients prune blobs then by design. References not re-checked for {@code forgetAfter} are dropped
 * (the checker gave up on them). At most {@value #MAX_REFERENCES} unavailable references are tracked.
 *
 * <p><b>Subject {@code unposted-batches}, from {@code ProofEvent}s.</b> A STATE_PROPOSED,
 * PROOF_VERIFIED or STATE_FINALIZED whose batch range ({@code batchIndexStart}–{@code batchIndexEnd};
 * without a start, everything up to the end) covers batch indexes never seen in a
 * {@code BatchPosted} is CRITICAL once the batches are still missing {@code unpostedGrace} after the
 * claim — the grace absorbs the two topics arriving in either order. Indexes below the first batch
 * seen are not judged (posted before monitoring began). A STATE_REVERTED drops claims above its
 * {@code batchIndexEnd}. At most {@value #MAX_CLAIMS} claims are tracked (a further one is merged into
 * the newest).
 *
 * <p>Absence-based: both parts fire on something not arriving, so they pause while the monitor is stale.
 *
 * <p>Parameters ({@code thresholds.DATA_WITHHELD.*}): {@code window} (1h), {@code warnFailures} (3),
 * {@code warnAfter} (10m), {@code criticalAfter} (1h; blob sidecars propagate with their block and
 * must be served for 4096 epochs, EIP-4844, so an hour without them is not a slow peer),
 * {@code unpostedGrace} (30m), {@code forgetAfter} (1d), {@code clearAfter} (10m).
 */
public final class DataWithheldIndicator extends Indicator {

    /** The longest proven unavailability; of equal ones, the one failing since earliest. */
    private static final Comparator<Unavailable> WORST = Comparator.comparing(Unavailable::proven)
            .thenComparing(u -> u.firstFailedAt, Comparator.reverseOrder());

    static final int MAX_REFERENCES = 8;
    static final int RECENTLY_RETRIEVED = 32;
    static final int MAX_CLAIMS = 4;
    static final String UNPOSTED = "unposted-batches";

    private final Duration window;
    private final long warnFailures;
    private final Duration warnAfter;
    private final Duration criticalAfter;
    private final Duration unpostedGrace;
    private final Duration clearAfter;
    private final Duration blobRetention;
    private final Duration forgetAfter;

    private final RecentHashes retrieved = new RecentHashes(RECENTLY_RETRIEVED);
    private final TreeMap<String, Unavailable> unavailable = new TreeMap<>();
    private Instant lastCheckAt;
    private final SeenBatches seen = new SeenBatches();
    private final List<Claim> claims = new ArrayList<>();
    private boolean sawClaim;

    public DataWithheldIndicator(RollupProfile profile) {
        super(IndicatorKind.DATA_WITHHELD);
        Params params = profile.params(IndicatorKind.DATA_WITHHELD);
        this.window = params.duration("window", Duration.ofHours(1));
        this.warnFailures = Math.max(1, params.integer("warnFailures", 3));
        this.warnAfter = params.duration("warnAfter", Duration.ofMinutes(10));
        this.criticalAfter = params.duration("criticalAfter", Duration.ofHours(1));
        this.unpostedGrace = params.duration("unpostedGrace", Duration.ofMinutes(30));
        this.clearAfter = params.duration("clearAfter", Duration.ofMinutes(10));
        this.blobRetention = profile.blobRetention();
        this.forgetAfter = params.duration("forgetAfter", Duration.ofDays(1));
    }

    @Override
    public boolean onEvent(SpecificRecord event, RollupContext ctx) {
        boolean changed = true;
        if (event instanceof DaObservation observation) {
            onObservation(observation);
        } else if (event instanceof BatchPosted batch && batch.getBatchIndex() != null) {
            seen.add(batch.getBatchIndex());
            claims.removeIf(c -> seen.missing(c.start, c.end) == 0);
        } else if (event instanceof ProofEvent proof) {
            onProof(proof);
        } else {
            changed = false;
        }
        Instant now = ctx.now();
        return unavailable.values().removeIf(u -> !now.isBefore(u.lastFailedAt.plus(forgetAfter)) || expired(u, now))
                || changed;
    }

    private void onObservation(DaObservation observation) {
        Instant time = observation.getObservedAt();
        lastCheckAt = lastCheckAt == null || time.isAfter(lastCheckAt) ? time : lastCheckAt;
        String reference = observation.getReference();
        if (observation.getAvailable()) {
            retrieved.add(reference);
            Unavailable u = unavailable.get(reference);
            if (u != null && !time.isBefore(u.firstFailedAt)) {
                unavailable.remove(reference);
            }
            return;
        }
        if (retrieved.contains(reference)) {
            return;
        }
        Instant postedAt = observation.getSource() == null ? null : observation.getSource().getBlockTime();
        if (observation.getMethod() == DaMethod.BLOB_SIDECAR && postedAt != null
                && !time.isBefore(postedAt.plus(blobRetention))) {
            return;
        }
        Unavailable u = unavailable.get(reference);
        if (u == null) {
            if (unavailable.size() >= MAX_REFERENCES) {
                return;
            }
            u = new Unavailable(reference, observation.getMethod(), time);
            unavailable.put(reference, u);
        }
        u.firstFailedAt = time.isBefore(u.firstFailedAt) ? time : u.firstFailedAt;
        u.lastFailedAt = time.isAfter(u.lastFailedAt) ? time : u.lastFailedAt;
        u.failedChecks++;
        u.batchIndex = observation.getBatchIndex() != null ? observation.getBatchIndex() : u.batchIndex;
        u.postedAt = postedAt != null ? postedAt : u.postedAt;
        u.txHash = observation.getSource() != null && observation.getSource().getTxHash() != null
                ? observation.getSource().getTxHash() : u.txHash;
        u.error = observation.getError() != null ? observation.getError() : u.error;
    }

    private void onProof(ProofEvent proof) {
        Long end = proof.getBatchIndexEnd();
        if (end == null) {
            return;
        }
        ProofKind kind = proof.getKind();
        if (kind == ProofKind.STATE_REVERTED) {
            claims.removeIf(c -> c.start > end);
            claims.forEach(c -> c.end = Math.min(c.end, end));
            return;
        }
        if (kind != ProofKind.STATE_PROPOSED && kind != ProofKind.PROOF_VERIFIED && kind != ProofKind.STATE_FINALIZED) {
            return;
        }
        sawClaim = true;
        long start = proof.getBatchIndexStart() != null ? proof.getBatchIndexStart() : Long.MIN_VALUE;
        if (!seen.isEmpty() && seen.missing(start, end) == 0) {
            return;
        }
        Claim claim = new Claim(start, end, proof.getSource().getBlockTime(), kind, proof.getSource().getTxHash());
        if (claims.size() >= MAX_CLAIMS) {
            Claim newest = claims.get(claims.size() - 1);
            newest.start = Math.min(newest.start, claim.start);
            newest.end = Math.max(newest.end, claim.end);
        } else {
            claims.add(claim);
        }
    }

    private boolean expired(Unavailable u, Instant now) {
        return u.method == DaMethod.BLOB_SIDECAR && u.postedAt != null && !now.isBefore(u.postedAt.plus(blobRetention));
    }

    /**
     * Availability that is OK stays so until a record (failures only leave the window); an unposted
     * claim turns CRITICAL once its grace has passed, and only once a batch has been seen.
     */
    @Override
    public long quietUntil(RollupContext ctx) {
        if (seen.isEmpty()) {
            return Long.MAX_VALUE;
        }
        long until = Long.MAX_VALUE;
        for (Claim claim : claims) {
            until = Math.min(until, claim.at.plus(unpostedGrace).toEpochMilli());
        }
        return until;
    }

    @Override
    public void evaluate(RollupContext ctx, List<Evaluation> out) {
        Instant now = ctx.now();
        if (lastCheckAt != null) {
            out.add(availability(now, ctx.l1Block()));
        }
        if (sawClaim) {
            out.add(unposted(now, ctx.l1Block()));
        }
    }

    private Evaluation availability(Instant now, Long l1Block) {
        Instant from = now.minus(window);
        // Failures are counted for references that began failing within the window; older ones are
        // judged by how long they have been failing.
        // Loops, not streams: this runs on most records, nearly always over an empty map.
        long failures = 0;
        Unavailable longestFailing = null;
        for (Unavailable u : unavailable.values()) {
            if (u.firstFailedAt.isAfter(from)) {
                failures += u.failedChecks;
            }
            if (longestFailing == null || WORST.compare(u, longestFailing) > 0) {
                longestFailing = u;
            }
        }
        long inWindow = failures;
        Unavailable worst = longestFailing;
        Duration longest = worst == null ? Duration.ZERO : worst.proven();
        Level level = longest.compareTo(criticalAfter) >= 0 ? Level.CRITICAL
                : longest.compareTo(warnAfter) >= 0 || inWindow >= warnFailures ? Level.WARNING : Level.OK;
        Duration threshold = level == Level.CRITICAL ? criticalAfter : warnAfter;
        return Evaluation.lazy(kind(), null, level, longest.toSeconds(), threshold.toSeconds(), "seconds", l1Block,
                () -> availabilityWords(now, inWindow, worst, longest, level));
    }

    private Evaluation.Words availabilityWords(Instant now, long inWindow, Unavailable worst, Duration longest,
                                               Level level) {
        Map<String, String> evidence = new TreeMap<>();
        evidence.put("unavailableReferences", Integer.toString(unavailable.size()));
        String checks = count(inWindow, "failed check", "failed checks") + " in the last " + Text.duration(window);
        String summary;
        if (worst != null && longest.compareTo(warnAfter) >= 0) {
            evidence.put("reference", worst.reference);
            evidence.put("method", worst.method.name());
            evidence.put("firstFailedAt", worst.firstFailedAt.toString());
            evidence.put("failedChecks", Long.toString(worst.failedChecks));
            put(evidence, "batchIndex", worst.batchIndex);
            put(evidence, "txHash", worst.txHash);
            put(evidence, "postedAt", worst.postedAt);
            put(evidence, "error", worst.error);
            summary = "The data of " + batch(worst.batchIndex) + " (" + shortHex(worst.reference) + ") has not been "
                    + "retrievable for " + Text.duration(longest) + " of checks (threshold "
                    + Text.duration(level == Level.CRITICAL ? criticalAfter : warnAfter) + "; "
                    + count(worst.failedChecks, "failed " + worst.method + " check",
                            "failed " + worst.method + " checks")
                    + (worst.error == null ? "" : ", last error: " + worst.error) + "); "
                    + count(unavailable.size(), "reference", "references") + " unavailable in all.";
        } else if (level == Level.WARNING) {
            evidence.put("failedChecksInWindow", Long.toString(inWindow));
            summary = count(unavailable.size(), "reference is", "references are") + " not retrievable, with "
                    + checks + " (warning at " + warnFailures + "); the longest ("
                    + batch(worst.batchIndex) + ", " + shortHex(worst.reference) + ") failing for "
                    + Text.duration(longest) + ".";
        } else {
            summary = unavailable.isEmpty() ? "All checked batch data is retrievable (last check "
                    + Text.duration(Duration.between(lastCheckAt, now)) + " ago)."
                    : count(unavailable.size(), "reference is", "references are") + " not retrievable yet, with "
                    + checks + " (warning at " + warnFailures + " or after " + Text.duration(warnAfter) + ").";
        }
        return new Evaluation.Words(summary, evidence);
    }

    private Evaluation unposted(Instant now, Long l1Block) {
        long missing = 0;
        Claim oldest = null;
        int overdue = 0;
        for (Claim claim : claims) {
            if (seen.isEmpty() || Duration.between(claim.at, now).compareTo(unpostedGrace) < 0) {
                continue;
            }
            overdue++;
            missing += seen.missing(claim.start, claim.end);
            if (oldest == null) {
                oldest = claim;
            }
        }
        if (oldest == null) {
            return Evaluation.lazy(kind(), UNPOSTED, Level.OK, 0, 1, "batches", l1Block, () -> unpostedWords(null, 0, 0,
                    now));
        }
        Claim first = oldest;
        long missed = missing;
        int late = overdue;
        return Evaluation.lazy(kind(), UNPOSTED, Level.CRITICAL, missing, 1, "batches", l1Block,
                () -> unpostedWords(first, missed, late, now));
    }

    private Evaluation.Words unpostedWords(Claim oldest, long missing, int overdue, Instant now) {
        Map<String, String> evidence = new TreeMap<>();
        put(evidence, "highestPostedBatch", seen.highest());
        if (oldest == null) {
            String summary = "Every batch covered by state claims was posted on L1 (highest posted "
                    + (seen.highest() == null ? "none yet" : "batch " + seen.highest()) + ")"
                    + (claims.isEmpty() ? "." : "; " + count(claims.size(), "claim", "claims") + " waiting for "
                    + "their batches (grace " + Text.duration(unpostedGrace) + ").");
            return new Evaluation.Words(summary, evidence);
        }
        Long first = seen.firstMissing(oldest.start, oldest.end);
        evidence.put("claimKind", oldest.kind.name());
        put(evidence, "claimTx", oldest.txHash);
        evidence.put("claimAt", oldest.at.toString());
        if (oldest.start != Long.MIN_VALUE) {
            evidence.put("claimBatchStart", Long.toString(oldest.start));
        }
        evidence.put("claimBatchEnd", Long.toString(oldest.end));
        put(evidence, "firstMissingBatch", first);
        evidence.put("missingBatches", Long.toString(missing));
        String summary = oldest.kind + " " + Text.duration(Duration.between(oldest.at, now)) + " ago covers batches "
                + (oldest.start == Long.MIN_VALUE ? "up to " + oldest.end : oldest.start + "–" + oldest.end)
                + ", but " + count(missing, "batch was", "batches were") + " never posted on L1 (first missing: "
                + first + ", highest posted: " + seen.highest() + ")"
                + (overdue > 1 ? "; " + count(overdue, "claim", "claims") + " in all." : ".");
        return new Evaluation.Words(summary, evidence);
    }

    @Override
    public boolean absenceBased() {
        return true;
    }

    @Override
    public Duration clearAfter() {
        return clearAfter;
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        retrieved.write(out);
        StateIO.writeInstant(out, lastCheckAt);
        out.writeByte(unavailable.size());
        for (Unavailable u : unavailable.values()) {
            HexIO.write(out, u.reference);
            out.writeByte(u.method.ordinal());
            StateIO.writeInstant(out, u.firstFailedAt);
            StateIO.writeInstant(out, u.lastFailedAt);
            out.writeLong(u.failedChecks);
            StateIO.writeNullableLong(out, u.batchIndex);
            StateIO.writeInstant(out, u.postedAt);
            HexIO.write(out, u.txHash);
            // Errors come from remote servers: keep a bounded prefix.
            StateIO.writeNullableString(out, u.error == null || u.error.length() <= 200 ? u.error
                    : u.error.substring(0, 200));
        }
        seen.write(out);
        out.writeBoolean(sawClaim);
        out.writeByte(claims.size());
        for (Claim c : claims) {
            out.writeLong(c.start);
            out.writeLong(c.end);
            StateIO.writeInstant(out, c.at);
            out.writeByte(c.kind.ordinal());
            HexIO.write(out, c.txHash);
        }
    }

    @Override
    public void readState(DataInput in) throws IOException {
        retrieved.read(in);
        lastCheckAt = StateIO.readInstant(in);
        unavailable.clear();
        int references = in.readUnsignedByte();
        for (int i = 0; i < references; i++) {
            String reference = HexIO.read(in);
            DaMethod method = DaMethod.values()[in.readUnsignedByte()];
            Unavailable u = new Unavailable(reference, method, StateIO.readInstant(in));
            u.lastFailedAt = StateIO.readInstant(in);
            u.failedChecks = in.readLong();
            u.batchIndex = StateIO.readNullableLong(in);
            u.postedAt = StateIO.readInstant(in);
            u.txHash = HexIO.read(in);
            u.error = StateIO.readNullableString(in);
            unavailable.put(reference, u);
        }
        seen.read(in);
        sawClaim = in.readBoolean();
        claims.clear();
        int count = in.readUnsignedByte();
        for (int i = 0; i < count; i++) {
            long start = in.readLong();
            long end = in.readLong();
            Instant at = StateIO.readInstant(in);
            ProofKind kind = ProofKind.values()[in.readUnsignedByte()];
            claims.add(new Claim(start, end, at, kind, HexIO.read(in)));
        }
    }

    private static final class Unavailable {
        final String reference;
        final DaMethod method;
        Instant firstFailedAt;
        Instant lastFailedAt;
        long failedChecks;
        Long batchIndex;
        Instant postedAt;
        String txHash;
        String error;

        Unavailable(String reference, DaMethod method, Instant failedAt) {
            this.reference = reference;
            this.method = method;
            this.firstFailedAt = failedAt;
            this.lastFailedAt = failedAt;
        }

        /** How long the checks have shown the data missing. */
        Duration proven() {
            return Duration.between(firstFailedAt, lastFailedAt);
        }
    }

    private static final class Claim {
        long start;
        long end;
        final Instant at;
        final ProofKind kind;
        final String txHash;

        Claim(long start, long end, Instant at, ProofKind kind, String txHash) {
            this.start = start;
            this.end = end;
            this.at = at;
            this.kind = kind;
            this.txHash = txHash;
        }
    }
}
