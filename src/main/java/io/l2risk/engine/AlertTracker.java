package io.l2risk.engine;

import io.l2risk.avro.AlertStatus;
import io.l2risk.avro.Level;
import io.l2risk.avro.OpenAlert;
import io.l2risk.avro.RiskAlert;
import io.l2risk.avro.Severity;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The alert lifecycle of one rollup (design.md §4): at most one open alert per (indicator, subject);
 * FIRING once when a condition leaves OK, ESCALATED when its severity rises, RESOLVED when it has
 * been OK for the indicator's {@code clearAfter} (hysteresis); nothing is emitted while the level is
 * unchanged, and a severity that falls back (CRITICAL → WARNING) is not re-announced. The alert id is
 * stable for one incident and deterministic: {@code rollupId:INDICATOR[:subject]:openedAtMillis}.
 */
public final class AlertTracker {

    /** Open alerts beyond this many per rollup are not opened (and counted): state stays bounded. */
    public static final int MAX_OPEN = 256;

    /** Open alerts in the order they are shown: oldest first, ties by id. */
    private static final Comparator<Open> OLDEST_FIRST = Comparator.comparing((Open a) -> a.openedAt)
            .thenComparing(a -> a.id);

    private final String rollupId;
    private final TreeMap<String, Open> open = new TreeMap<>();
    private long refused;
    /** Counts changes of the open alerts and their current severities (not persisted). */
    private long changes;

    public AlertTracker(String rollupId) {
        this.rollupId = Objects.requireNonNull(rollupId, "rollupId");
    }

    /**
     * Applies one evaluation at L1 time {@code now}, while the record of L1 block {@code block} is
     * processed, and adds the alert transition it causes, if any, to {@code out}; the transition names
     * the evaluation's own block, or {@code block} when it has none.
     */
    public void apply(Evaluation eval, Duration clearAfter, Instant now, Long block, List<RiskAlert> out) {
        if (eval.level() == Level.OK && open.isEmpty()) {
            return; // by far the most common case: nothing to resolve, nothing to open
        }
        String key = key(eval.kind(), eval.subject());
        Open alert = open.get(key);
        if (eval.level() == Level.OK) {
            if (alert == null) {
                return;
            }
            if (alert.okSince == null) {
                alert.okSince = now;
            }
            if (!now.isBefore(alert.okSince.plus(clearAfter))) {
                open.remove(key);
                changes++;
                out.add(alert.transition(rollupId, eval, AlertStatus.RESOLVED, alert.maxSeverity, now, block));
            }
            return;
        }
        Severity severity = eval.level() == Level.CRITICAL ? Severity.CRITICAL : Severity.WARNING;
        if (alert == null) {
            if (open.size() >= MAX_OPEN) {
                refused++;
                return;
            }
            alert = new Open(eval.kind(), eval.subject(), alertId(eval, now), now, severity);
            open.put(key, alert);
            changes++;
            alert.lastSummary = eval.summary();
            out.add(alert.transition(rollupId, eval, AlertStatus.FIRING, severity, now, block));
            return;
        }
        alert.okSince = null;
        alert.lastSummary = eval.summary();
        if (alert.current != severity) {
            alert.current = severity;
            changes++;
        }
        if (severity.ordinal() > alert.maxSeverity.ordinal()) {
            alert.maxSeverity = severity;
            out.add(alert.transition(rollupId, eval, AlertStatus.ESCALATED, severity, now, block));
        }
    }

    /**
     * Resolves open alerts of {@code kind} whose subject was not in the indicator's latest complete
     * evaluation (the subject is no longer tracked, so its condition is gone).
     */
    public void resolveMissing(IndicatorKind kind, List<Evaluation> latest, Duration clearAfter, Instant now,
                               Long l1Block, List<RiskAlert> out) {
        if (open.isEmpty()) {
            return;
        }
        List<Open> missing = new ArrayList<>();
        for (Open alert : open.values()) {
            if (alert.kind == kind && latest.stream().noneMatch(e -> Objects.equals(e.subject(), alert.subject))) {
                missing.add(alert);
            }
        }
        for (Open alert : missing) {
            apply(Evaluation.of(kind, alert.subject, Level.OK, 0, 0,
                    "No longer observed: " + alert.lastSummary, Map.of(), l1Block), clearAfter, now, l1Block, out);
        }
    }

    /** Whether an alert of {@code kind} is open. */
    boolean hasOpen(IndicatorKind kind) {
        if (open.isEmpty()) {
            return false;
        }
        for (Open alert : open.values()) {
            if (alert.kind == kind) {
                return true;
            }
        }
        return false;
    }

