package io.l2risk.engine;

import io.l2risk.avro.AlertCategory;
import io.l2risk.avro.Level;
import java.time.Instant;
import java.util.Objects;

/**
 * The last published state of one indicator of a rollup: what its latest {@code risk.indicators}
 * snapshot said (the worst subject when the indicator tracks several). A read-only view; the unit
 * and summary of the snapshot are not part of the engine state (they are on the topic).
 *
 * @param kind        the indicator
 * @param level       its level when last published
 * @param value       its value when last published (a value that moved without a level change is
 *                    re-published at most every {@link EngineSettings#snapshotInterval()} of L1 time)
 * @param threshold   the threshold in force then
 * @param publishedAt L1 time of that snapshot
 */
public record IndicatorLevel(IndicatorKind kind, Level level, double value, double threshold, Instant publishedAt) {

    public IndicatorLevel {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(publishedAt, "publishedAt");
    }

    public AlertCategory category() {
        return kind.category();
    }
}
