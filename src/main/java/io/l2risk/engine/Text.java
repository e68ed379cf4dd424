package io.l2risk.engine;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;

/** Formatting for alert summaries: numbers people read at 3 a.m. */
public final class Text {

    private static final BigDecimal WEI_PER_ETH = BigDecimal.TEN.pow(18);

    private Text() {
    }

    /** {@code 31m 12s}, {@code 2h 5m}, {@code 3d 4h}, {@code 45s}: the two largest units. */
    public static String duration(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        long days = seconds / 86_400;
        long hours = seconds % 86_400 / 3600;
        long minutes = seconds % 3600 / 60;
        long secs = seconds % 60;
        if (days > 0) {
            return hours > 0 ? days + "d " + hours + "h" : days + "d";
        }
        if (hours > 0) {
            return minutes > 0 ? hours + "h " + minutes + "m" : hours + "h";
        }
        if (minutes > 0) {
            return secs > 0 ? minutes + "m " + secs + "s" : minutes + "m";
        }
        return secs + "s";
    }

    /** {@link #duration(Duration)} of a number of seconds. */
    public static String seconds(double seconds) {
        return duration(Duration.ofSeconds((long) seconds));
    }

    /** A wei amount as ETH with up to 4 decimals, e.g. {@code 173600 ETH}, {@code 0.0123 ETH}. */
    public static String eth(BigInteger wei) {
        BigDecimal eth = new BigDecimal(wei).divide(WEI_PER_ETH, 4, RoundingMode.HALF_UP).stripTrailingZeros();
        return eth.toPlainString() + " ETH";
    }
}
