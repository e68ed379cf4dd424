package io.l2risk.http;

import io.l2risk.avro.AlertCategory;
import io.l2risk.avro.CategoryLevels;
import io.l2risk.avro.Level;
import io.l2risk.avro.RollupRiskStatus;
import io.l2risk.avro.Severity;
import io.l2risk.engine.IndicatorLevel;
import io.l2risk.engine.OpenAlertState;
import io.l2risk.engine.RollupEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON shapes of the API, built from a rollup's engine state. Pure: no I/O, no wall clock; every
 * time is L1 time, as an ISO-8601 string.
 */
final class RollupViews {

    /** Newest-first order of the open-alerts list: CRITICAL before WARNING, then oldest first. */
    static final Comparator<AlertView> ALERT_ORDER = Comparator
            .comparing((AlertView a) -> a.severity().ordinal(), Comparator.reverseOrder())
            .thenComparing(a -> Instant.parse(a.openedAt()))
            .thenComparing(AlertView::alertId);

    private RollupViews() {
    }

    /**
     * One rollup: {@code GET /api/rollups/{id}} and an element of {@code /api/rollups}.
     *
     * @param rollupId          the rollup id
     * @param level             worst level over all categories
     * @param categories        level per category, in the order LIVENESS, DATA_AVAILABILITY,
     *                          STATE_VALIDATION, BRIDGE, GOVERNANCE, MONITOR
     * @param clock             the rollup's L1 clock (latest L1 time seen), null before its first record
     * @param lastBatchAt       L1 time of the last batch, or null
     * @param lastStateAt       L1 time of the last state proposal, or null
     * @param lastProofAt       L1 time of the last proof or finalization, or null
     * @param gaps              clock minus each of the three, in seconds (null when unknown)
     * @param indicators        the last published level of each indicator that published one
     * @param openAlerts        the open alerts, CRITICAL first, then oldest first
     * @param outOfOrderRecords records that arrived with an L1 time before the clock
     */
    record RollupView(String rollupId, Level level, Map<AlertCategory, Level> categories, String clock,
                      String lastBatchAt, String lastStateAt, String lastProofAt, Gaps gaps,
                      List<IndicatorView> indicators, List<AlertView> openAlerts, long outOfOrderRecords) {
    }

    /** Seconds since the last batch, state proposal and proof, at the rollup's clock. */
    record Gaps(Long batchSeconds, Long stateSeconds, Long proofSeconds) {
    }

    /** One indicator's last published snapshot; value and threshold in the indicator's unit. */
    record IndicatorView(String indicator, AlertCategory category, Level level, Double value, Double threshold,
                         String publishedAt) {
    }

    /**
     * One open alert.
     *
     * @param clearing true when its condition is OK again and it resolves after the hysteresis
     */
    record AlertView(String alertId, String rollupId, String indicator, AlertCategory category, String subject,
                     Severity severity, Severity maxSeverity, String openedAt, String summary, boolean clearing) {
    }

    static RollupView rollup(RollupEngine engine) {
        Instant clock = engine.clock();
        RollupRiskStatus status = engine.currentStatus();
        List<IndicatorView> indicators = engine.indicatorLevels().stream().map(RollupViews::indicator).toList();
        List<AlertView> alerts = alerts(engine);
        return new RollupView(engine.rollupId(), status.getLevel(), categories(status.getCategoryLevels()),
                Json.time(clock), Json.time(status.getLastBatchAt()), Json.time(status.getLastStateAt()),
                Json.time(status.getLastProofAt()),
                new Gaps(gap(clock, status.getLastBatchAt()), gap(clock, status.getLastStateAt()),
                        gap(clock, status.getLastProofAt())),
                indicators, alerts, engine.outOfOrderRecords());
    }

    /** The open alerts of one rollup, in {@link #ALERT_ORDER}. */
    static List<AlertView> alerts(RollupEngine engine) {
        return engine.openAlerts().stream().map(a -> alert(engine.rollupId(), a)).sorted(ALERT_ORDER).toList();
    }

    static Map<AlertCategory, Level> categories(CategoryLevels levels) {
        Map<AlertCategory, Level> categories = new LinkedHashMap<>();
        categories.put(AlertCategory.LIVENESS, levels.getLiveness());
        categories.put(AlertCategory.DATA_AVAILABILITY, levels.getDataAvailability());
        categories.put(AlertCategory.STATE_VALIDATION, levels.getStateValidation());
        categories.put(AlertCategory.BRIDGE, levels.getBridge());
        categories.put(AlertCategory.GOVERNANCE, levels.getGovernance());
        categories.put(AlertCategory.MONITOR, levels.getMonitor());
        return categories;
    }

    private static IndicatorView indicator(IndicatorLevel level) {
        return new IndicatorView(level.kind().name(), level.category(), level.level(), Json.finite(level.value()),
                Json.finite(level.threshold()), Json.time(level.publishedAt()));
    }

    private static AlertView alert(String rollupId, OpenAlertState alert) {
        return new AlertView(alert.alertId(), rollupId, alert.kind().name(), alert.category(), alert.subject(),
                alert.severity(), alert.maxSeverity(), Json.time(alert.openedAt()), alert.summary(),
                alert.okSince() != null);
    }

    private static Long gap(Instant clock, Instant last) {
        return clock == null || last == null ? null : Math.max(0, Duration.between(last, clock).toSeconds());
    }
}
