package io.l2risk.engine.indicators;

import static io.l2risk.engine.indicators.DaSupport.put;

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
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;

/**
 * BRIDGE_PAUSED — a bridge contract paused or in emergency mode, for as long as it lasts (anchors.md
 * feature row 29: monitorism reads OptimismPortal {@code paused}; gap G6: Polygon
 * {@code EmergencyStateActivated}, Linea typed {@code Paused} as first-class alerts).
 *
 * <p>Per subject (the event's {@code subject}, else {@code source.contract}, else {@code bridge}):
 * PAUSED is WARNING, EMERGENCY_MODE is CRITICAL, and a pause still in force after
 * {@code criticalAfter} escalates to CRITICAL. UNPAUSED for the same subject (or EMERGENCY_MODE with
 * detail {@code active=false}) ends it: OK, so the alert resolves at once. Value: seconds paused.
 * Ended pauses are reported OK for {@code criticalAfter} and then dropped. At most
 * {@value #MAX_SUBJECTS} subjects are tracked (ended ones are dropped first, then the oldest pause).
 *
 * <p>Not absence-based: a pause is an event, and its duration is measured on the L1 time the ingester
 * has scanned through, so a lagging monitor delays the escalation rather than faking one.
 *
 * <p>Parameters ({@code thresholds.BRIDGE_PAUSED.*}): {@code criticalAfter} (default 6h: deliberate
 * incident-response pauses last about an hour — Linea's Velocore halt, incidents.md #19, ≈1 h — while
 * Polygon zkEVM's emergency state, #21, kept users from exiting for ≈10 h; 6 h separates a managed
 * response from an outage of most of a working day, and is well inside the 7-day exit windows users
 * plan with).
 */
public final class BridgePausedIndicator extends Indicator {

    static final int MAX_SUBJECTS = 16;

    private final Duration criticalAfter;
    private final TreeMap<String, Pause> pauses = new TreeMap<>();

    public BridgePausedIndicator(RollupProfile profile) {
        super(IndicatorKind.BRIDGE_PAUSED);
        Params params = profile.params(IndicatorKind.BRIDGE_PAUSED);
        this.criticalAfter = params.duration("criticalAfter", Duration.ofHours(6));
    }

    @Override
    public boolean onEvent(SpecificRecord event, RollupContext ctx) {
        boolean changed = false;
        if (event instanceof BridgeEvent bridge) {
            BridgeEventKind kind = bridge.getKind();
            boolean ending = kind == BridgeEventKind.UNPAUSED
                    || kind == BridgeEventKind.EMERGENCY_MODE && "false".equalsIgnoreCase(detail(bridge, "active"));
            if (ending) {
                end(bridge);
                changed = true;
            } else if (kind == BridgeEventKind.PAUSED || kind == BridgeEventKind.EMERGENCY_MODE) {
                start(bridge, kind == BridgeEventKind.EMERGENCY_MODE);
                changed = true;
            }
        }
        Instant now = ctx.now();
        return pauses.values().removeIf(p -> p.endedAt != null && !now.isBefore(p.endedAt.plus(criticalAfter)))
                || changed;
    }

    private static String detail(BridgeEvent event, String key) {
        return event.getDetails() == null ? null : event.getDetails().get(key);
    }

    static String subject(BridgeEvent event, String fallback) {
        if (event.getSubject() != null && !event.getSubject().isBlank()) {
            return event.getSubject();
        }
        return event.getSource().getContract() != null ? event.getSource().getContract() : fallback;
    }

    private void start(BridgeEvent event, boolean emergency) {
        String subject = subject(event, "bridge");
        Instant at = event.getSource().getBlockTime();
        Pause pause = pauses.get(subject);
        if (pause != null && pause.endedAt != null && at.isBefore(pause.endedAt)) {
            return; // An older pause arriving late: the later unpause already ended it.
        }
        if (pause == null || pause.endedAt != null) {
            evictFor(subject);
            pause = new Pause(subject, at);
            pause.txHash = event.getSource().getTxHash();
            pause.l1Block = event.getSource().getBlockNumber();
            pauses.put(subject, pause);
        } else if (at.isBefore(pause.since)) {
            pause.since = at;
        }
        if (emergency && !pause.emergency) {
            pause.emergency = true;
            pause.emergencyTx = event.getSource().getTxHash();
        }
    }

