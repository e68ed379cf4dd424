package io.l2risk.engine.indicators;

import io.l2risk.avro.Level;
import io.l2risk.engine.Text;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * WARNING and CRITICAL thresholds in seconds at one moment, with the reason each applies (for the
 * summary) and the numbers behind them (for the evidence). Built by {@link ThresholdPolicy}; the
 * thresholds are computed at once, the words only when a summary is built.
 *
 * @param warn     WARNING when a value exceeds this many seconds
 * @param critical CRITICAL when a value exceeds this many seconds (at least {@code warn})
 * @param words    why each threshold applies, and the baseline numbers behind them
 */
record Limits(long warn, long critical, Words words) {

    /** The words behind the thresholds; immutable, so they may be built any time later. */
    interface Words {
        /** Text after a threshold in a summary, e.g. {@code ", default until 2d of history"}. */
        String basis(boolean ofCritical);

        /** Baseline and threshold numbers as decimal strings. */
        Map<String, String> evidence();
    }

    Level level(long seconds) {
        return seconds > critical ? Level.CRITICAL : seconds > warn ? Level.WARNING : Level.OK;
    }

    /** Whole seconds from {@code from} to {@code to}: {@code Duration.between(from, to).toSeconds()}, without the Duration. */
    static long secondsBetween(Instant from, Instant to) {
        long seconds = to.getEpochSecond() - from.getEpochSecond();
        return to.getNano() < from.getNano() ? seconds - 1 : seconds;
    }

    /** Whether at least {@code span} passed from {@code from} to {@code to}, without allocating. */
    static boolean atLeast(Instant from, Instant to, Duration span) {
        long seconds = secondsBetween(from, to);
        int nanos = Math.floorMod(to.getNano() - from.getNano(), 1_000_000_000);
        return seconds != span.getSeconds() ? seconds > span.getSeconds() : nanos >= span.getNano();
    }

    /**
     * The L1 time, in epoch milliseconds, at which a duration begun at {@code startMillis} and counted in
     * whole seconds first exceeds {@code seconds}; {@link Long#MAX_VALUE} beyond the representable.
     */
    static long exceededAtMillis(long startMillis, long seconds) {
        try {
            return Math.addExact(startMillis, Math.multiplyExact(Math.addExact(seconds, 1), 1000));
        } catch (ArithmeticException beyondTime) {
            return Long.MAX_VALUE;
        }
    }

    /** When a duration begun at {@code startMillis} turns WARNING ({@link #exceededAtMillis}). */
    long warnedAtMillis(long startMillis) {
        return exceededAtMillis(startMillis, warn);
    }

    /** The threshold a value at {@code level} is compared with: the CRITICAL one when CRITICAL. */
    long threshold(Level level) {
        return level == Level.CRITICAL ? critical : warn;
    }

    /** {@code "threshold 6m 36s from 5d of history: typical interval 1m 30s, p99.9 2m"}. */
    String describe(Level level) {
        return "threshold " + Text.duration(Duration.ofSeconds(threshold(level))) + words.basis(level == Level.CRITICAL);
    }

    /** Baseline and threshold numbers as decimal strings (a new, mutable map). */
    Map<String, String> evidence() {
        return words.evidence();
    }
}
