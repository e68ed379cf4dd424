package io.l2risk.embedded.sim;

import io.l2risk.embedded.sim.SimulatorSettings.Timeline;
import io.l2risk.records.IngestRecords;
import io.l2risk.registry.RollupConfig;
import io.l2risk.registry.RollupRegistry;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.PriorityQueue;
import org.apache.avro.specific.SpecificRecord;

/**
 * The L1 traffic generator: the ingest records an L1 ingester would write for the rollups of a
 * registry (design.md §3 — BatchPosted, ProofEvent, BridgeEvent, DaObservation, IngestProgress), with
 * the incidents of a {@link Scenario}, in global L1 time order. Pure: no clock, no I/O, no Kafka; the
 * same registry, settings (seed and start) and scenario give the same records, field for field.
 *
 * <p>Each rollup follows its stack's rhythm ({@link RollupModel}): batches, state proposals,
 * proofs and finalizations, deposits and withdrawals with token amounts, blob and DAC availability
 * checks, and an {@code IngestProgress} heartbeat every {@link SimulatorSettings#heartbeatInterval()}.
 * Every record carries a consistent L1 position: block numbers derived from time (12-second slots since
 * the Merge), one hash per block, the heartbeat's head two blocks ahead of what it has scanned.
 *
 * <p>Generation is lazy and memory is bounded whatever the length of the run: a few scheduled tasks per
 * rollup and the records of one instant. Records begin at the timeline's history start and stop before
 * {@code end} (exclusive; {@code null} for a generator without end). Not thread-safe.
 */
public final class L1Simulator implements Iterator<SpecificRecord> {

    /** A scheduled piece of a rollup's simulation, run at its L1 time. */
    @FunctionalInterface
    interface Action {
        void run(Instant now);
    }

    private record Task(long millis, int order, long sequence, Action action) implements Comparable<Task> {
        @Override
        public int compareTo(Task other) {
            int byTime = Long.compare(millis, other.millis);
            if (byTime != 0) {
                return byTime;
            }
            int byOrder = Integer.compare(order, other.order);
            return byOrder != 0 ? byOrder : Long.compare(sequence, other.sequence);
        }
    }

    private final SimulatorSettings settings;
    private final Timeline timeline;
    private final Scenario scenario;
    private final long endMillis;
    private final PriorityQueue<Task> tasks = new PriorityQueue<>();
    private final ArrayDeque<SpecificRecord> ready = new ArrayDeque<>();
    private long sequence;
    private long nowMillis = Long.MIN_VALUE;
    private int rollups;

    private L1Simulator(SimulatorSettings settings, Scenario scenario, Instant end) {
        this.settings = settings;
        this.timeline = settings.timeline(settings.start());
        this.scenario = scenario;
        this.endMillis = end == null ? Long.MAX_VALUE : end.toEpochMilli();
    }

    /**
     * A generator for every rollup of {@code registry}.
     *
     * @param settings seed, timeline and heartbeat cadence; {@link SimulatorSettings#start()} must be set
     * @param scenario the incidents; each must name a rollup of the registry that can have it
     * @param end      first L1 time not generated; {@code null} for no end
     * @throws IllegalArgumentException if the scenario does not fit the registry, or the start is not set
     */
    public static L1Simulator create(RollupRegistry registry, SimulatorSettings settings, Scenario scenario,
                                     Instant end) {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(scenario, "scenario");
        if (settings.start() == null) {
            throw new IllegalArgumentException("the simulator needs a start (settings.withStart)");
        }
        scenario.validate(registry);
        L1Simulator simulator = new L1Simulator(settings, scenario, end);
        for (RollupConfig rollup : registry.all()) {
            RollupSim.create(simulator, rollup, settings.seed(), simulator.timeline, settings.heartbeatInterval(),
                    scenario.forRollup(rollup.id())).start();
            simulator.rollups++;
        }
        return simulator;
    }

    /** The L1 time line of this run. */
    public Timeline timeline() {
        return timeline;
    }

    /** The settings this generator was created with. */
    public SimulatorSettings settings() {
        return settings;
    }

    /** The incidents of this run. */
    public Scenario scenario() {
        return scenario;
    }

    /** Number of rollups simulated. */
    public int rollups() {
        return rollups;
    }

    @Override
    public boolean hasNext() {
        fill();
        return !ready.isEmpty();
    }

    /** The next record, in L1 time order (records of one instant in the order the rollups produced them). */
    @Override
    public SpecificRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the simulation has reached its end");
        }
        return ready.poll();
    }

    /** The L1 time of the next record, or {@code null} at the end. */
    public Instant peekTime() {
        return hasNext() ? IngestRecords.eventTime(ready.peek()) : null;
    }

    private void fill() {
        while (ready.isEmpty() && !tasks.isEmpty()) {
            Task task = tasks.poll();
            if (task.millis() >= endMillis) {
                tasks.clear();
                return;
            }
            nowMillis = task.millis();
            task.action().run(Instant.ofEpochMilli(task.millis()));
        }
    }

    /** Tasks scheduled and not yet run: the generator's memory, bounded whatever the run's length. */
    int pendingTasks() {
        return tasks.size();
    }

    // --- for the rollup simulations ----------------------------------------------------------------

    /** Runs {@code action} at L1 time {@code time} (not before the task running now). */
    void at(Instant time, int order, Action action) {
        long millis = time.toEpochMilli();
        if (millis < nowMillis) {
            throw new IllegalStateException("task scheduled at " + time + ", before the current L1 time "
                    + Instant.ofEpochMilli(nowMillis));
        }
        tasks.add(new Task(millis, order, sequence++, action));
    }

    /** Emits a record of the task running now; its L1 time must be the task's. */
    void emit(SpecificRecord record) {
        long millis = IngestRecords.eventTime(record).toEpochMilli();
        if (millis != nowMillis) {
            throw new IllegalStateException("record at " + IngestRecords.eventTime(record) + " emitted at L1 time "
                    + Instant.ofEpochMilli(nowMillis));
        }
        ready.add(record);
    }
}
