package io.l2risk.bench;

import io.l2risk.embedded.sim.Incident;
import io.l2risk.embedded.sim.L1Simulator;
import io.l2risk.embedded.sim.Scenario;
import io.l2risk.embedded.sim.SimulatorSettings;
import io.l2risk.registry.RollupConfig;
import io.l2risk.registry.RollupRegistry;
import io.l2risk.registry.RollupRegistryLoader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's data: the simulator's L1 traffic ({@link L1Simulator}, the generator behind {@code run}
 * and {@code simulate}) for any number of rollups.
 *
 * <p>Rollup {@code i} is a copy of bundled mainnet preset {@code i mod 9} (all seven stacks, both DA
 * modes), named like the preset for the first nine and with a {@code -<copy>} suffix after that
 * ({@code base-3}), so each copy keeps its stack's cadence, proofs and bridge traffic. Every copy
 * group gets the built-in scenario's eight incidents (sequencer stall, DAC quorum loss, lost dispute,
 * state revert, bridge drain, …) in the last two hours of the run; before that, normal traffic.
 */
public final class BenchData {

    /** The scripted window at the end of every run, where the incidents are (the simulator's default). */
    static final Duration WINDOW = SimulatorSettings.DEFAULT_WINDOW;

    /**
     * Records per rollup per day of simulated L1 time, measured on the bundled presets with the default
     * one-minute heartbeat ({@code simulate --history 30d}: 434,832 records for 9 rollups over 30 days
     * and 2 hours); used to size a run from a number of events.
     */
    static final double RECORDS_PER_ROLLUP_DAY = 1_600;

    private BenchData() {
    }

    /** A registry of {@code rollups} rollups, copies of the bundled presets (see the class doc). */
    public static RollupRegistry registry(int rollups) {
        if (rollups < 1) {
            throw new IllegalArgumentException("rollups must be at least 1, not " + rollups);
        }
        List<RollupConfig> presets = RollupRegistryLoader.loadBundled().all();
        List<RollupConfig> configs = new ArrayList<>(rollups);
        for (int i = 0; i < rollups; i++) {
            RollupConfig preset = presets.get(i % presets.size());
            int copy = i / presets.size();
            configs.add(copy == 0 ? preset : renamed(preset, preset.id() + "-" + copy));
        }
        return RollupRegistry.of(configs);
    }

    /**
     * The built-in incidents, repeated for every copy of the presets in {@code registry}, so that
     * every copy group has its own incidents (and alerts) in the window.
     */
    public static Scenario incidents(RollupRegistry registry) {
        List<Incident> incidents = new ArrayList<>();
        for (Incident incident : Scenario.defaultIncidents().incidents()) {
            for (RollupConfig rollup : registry.all()) {
                if (rollup.id().equals(incident.rollupId()) || rollup.id().startsWith(incident.rollupId() + "-")
                        && rollup.id().substring(incident.rollupId().length() + 1).chars().allMatch(Character::isDigit)) {
                    incidents.add(new Incident(incident.kind(), rollup.id(), incident.offset(), incident.duration()));
                }
            }
        }
        return new Scenario(incidents);
    }

    /**
     * The traffic of {@code registry}'s rollups over {@code history} of normal L1 time followed by the
     * two-hour incident window, which ends at {@code end}.
     */
    public static L1Simulator traffic(RollupRegistry registry, Duration history, Instant end, long seed,
                                      boolean withIncidents) {
        return traffic(registry, history, end, Duration.ZERO, seed, withIncidents);
    }

    /**
     * As {@link #traffic(RollupRegistry, Duration, Instant, long, boolean)}, followed by {@code after} of
     * normal traffic (the incident window still ends at {@code end}).
     */
    public static L1Simulator traffic(RollupRegistry registry, Duration history, Instant end, Duration after,
                                      long seed, boolean withIncidents) {
        SimulatorSettings settings = SimulatorSettings.defaults().withSeed(seed).withHistory(history)
                .withWindow(WINDOW).withStart(end);
        return L1Simulator.create(registry, settings, withIncidents ? incidents(registry) : Scenario.none(),
                end.plus(after));
    }

    /**
     * The history that makes a run of about {@code events} records for {@code rollups} rollups (window
     * included), at least one hour.
     */
    public static Duration historyFor(long events, int rollups) {
        double days = events / (RECORDS_PER_ROLLUP_DAY * rollups);
        Duration total = Duration.ofSeconds(Math.round(days * 86_400));
        Duration history = total.minus(WINDOW);
        return history.compareTo(Duration.ofHours(1)) < 0 ? Duration.ofHours(1) : history;
    }

    private static RollupConfig renamed(RollupConfig preset, String id) {
        return new RollupConfig(id, preset.name() + " #" + id.substring(id.lastIndexOf('-') + 1), preset.stack(),
                preset.l1ChainId(), preset.da(), preset.contracts(), preset.batchers(), preset.batchInbox(),
                preset.params(), preset.thresholds(), preset.watched());
    }
}
