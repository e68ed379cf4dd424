package io.l2risk.http;

import io.l2risk.avro.AlertCategory;
import io.l2risk.avro.AlertStatus;
import io.l2risk.avro.IndicatorSnapshot;
import io.l2risk.avro.Level;
import io.l2risk.avro.RiskAlert;
import io.l2risk.avro.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The recent history behind the status page's timeline chart, per rollup: the alerts (one span per
 * alert id, from FIRING to RESOLVED) and the series of batch, state and proof gaps (the values of the
 * BATCH_LIVENESS, STATE_LIVENESS and PROOF_LIVENESS snapshots), fed by {@link TimelineConsumer} from
 * {@code risk.alerts} and {@code risk.indicators}.
 *
 * <p>Bounded: at most {@code maxRollups} rollups (records of further rollups are skipped and
 * counted), {@code maxAlerts} alerts per rollup (resolved ones are evicted first, oldest first),
 * {@code maxPoints} points per series, and nothing older than {@code window} of L1 time before the
 * rollup's newest record (open alerts are kept). Times are L1 times. Thread-safe.
 */
final class Timeline {

    /** The indicators whose values are the gaps the chart draws (all in seconds). */
    static final Set<String> GAP_INDICATORS = Set.of("BATCH_LIVENESS", "STATE_LIVENESS", "PROOF_LIVENESS");

    /** One alert from its first transition seen to its resolution. */
    record AlertSpan(String alertId, String indicator, AlertCategory category, String subject, Severity severity,
                     AlertStatus status, String openedAt, String resolvedAt, String summary) {
    }

    /** One gap measurement: at L1 time {@code at}, {@code seconds} since the last batch/state/proof. */
    record GapPoint(String at, Double seconds, Level level) {
    }

    /** One rollup's lane of the chart. */
    record Lane(String rollupId, String latest, List<AlertSpan> alerts, Map<String, List<GapPoint>> gaps) {
    }

    /** {@code GET /api/timeline}. */
    record View(String window, boolean caughtUp, String latest, List<Lane> rollups) {
    }

    private final Duration window;
    private final int maxRollups;
    private final int maxAlerts;
    private final int maxPoints;
    private final TreeMap<String, RollupLane> lanes = new TreeMap<>();
    private final LongAdder read = new LongAdder();
    private final LongAdder skipped = new LongAdder();
    private volatile boolean caughtUp;

    Timeline(Duration window, int maxRollups, int maxAlerts, int maxPoints) {
        this.window = Objects.requireNonNull(window, "window");
        this.maxRollups = maxRollups;
        this.maxAlerts = maxAlerts;
        this.maxPoints = maxPoints;
    }

    synchronized void add(RiskAlert alert) {
        RollupLane lane = lane(alert.getRollupId());
        if (lane == null) {
            return;
        }
        read.increment();
        Span span = lane.alerts.get(alert.getAlertId());
        if (span == null) {
            span = new Span(alert);
            lane.alerts.put(alert.getAlertId(), span);
        }
        span.update(alert);
        lane.advance(alert.getEventTime());
        lane.evictAlerts();
        lane.prune();
    }

    synchronized void add(IndicatorSnapshot snapshot) {
        if (!GAP_INDICATORS.contains(snapshot.getIndicator()) || !"seconds".equals(snapshot.getUnit())) {
            return;
        }
        RollupLane lane = lane(snapshot.getRollupId());
        if (lane == null) {
            return;
        }
        read.increment();
        ArrayDeque<Point> series = lane.gaps.computeIfAbsent(snapshot.getIndicator(), k -> new ArrayDeque<>());
        Point last = series.peekLast();
        // A compacted topic can hand back an older value after a newer one; the series only moves forward.
        if (last == null || !snapshot.getUpdatedAt().isBefore(last.at)) {
            series.addLast(new Point(snapshot.getUpdatedAt(), snapshot.getValue(), snapshot.getLevel()));
            while (series.size() > maxPoints) {
                series.removeFirst();
            }
        }
        lane.advance(snapshot.getUpdatedAt());
        lane.prune();
    }

