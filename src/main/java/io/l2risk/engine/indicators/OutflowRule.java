package io.l2risk.engine.indicators;

import io.l2risk.avro.Level;
import io.l2risk.engine.Text;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * The default rule of {@link BridgeOutflowIndicator} for one subject: compares its rolling totals
 * with its baseline, its absolute and cold-start limits and its escrow, and keeps the worst finding.
 * Findings are numbers; the sentence is built only for the one that is reported.
 */
final class OutflowRule {

    enum Basis { BASELINE, REPEAT, LIMIT, COLD_LIMIT, ESCROW, LEARNING }

    /** One conclusion about one subject. */
    static final class Finding {
        final Basis basis;
        final OutflowWindow window;
        Level level;
        final double value;
        final double threshold;
        final String unit;
        final BigInteger total;
        double reference;
        BigInteger limit;
        BigInteger balance;
        int large;
        /** Other subjects anomalous at the same time, when that raised this one to CRITICAL. */
        String corroboratedBy;

        Finding(Basis basis, OutflowWindow window, Level level, double value, double threshold, String unit,
                BigInteger total) {
            this.basis = basis;
            this.window = window;
            this.level = level;
            this.value = value;
            this.threshold = threshold;
            this.unit = unit;
            this.total = total;
        }

        /** A copy to be raised by corroboration without touching this one. */
        Finding copy() {
            Finding f = new Finding(basis, window, level, value, threshold, unit, total);
            f.reference = reference;
            f.limit = limit;
            f.balance = balance;
            f.large = large;
            f.corroboratedBy = corroboratedBy;
            return f;
        }

        /** Anomalous on a short window (10 min or 1 h): counts towards corroboration. */
        boolean fastAnomaly() {
            return level != Level.OK && window != OutflowWindow.ONE_DAY;
        }

        boolean worse(Finding other) {
            if (level != other.level) {
                return level.ordinal() > other.level.ordinal();
            }
            return severity() > other.severity();
        }

        private double severity() {
            return threshold == 0 ? value : value / threshold;
        }
    }

    private final OutflowParams params;

    OutflowRule(OutflowParams params) {
        this.params = params;
    }

    static boolean countLike(OutflowSeries series) {
        return series.subject.equals(OutflowText.COUNT) || series.subject.equals(OutflowText.OTHER);
    }

    /** The subject has enough history for its own baseline. */
    boolean warm(OutflowSeries series, Instant now) {
        return series.firstAt != null && Limits.atLeast(series.firstAt, now, params.warmup())
                && series.withdrawalsSeen() >= params.minWithdrawals();
    }

    /**
     * The usual maximum of a window's total: its baseline quantile; for counts at least
     * {@code minCountReference}; for a token with too little history to know its own tail, at least its
     * median 10-minute total times the tail factor pooled over the bridge's well-known tokens.
     */
    double reference(OutflowSeries series, OutflowWindow window, double tailFactor) {
        double q = series.baseline(window).quantile(params.quantile());
        if (countLike(series)) {
            return Math.max(q, params.minCountReference());
        }
        if (series.withdrawalsSeen() < params.matureWithdrawals()) {
            q = Math.max(q, tailFactor * series.baseline(OutflowWindow.TEN_MINUTES).quantile(0.5));
        }
        return Math.max(q, 1);
    }

    /** The tail of a well-known token: its usual 10-minute maximum over its median, or NaN if not mature. */
    double tail(OutflowSeries series) {
        if (countLike(series) || series.withdrawalsSeen() < params.matureWithdrawals()) {
            return Double.NaN;
        }
        OutflowHistogram h = series.baseline(OutflowWindow.TEN_MINUTES);
        return h.quantile(params.quantile()) / h.quantile(0.5);
    }

    /**
     * The worst finding about {@code series} now: a function of the series (as of its
     * {@link OutflowSeries#changes}), {@link #warm}, {@link #escrowFresh} and {@code tailFactor}.
     */
    Finding assess(OutflowSeries series, Instant now, double tailFactor) {
        boolean warm = warm(series, now);
        boolean count = countLike(series);
        Finding worst = null;
        BigInteger[][][] limits = params.limits().of(series.subject);
        for (OutflowWindow window : OutflowWindow.ALL) {
            BigInteger total = series.sum(window);
            if (warm) {
                worst = worse(worst, baseline(series, window, total, tailFactor, count));
            }
            worst = worse(worst, limit(limits, window, total, false));
            if (!warm) {
                worst = worse(worst, limit(limits, window, total, true));
            }
        }
        if (warm && !count && series.largeInHour() >= params.repeatCritical()) {
            Finding f = new Finding(Basis.REPEAT, OutflowWindow.ONE_HOUR, Level.CRITICAL, series.largeInHour(),
                    params.repeatCritical(), "withdrawals", series.sum(OutflowWindow.ONE_HOUR));
            f.reference = reference(series, OutflowWindow.TEN_MINUTES, tailFactor);
            f.large = series.largeInHour();
            worst = worse(worst, f);
        }
        worst = worse(worst, escrowShare(series, now));
        if (worst == null) {
            worst = new Finding(Basis.LEARNING, OutflowWindow.ONE_HOUR, Level.OK, 0, 0, "ratio",
                    series.sum(OutflowWindow.ONE_HOUR));
        }
        return worst;
    }

