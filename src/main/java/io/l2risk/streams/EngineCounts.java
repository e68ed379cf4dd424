package io.l2risk.streams;

import io.l2risk.avro.AlertStatus;
import io.l2risk.avro.RiskAlert;
import io.l2risk.avro.Severity;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the {@code risk-engine} processor did, for the metrics: valid ingest records processed per
 * record type, and alert transitions emitted per indicator, severity and status. One instance per
 * application, shared by every stream thread; thread-safe.
 *
 * <p>Counted when the processor handles a record, so a task that is retried after a crash counts its
 * uncommitted records again (the topics stay exactly-once; these counters are at-least-once).
 * Bounded: five record types, and indicators × 3 severities × 3 statuses.
 */
public final class EngineCounts {

    /** The key of an alert count. */
    public record AlertKey(String indicator, Severity severity, AlertStatus status) implements Comparable<AlertKey> {

        private static final Comparator<AlertKey> ORDER = Comparator.comparing(AlertKey::indicator)
                .thenComparing(AlertKey::severity).thenComparing(AlertKey::status);

        public AlertKey {
            Objects.requireNonNull(indicator, "indicator");
            Objects.requireNonNull(severity, "severity");
            Objects.requireNonNull(status, "status");
        }

        @Override
        public int compareTo(AlertKey other) {
            return ORDER.compare(this, other);
        }
    }

    private final ConcurrentMap<String, LongAdder> events = new ConcurrentHashMap<>();
    private final ConcurrentMap<AlertKey, LongAdder> alerts = new ConcurrentHashMap<>();

    /** Counts one valid ingest record of {@code type} (the Avro record name, e.g. {@code BatchPosted}). */
    public void event(String type) {
        events.computeIfAbsent(Objects.requireNonNull(type, "type"), k -> new LongAdder()).increment();
    }

    /** Counts one alert transition emitted. */
    public void alert(RiskAlert alert) {
        alerts.computeIfAbsent(new AlertKey(alert.getIndicator(), alert.getSeverity(), alert.getStatus()),
                k -> new LongAdder()).increment();
    }

    /** Valid records processed so far, per type, sorted. */
    public Map<String, Long> events() {
        Map<String, Long> snapshot = new TreeMap<>();
        events.forEach((type, count) -> snapshot.put(type, count.sum()));
        return snapshot;
    }

    /** Alert transitions emitted so far, sorted by indicator, severity, status. */
    public Map<AlertKey, Long> alerts() {
        Map<AlertKey, Long> snapshot = new TreeMap<>();
        alerts.forEach((key, count) -> snapshot.put(key, count.sum()));
        return snapshot;
    }

    @Override
    public String toString() {
        return "EngineCounts{events=" + events() + ", alerts=" + alerts() + "}";
    }
}