    private void end(BridgeEvent event) {
        Pause pause = pauses.get(subject(event, "bridge"));
        Instant at = event.getSource().getBlockTime();
        if (pause == null || pause.endedAt != null || at.isBefore(pause.since)) {
            return;
        }
        pause.endedAt = at;
        pause.endTx = event.getSource().getTxHash();
    }

    private void evictFor(String subject) {
        if (pauses.containsKey(subject) || pauses.size() < MAX_SUBJECTS) {
            return;
        }
        String evict = pauses.values().stream()
                .min(Comparator.comparing((Pause p) -> p.endedAt == null).thenComparing(p -> p.since))
                .map(p -> p.subject).orElseThrow();
        pauses.remove(evict);
    }

    /** A pause is OK only once it has ended, and stays so: only records change that. */
    @Override
    public long quietUntil(RollupContext ctx) {
        return Long.MAX_VALUE;
    }

    @Override
    public void evaluate(RollupContext ctx, List<Evaluation> out) {
        Instant now = ctx.now();
        for (Pause p : pauses.values()) {
            Map<String, String> evidence = new TreeMap<>();
            evidence.put("pausedAt", p.since.toString());
            put(evidence, "pauseTx", p.txHash);
            put(evidence, "l1Block", p.l1Block);
            put(evidence, "emergencyTx", p.emergencyTx);
            String what = p.emergency ? "in emergency mode" : "paused";
            if (p.endedAt != null) {
                evidence.put("unpausedAt", p.endedAt.toString());
                put(evidence, "unpauseTx", p.endTx);
                Duration lasted = Duration.between(p.since, p.endedAt);
                out.add(Evaluation.of(kind(), p.subject, Level.OK, 0, criticalAfter.toSeconds(),
                        "Bridge " + p.subject + " is no longer " + what + ": it ended "
                                + Text.duration(Duration.between(p.endedAt, now)) + " ago after "
                                + Text.duration(lasted) + ".", evidence, ctx.l1Block()));
                continue;
            }
            Duration paused = Duration.between(p.since, now);
            boolean overdue = paused.compareTo(criticalAfter) > 0;
            Level level = p.emergency || overdue ? Level.CRITICAL : Level.WARNING;
            String summary = "Bridge " + p.subject + " has been " + what + " for " + Text.duration(paused)
                    + (p.emergency ? "" : " (critical after " + Text.duration(criticalAfter) + ")")
                    + (p.txHash == null ? "" : "; tx " + p.txHash) + ": deposits and withdrawals may be blocked.";
            out.add(Evaluation.of(kind(), p.subject, level, Math.max(0, paused.toSeconds()),
                    p.emergency ? 0 : criticalAfter.toSeconds(), summary, evidence, ctx.l1Block()));
        }
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeByte(pauses.size());
        for (Pause p : pauses.values()) {
            HexIO.write(out, p.subject);
            StateIO.writeInstant(out, p.since);
            HexIO.write(out, p.txHash);
            StateIO.writeNullableLong(out, p.l1Block);
            out.writeBoolean(p.emergency);
            HexIO.write(out, p.emergencyTx);
            StateIO.writeInstant(out, p.endedAt);
            HexIO.write(out, p.endTx);
        }
    }

    @Override
    public void readState(DataInput in) throws IOException {
        pauses.clear();
        int count = in.readUnsignedByte();
        for (int i = 0; i < count; i++) {
            Pause p = new Pause(HexIO.read(in), StateIO.readInstant(in));
            p.txHash = HexIO.read(in);
            p.l1Block = StateIO.readNullableLong(in);
            p.emergency = in.readBoolean();
            p.emergencyTx = HexIO.read(in);
            p.endedAt = StateIO.readInstant(in);
            p.endTx = HexIO.read(in);
            pauses.put(p.subject, p);
        }
    }

    private static final class Pause {
        final String subject;
        Instant since;
        String txHash;
        Long l1Block;
        boolean emergency;
        String emergencyTx;
        Instant endedAt;
        String endTx;

        Pause(String subject, Instant since) {
            this.subject = subject;
            this.since = since;
        }
    }
}
