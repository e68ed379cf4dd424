package io.l2risk.embedded.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.l2risk.app.RollupProfiles;
import io.l2risk.avro.IndicatorSnapshot;
import io.l2risk.avro.RiskAlert;
import io.l2risk.engine.EngineOutput;
import io.l2risk.engine.EngineSettings;
import io.l2risk.engine.RiskEngine;
import io.l2risk.engine.RollupEngine;
import io.l2risk.records.IngestRecords;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The engine's fast paths change nothing it says: three ways of running the same simulated two days and two hours of
 * all bundled rollups with the built-in incidents give the same alert transitions, word for word, and
 * the same final state, byte for byte —
 * <ul>
 *   <li>the topology's way: every record on an engine restored from the previous record's saved
 *       state, with snapshots and status (no object survives from one record to the next);</li>
 *   <li>in memory with snapshots and status (the status server's way);</li>
 *   <li>in memory for alerts only (the backtest's way: words built lazily, cached evaluations, and the
 *       evaluations of quiet indicators skipped);</li>
 *   <li>in memory with every indicator evaluated on every record, each quiet one checked to repeat its
 *       last evaluation ({@link RiskEngine#checkingQuiet}).</li>
 * </ul>
 */
class EngineEquivalenceTest {

    private static final RiskEngine ENGINE = new RiskEngine(RollupProfiles.of(SimRuns.BUNDLED), EngineSettings.defaults());
    private static List<SpecificRecord> records;

    @BeforeAll
    static void simulate() {
        records = SimRuns.records(SimRuns.BUNDLED, SimRuns.settings().withHistory(Duration.ofDays(2)),
                Scenario.defaultIncidents(), SimRuns.START.plus(Duration.ofHours(2)));
    }

    @Test
    void shouldRaiseTheSameAlertsAndKeepTheSameStateInMemoryAsRestoredEveryRecord() {
        Run restored = run((rollup, record) -> {
            RollupEngine fresh = ENGINE.restore(rollup.rollupId(), ENGINE.save(rollup));
            return new Step(fresh, ENGINE.process(fresh, record));
        });
        Run withViews = run((rollup, record) -> new Step(rollup, ENGINE.process(rollup, record)));
        Run alertsOnly = run((rollup, record) -> new Step(rollup, ENGINE.processForAlerts(rollup, record)));
        RiskEngine checking = ENGINE.checkingQuiet();
        Run checked = run(checking, (rollup, record) -> new Step(rollup, checking.process(rollup, record)));

        assertThat(restored.alerts).hasSizeGreaterThanOrEqualTo(16);
        assertThat(restored.alerts.stream().map(RiskAlert::getIndicator).distinct())
                .contains("BATCH_LIVENESS", "DAC_QUORUM", "DISPUTE", "STATE_REVERTED", "BRIDGE_OUTFLOW", "GOVERNANCE_CHANGE");
        assertThat(withViews.alerts).isEqualTo(restored.alerts);
        assertThat(alertsOnly.alerts).isEqualTo(restored.alerts);
        assertThat(withViews.snapshots).isEqualTo(restored.snapshots);
        assertThat(alertsOnly.snapshots).isEmpty();
        assertThat(withViews.states).isEqualTo(restored.states);
        assertThat(alertsOnly.states).isEqualTo(restored.states);
        assertThat(checked.alerts).isEqualTo(restored.alerts);
        assertThat(checked.snapshots).isEqualTo(restored.snapshots);
        assertThat(checked.states).isEqualTo(restored.states);
    }

    private record Step(RollupEngine rollup, EngineOutput output) {
    }

    private record Run(List<RiskAlert> alerts, List<IndicatorSnapshot> snapshots, Map<String, String> states) {
    }

    private static Run run(BiFunction<RollupEngine, SpecificRecord, Step> step) {
        return run(ENGINE, step);
    }

    private static Run run(RiskEngine engine, BiFunction<RollupEngine, SpecificRecord, Step> step) {
        Map<String, RollupEngine> rollups = new HashMap<>();
        List<RiskAlert> alerts = new ArrayList<>();
        List<IndicatorSnapshot> snapshots = new ArrayList<>();
        for (SpecificRecord record : records) {
            String id = IngestRecords.rollupId(record);
            Step done = step.apply(rollups.computeIfAbsent(id, engine::newRollup), record);
            rollups.put(id, done.rollup());
            alerts.addAll(done.output().alerts());
            snapshots.addAll(done.output().snapshots());
        }
        Map<String, String> states = new TreeMap<>();
        rollups.forEach((id, rollup) -> states.put(id, java.util.HexFormat.of().formatHex(engine.save(rollup))));
        return new Run(alerts, snapshots, states);
    }
}
