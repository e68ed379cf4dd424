package io.l2risk.engine.indicators;

import io.l2risk.avro.Level;
import io.l2risk.engine.Text;
import java.time.Duration;
import java.util.Map;

/**
 * WARNING and CRITICAL thresholds in seconds at one moment, with the reason each applies (for the
 * summary) and the numbers behind them (for the evidence). Built by {@link ThresholdPolicy}.
 *
 * @param warn          WARNING when a value exceeds this many seconds
 * @param critical      CRITICAL when a value exceeds this many seconds (at least {@code warn})
 * @param warnBasis     text after the WARNING threshold in a summary, e.g. {@code ", default until 2d of history"}
 * @param criticalBasis the same for CRITICAL
 * @param evidence      baseline and threshold numbers as decimal strings
 */
record Limits(long warn, long critical, String warnBasis, String criticalBasis, Map<String, String> evidence) {

    Limits {
        evidence = Map.copyOf(evidence);
    }

    Level level(long seconds) {
        return seconds > critical ? Level.CRITICAL : seconds > warn ? Level.WARNING : Level.OK;
    }

    /** The threshold a value at {@code level} is compared with: the CRITICAL one when CRITICAL. */
    long threshold(Level level) {
        return level == Level.CRITICAL ? critical : warn;
    }

    /** {@code "threshold 6m 36s from 5d of history: typical interval 1m 30s, p99.9 2m"}. */
    String describe(Level level) {
        return "threshold " + Text.duration(Duration.ofSeconds(threshold(level)))
                + (level == Level.CRITICAL ? criticalBasis : warnBasis);
    }
}