    private static Finding worse(Finding current, Finding candidate) {
        if (candidate == null) {
            return current;
        }
        return current == null || candidate.worse(current) ? candidate : current;
    }

    private Finding baseline(OutflowSeries series, OutflowWindow window, BigInteger total, double tailFactor,
                             boolean count) {
        double reference = reference(series, window, tailFactor);
        double ratio = total.doubleValue() / reference;
        double warn = count ? params.countWarningRatio() : params.amountWarningRatio();
        double crit = count ? params.countCriticalRatio() : params.amountCriticalRatio();
        Level level = ratio >= crit ? Level.CRITICAL : ratio >= warn ? Level.WARNING : Level.OK;
        Finding f = new Finding(Basis.BASELINE, window, level, ratio, level == Level.CRITICAL ? crit : warn,
                "ratio", total);
        f.reference = reference;
        return f;
    }

    private static Finding limit(BigInteger[][][] limits, OutflowWindow window, BigInteger total, boolean cold) {
        if (limits == null) {
            return null;
        }
        BigInteger critical = OutflowLimits.get(limits, cold, window, Level.CRITICAL);
        BigInteger warning = OutflowLimits.get(limits, cold, window, Level.WARNING);
        Level level = Level.OK;
        BigInteger limit = warning != null ? warning : critical;
        if (critical != null && total.compareTo(critical) >= 0) {
            level = Level.CRITICAL;
            limit = critical;
        } else if (warning != null && total.compareTo(warning) >= 0) {
            level = Level.WARNING;
        }
        if (limit == null || limit.signum() == 0) {
            return null;
        }
        // Most windows of most subjects are empty: skip the decimal division then (0 either way).
        double ratio = total.signum() == 0 ? 0.0 : ratio(total, limit);
        Finding f = new Finding(cold ? Basis.COLD_LIMIT : Basis.LIMIT, window, level, ratio, 1.0, "ratio", total);
        f.limit = limit;
        return f;
    }

    /** Whether the share of escrow is judged: configured, with a reading at most {@code escrowMaxAge} old. */
    boolean escrowFresh(OutflowSeries series, Instant now) {
        return (params.escrowShareWarning() > 0 || params.escrowShareCritical() > 0) && series.escrow != null
                && Duration.between(series.escrowAt, now).compareTo(params.escrowMaxAge()) <= 0;
    }

    private Finding escrowShare(OutflowSeries series, Instant now) {
        if (!escrowFresh(series, now)) {
            return null;
        }
        BigInteger total = series.sum(OutflowWindow.ONE_HOUR);
        BigInteger balance = series.escrowAtWindowStart();
        if (balance.signum() == 0) {
            return null;
        }
        double share = ratio(total, balance);
        double warn = params.escrowShareWarning() > 0 ? params.escrowShareWarning() : params.escrowShareCritical();
        double crit = params.escrowShareCritical() > 0 ? params.escrowShareCritical() : Double.POSITIVE_INFINITY;
        Level level = share >= crit ? Level.CRITICAL : share >= warn ? Level.WARNING : Level.OK;
        Finding f = new Finding(Basis.ESCROW, OutflowWindow.ONE_HOUR, level, share,
                level == Level.CRITICAL ? crit : warn, "share", total);
        f.balance = balance;
        return f;
    }

    /** Above this many millionths the quotient of two doubles may be off by more than the guard band. */
    private static final double EXACT_MILLIONTHS = 0x1p40;
    /** How close to a rounding tie the approximate quotient may come before the exact path decides. */
    private static final double TIE_GUARD = 1e-3;

    /**
     * {@code numerator ÷ denominator} (both ≥ 0, denominator > 0) rounded half-up to six decimals: the
     * value of {@code new BigDecimal(n).divide(new BigDecimal(d), 6, HALF_UP).doubleValue()}, without
     * the decimal division, which was the largest cost of judging a bridge each minute. The quotient
     * of the two doubles is within 5·10⁻⁴ millionths of the true one below 2⁴⁰ millionths, so its
     * rounding is exact unless it lies within {@link #TIE_GUARD} of a tie; those and larger ratios take
     * the exact path. Dividing the rounded millionths by 10⁶ gives the double that
     * {@code BigDecimal.doubleValue} gives (both are the correctly rounded quotient).
     */
    static double ratio(BigInteger numerator, BigInteger denominator) {
        double millionths = numerator.doubleValue() / denominator.doubleValue() * 1e6;
        if (millionths < EXACT_MILLIONTHS) {
            double floor = Math.floor(millionths);
            if (Math.abs(millionths - floor - 0.5) > TIE_GUARD) {
                return Math.floor(millionths + 0.5) / 1e6;
            }
        }
        return new BigDecimal(numerator).divide(new BigDecimal(denominator), 6, RoundingMode.HALF_UP).doubleValue();
    }

