package io.l2risk.engine.indicators;

import io.l2risk.avro.Level;
import io.l2risk.engine.IndicatorKind;
import io.l2risk.engine.RollupProfile;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;

/**
 * Absolute outflow limits of {@link BridgeOutflowIndicator}, in the subject's base units (wei for
 * ETH, withdrawals for {@code count}), per window and level. Two families, both overridable in the
 * rollup registry under {@code thresholds.BRIDGE_OUTFLOW}:
 * <ul>
 *   <li>{@code limit.<subject>.<window>.<warning|critical>} — always applied (none by default);</li>
 *   <li>{@code coldLimit.<subject>.<window>.<warning|critical>} — applied only while the subject has
 *       no trusted baseline yet (cold start), with the defaults of {@link #COLD_DEFAULTS}.</li>
 * </ul>
 * {@code <subject>} is {@code count}, {@code ETH} or a lower-case token address; {@code <window>} is
 * {@code 10m}, {@code 1h} or {@code 24h}. A malformed key or value fails at start.
 */
final class OutflowLimits {

    /**
     * Cold-start limits. Counts: far above the busiest rollup bridges' ordinary finalization rates
     * (tens per hour) yet below a crowd drain (Nomad: 329 releases in one hour, incidents.md B1). ETH
     * and WETH: Lido's L2-bridge bots page on ≥ 10,000 wstETH withdrawn within 48 h (anchors.md A5,
     * HUGE-WITHDRAWALS-FROM-L2); a tenth of that within an hour warns. The mainnet stablecoins and
     * WBTC get limits of about the same value (orders of magnitude, not prices). Other tokens get
     * none: their decimals and prices are unknown here.
     */
    static final Map<String, String> COLD_DEFAULTS = coldDefaults();

    private static Map<String, String> coldDefaults() {
        Map<String, String> d = new HashMap<>();
        d.put("coldLimit.count.10m.warning", "40");
        d.put("coldLimit.count.10m.critical", "150");
        d.put("coldLimit.count.1h.warning", "120");
        d.put("coldLimit.count.1h.critical", "600");
        // subject, decimals, 1h warning, 1h critical, 24h warning (whole tokens)
        String[][] tokens = {
            {"ETH", "18", "1000", "10000", "10000"},
            {"0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2", "18", "1000", "10000", "10000"}, // WETH
            {"0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48", "6", "2000000", "20000000", "20000000"}, // USDC
            {"0xdac17f958d2ee523a2206206994597c13d831ec7", "6", "2000000", "20000000", "20000000"}, // USDT
            {"0x6b175474e89094c44da98b954eedeac495271d0f", "18", "2000000", "20000000", "20000000"}, // DAI
            {"0x2260fac5e5542a773aa44fbcfedf7c193bc2c599", "8", "50", "500", "500"}, // WBTC
        };
        for (String[] t : tokens) {
            BigInteger unit = BigInteger.TEN.pow(Integer.parseInt(t[1]));
            d.put("coldLimit." + t[0] + ".1h.warning", unit.multiply(new BigInteger(t[2])).toString());
            d.put("coldLimit." + t[0] + ".1h.critical", unit.multiply(new BigInteger(t[3])).toString());
            d.put("coldLimit." + t[0] + ".24h.warning", unit.multiply(new BigInteger(t[4])).toString());
        }
        return Map.copyOf(d);
    }

    /** Subject → [cold 0/1][window][warning 0, critical 1]. */
    private final Map<String, BigInteger[][][]> limits = new HashMap<>();

    OutflowLimits(RollupProfile profile) {
        Map<String, String> raw = new HashMap<>(COLD_DEFAULTS);
        raw.putAll(profile.thresholds().getOrDefault(IndicatorKind.BRIDGE_OUTFLOW.name(), Map.of()));
        raw.forEach((key, value) -> {
            if (key.startsWith("limit.") || key.startsWith("coldLimit.")) {
                BigInteger limit = parse(profile.rollupId(), key, value);
                String[] parts = key.split("\\.");
                BigInteger[][][] slots = limits.computeIfAbsent(parts[1],
                        s -> new BigInteger[2][OutflowWindow.values().length][2]);
                slots[parts[0].equals("coldLimit") ? 1 : 0][OutflowWindow.byLabel(parts[2]).ordinal()]
                        [parts[3].equals("critical") ? 1 : 0] = limit;
            }
        });
    }

    /** The limit or {@code null}. */
    BigInteger get(boolean cold, String subject, OutflowWindow window, Level level) {
        return get(limits.get(subject), cold, window, level);
    }

    /**
     * The limits of {@code subject} ([cold][window][critical]), to look up with {@link #get(BigInteger[][][],
     * boolean, OutflowWindow, Level)} without a map lookup per limit; {@code null} if it has none.
     */
    BigInteger[][][] of(String subject) {
        return limits.get(subject);
    }

    /** A limit from {@link #of}'s answer, or {@code null}. */
    static BigInteger get(BigInteger[][][] slots, boolean cold, OutflowWindow window, Level level) {
        return slots == null ? null : slots[cold ? 1 : 0][window.ordinal()][level == Level.CRITICAL ? 1 : 0];
    }

    private static BigInteger parse(String rollupId, String key, String value) {
        String[] parts = key.split("\\.");
        boolean keyOk = parts.length == 4 && !parts[1].isEmpty() && OutflowWindow.byLabel(parts[2]) != null
                && (parts[3].equals("warning") || parts[3].equals("critical"));
        if (!keyOk) {
            throw new IllegalArgumentException("rollup " + rollupId + ", thresholds.BRIDGE_OUTFLOW." + key
                    + ": not <limit|coldLimit>.<subject>.<10m|1h|24h>.<warning|critical>");
        }
        if (value == null || !value.matches("[0-9]{1,78}")) {
            throw new IllegalArgumentException("rollup " + rollupId + ", thresholds.BRIDGE_OUTFLOW." + key
                    + ": \"" + value + "\" is not a non-negative integer in base units (wei for ETH)");
        }
        return new BigInteger(value);
    }
}
