package io.l2risk.engine.indicators;

import io.l2risk.engine.IndicatorKind;
import io.l2risk.engine.Params;
import io.l2risk.engine.RollupProfile;
import io.l2risk.engine.Text;
import io.l2risk.engine.stats.AdaptiveThreshold;
import io.l2risk.engine.stats.LogScale;
import io.l2risk.engine.stats.RollingWindowHistogram;
import io.l2risk.engine.stats.ThresholdRule;
import io.l2risk.engine.stats.Thresholds;
import java.io.DataInput;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a duration-valued indicator (a gap, a wait, an age) gets its WARNING and CRITICAL thresholds,
 * in this order of precedence:
 * <ol>
 *   <li><b>configured</b>: {@code warnAfter} / {@code criticalAfter} overrides are used as given;</li>
 *   <li><b>learned</b> from the rollup's own durations: an {@link AdaptiveThreshold} over a 25–30 day
 *       rolling log histogram, with a {@link ThresholdRule} preset of the stats package (robust median
 *       and MAD in log space, trimmed p99.9; values that alerted are learned as the p99.9, so an
 *       outage cannot teach the baseline to tolerate the next one). Ready after {@code minSamples}
 *       durations over {@code minHistory} (the preset's 30 over 2 days); never below
 *       {@code minWarnAfter}. Overridable: {@code zWarning}, {@code zCritical},
 *       {@code tailFactorWarning}, {@code tailFactorCritical};</li>
 *   <li><b>default</b>: {@code defaultWarnAfter} / {@code defaultCriticalAfter} until the history is
 *       ready, so a new deployment works from its first record;</li>
 *   <li><b>protocol bound</b>: learned and default thresholds never exceed a fraction of the
 *       protocol's own bound (e.g. half the maximum batch interval for WARNING, all of it for
 *       CRITICAL), whatever the history says.</li>
 * </ol>
 * Parameters of a policy that is one of several of an indicator are prefixed, e.g. {@code prove.warnAfter}.
 */
final class ThresholdPolicy {

    /**
     * A protocol-defined bound the thresholds must respect.
     *
     * @param value            the bound, {@code null} when the protocol defines none
     * @param name             what it is, e.g. "maximum batch interval"
     * @param warnFraction     WARNING at the latest at this fraction of the bound
     * @param criticalFraction CRITICAL at the latest at this fraction of the bound
     */
    record ProtocolBound(Duration value, String name, double warnFraction, double criticalFraction) {

        static ProtocolBound none() {
            return new ProtocolBound(null, "", 1, 1);
        }
    }

    private final ThresholdRule rule;
    private final Duration fixedWarn;
    private final Duration fixedCritical;
    private final Duration defaultWarn;
    private final Duration defaultCritical;
    private final ProtocolBound bound;
    private final String tailLabel;
    /** The words of a DEFAULT basis, and of a PROTOCOL basis for WARNING and for CRITICAL: configuration only. */
    private final String defaultBasis;
    private final String warnBoundBasis;
    private final String criticalBoundBasis;
    /**
     * The last {@link #apply}: its limits stand while the baseline's thresholds are the same object
     * (they are replaced when recomputed) and what is asked is the same.
     */
    private AdaptiveThreshold lastBaseline;
    private Thresholds lastLearned;
    private String lastWhat;
    private Limits lastLimits;

    private ThresholdPolicy(Params params, String prefix, String where, ThresholdRule preset, Duration defaultWarn,
                            Duration defaultCritical, Duration minWarn, ProtocolBound bound) {
        this.fixedWarn = params.duration(prefix + "warnAfter", null);
        this.fixedCritical = params.duration(prefix + "criticalAfter", null);
        this.defaultWarn = params.duration(prefix + "defaultWarnAfter", defaultWarn);
        this.defaultCritical = params.duration(prefix + "defaultCriticalAfter", defaultCritical);
        this.bound = bound;
        try {
            this.rule = new ThresholdRule(preset.tailQuantile(), preset.minTrim(),
                    params.number(prefix + "zWarning", preset.zWarning()),
                    params.number(prefix + "zCritical", preset.zCritical()),
                    params.number(prefix + "tailFactorWarning", preset.tailFactorWarning()),
                    params.number(prefix + "tailFactorCritical", preset.tailFactorCritical()),
                    preset.minSpreadLog2(),
                    params.duration(prefix + "minWarnAfter", minWarn).toSeconds(),
                    params.integer(prefix + "minSamples", preset.minSamples()),
                    params.duration(prefix + "minHistory", Duration.ofSeconds(preset.minCoverageSeconds())).toSeconds(),
                    preset.refreshSeconds());
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("rollup ")) {
                throw e;
            }
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
        this.tailLabel = "p" + new BigDecimal(Double.toString(rule.tailQuantile() * 100)).stripTrailingZeros()
                .toPlainString();
        this.defaultBasis = ", default until " + Text.duration(Duration.ofSeconds(rule.minCoverageSeconds()))
                + " of history";
        boolean bounded = bound.value() != null;
        this.warnBoundBasis = bounded ? boundBasis(bound.warnFraction()) : null;
        this.criticalBoundBasis = bounded ? boundBasis(bound.criticalFraction()) : null;
    }

