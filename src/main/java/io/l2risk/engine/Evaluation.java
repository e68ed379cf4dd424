package io.l2risk.engine;

import io.l2risk.avro.Level;
import java.util.Map;
import java.util.Objects;

/**
 * What an indicator concludes at one moment of L1 time, for one subject.
 *
 * @param kind      the indicator
 * @param subject   what within the rollup it is about (a token, a dispute, a contract); {@code null}
 *                  for rollup-wide indicators. One alert can be open per (kind, subject).
 * @param level     OK, WARNING or CRITICAL
 * @param value     the measured value, in {@code unit}
 * @param threshold the threshold the value was compared with (the WARNING one when OK or WARNING,
 *                  the CRITICAL one when CRITICAL)
 * @param unit      unit of value and threshold
 * @param summary   one human sentence with the numbers
 * @param evidence  L1 evidence: tx hashes, batch indexes, exact amounts as decimal strings
 * @param l1Block   L1 block of the record that led to this evaluation, when known
 */
public record Evaluation(IndicatorKind kind, String subject, Level level, double value, double threshold,
                         String unit, String summary, Map<String, String> evidence, Long l1Block) {

    public Evaluation {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(summary, "summary");
        // Sorted, not Map.copyOf: its iteration order changes from JVM to JVM, and so would the alert files.
        evidence = evidence == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(evidence));
    }

    /** An evaluation with the indicator's default unit. */
    public static Evaluation of(IndicatorKind kind, String subject, Level level, double value, double threshold,
                                String summary, Map<String, String> evidence, Long l1Block) {
        return new Evaluation(kind, subject, level, value, threshold, kind.unit(), summary, evidence, l1Block);
    }

    public boolean isOk() {
        return level == Level.OK;
    }
}
