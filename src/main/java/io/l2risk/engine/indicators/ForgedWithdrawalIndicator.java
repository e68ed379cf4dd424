package io.l2risk.engine.indicators;

import static io.l2risk.engine.indicators.DaSupport.put;
import static io.l2risk.engine.indicators.DaSupport.shortHex;

import io.l2risk.avro.BridgeEvent;
import io.l2risk.avro.BridgeEventKind;
import io.l2risk.avro.Level;
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
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;

/**
 * FORGED_WITHDRAWAL — a withdrawal proven or finalized on L1 that was never initiated on L2: the
 * signature of Nomad (incidents.md B1: 387 releases with no matching deposit) and Ronin (B2), and what
 * monitorism {@code withdrawals} / chain-mon {@code wd-mon} check against the L2 message passer
 * (anchors.md row 23).
 *
 * <p>Rule: WITHDRAWAL_PROVEN or WITHDRAWAL_FINALIZED with a {@code messageId} not among the
 * WITHDRAWAL_INITIATED ids remembered from the last {@code memory} is CRITICAL, subject = messageId,
 * for {@code acknowledgeAfter}; it resolves at once if the initiation turns up late (out of order).
 * Judged only once the rollup has shown it ingests initiations (one WITHDRAWAL_INITIATED with a
 * messageId seen) and only for L1 steps at least {@code warmup} after that first initiation, so
 * withdrawals initiated before monitoring began do not page. At most {@value #MAX_SUBJECTS}
 * withdrawals are listed individually; beyond that (a Nomad-style crowd) one rollup-wide alert,
 * subject {@value #MORE_SUBJECT}, counts the rest with their total ETH and latest tx, so an exploit
 * pages 17 times, not hundreds.
 *
 * <p>Memory ({@link FingerprintWindow}): 32-bit fingerprints of initiated ids in 16 time buckets
 * covering {@code memory}, at most {@code capacity}. False negatives: a forged id colliding with a
 * remembered fingerprint (≈ capacity / 2³² ≈ 5·10⁻⁷ per withdrawal). False positives: a withdrawal
 * initiated more than {@code memory} before its first L1 step (a user proving or finalizing weeks
 * late), or forgotten because more than {@code capacity} initiations arrived within {@code memory};
 * the evidence says from when the memory is complete ({@code memoryCompleteFrom}).
 *
 * <p>Parameters ({@code thresholds.FORGED_WITHDRAWAL.*}): {@code memory} (default 14d: OP's 7-day
 * proof maturity plus a week for late finalizers — the window monitorism's {@code withdrawals}
 * monitor starts from, 336 h, anchors.md; zk rollups finalize within hours), {@code capacity}
 * (default 2048 initiations, 8 KiB of state; at most 8192), {@code warmup} (default: the profile's
 * challenge period plus 1d, 1d when unknown), {@code acknowledgeAfter} (default 24h).
 */
public final class ForgedWithdrawalIndicator extends Indicator {

    static final int MAX_SUBJECTS = 16;
    static final String MORE_SUBJECT = "unmatched-withdrawals";

    private final Duration acknowledgeAfter;
    private final Duration warmup;
    private final FingerprintWindow initiated;
    private Instant firstInitiation;
    private final TreeMap<String, Unmatched> unmatched = new TreeMap<>();
    private More more;

    public ForgedWithdrawalIndicator(RollupProfile profile) {
        super(IndicatorKind.FORGED_WITHDRAWAL);
        Params params = profile.params(IndicatorKind.FORGED_WITHDRAWAL);
        Duration memory = params.duration("memory", Duration.ofDays(14));
        int capacity = (int) Math.min(8192, Math.max(1, params.integer("capacity", 2048)));
        Duration defaultWarmup = (profile.challengePeriod() == null ? Duration.ZERO : profile.challengePeriod())
                .plus(Duration.ofDays(1));
        this.warmup = params.duration("warmup", defaultWarmup);
        this.acknowledgeAfter = params.duration("acknowledgeAfter", Duration.ofHours(24));
        this.initiated = new FingerprintWindow(memory, capacity);
    }