    private String boundBasis(double fraction) {
        return ", " + fraction(fraction) + " " + Text.duration(bound.value()) + " " + bound.name();
    }

    /**
     * The policy of {@code kind} for {@code profile}: the profile's overrides over the given defaults.
     *
     * @param prefix          parameter name prefix, empty for an indicator's only policy
     * @param preset          the stats rule to learn with, e.g. {@link ThresholdRule#livenessGap()}
     * @param defaultWarn     WARNING threshold until the history is ready
     * @param defaultCritical CRITICAL threshold until the history is ready
     * @param minWarn         learned thresholds are never below this
     * @param bound           the protocol's own bound, if any
     */
    static ThresholdPolicy of(RollupProfile profile, IndicatorKind kind, String prefix, ThresholdRule preset,
                              Duration defaultWarn, Duration defaultCritical, Duration minWarn, ProtocolBound bound) {
        String dotted = prefix.isEmpty() ? "" : prefix + ".";
        return new ThresholdPolicy(profile.params(kind), dotted,
                "rollup " + profile.rollupId() + ", thresholds." + kind.name() + (prefix.isEmpty() ? "" : "." + prefix),
                preset, defaultWarn, defaultCritical, minWarn, bound);
    }

    /** A fresh, empty history of durations in seconds. */
    AdaptiveThreshold newBaseline() {
        return new AdaptiveThreshold(rule, RollingWindowHistogram.thirtyDays(LogScale.DURATION_SECONDS));
    }

    /** A history written by {@link AdaptiveThreshold#writeTo}. */
    AdaptiveThreshold readBaseline(DataInput in) throws IOException {
        return AdaptiveThreshold.readFrom(in, rule);
    }

    /**
     * Learns a completed duration of {@code seconds} that ended at {@code end}. Only the learned
     * thresholds decide what counts as an outlier: the static defaults must not clip a slow chain's
     * ordinary intervals while its history warms up.
     */
    void learn(AdaptiveThreshold baseline, Instant end, double seconds) {
        baseline.learn(end.getEpochSecond(), seconds, Thresholds.NONE);
    }

    /**
     * The thresholds at L1 time {@code now}. The numbers are computed here; the words and evidence
     * behind them only when a summary is built ({@link Limits#describe}, {@link Limits#evidence}).
     *
     * @param what how one duration of the history is called in a summary, e.g. "interval", "wait"
     */
    Limits apply(AdaptiveThreshold baseline, Instant now, String what) {
        Thresholds learned = baseline.thresholds(now.getEpochSecond());
        if (learned == lastLearned && baseline == lastBaseline && what.equals(lastWhat)) {
            return lastLimits;
        }
        long warn;
        long critical;
        Source warnSource;
        Source criticalSource;
        if (learned.adaptive()) {
            warn = Math.round(learned.warning());
            critical = Math.round(learned.critical());
            warnSource = Source.LEARNED;
            criticalSource = Source.LEARNED;
        } else {
            warn = defaultWarn.toSeconds();
            critical = defaultCritical.toSeconds();
            warnSource = Source.DEFAULT;
            criticalSource = Source.DEFAULT;
        }
        if (bound.value() != null) {
            long warnCap = Math.round(bound.value().toSeconds() * bound.warnFraction());
            long criticalCap = Math.round(bound.value().toSeconds() * bound.criticalFraction());
            if (warn > warnCap) {
                warn = warnCap;
                warnSource = Source.PROTOCOL;
            }
            if (critical > criticalCap) {
                critical = criticalCap;
                criticalSource = Source.PROTOCOL;
            }
        }
        if (fixedWarn != null) {
            warn = fixedWarn.toSeconds();
            warnSource = Source.CONFIGURED;
        }
        if (fixedCritical != null) {
            critical = fixedCritical.toSeconds();
            criticalSource = Source.CONFIGURED;
        }
        boolean criticalIsWarn = critical < warn;
        if (criticalIsWarn) {
            critical = warn;
            criticalSource = warnSource;
        }
        lastBaseline = baseline;
        lastLearned = learned;
        lastWhat = what;
        lastLimits = new Limits(warn, critical, new Basis(baseline, learned, what, warn, critical, warnSource,
                criticalSource, criticalIsWarn));
        return lastLimits;
    }

