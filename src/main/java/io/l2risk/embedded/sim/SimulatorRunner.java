package io.l2risk.embedded.sim;

import io.l2risk.embedded.sim.SimulatorSettings.Timeline;
import io.l2risk.engine.Text;
import io.l2risk.registry.RollupRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an {@link L1Simulator} in wall-clock time and delivers its records to an {@link EventSink}, on a
 * thread of its own ({@link #start()} … {@link #close()}):
 * <ol>
 *   <li><b>warm-up</b> — the history before the scripted window, as fast as the sink takes it;</li>
 *   <li><b>replay</b> — from the window's start, {@code speed} L1 seconds per wall second (60: one L1
 *       minute per second, so the first incident's alerts come some 20–40 seconds in);</li>
 *   <li><b>live</b> — once simulated time has caught up with the wall clock, it follows it (speed 1) with
 *       normal traffic.</li>
 * </ol>
 * A record is never released before its L1 time plus the ingester's two confirmation blocks: simulated L1
 * time never runs ahead of the wall clock, which the engine would reject as {@code TIME_IN_FUTURE}.
 *
 * <p><b>Resume.</b> With a state directory the runner keeps a {@linkplain SimulatorCursor cursor}
 * ({@code <stateDir>/cursor}: the run's seed and layout and the last record delivered), written after
 * each flush of the sink — at most once a second, and on close. A new runner on the same directory
 * regenerates the same stream, skips what was delivered and continues: per-rollup L1 order is kept,
 * no incident is replayed, nothing is delivered twice after a clean close (after a crash, records sent
 * after the last cursor write may be sent again). It catches up at {@code speed}, except that L1 time
 * older than one window before now is delivered at full speed, like a warm-up. The scenario and the
 * registry must be the same as in the first run; delete the cursor to start a new run.
 *
 * <p>Wall clock and sleeping are injected ({@link Builder#clock}, {@link Builder#sleeper}), so pacing is
 * testable without real time. {@link #close()} stops the thread promptly (a sleep is cut short), flushes
 * the sink, writes the cursor and closes the sink. The runner logs one line per incident when simulated
 * time reaches it ("simulating incident: sequencer stall of base for 40m").
 */
public final class SimulatorRunner implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SimulatorRunner.class);

    /** The simulated ingester releases a block once it has this many confirmations. */
    static final Duration INGEST_LAG = L1Chain.SLOT.multipliedBy(RollupSim.CONFIRMATIONS);
    private static final Duration MAX_SLEEP = Duration.ofSeconds(1);
    private static final Duration CURSOR_EVERY = Duration.ofSeconds(1);
    /**
     * During the warm-up the sink is flushed whenever L1 time crosses a multiple of this, so that every
     * ingest topic is durable up to the same L1 time before later records go out. Kafka Streams orders a
     * rollup's records across its five ingest topics only among the data it has fetched: without this a
     * burst can show the engine a rollup's heartbeats hours ahead of its proposals, and absence
     * indicators fire on data that is merely in flight. Ten L1 minutes is far below every default
     * liveness threshold the warm-up runs under.
     */
    static final Duration WARM_UP_FLUSH_SLICE = Duration.ofMinutes(10);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(15);

    /** Where a runner is. */
    public enum Phase { NEW, WARM_UP, REPLAY, LIVE, STOPPED, FAILED }

    /**
     * What a runner has done.
     *
     * @param phase            where it is
     * @param records          records delivered in the whole run (across restarts)
     * @param simulatedTime    L1 time of the last record delivered, {@code null} before the first
     * @param start            end of the run's scripted window, {@code null} before the thread has started
     * @param incidentsStarted incidents whose start simulated time has reached
     * @param incidents        incidents in the scenario
     * @param failure          why it stopped, when {@code phase} is FAILED
     */
    public record Stats(Phase phase, long records, Instant simulatedTime, Instant start, int incidentsStarted,
                        int incidents, String failure) {
    }

    private final RollupRegistry registry;
    private final SimulatorSettings settings;
    private final Scenario scenario;
    private final EventSink sink;
    private final Path stateDir;
    private final InstantSource clock;
    private final Sleeper sleeper;
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private final CountDownLatch warmedUp = new CountDownLatch(1);

    private volatile boolean stopping;
    private volatile Phase phase = Phase.NEW;
    private volatile SimulatorCursor cursor;
    private volatile int incidentsStarted;
    private volatile String failure;
    private Thread thread;
    private boolean closed;

    private final List<Instant> incidentStarts = new ArrayList<>();
    private final List<Incident> incidentOrder = new ArrayList<>();
    private long unflushed;
    private Instant cursorWrittenAt = Instant.MIN;

    private SimulatorRunner(Builder b) {
        this.registry = b.registry;
        this.settings = b.settings;
        this.scenario = b.scenario.restrictedTo(b.registry);
        this.sink = b.sink;
        this.stateDir = b.stateDir;
        this.clock = b.clock;
        this.sleeper = b.sleeper != null ? b.sleeper
                : duration -> stopSignal.await(Math.max(1, duration.toNanos()), TimeUnit.NANOSECONDS);
        this.scenario.validate(registry);
    }

    /**
     * A runner for the rollups of {@code registry} delivering to {@code sink} (which it closes).
     * Defaults: {@link SimulatorSettings#defaults()}, {@link Scenario#defaultIncidents()} (limited to the
     * rollups of the registry), no state directory, the system clock and real sleeping.
     */
    public static Builder builder(RollupRegistry registry, EventSink sink) {
        return new Builder(registry, sink);
    }

    /** Starts the runner's thread. */
    public synchronized void start() {
        if (thread != null || closed) {
            throw new IllegalStateException("a simulator runner starts once");
        }
        thread = new Thread(this::run, "l2risk-simulator");
        // Never keeps the JVM alive; close() is what flushes and saves the cursor.
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Waits until the unpaced warm-up (or the catch-up of a resumed run) has been delivered and
     * flushed. Starting the engine only then lets Kafka Streams find every ingest partition's backlog
     * on the broker from its first fetch, so it merges a rollup's five topics in L1-time order instead
     * of racing the producer.
     *
     * @return false if the timeout passed first
     * @throws IllegalStateException if the runner failed meanwhile (with its failure)
     */
    public boolean awaitWarmUp(Duration timeout) throws InterruptedException {
        boolean done = warmedUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (phase == Phase.FAILED) {
            throw new IllegalStateException("the simulator failed during its warm-up: " + failure);
        }
        return done;
    }

    /** What the runner has done so far; callable from any thread. */
    public Stats stats() {
        SimulatorCursor c = cursor;
        return new Stats(phase, c == null ? 0 : c.records(), c == null ? null : c.lastTime(),
                c == null ? null : c.start(), incidentsStarted, scenario.incidents().size(), failure);
    }

    /** Stops the thread (promptly: a sleep is cut short), flushes, writes the cursor and closes the sink. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopping = true;
        stopSignal.countDown();
        Thread running = thread;
        if (running != null) {
            try {
                running.join(CLOSE_TIMEOUT.toMillis());
                if (running.isAlive()) {
                    log.warn("simulator thread did not stop within {}; interrupting it", Text.duration(CLOSE_TIMEOUT));
                    running.interrupt();
                    running.join(CLOSE_TIMEOUT.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            sink.close();
        } catch (IOException | RuntimeException e) {
            log.warn("closing the simulator's sink failed: {}", e.getMessage());
        }
    }

    // --- the thread -------------------------------------------------------------------------------------

    private void run() {
        boolean healthy = false;
        try {
            loop();
            healthy = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            healthy = true;
        } catch (IOException | RuntimeException e) {
            failure = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
            phase = Phase.FAILED;
            log.error("the simulator stopped: {}", failure, e);
        } finally {
            try {
                if (healthy) {
                    checkpoint(true);
                }
            } catch (IOException | RuntimeException e) {
                log.warn("could not flush the simulator's records or save its cursor: {}", e.getMessage());
            }
            if (phase != Phase.FAILED) {
                phase = Phase.STOPPED;
            }
            warmedUp.countDown();
        }
    }

    private void loop() throws IOException, InterruptedException {
        Instant wallStart = clock.instant();
        SimulatorCursor saved = stateDir == null ? null : SimulatorCursor.read(stateDir).orElse(null);
        SimulatorSettings effective = saved != null ? saved.applyTo(settings)
                : settings.start() != null ? settings : settings.withStart(wallStart.truncatedTo(ChronoUnit.SECONDS));
        L1Simulator generator = L1Simulator.create(registry, effective, scenario, null);
        Timeline timeline = generator.timeline();
        for (Incident incident : scenario.incidents()) {
            incidentStarts.add(timeline.windowStart().plus(incident.offset()));
            incidentOrder.add(incident);
        }
        Instant pacedFrom;
        if (saved != null && saved.lastTime() != null) {
            skipThrough(generator, saved);
            Instant recent = wallStart.minus(effective.window());
            pacedFrom = saved.lastTime().isAfter(recent) ? saved.lastTime() : recent;
            while (incidentsStarted < incidentStarts.size() && !incidentStarts.get(incidentsStarted).isAfter(saved.lastTime())) {
                incidentsStarted++;
            }
            log.info("simulator: resuming run of seed {} (window ended {}) after {} records, at L1 time {}; "
                            + "catching up at {}x from {}", effective.seed(), timeline.start(), saved.records(),
                    saved.lastTime(), speedText(), pacedFrom);
        } else {
            pacedFrom = timeline.windowStart();
            log.info("simulator: {} rollups, seed {}: {} of warm-up history from {} at full speed, then the {} scripted "
                            + "window ({} incidents) at {}x, then live", generator.rollups(), effective.seed(),
                    Text.duration(effective.history()), timeline.historyStart(), Text.duration(effective.window()),
                    scenario.incidents().size(), speedText());
        }
        cursor = saved != null ? saved : SimulatorCursor.beginning(effective);

        phase = Phase.WARM_UP;
        long warmUpNanos = System.nanoTime();
        long warmUpRecords = 0;
        long slice = Long.MIN_VALUE;
        while (!stopping) {
            Instant t = generator.peekTime();
            if (t == null || !t.isBefore(pacedFrom) || t.plus(INGEST_LAG).isAfter(clock.instant())) {
                break;
            }
            long tSlice = Math.floorDiv(t.getEpochSecond(), WARM_UP_FLUSH_SLICE.toSeconds());
            if (tSlice != slice) {
                checkpoint(false);
                slice = tSlice;
            }
            deliver(generator.next(), t);
            warmUpRecords++;
        }
        checkpoint(true);
        if (warmUpRecords > 0) {
            log.info("simulator: warm-up done, {} records in {} ms; replaying from L1 time {} at {}x", warmUpRecords,
                    (System.nanoTime() - warmUpNanos) / 1_000_000, pacedFrom, speedText());
        }

        phase = Phase.REPLAY;
        warmedUp.countDown();
        Instant pacedWallStart = clock.instant();
        while (!stopping) {
            Instant t = generator.peekTime();
            if (t == null) {
                return;
            }
            Instant paced = pacedWallStart.plusMillis((long) Math.ceil(Duration.between(pacedFrom, t).toMillis()
                    / effective.speed()));
            Instant live = t.plus(INGEST_LAG);
            Instant release = paced.isAfter(live) ? paced : live;
            Instant now = clock.instant();
            if (now.isBefore(release)) {
                if (phase == Phase.REPLAY && !live.isBefore(paced)) {
                    phase = Phase.LIVE;
                    log.info("simulator: caught up with the wall clock at L1 time {}; following it in real time", t);
                }
                checkpoint(false);
                Duration wait = Duration.between(now, release);
                sleeper.sleep(wait.compareTo(MAX_SLEEP) > 0 ? MAX_SLEEP : wait);
                continue;
            }
            deliver(generator.next(), t);
        }
    }

    private String speedText() {
        double speed = settings.speed();
        return speed == Math.rint(speed) ? Long.toString((long) speed) : Double.toString(speed);
    }

    /** Regenerates and drops what the run had delivered before the restart. */
    private static void skipThrough(L1Simulator generator, SimulatorCursor saved) {
        long atLastTime = 0;
        while (generator.hasNext()) {
            Instant t = generator.peekTime();
            if (t.isAfter(saved.lastTime()) || t.equals(saved.lastTime()) && atLastTime >= saved.atLastTime()) {
                return;
            }
            if (t.equals(saved.lastTime())) {
                atLastTime++;
            }
            generator.next();
        }
    }

    private void deliver(SpecificRecord record, Instant time) throws IOException {
        sink.send(record);
        cursor = cursor.advance(time);
        unflushed++;
        while (incidentsStarted < incidentStarts.size() && !time.isBefore(incidentStarts.get(incidentsStarted))) {
            log.info("simulating incident: {}", incidentOrder.get(incidentsStarted).describe());
            incidentsStarted++;
        }
    }

    /** Flushes what was delivered and, at most once a second unless forced, saves the cursor. */
    private void checkpoint(boolean force) throws IOException {
        if (unflushed > 0) {
            sink.flush();
            unflushed = 0;
        }
        if (stateDir == null || cursor == null) {
            return;
        }
        Instant now = clock.instant();
        if (force || !now.isBefore(cursorWrittenAt.plus(CURSOR_EVERY))) {
            cursor.write(stateDir);
            cursorWrittenAt = now;
        }
    }

    /** Builds a {@link SimulatorRunner}. */
    public static final class Builder {
        private final RollupRegistry registry;
        private final EventSink sink;
        private SimulatorSettings settings = SimulatorSettings.defaults();
        private Scenario scenario = Scenario.defaultIncidents();
        private Path stateDir;
        private InstantSource clock = InstantSource.system();
        private Sleeper sleeper;

        private Builder(RollupRegistry registry, EventSink sink) {
            this.registry = Objects.requireNonNull(registry, "registry");
            this.sink = Objects.requireNonNull(sink, "sink");
        }

        public Builder settings(SimulatorSettings value) {
            this.settings = Objects.requireNonNull(value, "settings");
            return this;
        }

        /** The incidents; those of rollups missing from the registry are dropped. */
        public Builder scenario(Scenario value) {
            this.scenario = Objects.requireNonNull(value, "scenario");
            return this;
        }

        /** Where the cursor is kept for resuming, e.g. {@code <data-dir>/simulator}; none by default. */
        public Builder stateDir(Path value) {
            this.stateDir = value;
            return this;
        }

        /** The wall clock (tests use a fake one). */
        public Builder clock(InstantSource value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** How to wait; by default real waiting that {@link SimulatorRunner#close()} cuts short. */
        public Builder sleeper(Sleeper value) {
            this.sleeper = value;
            return this;
        }

        /**
         * The runner.
         *
         * @throws IllegalArgumentException if an incident cannot happen on its rollup
         */
        public SimulatorRunner build() {
            return new SimulatorRunner(this);
        }
    }
}
