package io.l2risk.engine;

import java.time.Duration;
import java.util.Objects;

/**
 * Engine-wide settings (per-rollup thresholds live in the rollup registry).
 *
 * @param strictRollups    records of rollups missing from the registry are rejected (DLQ) instead of
 *                         processed with GENERIC defaults
 * @param snapshotInterval how often (L1 time) an indicator snapshot whose level and threshold did not
 *                         change is re-published because its value moved, and how often a rollup status
 *                         whose levels and open alerts did not change is re-published; level, threshold
 *                         and alert changes are published at once. Zero re-publishes every value change.
 * @param maxFutureSkew    records whose L1 time is further than this ahead of the wall clock are invalid
 */
public record EngineSettings(boolean strictRollups, Duration snapshotInterval, Duration maxFutureSkew) {

    /**
     * The default {@link #snapshotInterval}: 5 minutes. A liveness gap grows every second, so per-minute
     * refreshes were most of what the engine wrote (1.8 snapshots and 0.5 statuses per ingest record in
     * the benchmark's traffic) while telling consumers nothing a level change does not; the open-source
     * exporters poll about once a minute (anchors.md), a risk picture five L1 minutes old at the same
     * level is still accurate, and alerts never wait for it.
     */
    public static final Duration DEFAULT_SNAPSHOT_INTERVAL = Duration.ofMinutes(5);

    /** The longest {@link #snapshotInterval}: a compacted topic should not look abandoned for longer. */
    public static final Duration MAX_SNAPSHOT_INTERVAL = Duration.ofDays(1);

    public EngineSettings {
        Objects.requireNonNull(snapshotInterval, "snapshotInterval");
        Objects.requireNonNull(maxFutureSkew, "maxFutureSkew");
        if (snapshotInterval.isNegative() || snapshotInterval.compareTo(MAX_SNAPSHOT_INTERVAL) > 0) {
            throw new IllegalArgumentException("the snapshot interval must be between 0 and 1 day, not "
                    + snapshotInterval);
        }
    }

    public static EngineSettings defaults() {
        return new EngineSettings(false, DEFAULT_SNAPSHOT_INTERVAL, Duration.ofDays(1));
    }

    public EngineSettings withStrictRollups(boolean strict) {
        return new EngineSettings(strict, snapshotInterval, maxFutureSkew);
    }

    public EngineSettings withSnapshotInterval(Duration interval) {
        return new EngineSettings(strictRollups, interval, maxFutureSkew);
    }
}
