package io.l2risk.engine.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.l2risk.avro.Level;
import io.l2risk.engine.IndicatorKind;
import io.l2risk.engine.RollupProfile;
import io.l2risk.engine.stats.AdaptiveThreshold;
import io.l2risk.engine.stats.ThresholdRule;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ThresholdPolicyTest {

    private static final Instant START = Instant.parse("2024-06-01T00:00:00Z");

    @Test
    void shouldUseDefaultsUntilTheHistoryIsReadyThenTheLearnedThresholds() {
        ThresholdPolicy policy = policy(Map.of(), null);
        AdaptiveThreshold history = policy.newBaseline();
        Instant t = learnEvery(policy, history, START, Duration.ofSeconds(90), Duration.ofDays(1));

        Limits early = policy.apply(history, t, "interval");
        assertThat(early).extracting(Limits::warn, Limits::critical).containsExactly(1800L, 7200L);
        assertThat(early.describe(Level.WARNING)).isEqualTo("threshold 30m, default until 2d of history");

        t = learnEvery(policy, history, t, Duration.ofSeconds(90), Duration.ofDays(2));
        Limits learned = policy.apply(history, t, "interval");
        // Clockwork 90 s intervals have no spread: the rule's spread floor gives 2^(6 × 0.25) ≈ 2.8 × and
        // 2^(8 × 0.25) = 4 × the median; the 5m floor lifts the first.
        assertThat(learned).extracting(Limits::warn, Limits::critical).containsExactly(300L, 347L);
        // The log histogram reports 90 s within its 4.4 % bucket error.
        assertThat(learned.describe(Level.CRITICAL))
                .isEqualTo("threshold 5m 47s from 2d 23h of history: typical interval 1m 26s, p99.9 1m 26s");
        assertThat(learned.evidence()).containsEntry("thresholdSource", "learned");
    }

    @Test
    void shouldNeverExceedTheProtocolBoundAndKeepConfiguredThresholdsAsGiven() {
        ThresholdPolicy bounded = policy(Map.of(), Duration.ofMinutes(40));
        Limits limits = bounded.apply(bounded.newBaseline(), START, "interval");
        assertThat(limits).extracting(Limits::warn, Limits::critical).containsExactly(1200L, 2400L);
        assertThat(limits.describe(Level.WARNING)).isEqualTo("threshold 20m, half the 40m maximum batch interval");
        assertThat(limits.evidence()).containsEntry("thresholdSource", "protocol");

        ThresholdPolicy configured = policy(Map.of("warnAfter", "3h", "criticalAfter", "4h"), Duration.ofMinutes(40));
        Limits fixed = configured.apply(configured.newBaseline(), START, "interval");
        assertThat(fixed).extracting(Limits::warn, Limits::critical).containsExactly(10_800L, 14_400L);
        assertThat(fixed.describe(Level.CRITICAL)).isEqualTo("threshold 4h");
        assertThat(fixed.evidence()).containsEntry("thresholdSource", "configured");
    }

    /** A 10-hour outage, once over, is learned as the tail it exceeded: the next one alerts just as early. */
    @Test
    void shouldNotLetAnOutageRaiseTheLearnedThresholds() {
        ThresholdPolicy policy = policy(Map.of(), null);
        AdaptiveThreshold history = policy.newBaseline();
        Instant t = learnEvery(policy, history, START, Duration.ofSeconds(90), Duration.ofDays(3));
        Limits before = policy.apply(history, t, "interval");

        t = t.plus(Duration.ofHours(10));
        policy.learn(history, t, Duration.ofHours(10).toSeconds());
        Limits after = policy.apply(history, t.plus(Duration.ofHours(2)), "interval");

        assertThat(after.warn()).isEqualTo(before.warn());
        assertThat(after.critical()).isEqualTo(before.critical());
    }

    @Test
    void shouldFailAtStartOnMalformedOverridesNamingRollupIndicatorAndParameter() {
        assertThatThrownBy(() -> policy(Map.of("zWarning", "-1"), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rollup r, thresholds.BATCH_LIVENESS.zWarning: \"-1\" is not a non-negative number");
        assertThatThrownBy(() -> policy(Map.of("zWarning", "9", "zCritical", "8"), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rollup r, thresholds.BATCH_LIVENESS: need 0 < zWarning <= zCritical, got 9.0, 8.0");
        RollupProfile backlog = new RollupProfile("r", "GENERIC", true, false, null, null, null, null, null, null,
                null, null, Map.of("PROOF_BACKLOG", Map.of("prove.minHistory", "soon")));
        assertThatThrownBy(() -> new ProofBacklogIndicator(backlog))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("rollup r, thresholds.PROOF_BACKLOG.prove.minHistory: \"soon\" is not a duration");
    }

    private static ThresholdPolicy policy(Map<String, String> overrides, Duration bound) {
        RollupProfile profile = new RollupProfile("r", "GENERIC", true, false, null, null, bound, null, null, null,
                null, null, Map.of("BATCH_LIVENESS", overrides));
        return ThresholdPolicy.of(profile, IndicatorKind.BATCH_LIVENESS, "", ThresholdRule.livenessGap(),
                Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofMinutes(5),
                new ThresholdPolicy.ProtocolBound(bound, "maximum batch interval", 0.5, 1.0));
    }

    /** Learns intervals of {@code step} for {@code span} after {@code from}; returns the last time. */
    private static Instant learnEvery(ThresholdPolicy policy, AdaptiveThreshold history, Instant from, Duration step,
                                      Duration span) {
        Instant t = from;
        for (Instant end = from.plus(span); t.isBefore(end); ) {
            t = t.plus(step);
            policy.learn(history, t, step.toSeconds());
        }
        return t;
    }
}
