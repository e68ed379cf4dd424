package io.l2risk.engine.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import io.l2risk.avro.AlertStatus;
import io.l2risk.avro.RiskAlert;
import io.l2risk.avro.Severity;
import io.l2risk.engine.EngineSettings;
import io.l2risk.engine.IndicatorKind;
import io.l2risk.engine.RiskEngine;
import io.l2risk.engine.RollupEngine;
import io.l2risk.engine.RollupProfile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/**
 * Runs ingest records through the whole {@link RiskEngine} of one rollup, as the topology and the
 * backtest do, so the alert lifecycle (hysteresis, escalation, stale pauses) is exercised.
 */
final class DaDriver {

    /** Wall clock for validation only: far enough ahead that no fixture is "in the future". */
    static final long WALL = Instant.parse("2030-01-01T00:00:00Z").toEpochMilli();

    final RiskEngine engine;
    final String rollupId;
    RollupEngine rollup;

    DaDriver(RollupProfile profile) {
        this.rollupId = profile.rollupId();
        this.engine = new RiskEngine(id -> id.equals(rollupId) ? Optional.of(profile) : Optional.empty(),
                EngineSettings.defaults());
        this.rollup = engine.newRollup(rollupId);
    }

    /** Processes the records in order and returns every alert transition they caused. */
    List<RiskAlert> run(List<? extends SpecificRecord> records) {
        List<RiskAlert> alerts = new ArrayList<>();
        for (SpecificRecord record : records) {
            assertThat(engine.validate(record, WALL)).as("valid record %s", record).isEmpty();
            alerts.addAll(engine.process(rollup, record).alerts());
        }
        return alerts;
    }

    /** Like {@link #run}, but saves and restores the rollup's state before every record. */
    List<RiskAlert> runRestoringEachStep(List<? extends SpecificRecord> records) {
        List<RiskAlert> alerts = new ArrayList<>();
        for (SpecificRecord record : records) {
            rollup = engine.restore(rollupId, engine.save(rollup));
            alerts.addAll(engine.process(rollup, record).alerts());
        }
        return alerts;
    }

    int stateSize() {
        return engine.save(rollup).length;
    }

    static List<RiskAlert> of(IndicatorKind kind, List<RiskAlert> alerts) {
        return alerts.stream().filter(a -> a.getIndicator().equals(kind.name())).toList();
    }

    /** {@code FIRING WARNING @2024-...} lines: a compact, exact picture of an alert sequence. */
    static List<String> lifecycle(List<RiskAlert> alerts) {
        return alerts.stream().map(DaDriver::line).toList();
    }

    static String line(RiskAlert alert) {
        return alert.getStatus() + " " + alert.getSeverity() + " " + alert.getEventTime()
                + (alert.getSubject() == null ? "" : " " + alert.getSubject());
    }

    static String line(AlertStatus status, Severity severity, Instant at) {
        return status + " " + severity + " " + at;
    }

    static String line(AlertStatus status, Severity severity, Instant at, String subject) {
        return line(status, severity, at) + " " + subject;
    }
}
