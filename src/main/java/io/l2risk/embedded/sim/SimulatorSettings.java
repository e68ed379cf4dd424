package io.l2risk.embedded.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How the built-in L1 simulator lays out and paces its traffic. The simulated L1 time line, for a
 * {@code start} (the "now" of the first run):
 * <pre>
 *   [start − window − history, start − window)   warm-up history: normal traffic, emitted as fast as the sink takes it
 *   [start − window, start)                      the scripted window with the incidents, replayed at {@code speed}
 *   [start, …)                                   normal traffic following the wall clock (speed 1)
 * </pre>
 * Simulated L1 time never runs ahead of the wall clock: the engine rejects records from the future.
 *
 * @param seed              everything random is derived from it: same seed and start, same records
 * @param speed             simulated L1 seconds per wall second while replaying the window (and while
 *                          catching up after a restart); at least 1
 * @param history           warm-up before the window. The default 50 h gives the learned liveness
 *                          thresholds what they need before the window starts: 30 intervals over 2 days
 *                          ({@code ThresholdRule.livenessGap()}), counted from the first interval, which for
 *                          hourly state proposals ends an hour into the history
 * @param window            the scripted window, ending at {@code start}; incident offsets count from its start
 * @param start             the end of the window; {@code null}: the wall clock when the runner starts
 * @param heartbeatInterval how often each rollup's simulated ingester reports {@code IngestProgress} from the
 *                          start of the window on (every 5 L1 blocks by default, like an ingester polling
 *                          logs in small ranges); during the warm-up every 5 minutes, like an ingester
 *                          backfilling history in ranges
 */
public record SimulatorSettings(long seed, double speed, Duration history, Duration window, Instant start,
                                Duration heartbeatInterval) {

    public static final long DEFAULT_SEED = 1;
    public static final double DEFAULT_SPEED = 60;
    public static final Duration DEFAULT_HISTORY = Duration.ofHours(50);
    public static final Duration DEFAULT_WINDOW = Duration.ofHours(2);
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofMinutes(1);

    /** Validates the values. */
    public SimulatorSettings {
        if (!(speed >= 1) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("speed must be a finite number >= 1, not " + speed);
        }
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
        if (history.isNegative() || window.isNegative()) {
            throw new IllegalArgumentException("history and window must not be negative");
        }
        if (heartbeatInterval.compareTo(L1Chain.SLOT) < 0 || heartbeatInterval.compareTo(Duration.ofMinutes(4)) > 0) {
            // Above 4 minutes the engine's wall-clock MONITOR_STALE (5 minutes) would fire at speed 1.
            throw new IllegalArgumentException("heartbeatInterval must be between 12s and 4m, not " + heartbeatInterval);
        }
    }

    /** Seed 1, speed 60, 50 h of history, a 2 h window ending when the runner starts, heartbeats every minute. */
    public static SimulatorSettings defaults() {
        return new SimulatorSettings(DEFAULT_SEED, DEFAULT_SPEED, DEFAULT_HISTORY, DEFAULT_WINDOW, null, DEFAULT_HEARTBEAT);
    }

    public SimulatorSettings withSeed(long value) {
        return new SimulatorSettings(value, speed, history, window, start, heartbeatInterval);
    }

    public SimulatorSettings withSpeed(double value) {
        return new SimulatorSettings(seed, value, history, window, start, heartbeatInterval);
    }

    public SimulatorSettings withHistory(Duration value) {
        return new SimulatorSettings(seed, speed, value, window, start, heartbeatInterval);
    }

    public SimulatorSettings withWindow(Duration value) {
        return new SimulatorSettings(seed, speed, history, value, start, heartbeatInterval);
    }

    public SimulatorSettings withStart(Instant value) {
        return new SimulatorSettings(seed, speed, history, window, value, heartbeatInterval);
    }

    public SimulatorSettings withHeartbeatInterval(Duration value) {
        return new SimulatorSettings(seed, speed, history, window, start, value);
    }

    /** The time line for a run whose window ends at {@code start}. */
    public Timeline timeline(Instant start) {
        Objects.requireNonNull(start, "start");
        Instant windowStart = start.minus(window);
        return new Timeline(windowStart.minus(history), windowStart, start);
    }

    /**
     * The simulated L1 time line of a run.
     *
     * @param historyStart first L1 time simulated
     * @param windowStart  start of the scripted window (incident offsets count from here)
     * @param start        end of the window: the "now" of the first run
     */
    public record Timeline(Instant historyStart, Instant windowStart, Instant start) {
    }
}
