package io.l2risk.engine.indicators;

import io.l2risk.engine.Text;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/** How the outflow of a subject reads in a summary: withdrawals, ETH, or a token in its own units. */
final class OutflowText {

    static final String COUNT = "count";
    static final String ETH = "ETH";
    static final String OTHER = "other";

    private OutflowText() {
    }

    static String amount(OutflowSeries series, BigInteger value) {
        return switch (series.subject) {
            case COUNT -> value + (value.equals(BigInteger.ONE) ? " withdrawal" : " withdrawals");
            case OTHER -> value + (value.equals(BigInteger.ONE) ? " withdrawal" : " withdrawals")
                    + " of untracked tokens";
            case ETH -> Text.eth(value);
            default -> token(series, value);
        };
    }

    /** A baseline statistic (approximate by nature), to three significant digits. */
    static String approx(OutflowSeries series, double value) {
        if (series.decimals == null && !series.subject.equals(ETH)) {
            BigInteger rounded = BigDecimal.valueOf(value).round(new MathContext(3)).setScale(0, RoundingMode.HALF_UP)
                    .toBigInteger();
            return amount(series, rounded);
        }
        int decimals = series.subject.equals(ETH) ? 18 : series.decimals;
        BigDecimal units = BigDecimal.valueOf(value).movePointLeft(decimals).round(new MathContext(3))
                .stripTrailingZeros();
        return units.toPlainString() + " " + (series.subject.equals(ETH) ? "ETH" : name(series));
    }

    static String noun(OutflowSeries series) {
        return switch (series.subject) {
            case COUNT -> "Withdrawal count";
            case OTHER -> "Withdrawal count of untracked tokens";
            case ETH -> "ETH outflow";
            default -> name(series) + " outflow";
        };
    }

    static String ratio(double ratio) {
        if (ratio >= 100) {
            return Long.toString(Math.round(ratio));
        }
        return BigDecimal.valueOf(ratio).setScale(ratio >= 10 ? 0 : 1, RoundingMode.HALF_UP).toPlainString();
    }

    private static String token(OutflowSeries series, BigInteger value) {
        return token(series.subject, series.symbol, series.decimals, value);
    }

    /** An amount of ETH ({@code token} null) or of a token, in its units when its decimals are known. */
    static String token(String token, String symbol, Integer decimals, BigInteger value) {
        if (token == null || token.equals(ETH)) {
            return Text.eth(value);
        }
        String name = symbol != null ? symbol : "token " + token;
        if (decimals == null) {
            return value + " base units of " + name;
        }
        BigDecimal scaled = new BigDecimal(value).movePointLeft(decimals)
                .setScale(Math.min(4, decimals), RoundingMode.HALF_UP).stripTrailingZeros();
        return scaled.toPlainString() + " " + name;
    }

    private static String name(OutflowSeries series) {
        return series.symbol != null ? series.symbol : "token " + series.subject;
    }
}
