package io.l2risk.engine;

import java.time.Duration;

/**
 * Engine-wide settings (per-rollup thresholds live in the rollup registry).
 *
 * @param strictRollups    records of rollups missing from the registry are rejected (DLQ) instead of
 *                         processed with GENERIC defaults
 * @param snapshotInterval an indicator snapshot or rollup status whose level did not change is
 *                         re-published at most this often (L1 time)
 * @param maxFutureSkew    records whose L1 time is further than this ahead of the wall clock are invalid
 */
public record EngineSettings(boolean strictRollups, Duration snapshotInterval, Duration maxFutureSkew) {

    public static EngineSettings defaults() {
        return new EngineSettings(false, Duration.ofMinutes(1), Duration.ofDays(1));
    }

    public EngineSettings withStrictRollups(boolean strict) {
        return new EngineSettings(strict, snapshotInterval, maxFutureSkew);
    }
}
