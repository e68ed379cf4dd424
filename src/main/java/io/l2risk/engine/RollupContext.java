package io.l2risk.engine;

import java.time.Instant;

/**
 * What an indicator may read about its rollup while it handles an event or evaluates: the rollup's
 * profile, its clock (L1 time) and whether the monitor's own data is stale.
 */
public interface RollupContext {

    /** The rollup's static facts and threshold overrides. */
    RollupProfile profile();

    /**
     * The rollup's clock: the latest L1 time any of its records has carried (events and progress
     * heartbeats). Never goes backwards.
     */
    Instant now();

    /** L1 block of the record being handled, or the latest known block; {@code null} if none yet. */
    Long l1Block();

    /**
     * True while the monitor's own data for this rollup is stale (no progress heartbeat, or the
     * ingester lags L1). Absence-based indicators are not evaluated then: silence in the data is not
     * evidence that the rollup stalled.
     */
    boolean stale();
}