    /**
     * The L1 time, in epoch milliseconds, before which {@link #apply} gives the same thresholds unless
     * the baseline learns in between ({@link AdaptiveThreshold#stableUntil}); configured ones never change.
     */
    private long stableUntilMillis(AdaptiveThreshold baseline) {
        if (fixedWarn != null && fixedCritical != null) {
            return Long.MAX_VALUE;
        }
        long seconds = baseline.stableUntil();
        return seconds >= Long.MAX_VALUE / 1000 ? Long.MAX_VALUE : seconds * 1000;
    }

    /**
     * For {@link io.l2risk.engine.Indicator#quietUntil}: until when (epoch milliseconds) an OK duration
     * judged by {@code applied}, the limits {@link #apply} gave for {@code baseline}, stays OK — until it
     * exceeds the warning threshold, if one runs since {@code startMillis} ({@code null}: none runs, it
     * stays 0), and no later than the thresholds may change.
     */
    long okUntilMillis(AdaptiveThreshold baseline, Limits applied, Long startMillis) {
        long stable = stableUntilMillis(baseline);
        return startMillis == null ? stable : Math.min(stable, applied.warnedAtMillis(startMillis));
    }

    /** Where a threshold comes from, in the order of precedence (the last applied wins). */
    private enum Source {
        LEARNED("learned"), DEFAULT("default"), PROTOCOL("protocol"), CONFIGURED("configured");

        private final String label;

        Source(String label) {
            this.label = label;
        }
    }

    /**
     * What the words of an {@link #apply} are made of, formatted on demand. The baseline's sample count
     * and coverage are read then: words are built before the baseline learns or moves again (see
     * {@link io.l2risk.engine.Evaluation}), so they are those of the evaluation.
     */
    private final class Basis implements Limits.Words {
        private final AdaptiveThreshold baseline;
        private final Thresholds learned;
        private final String what;
        private final long warn;
        private final long critical;
        private final Source warnSource;
        private final Source criticalSource;
        private final boolean criticalIsWarn;

        Basis(AdaptiveThreshold baseline, Thresholds learned, String what, long warn, long critical, Source warnSource,
              Source criticalSource, boolean criticalIsWarn) {
            this.criticalIsWarn = criticalIsWarn;
            this.baseline = baseline;
            this.learned = learned;
            this.what = what;
            this.warn = warn;
            this.critical = critical;
            this.warnSource = warnSource;
            this.criticalSource = criticalSource;
        }

        @Override
        public String basis(boolean ofCritical) {
            if (ofCritical && criticalIsWarn) {
                return basis(false);
            }
            return switch (ofCritical ? criticalSource : warnSource) {
                case LEARNED -> " from " + Text.duration(Duration.ofSeconds(coverage())) + " of history: typical " + what
                        + " " + Text.seconds(learned.median()) + ", " + tailLabel + " " + Text.seconds(tail());
                case DEFAULT -> defaultBasis;
                case PROTOCOL -> ofCritical ? criticalBoundBasis : warnBoundBasis;
                case CONFIGURED -> "";
            };
        }

        @Override
        public Map<String, String> evidence() {
            Map<String, String> evidence = new TreeMap<>();
            evidence.put("baselineSamples", Long.toString(baseline.baseline().count()));
            if (learned.adaptive()) {
                evidence.put("baselineMedianSeconds", Long.toString(Math.round(learned.median())));
                evidence.put("baselineTailSeconds", Long.toString(Math.round(tail())));
                evidence.put("baselineCoverageSeconds", Long.toString(coverage()));
            }
            evidence.put("warnAfterSeconds", Long.toString(warn));
            evidence.put("criticalAfterSeconds", Long.toString(critical));
            evidence.put("thresholdSource", warnSource == criticalSource ? warnSource.label
                    : warnSource.label + "/" + criticalSource.label);
            return evidence;
        }

        private long coverage() {
            return learned.adaptive() ? baseline.baseline().coverageSeconds() : 0;
        }

        /**
         * Median (interpolated) and tail (bucket midpoint) are both within the histogram's 4 % error; a
         * tail shown below the median would only confuse.
         */
        private double tail() {
            return Math.max(learned.upperQuantile(), learned.median());
        }
    }

    private static String fraction(double fraction) {
        if (fraction == 1) {
            return "the";
        } else if (fraction == 0.5) {
            return "half the";
        } else if (fraction == 0.25) {
            return "a quarter of the";
        }
        return new BigDecimal(Double.toString(fraction)).stripTrailingZeros().toPlainString() + " × the";
    }
}
