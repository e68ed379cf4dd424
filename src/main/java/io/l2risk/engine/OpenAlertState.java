package io.l2risk.engine;

import io.l2risk.avro.AlertCategory;
import io.l2risk.avro.Severity;
import java.time.Instant;
import java.util.Objects;

/**
 * One open alert of a rollup as the {@link AlertTracker} holds it: a read-only view. The measured
 * value and threshold of the alert are in its {@code summary} and on the {@code risk.alerts} topic;
 * the tracker does not keep them.
 *
 * @param alertId     the stable alert id ({@code rollupId:INDICATOR[:subject]:openedAtMillis})
 * @param kind        the indicator
 * @param subject     what within the rollup it is about, or {@code null}
 * @param severity    the current severity (it may have fallen back below {@code maxSeverity})
 * @param maxSeverity the highest severity announced (FIRING or ESCALATED)
 * @param openedAt    L1 time the alert opened
 * @param okSince     L1 time since which the condition has been OK (the alert resolves after the
 *                    indicator's hysteresis), or {@code null} while it holds
 * @param summary     the latest one-sentence summary
 */
public record OpenAlertState(String alertId, IndicatorKind kind, String subject, Severity severity,
                             Severity maxSeverity, Instant openedAt, Instant okSince, String summary) {

    public OpenAlertState {
        Objects.requireNonNull(alertId, "alertId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(maxSeverity, "maxSeverity");
        Objects.requireNonNull(openedAt, "openedAt");
        Objects.requireNonNull(summary, "summary");
    }

    public AlertCategory category() {
        return kind.category();
    }
}