    /** Counts a record that could not be read. */
    void skipped() {
        skipped.increment();
    }

    long recordsRead() {
        return read.sum();
    }

    long recordsSkipped() {
        return skipped.sum();
    }

    /** Whether the consumer has read up to the end offsets it found at start. */
    void caughtUp(boolean value) {
        caughtUp = value;
    }

    synchronized View view() {
        List<Lane> result = new ArrayList<>(lanes.size());
        Instant latest = null;
        for (RollupLane lane : lanes.values()) {
            List<AlertSpan> alerts = lane.alerts.values().stream().map(Span::view).toList();
            Map<String, List<GapPoint>> gaps = new TreeMap<>();
            lane.gaps.forEach((indicator, points) -> gaps.put(indicator, points.stream()
                    .map(p -> new GapPoint(p.at.toString(), Json.finite(p.seconds), p.level))
                    .toList()));
            result.add(new Lane(lane.rollupId, Json.time(lane.latest), alerts, gaps));
            if (lane.latest != null && (latest == null || lane.latest.isAfter(latest))) {
                latest = lane.latest;
            }
        }
        return new View(window.toString(), caughtUp, Json.time(latest), result);
    }

    private RollupLane lane(String rollupId) {
        RollupLane lane = lanes.get(rollupId);
        if (lane == null) {
            if (lanes.size() >= maxRollups) {
                skipped.increment();
                return null;
            }
            lane = new RollupLane(rollupId);
            lanes.put(rollupId, lane);
        }
        return lane;
    }

    private record Point(Instant at, double seconds, Level level) {
    }

    private static final class Span {
        final String alertId;
        final String indicator;
        final AlertCategory category;
        final String subject;
        final Instant openedAt;
        Severity severity = Severity.INFO;
        AlertStatus status;
        Instant resolvedAt;
        String summary;

        Span(RiskAlert first) {
            alertId = first.getAlertId();
            indicator = first.getIndicator();
            category = first.getCategory();
            subject = first.getSubject();
            openedAt = first.getOpenedAt();
        }

        void update(RiskAlert alert) {
            if (alert.getSeverity().ordinal() > severity.ordinal()) {
                severity = alert.getSeverity();
            }
            status = alert.getStatus();
            summary = alert.getSummary();
            resolvedAt = alert.getStatus() == AlertStatus.RESOLVED ? alert.getEventTime() : null;
        }

        AlertSpan view() {
            return new AlertSpan(alertId, indicator, category, subject, severity, status, openedAt.toString(),
                    Json.time(resolvedAt), summary);
        }
    }

    private final class RollupLane {
        final String rollupId;
        final LinkedHashMap<String, Span> alerts = new LinkedHashMap<>();
        final TreeMap<String, ArrayDeque<Point>> gaps = new TreeMap<>();
        Instant latest;

        RollupLane(String rollupId) {
            this.rollupId = rollupId;
        }

        void advance(Instant time) {
            if (latest == null || time.isAfter(latest)) {
                latest = time;
            }
        }

        void evictAlerts() {
            while (alerts.size() > maxAlerts) {
                String victim = alerts.values().stream().filter(s -> s.resolvedAt != null).map(s -> s.alertId)
                        .findFirst().orElse(alerts.keySet().iterator().next());
                alerts.remove(victim);
            }
        }

        void prune() {
            Instant cutoff = latest.minus(window);
            alerts.values().removeIf(s -> s.resolvedAt != null && s.resolvedAt.isBefore(cutoff));
            for (ArrayDeque<Point> series : gaps.values()) {
                Iterator<Point> points = series.iterator();
                while (points.hasNext() && points.next().at.isBefore(cutoff)) {
                    points.remove();
                }
            }
        }
    }
}
