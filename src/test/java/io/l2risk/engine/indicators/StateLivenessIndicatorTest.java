package io.l2risk.engine.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.l2risk.avro.AlertStatus;
import io.l2risk.avro.RiskAlert;
import io.l2risk.avro.Severity;
import io.l2risk.engine.IndicatorKind;
import io.l2risk.engine.RollupProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StateLivenessIndicatorTest {

    /**
     * Kroma, 2024-03-12 (incidents.md #22, confidence M): a zkTrie bug produced a wrong state root at
     * 06:16 and the sequencer was only restarted at 13:48 — a ≈7.5 h halt of an OP-Stack-derived chain.
     * Modelled as hourly outputs (our assumption of Kroma's interval) on the hour for three days, none
     * after 06:00 until 14:00, heartbeats every 10 minutes.
     */
    @Test
    void shouldWarnEscalateAndResolveWhenTheProposerStopsForHours() {
        RollupProfile kroma = profile("kroma", Duration.ofHours(1));
        EngineDriver driver = new EngineDriver(kroma);
        LivenessRecords records = new LivenessRecords("kroma");
        Instant halt = Instant.parse("2024-03-12T06:00:00Z");
        Instant resumed = Instant.parse("2024-03-12T14:00:00Z");
        Instant start = halt.minus(Duration.ofDays(3));
        long l2Block = 8_000_000;
        for (Instant t = start; !t.isAfter(halt); t = t.plus(Duration.ofHours(1))) {
            records.output(t, l2Block += 1800);
        }
        records.output(resumed, l2Block + 1800).heartbeats(start, resumed, Duration.ofMinutes(10));

        driver.send(records.drain());

        assertThat(driver.alerts()).extracting(RiskAlert::getStatus, RiskAlert::getSeverity, RiskAlert::getEventTime,
                        RiskAlert::getSummary)
                .containsExactly(
                        tuple(AlertStatus.FIRING, Severity.WARNING, Instant.parse("2024-03-12T07:20:00Z"),
                                "No state proposed for 1h 20m (threshold 1h 15m, 1.25 × the 1h expected proposal interval)."),
                        tuple(AlertStatus.ESCALATED, Severity.CRITICAL, Instant.parse("2024-03-12T08:10:00Z"),
                                "No state proposed for 2h 10m (threshold 2h, 2 × the 1h expected proposal interval)."),
                        tuple(AlertStatus.RESOLVED, Severity.CRITICAL, resumed,
                                "Last state proposal 0s ago (threshold 1h 15m, 1.25 × the 1h expected proposal interval)."));
        assertThat(driver.alerts().get(1).getEvidence())
                .containsEntry("lastProposalL2Block", Long.toString(l2Block))
                .containsEntry("lastProposalAt", halt.toString());
    }

    /** Without an expected interval in the profile, the cadence is learned (and meanwhile a 4h default applies). */
    @Test
    void shouldLearnAnHourlyCadenceWhenTheProfileGivesNone() {
        EngineDriver driver = new EngineDriver(profile("generic-op", null));
        LivenessRecords records = new LivenessRecords("generic-op");
        Instant start = Instant.parse("2024-03-01T00:00:00Z");
        Instant t = start;
        for (int i = 0; i < 72; i++, t = t.plus(Duration.ofHours(1))) {
            records.output(t, 1800L * i);
        }
        Instant last = t.minus(Duration.ofHours(1));
        // Two hours without a proposal, then three: the learned bound lies between.
        Instant next = last.plus(Duration.ofHours(2));
        Instant after = next.plus(Duration.ofHours(3));
        records.output(next, 1800L * 72).output(after, 1800L * 73).heartbeats(start, after, Duration.ofMinutes(10));

        driver.send(records.drain());

        assertThat(driver.alerts()).extracting(RiskAlert::getStatus, RiskAlert::getEventTime, RiskAlert::getSummary)
                .containsExactly(
                        tuple(AlertStatus.FIRING, next.plus(Duration.ofMinutes(170)),
                                "No state proposed for 2h 50m (threshold 2h 49m from 3d 2h of history: "
                                        + "typical interval 59m 58s, p99.9 59m 58s)."),
                        tuple(AlertStatus.RESOLVED, after, "Last state proposal 0s ago (threshold 2h 49m from 3d 3h of "
                                + "history: typical interval 59m 58s, p99.9 59m 58s)."));
    }

    @Test
    void shouldNotJudgeARollupBeforeItsFirstProposal() {
        EngineDriver driver = new EngineDriver(profile("no-outputs", Duration.ofHours(1)));
        LivenessRecords records = new LivenessRecords("no-outputs");
        Instant start = Instant.parse("2024-03-01T00:00:00Z");
        records.batch(start, 1L).heartbeats(start, start.plus(Duration.ofHours(6)), Duration.ofMinutes(10));

        driver.send(records.drain());

        assertThat(driver.snapshot(IndicatorKind.STATE_LIVENESS)).isNull();
        assertThat(driver.alerts(IndicatorKind.STATE_LIVENESS)).isEmpty();
    }

    private static RollupProfile profile(String id, Duration stateProposalInterval) {
        return new RollupProfile(id, "OP_STACK", true, false, Duration.ofDays(7), null, null, stateProposalInterval,
                null, null, null, null, Map.of());
    }
}
