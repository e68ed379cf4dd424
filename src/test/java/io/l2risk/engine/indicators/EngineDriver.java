package io.l2risk.engine.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import io.l2risk.avro.IndicatorSnapshot;
import io.l2risk.avro.RiskAlert;
import io.l2risk.engine.EngineOutput;
import io.l2risk.engine.EngineSettings;
import io.l2risk.engine.IndicatorKind;
import io.l2risk.engine.RiskEngine;
import io.l2risk.engine.RollupEngine;
import io.l2risk.engine.RollupProfile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/**
 * Runs records through the real {@link RiskEngine} and {@link RollupEngine} of one rollup, as the
 * topology and the backtest do, and keeps the alerts and the latest snapshot of each indicator.
 */
final class EngineDriver {

    static final long WALL = Instant.parse("2026-12-01T00:00:00Z").toEpochMilli();

    private final RollupProfile profile;
    private final RiskEngine engine;
    private RollupEngine rollup;
    private final List<RiskAlert> alerts = new ArrayList<>();
    private final Map<IndicatorKind, IndicatorSnapshot> snapshots = new EnumMap<>(IndicatorKind.class);
    private boolean restoreBeforeEachRecord;

    EngineDriver(RollupProfile profile) {
        this.profile = profile;
        this.engine = new RiskEngine(id -> id.equals(profile.rollupId()) ? Optional.of(profile) : Optional.empty(),
                EngineSettings.defaults());
        this.rollup = engine.newRollup(profile.rollupId());
    }

    /** Saves and restores the rollup's state before every record, as a processor reading its store does. */
    EngineDriver restoringBeforeEachRecord() {
        restoreBeforeEachRecord = true;
        return this;
    }

    EngineDriver send(List<SpecificRecord> records) {
        records.forEach(this::send);
        return this;
    }

    EngineDriver send(SpecificRecord record) {
        assertThat(engine.validate(record, WALL)).isEmpty();
        if (restoreBeforeEachRecord) {
            rollup = engine.restore(profile.rollupId(), engine.save(rollup));
        }
        EngineOutput output = engine.process(rollup, record);
        alerts.addAll(output.alerts());
        output.snapshots().forEach(s -> snapshots.put(IndicatorKind.valueOf(s.getIndicator()), s));
        return this;
    }

    List<RiskAlert> alerts() {
        return alerts;
    }

    List<RiskAlert> alerts(IndicatorKind kind) {
        return alerts.stream().filter(a -> a.getIndicator().equals(kind.name())).toList();
    }

    /** The latest snapshot published for {@code kind}. */
    IndicatorSnapshot snapshot(IndicatorKind kind) {
        return snapshots.get(kind);
    }

    /** The serialized state of the rollup, as the state store holds it. */
    byte[] state() {
        return engine.save(rollup);
    }
}