    @Override
    public boolean onEvent(SpecificRecord event, RollupContext ctx) {
        Instant now = ctx.now();
        boolean changed = false;
        if (event instanceof BridgeEvent bridge && bridge.getMessageId() != null && !bridge.getMessageId().isBlank()) {
            changed = true;
            Instant at = bridge.getSource().getBlockTime();
            String id = bridge.getMessageId();
            if (bridge.getKind() == BridgeEventKind.WITHDRAWAL_INITIATED) {
                initiated.add(id, at, now);
                if (firstInitiation == null || at.isBefore(firstInitiation)) {
                    firstInitiation = at;
                }
                Unmatched u = unmatched.get(id.toLowerCase());
                if (u != null && u.matchedAt == null) {
                    u.matchedAt = at;
                }
            } else if ((bridge.getKind() == BridgeEventKind.WITHDRAWAL_PROVEN
                    || bridge.getKind() == BridgeEventKind.WITHDRAWAL_FINALIZED) && judged(at)
                    && now.isBefore(at.plus(acknowledgeAfter)) && !initiated.contains(id)) {
                onUnmatched(bridge, id, at);
            }
        }
        initiated.expire(now);
        changed |= unmatched.values().removeIf(u -> !now.isBefore(u.at.plus(acknowledgeAfter).plus(acknowledgeAfter))
                || u.matchedAt != null && !now.isBefore(u.matchedAt.plus(acknowledgeAfter)));
        if (more != null && !now.isBefore(more.lastAt.plus(acknowledgeAfter).plus(acknowledgeAfter))) {
            more = null;
            changed = true;
        }
        return changed;
    }

    private boolean judged(Instant at) {
        return firstInitiation != null && !at.isBefore(firstInitiation.plus(warmup));
    }

    private void onUnmatched(BridgeEvent event, String id, Instant at) {
        String key = id.toLowerCase();
        Unmatched existing = unmatched.get(key);
        if (existing != null && existing.matchedAt == null && at.isBefore(existing.at.plus(acknowledgeAfter))) {
            // Proven, then finalized: the same withdrawal, now with funds out.
            existing.finalized |= event.getKind() == BridgeEventKind.WITHDRAWAL_FINALIZED;
            existing.txHash = event.getSource().getTxHash();
            return;
        }
        if (existing == null && unmatched.size() >= MAX_SUBJECTS) {
            if (more == null || !at.isBefore(more.lastAt.plus(acknowledgeAfter))) {
                more = new More(at);
            }
            more.count++;
            if (event.getToken() == null && event.getAmount() != null) {
                more.ethWei = more.ethWei.add(new BigInteger(event.getAmount()));
            } else if (event.getToken() != null) {
                more.tokenTransfers++;
            }
            if (!at.isBefore(more.lastAt)) {
                more.lastAt = at;
                more.lastTx = event.getSource().getTxHash();
            }
            return;
        }
        Unmatched u = new Unmatched(key, at);
        u.finalized = event.getKind() == BridgeEventKind.WITHDRAWAL_FINALIZED;
        u.txHash = event.getSource().getTxHash();
        u.l1Block = event.getSource().getBlockNumber();
        u.token = event.getToken();
        u.amount = event.getAmount();
        unmatched.put(key, u);
    }

    /**
     * A withdrawal is OK only once matched or older than {@code acknowledgeAfter}, and stays so: only
     * records change that.
     */
    @Override
    public long quietUntil(RollupContext ctx) {
        return Long.MAX_VALUE;
    }

