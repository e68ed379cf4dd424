package io.l2risk.engine;

import io.l2risk.avro.Level;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * What an indicator concludes at one moment of L1 time, for one subject.
 *
 * <p>The numbers are computed at once; the words ({@link #summary()}) and the evidence are built only
 * when someone reads them — an alert transition, a published snapshot — because almost every
 * evaluation changes nothing and is thrown away, and text is most of what an evaluation costs
 * (the backtest spent most of its time formatting summaries nobody read). The words are built at most
 * once, and {@link RollupEngine} reads whatever it needs of an evaluation before the indicator sees
 * its next record, so a supplier may read the indicator's state as it was when it evaluated. An
 * indicator that keeps evaluations across records must capture what its words need instead.
 */
public final class Evaluation {

    private final IndicatorKind kind;
    private final String subject;
    private final Level level;
    private final double value;
    private final double threshold;
    private final String unit;
    private final Long l1Block;
    private Supplier<Words> words;
    private String summary;
    private Supplier<Map<String, String>> evidenceWords;
    private Map<String, String> evidence;

    /**
     * The words of an evaluation: its summary, built with it, and its evidence, built only when read.
     * Published snapshots carry the summary alone; the evidence (times, hashes, threshold numbers as
     * strings) is read only at an alert transition, during the same record as the summary.
     *
     * @param summary  one human sentence with the numbers
     * @param evidence L1 evidence (any map; it is copied sorted), built on first read
     */
    public record Words(String summary, Supplier<Map<String, String>> evidence) {

        /** Words whose evidence is already built. */
        public Words(String summary, Map<String, String> evidence) {
            this(summary, () -> evidence);
        }
    }

    /**
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
     * @param l1Block   L1 block of the record that led to this evaluation, when known; {@code null} for an
     *                  evaluation kept across records, whose alert takes the block of the record at hand
     */
    public Evaluation(IndicatorKind kind, String subject, Level level, double value, double threshold,
                      String unit, String summary, Map<String, String> evidence, Long l1Block) {
        this(kind, subject, level, value, threshold, unit, l1Block);
        this.summary = Objects.requireNonNull(summary, "summary");
        this.evidence = sorted(evidence);
    }

    private Evaluation(IndicatorKind kind, String subject, Level level, double value, double threshold, String unit,
                       Long l1Block) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.subject = subject;
        this.level = Objects.requireNonNull(level, "level");
        this.value = value;
        this.threshold = threshold;
        this.unit = Objects.requireNonNull(unit, "unit");
        this.l1Block = l1Block;
    }

    /** An evaluation with the indicator's default unit. */
    public static Evaluation of(IndicatorKind kind, String subject, Level level, double value, double threshold,
                                String summary, Map<String, String> evidence, Long l1Block) {
        return new Evaluation(kind, subject, level, value, threshold, kind.unit(), summary, evidence, l1Block);
    }

    /**
     * An evaluation whose summary and evidence are built on first read (see the class doc), with the
     * indicator's default unit.
     */
    public static Evaluation lazy(IndicatorKind kind, String subject, Level level, double value, double threshold,
                                  Long l1Block, Supplier<Words> words) {
        return lazy(kind, subject, level, value, threshold, kind.unit(), l1Block, words);
    }

    /** An evaluation whose summary and evidence are built on first read (see the class doc). */
    public static Evaluation lazy(IndicatorKind kind, String subject, Level level, double value, double threshold,
                                  String unit, Long l1Block, Supplier<Words> words) {
        Evaluation evaluation = new Evaluation(kind, subject, level, value, threshold, unit, l1Block);
        evaluation.words = Objects.requireNonNull(words, "words");
        return evaluation;
    }

    public IndicatorKind kind() {
        return kind;
    }

    public String subject() {
        return subject;
    }

    public Level level() {
        return level;
    }

    public double value() {
        return value;
    }

    public double threshold() {
        return threshold;
    }

    public String unit() {
        return unit;
    }

    public Long l1Block() {
        return l1Block;
    }

    /** One human sentence with the numbers. */
    public String summary() {
        build();
        return summary;
    }

    /** L1 evidence, sorted by key. */
    public Map<String, String> evidence() {
        build();
        if (evidenceWords != null) {
            evidence = sorted(evidenceWords.get());
            evidenceWords = null;
        }
        return evidence;
    }

    private void build() {
        if (words != null) {
            Words built = words.get();
            summary = Objects.requireNonNull(built.summary(), "summary");
            evidenceWords = Objects.requireNonNull(built.evidence(), "evidence");
            words = null;
        }
    }

    public boolean isOk() {
        return level == Level.OK;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Evaluation e && kind == e.kind && Objects.equals(subject, e.subject) && level == e.level
                && Double.compare(value, e.value) == 0 && Double.compare(threshold, e.threshold) == 0
                && unit.equals(e.unit) && Objects.equals(l1Block, e.l1Block) && summary().equals(e.summary())
                && evidence().equals(e.evidence());
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, subject, level, value, threshold, unit, l1Block, summary());
    }

    @Override
    public String toString() {
        return "Evaluation[kind=" + kind + ", subject=" + subject + ", level=" + level + ", value=" + value
                + ", threshold=" + threshold + ", unit=" + unit + ", summary=" + summary() + ", evidence=" + evidence()
                + ", l1Block=" + l1Block + "]";
    }

    private static Map<String, String> sorted(Map<String, String> evidence) {
        // Sorted, not Map.copyOf: its iteration order changes from JVM to JVM, and so would the alert files.
        return evidence == null || evidence.isEmpty() ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(evidence));
    }
}
