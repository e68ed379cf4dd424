package io.l2risk.engine.stats;

/** How far a value lies above its thresholds; the engine maps it to an alert severity. */
public enum Level {
    /** At or below the warning threshold. */
    NORMAL,
    /** Above the warning threshold, at or below the critical one. */
    WARNING,
    /** Above the critical threshold. */
    CRITICAL
}