    @Override
    public void evaluate(RollupContext ctx, List<Evaluation> out) {
        Instant now = ctx.now();
        String complete = initiated.forgottenBefore() != null ? initiated.forgottenBefore().toString()
                : firstInitiation == null ? null : firstInitiation.toString();
        for (Unmatched u : unmatched.values()) {
            Map<String, String> evidence = new TreeMap<>();
            evidence.put("messageId", u.id);
            put(evidence, "txHash", u.txHash);
            put(evidence, "l1Block", u.l1Block);
            put(evidence, "token", u.token);
            put(evidence, "amount", u.amount);
            evidence.put("step", u.finalized ? "finalized" : "proven");
            evidence.put("initiationsRemembered", Integer.toString(initiated.size()));
            put(evidence, "memoryCompleteFrom", complete);
            String what = "Withdrawal " + shortHex(u.id) + " (" + amount(u.token, u.amount) + ") was "
                    + (u.finalized ? "finalized" : "proven") + " on L1 " + Text.duration(Duration.between(u.at, now))
                    + " ago";
            Level level;
            String summary;
            if (u.matchedAt != null) {
                level = Level.OK;
                summary = what + "; its initiation on L2 has now been seen.";
            } else {
                boolean active = now.isBefore(u.at.plus(acknowledgeAfter));
                level = active ? Level.CRITICAL : Level.OK;
                summary = what + " with no matching initiation on L2"
                        + (u.txHash == null ? "" : " (tx " + u.txHash + ")")
                        + (active ? ": it may be forged." : "; older than " + Text.duration(acknowledgeAfter)
                        + ", no longer alerting.");
            }
            out.add(Evaluation.of(kind(), u.id, level, u.matchedAt == null ? 1 : 0, 1, summary, evidence, ctx.l1Block()));
        }
        if (more != null) {
            boolean active = now.isBefore(more.lastAt.plus(acknowledgeAfter));
            Map<String, String> evidence = new TreeMap<>();
            evidence.put("count", Long.toString(more.count));
            evidence.put("ethWei", more.ethWei.toString());
            evidence.put("tokenTransfers", Long.toString(more.tokenTransfers));
            evidence.put("firstAt", more.firstAt.toString());
            evidence.put("lastAt", more.lastAt.toString());
            put(evidence, "lastTxHash", more.lastTx);
            String summary = more.count + " more withdrawal" + (more.count == 1 ? " was" : "s were")
                    + " proven or finalized on L1 without a matching initiation within "
                    + Text.duration(Duration.between(more.firstAt, more.lastAt)) + ", beyond the " + MAX_SUBJECTS
                    + " listed individually: " + Text.eth(more.ethWei) + " and " + more.tokenTransfers
                    + " token withdrawal" + (more.tokenTransfers == 1 ? "" : "s")
                    + (more.lastTx == null ? "" : "; latest tx " + more.lastTx)
                    + (active ? "." : "; older than " + Text.duration(acknowledgeAfter) + ", no longer alerting.");
            out.add(Evaluation.of(kind(), MORE_SUBJECT, active ? Level.CRITICAL : Level.OK, more.count, 1, summary,
                    evidence, ctx.l1Block()));
        }
    }

    private static String amount(String token, String amount) {
        if (amount == null) {
            return "amount unknown";
        }
        return token == null ? Text.eth(new BigInteger(amount)) : amount + " of token " + token;
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        initiated.write(out);
        StateIO.writeInstant(out, firstInitiation);
        out.writeByte(unmatched.size());
        for (Unmatched u : unmatched.values()) {
            HexIO.write(out, u.id);
            StateIO.writeInstant(out, u.at);
            out.writeBoolean(u.finalized);
            HexIO.write(out, u.txHash);
            StateIO.writeNullableLong(out, u.l1Block);
            HexIO.write(out, u.token);
            StateIO.writeNullableString(out, u.amount);
            StateIO.writeInstant(out, u.matchedAt);
        }
        out.writeBoolean(more != null);
        if (more != null) {
            StateIO.writeInstant(out, more.firstAt);
            StateIO.writeInstant(out, more.lastAt);
            out.writeLong(more.count);
            StateIO.writeBigInteger(out, more.ethWei);
            out.writeLong(more.tokenTransfers);
            HexIO.write(out, more.lastTx);
        }
    }

    @Override
    public void readState(DataInput in) throws IOException {
        initiated.read(in);
        firstInitiation = StateIO.readInstant(in);
        unmatched.clear();
        int count = in.readUnsignedByte();
        for (int i = 0; i < count; i++) {
            Unmatched u = new Unmatched(HexIO.read(in), StateIO.readInstant(in));
            u.finalized = in.readBoolean();
            u.txHash = HexIO.read(in);
            u.l1Block = StateIO.readNullableLong(in);
            u.token = HexIO.read(in);
            u.amount = StateIO.readNullableString(in);
            u.matchedAt = StateIO.readInstant(in);
            unmatched.put(u.id, u);
        }
        more = null;
        if (in.readBoolean()) {
            more = new More(StateIO.readInstant(in));
            more.lastAt = StateIO.readInstant(in);
            more.count = in.readLong();
            more.ethWei = StateIO.readBigInteger(in);
            more.tokenTransfers = in.readLong();
            more.lastTx = HexIO.read(in);
        }
    }

    private static final class Unmatched {
        final String id;
        final Instant at;
        boolean finalized;
        String txHash;
        Long l1Block;
        String token;
        String amount;
        Instant matchedAt;

        Unmatched(String id, Instant at) {
            this.id = id;
            this.at = at;
        }
    }

    private static final class More {
        final Instant firstAt;
        Instant lastAt;
        long count;
        BigInteger ethWei = BigInteger.ZERO;
        long tokenTransfers;
        String lastTx;

        More(Instant firstAt) {
            this.firstAt = firstAt;
            this.lastAt = firstAt;
        }
    }
}