    /**
     * A number that changes whenever an alert opens or closes or its current severity changes: while
     * it stays the same, so does {@link #appendSignature}'s part of the status's change key.
     */
    long changes() {
        return changes;
    }

    /** The open alerts, for the rollup status: oldest first. */
    public List<OpenAlert> openAlerts() {
        return open.values().stream()
                .sorted(OLDEST_FIRST)
                .map(a -> OpenAlert.newBuilder()
                        .setAlertId(a.id)
                        .setIndicator(a.kind.name())
                        .setSubject(a.subject)
                        .setSeverity(a.current)
                        .setSince(a.openedAt)
                        .setSummary(a.lastSummary)
                        .build())
                .toList();
    }

    /**
     * Appends {@code |alertId severity} of each open alert, oldest first (as {@link #openAlerts}): the
     * alerts' part of the rollup status's change key.
     */
    public void appendSignature(StringBuilder signature) {
        if (open.isEmpty()) {
            return;
        }
        open.values().stream()
                .sorted(OLDEST_FIRST)
                .forEach(a -> signature.append('|').append(a.id).append(a.current.ordinal()));
    }

    /** The open alerts with everything the tracker knows of them, oldest first. Side-effect free. */
    public List<OpenAlertState> openAlertStates() {
        return open.values().stream()
                .sorted(OLDEST_FIRST)
                .map(a -> new OpenAlertState(a.id, a.kind, a.subject, a.current, a.maxSeverity, a.openedAt, a.okSince,
                        a.lastSummary))
                .toList();
    }

    public int openCount() {
        return open.size();
    }

    /** Alerts not opened because {@link #MAX_OPEN} were already open. */
    public long refused() {
        return refused;
    }

    public void writeState(DataOutput out) throws IOException {
        out.writeLong(refused);
        out.writeInt(open.size());
        for (Open alert : open.values()) {
            out.writeUTF(alert.kind.name());
            StateIO.writeNullableString(out, alert.subject);
            out.writeUTF(alert.id);
            StateIO.writeInstant(out, alert.openedAt);
            out.writeByte(alert.maxSeverity.ordinal());
            out.writeByte(alert.current.ordinal());
            StateIO.writeInstant(out, alert.okSince);
            out.writeUTF(alert.lastSummary);
        }
    }

    public void readState(DataInput in) throws IOException {
        open.clear();
        changes++;
        refused = in.readLong();
        int count = in.readInt();
        for (int i = 0; i < count; i++) {
            IndicatorKind kind = IndicatorKind.valueOf(in.readUTF());
            String subject = StateIO.readNullableString(in);
            Open alert = new Open(kind, subject, in.readUTF(), StateIO.readInstant(in),
                    Severity.values()[in.readByte()]);
            alert.current = Severity.values()[in.readByte()];
            alert.okSince = StateIO.readInstant(in);
            alert.lastSummary = in.readUTF();
            open.put(key(kind, subject), alert);
        }
    }

    private String alertId(Evaluation eval, Instant openedAt) {
        return rollupId + ":" + eval.kind().name() + (eval.subject() == null ? "" : ":" + eval.subject())
                + ":" + openedAt.toEpochMilli();
    }

    private static String key(IndicatorKind kind, String subject) {
        return kind.name() + "\u0000" + (subject == null ? "" : subject);
    }

    private static final class Open {
        final IndicatorKind kind;
        final String subject;
        final String id;
        final Instant openedAt;
        Severity maxSeverity;
        Severity current;
        Instant okSince;
        String lastSummary = "";

        Open(IndicatorKind kind, String subject, String id, Instant openedAt, Severity severity) {
            this.kind = kind;
            this.subject = subject;
            this.id = id;
            this.openedAt = openedAt;
            this.maxSeverity = severity;
            this.current = severity;
        }

        RiskAlert transition(String rollupId, Evaluation eval, AlertStatus status, Severity severity, Instant now,
                             Long block) {
            return RiskAlert.newBuilder()
                    .setAlertId(id)
                    .setRollupId(rollupId)
                    .setIndicator(kind.name())
                    .setCategory(kind.category())
                    .setSeverity(severity)
                    .setStatus(status)
                    .setSubject(subject)
                    .setValue(eval.value())
                    .setThreshold(eval.threshold())
                    .setUnit(eval.unit())
                    .setSummary(eval.summary())
                    .setOpenedAt(openedAt)
                    .setEventTime(now)
                    .setL1BlockNumber(eval.l1Block() != null ? eval.l1Block() : block)
                    .setEvidence(eval.evidence())
                    .build();
        }
    }
}