    // --- reporting ------------------------------------------------------------------------------------

    String summary(Finding f, OutflowSeries series, Instant now) {
        String total = OutflowText.amount(series, f.total);
        String verb = countLike(series) ? " finalized" : " withdrawn";
        // A finding raised by corroboration keeps the warning threshold it crossed.
        String levelWord = f.level == Level.CRITICAL && f.corroboratedBy == null ? "critical" : "warning";
        String text = switch (f.basis) {
            case BASELINE -> total + verb + " in the last " + f.window.label + ": " + OutflowText.ratio(f.value)
                    + "× the usual maximum (" + percentile() + " percentile of " + f.window.label + " totals ≈ "
                    + OutflowText.approx(series, f.reference) + "); " + levelWord + " at "
                    + OutflowText.ratio(f.threshold) + "×.";
            case REPEAT -> f.large + " whale-sized withdrawals (each at least the usual 10m maximum ≈ "
                    + OutflowText.approx(series, f.reference) + ") within the last 1h, " + total
                    + " in all; critical at " + params.repeatCritical() + ": whales come alone, a drain repeats.";
            case LIMIT, COLD_LIMIT -> total + verb + " in the last " + f.window.label
                    + (f.level == Level.OK ? " is within" : " reaches") + " the "
                    + (f.basis == Basis.COLD_LIMIT ? "cold-start " : "") + levelWord + " limit of "
                    + OutflowText.amount(series, f.limit) + ".";
            case ESCROW -> total + " withdrawn in the last 1h is " + percent(f.value) + " of the escrow balance (≈ "
                    + OutflowText.amount(series, f.balance) + " at the window's start); " + levelWord + " at "
                    + percent(f.threshold) + ".";
            case LEARNING -> total + verb + " in the last 1h.";
        };
        if (!warm(series, now) && f.level == Level.OK) {
            Duration age = series.firstAt == null ? Duration.ZERO : Duration.between(series.firstAt, now);
            text = "Learning the baseline (" + Text.duration(age) + " of history and "
                    + Math.round(series.withdrawalsSeen()) + " withdrawals; needs " + Text.duration(params.warmup())
                    + " and " + Math.round(params.minWithdrawals()) + "): " + text;
        }
        if (f.corroboratedBy != null) {
            text += " Critical because " + f.corroboratedBy + " also left at an anomalous rate: a drain pattern.";
        }
        return text;
    }

    Map<String, String> evidence(Finding f, OutflowSeries series) {
        Map<String, String> evidence = new TreeMap<>();
        for (OutflowWindow window : OutflowWindow.ALL) {
            evidence.put("outflow" + window.label, series.sum(window).toString());
        }
        evidence.put("basis", f.basis.name());
        evidence.put("window", f.window.label);
        if (f.basis == Basis.BASELINE || f.basis == Basis.REPEAT) {
            evidence.put("reference", BigDecimal.valueOf(f.reference).setScale(0, RoundingMode.HALF_UP).toPlainString());
        }
        if (f.limit != null) {
            evidence.put("limit", f.limit.toString());
        }
        if (f.balance != null) {
            evidence.put("escrowBalance", series.escrow.toString());
            evidence.put("escrowAt", series.escrowAt.toString());
        }
        if (f.large > 0) {
            evidence.put("largeWithdrawals1h", Integer.toString(f.large));
        }
        if (f.corroboratedBy != null) {
            evidence.put("corroboratedBy", f.corroboratedBy);
        }
        if (series.lastTx != null) {
            evidence.put("lastTx", series.lastTx);
        }
        if (series.largestTx != null && !countLike(series)) {
            evidence.put("largestTx", series.largestTx);
            evidence.put("largestAmount", series.largest.toString());
        }
        if (series.symbol != null) {
            evidence.put("symbol", series.symbol);
        }
        return evidence;
    }

    private String percentile() {
        return BigDecimal.valueOf(params.quantile() * 100).stripTrailingZeros().toPlainString() + "th";
    }

    private static String percent(double share) {
        return BigDecimal.valueOf(share * 100).setScale(share >= 0.1 ? 0 : 1, RoundingMode.HALF_UP).toPlainString()
                + "%";
    }
}
