package io.l2risk.engine.indicators;

import io.l2risk.engine.IndicatorKind;
import io.l2risk.engine.Params;
import io.l2risk.engine.RollupProfile;
import java.time.Duration;

/**
 * The parameters of {@link BridgeOutflowIndicator}, read once from the rollup's
 * {@code thresholds.BRIDGE_OUTFLOW} overrides; see the indicator's Javadoc for what each one does
 * and why its default is what it is.
 */
record OutflowParams(double quantile, double countWarningRatio, double countCriticalRatio,
                     double amountWarningRatio, double amountCriticalRatio, double minCountReference,
                     int repeatCritical, int corroborate, double matureWithdrawals, double defaultTailFactor,
                     Duration warmup, double minWithdrawals, long halfLifeMinutes, int maxTokens,
                     Duration tokenIdleAfter, double escrowShareWarning, double escrowShareCritical,
                     Duration escrowMaxAge, Duration clearAfter, OutflowLimits limits) {

    static OutflowParams of(RollupProfile profile) {
        Params p = profile.params(IndicatorKind.BRIDGE_OUTFLOW);
        double quantile = p.number("quantile", 0.999);
        if (quantile <= 0 || quantile > 1) {
            throw new IllegalArgumentException("rollup " + profile.rollupId()
                    + ", thresholds.BRIDGE_OUTFLOW.quantile: \"" + quantile + "\" is not in (0, 1]");
        }
        return new OutflowParams(
                quantile,
                p.number("countWarningRatio", 3),
                p.number("countCriticalRatio", 5),
                p.number("amountWarningRatio", 10),
                p.number("amountCriticalRatio", 50),
                p.number("minCountReference", 3),
                (int) Math.max(2, p.integer("repeatCritical", 3)),
                (int) Math.max(2, p.integer("corroborate", 2)),
                p.number("matureWithdrawals", 200),
                p.number("defaultTailFactor", 100),
                p.duration("warmup", Duration.ofDays(7)),
                p.number("minWithdrawals", 20),
                Math.max(60, p.duration("halfLife", Duration.ofDays(30)).toMinutes()),
                (int) Math.min(255, p.integer("maxTokens", 32)),
                p.duration("tokenIdleAfter", Duration.ofDays(30)),
                p.number("escrowShareWarning", 0),
                p.number("escrowShareCritical", 0),
                p.duration("escrowMaxAge", Duration.ofDays(2)),
                p.duration("clearAfter", Duration.ofMinutes(30)),
                new OutflowLimits(profile));
    }
}
