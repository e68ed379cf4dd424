package io.l2risk.embedded.sim;

import io.l2risk.app.RollupProfiles;
import io.l2risk.avro.RiskAlert;
import io.l2risk.backtest.Backtest;
import io.l2risk.engine.EngineSettings;
import io.l2risk.engine.RiskEngine;
import io.l2risk.registry.RollupRegistry;
import io.l2risk.registry.RollupRegistryLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/** Fixtures of the simulator tests: the bundled registry, a fixed start, runs through the engine. */
final class SimRuns {

    static final RollupRegistry BUNDLED = RollupRegistryLoader.loadBundled();
    /** End of the scripted window in these tests: a fixed instant, never the wall clock. */
    static final Instant START = Instant.parse("2026-03-01T12:00:00Z");

    private SimRuns() {
    }

    /** The bundled presets of these rollups only. */
    static RollupRegistry only(String... ids) {
        return RollupRegistry.of(Arrays.stream(ids).map(id -> BUNDLED.lookup(id).orElseThrow()).toList());
    }

    /** Default settings ending the window at {@link #START}. */
    static SimulatorSettings settings() {
        return SimulatorSettings.defaults().withStart(START);
    }

    /** Every record of a run, up to {@code end}. */
    static List<SpecificRecord> records(RollupRegistry registry, SimulatorSettings settings, Scenario scenario,
                                        Instant end) {
        List<SpecificRecord> records = new ArrayList<>();
        L1Simulator.create(registry, settings, scenario, end).forEachRemaining(records::add);
        return records;
    }

    /** The alert transitions the engine (bundled registry, default settings) raises over {@code records}. */
    static List<RiskAlert> alerts(Iterator<SpecificRecord> records, Instant last) {
        RiskEngine engine = new RiskEngine(RollupProfiles.of(BUNDLED), EngineSettings.defaults());
        Backtest backtest = new Backtest(engine, last.plus(Duration.ofHours(1)).toEpochMilli());
        List<RiskAlert> alerts = new ArrayList<>();
        try {
            while (records.hasNext()) {
                backtest.process(records.next(), alerts::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (backtest.summary().rejected() != 0 || backtest.summary().outOfOrder() != 0) {
            throw new AssertionError("the engine rejected or reordered simulated records: " + backtest.summary());
        }
        return alerts;
    }
}
