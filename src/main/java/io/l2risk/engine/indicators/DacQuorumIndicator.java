package io.l2risk.engine.indicators;

import static io.l2risk.engine.indicators.DaSupport.batch;
import static io.l2risk.engine.indicators.DaSupport.capitalize;
import static io.l2risk.engine.indicators.DaSupport.put;

import io.l2risk.avro.BatchPosted;
import io.l2risk.avro.DaMode;
import io.l2risk.avro.Level;
import io.l2risk.engine.Evaluation;
import io.l2risk.engine.Indicator;
import io.l2risk.engine.IndicatorKind;
import io.l2risk.engine.Params;
import io.l2risk.engine.RollupContext;
import io.l2risk.engine.RollupProfile;
import io.l2risk.engine.StateIO;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;

/**
 * DAC_QUORUM — how many committee members signed the latest DAC certificate, against the number the
 * keyset requires. An AnyTrust keyset of N members assuming H honest needs K = N + 1 − H signatures
 * (docs.arbitrum.io, "DAC/DAS Operations Guide": e.g. N=8, H=2 → K=7, tolerating one unavailable
 * member). A certificate below K is not valid for honest nodes; one at exactly K means the next
 * member to fail stops certificates (and makes the poster fall back to calldata, DA_FALLBACK).
 *
 * <p>Rule, on the latest certificate (by L1 time) whose signer count is known: CRITICAL when
 * signers &lt; threshold; WARNING when signers − threshold ≤ {@code warnSlack} and some member did
 * not sign (a keyset where every member must sign is not warned about on every batch); else OK.
 * Threshold and size come from the certificate ({@code dacThreshold}, {@code dacMembers}) or, when it
 * does not carry them, from the profile ({@link RollupProfile#dacThreshold()},
 * {@link RollupProfile#dacMembers()}). Resolves after {@code clearAfter} of healthy certificates.
 *
 * <p>Parameters ({@code thresholds.DAC_QUORUM.*}): {@code warnSlack} (default 0 signatures),
 * {@code clearAfter} (default 1h).
 */
public final class DacQuorumIndicator extends Indicator {

    private final Integer profileThreshold;
    private final Integer profileMembers;
    private final long warnSlack;
    private final Duration clearAfter;

    private Instant at;
    private int signers;
    private Integer threshold;
    private Integer members;
    private Long batchIndex;
    private String txHash;
    private String keysetHash;

    public DacQuorumIndicator(RollupProfile profile) {
        super(IndicatorKind.DAC_QUORUM);
        Params params = profile.params(IndicatorKind.DAC_QUORUM);
        this.profileThreshold = profile.dacThreshold();
        this.profileMembers = profile.dacMembers();
        this.warnSlack = params.integer("warnSlack", 0);
        this.clearAfter = params.duration("clearAfter", Duration.ofHours(1));
    }

    @Override
    public int consumes() {
        return BATCHES;
    }

    @Override
    public boolean onEvent(SpecificRecord event, RollupContext ctx) {
        if (!(event instanceof BatchPosted batch) || batch.getDaMode() != DaMode.DAC_CERTIFICATE
                || batch.getDacSigners() == null) {
            return false;
        }
        Integer required = batch.getDacThreshold() != null ? batch.getDacThreshold() : profileThreshold;
        Instant time = batch.getSource().getBlockTime();
        if (required == null || at != null && time.isBefore(at)) {
            return false;
        }
        at = time;
        signers = batch.getDacSigners();
        threshold = required;
        members = batch.getDacMembers() != null ? batch.getDacMembers() : profileMembers;
        batchIndex = batch.getBatchIndex();
        txHash = batch.getSource().getTxHash();
        keysetHash = batch.getKeysetHash();
        return true;
    }

    /** The certificate's numbers do not age: only the next certificate changes the evaluation. */
    @Override
    public long quietUntil(RollupContext ctx) {
        return Long.MAX_VALUE;
    }

    @Override
    public void evaluate(RollupContext ctx, List<Evaluation> out) {
        if (at == null) {
            return;
        }
        long slack = (long) signers - threshold;
        boolean someoneMissing = members == null || signers < members;
        Level level = slack < 0 ? Level.CRITICAL
                : slack <= warnSlack && someoneMissing ? Level.WARNING : Level.OK;
        Map<String, String> evidence = new TreeMap<>();
        evidence.put("signers", Integer.toString(signers));
        evidence.put("threshold", Integer.toString(threshold));
        put(evidence, "members", members);
        put(evidence, "batchIndex", batchIndex);
        put(evidence, "txHash", txHash);
        put(evidence, "keysetHash", keysetHash);
        evidence.put("certificateAt", at.toString());
        String signed = signers + (members == null ? "" : " of " + members) + " DAC members signed the certificate of "
                + batch(batchIndex) + "; the keyset requires " + threshold;
        String summary = switch (level) {
            case CRITICAL -> capitalize(signed) + ": below quorum by " + (-slack)
                    + ", so honest nodes cannot accept the certificate.";
            case WARNING -> capitalize(signed) + (slack == 0 ? ": no slack, one more unavailable member"
                    : ": only " + slack + " to spare, " + (slack + 1) + " more unavailable members")
                    + " stop" + (slack == 0 ? "s" : "") + " certificates.";
            default -> capitalize(signed) + " (" + slack + " to spare).";
        };
        out.add(Evaluation.of(kind(), null, level, signers, level == Level.WARNING ? threshold + warnSlack : threshold,
                summary, evidence, ctx.l1Block()));
    }

    @Override
    public Duration clearAfter() {
        return clearAfter;
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        StateIO.writeInstant(out, at);
        out.writeInt(signers);
        StateIO.writeNullableLong(out, threshold == null ? null : threshold.longValue());
        StateIO.writeNullableLong(out, members == null ? null : members.longValue());
        StateIO.writeNullableLong(out, batchIndex);
        HexIO.write(out, txHash);
        HexIO.write(out, keysetHash);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        at = StateIO.readInstant(in);
        signers = in.readInt();
        Long t = StateIO.readNullableLong(in);
        threshold = t == null ? null : t.intValue();
        Long m = StateIO.readNullableLong(in);
        members = m == null ? null : m.intValue();
        batchIndex = StateIO.readNullableLong(in);
        txHash = HexIO.read(in);
        keysetHash = HexIO.read(in);
    }
}
