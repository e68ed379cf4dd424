package io.l2risk.embedded.sim;

import static io.l2risk.embedded.sim.SimRuns.BUNDLED;
import static io.l2risk.embedded.sim.SimRuns.START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.l2risk.avro.AlertStatus;
import io.l2risk.avro.RiskAlert;
import io.l2risk.avro.Severity;
import io.l2risk.embedded.sim.SimulatorSettings.Timeline;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each scripted incident, run alone on its rollup after the default 50 hours of history, raises exactly
 * the alerts it models — through the same engine as the topology ({@code Backtest}) with the bundled
 * registry — and the default scenario raises nothing else, on any rollup, at any time.
 */
class ScenarioAlertsTest {

    private static final Logger log = LoggerFactory.getLogger(ScenarioAlertsTest.class);

    private static final Timeline TIMELINE = SimRuns.settings().timeline(START);
    /** Three hours after the window: long enough for every incident that resolves to resolve. */
    private static final Instant END = START.plus(Duration.ofHours(3));

    @Test
    void shouldRaiseQueueStarvationWhenTheDelayedInboxIsNotRead() {
        Incident incident = incident(IncidentKind.L1_QUEUE_STUCK);

        assertThat(transitions(incident)).containsExactly(
                tuple("L1_QUEUE_STARVATION", null, AlertStatus.FIRING, Severity.WARNING),
                tuple("L1_QUEUE_STARVATION", null, AlertStatus.ESCALATED, Severity.CRITICAL),
                tuple("L1_QUEUE_STARVATION", null, AlertStatus.RESOLVED, Severity.CRITICAL));
    }

    @Test
    void shouldRaiseBatchLivenessDuringASequencerStallAndResolveOnTheCatchUpBatch() {
        Incident incident = incident(IncidentKind.SEQUENCER_STALL);

        List<RiskAlert> alerts = alerts(incident);

        assertThat(alerts).extracting(ScenarioAlertsTest::transition).containsExactly(
                tuple("BATCH_LIVENESS", null, AlertStatus.FIRING, Severity.WARNING),
                tuple("BATCH_LIVENESS", null, AlertStatus.ESCALATED, Severity.CRITICAL),
                tuple("BATCH_LIVENESS", null, AlertStatus.RESOLVED, Severity.CRITICAL));
        assertThat(alerts.get(2).getEventTime()).isEqualTo(L1Chain.slotAtOrAfter(start(incident).plus(incident.duration())));
        assertThat(alerts.get(0).getEvidence()).containsEntry("thresholdSource", "learned");
    }

    @Test
    void shouldRaiseGovernanceChangeOnAProxyUpgrade() {
        Incident incident = incident(IncidentKind.PROXY_UPGRADE);

        assertThat(transitions(incident)).containsExactly(
                tuple("GOVERNANCE_CHANGE", "0x1c479675ad559dc151f6ec7ed3fbf8cee79582b6", AlertStatus.FIRING, Severity.CRITICAL));
    }

    @Test
    void shouldRaiseDacQuorumAtTheMarginThenBelowIt() {
        Incident incident = incident(IncidentKind.DAC_QUORUM_LOSS);

        List<RiskAlert> alerts = alerts(incident);

        assertThat(alerts).extracting(ScenarioAlertsTest::transition).containsExactly(
                tuple("DAC_QUORUM", null, AlertStatus.FIRING, Severity.WARNING),
                tuple("DAC_QUORUM", null, AlertStatus.ESCALATED, Severity.CRITICAL),
                tuple("DAC_QUORUM", null, AlertStatus.RESOLVED, Severity.CRITICAL));
        assertThat(alerts.get(1).getEvidence()).containsEntry("signers", "4").containsEntry("threshold", "5");
    }

    @Test
    void shouldRaiseDaFallbackWhileAnAnyTrustChainPostsCalldata() {
        Incident incident = incident(IncidentKind.DAC_FALLBACK);

        assertThat(transitions(incident)).containsExactly(
                tuple("DA_FALLBACK", null, AlertStatus.FIRING, Severity.WARNING),
                tuple("DA_FALLBACK", null, AlertStatus.ESCALATED, Severity.CRITICAL),
                tuple("DA_FALLBACK", null, AlertStatus.RESOLVED, Severity.CRITICAL));
    }

    @Test
    void shouldRaiseDisputeWhenTheChallengerWins() {
        Incident incident = incident(IncidentKind.DISPUTE_LOST);

        List<RiskAlert> alerts = alerts(incident);

        assertThat(alerts).extracting(a -> a.getIndicator(), a -> a.getStatus(), a -> a.getSeverity()).containsExactly(
                tuple("DISPUTE", AlertStatus.FIRING, Severity.WARNING),
                tuple("DISPUTE", AlertStatus.ESCALATED, Severity.CRITICAL));
        assertThat(alerts.get(1).getEventTime()).isEqualTo(L1Chain.slotAtOrAfter(start(incident).plus(incident.duration())));
        assertThat(alerts.get(1).getSummary()).contains("was resolved for the challenger");
    }

    @Test
    void shouldRaiseStateRevertedWhenCommittedBatchesAreReverted() {
        Incident incident = incident(IncidentKind.STATE_REVERT);

        List<RiskAlert> alerts = alerts(incident);

        assertThat(alerts).extracting(a -> a.getIndicator(), a -> a.getStatus(), a -> a.getSeverity(), a -> a.getValue())
                .containsExactly(tuple("STATE_REVERTED", AlertStatus.FIRING, Severity.CRITICAL, 3.0));
    }

    @Test
    void shouldRaiseCriticalOutflowOnADrainAndAPauseWhileTheBridgeIsPaused() {
        Incident incident = incident(IncidentKind.BRIDGE_DRAIN);

        List<RiskAlert> alerts = alerts(incident);

        Map<String, Severity> worst = new TreeMap<>();
        alerts.forEach(a -> worst.merge(a.getIndicator() + "/" + a.getSubject(), a.getSeverity(),
                (x, y) -> x.compareTo(y) >= 0 ? x : y));
        assertThat(worst).containsExactly(
                Map.entry("BRIDGE_OUTFLOW/0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48", Severity.CRITICAL),
                Map.entry("BRIDGE_OUTFLOW/ETH", Severity.CRITICAL),
                Map.entry("BRIDGE_OUTFLOW/count", Severity.CRITICAL),
                Map.entry("BRIDGE_PAUSED/0xd19d4b5d358258f05d7b411e21a1460d11b0876f", Severity.WARNING));
        assertThat(alerts).filteredOn(a -> a.getIndicator().equals("BRIDGE_PAUSED"))
                .extracting(RiskAlert::getStatus).containsExactly(AlertStatus.FIRING, AlertStatus.RESOLVED);
    }

    @Test
    void shouldRaiseOnlyTheIncidentsAlertsAndTheFirstOneWithinHalfAMinuteAtSpeed60() {
        List<RiskAlert> alerts = SimRuns.alerts(L1Simulator.create(BUNDLED, SimRuns.settings(),
                Scenario.defaultIncidents(), END), END);

        Map<Incident, Instant> firstAlert = new LinkedHashMap<>();
        for (RiskAlert alert : alerts) {
            Incident cause = Scenario.defaultIncidents().incidents().stream()
                    .filter(i -> i.rollupId().equals(alert.getRollupId()) && expected(i).contains(alert.getIndicator()))
                    .findFirst().orElse(null);
            assertThat(cause).as("no incident explains %s", alert).isNotNull();
            // Opened by the incident: not before it, and within an hour and a half of its end.
            assertThat(alert.getOpenedAt()).as(alert.toString()).isAfterOrEqualTo(start(cause))
                    .isBefore(start(cause).plus(cause.duration()).plus(Duration.ofMinutes(90)));
            firstAlert.putIfAbsent(cause, alert.getEventTime());
        }
        assertThat(firstAlert).hasSize(Scenario.defaultIncidents().incidents().size());
        firstAlert.forEach((incident, at) -> log.info("{}: first alert {} s into the replay at 60x",
                incident.describe(), Duration.between(TIMELINE.windowStart(), at).toSeconds() / 60));
        assertThat(alerts).extracting(RiskAlert::getRollupId).containsOnly("arbitrum-one", "base", "arbitrum-nova",
                "op-mainnet", "scroll", "linea");
        Instant first = alerts.stream().map(RiskAlert::getEventTime).min(Instant::compareTo).orElseThrow();
        // One L1 minute per wall second: the first alert is this many seconds into the replay.
        assertThat(Duration.between(TIMELINE.windowStart(), first).toSeconds() / 60.0).isBetween(20.0, 30.0);
    }

    @Test
    void shouldRaiseTheSameTransitionsForAnySeed() {
        for (Incident incident : Scenario.defaultIncidents().incidents()) {
            SimulatorSettings seed7 = SimRuns.settings().withSeed(7).withStart(START.plus(Duration.ofHours(5)));
            Instant end = seed7.start().plus(Duration.ofHours(3));
            List<RiskAlert> other = SimRuns.alerts(L1Simulator.create(SimRuns.only(incident.rollupId()), seed7,
                    Scenario.of(incident), end), end);

            assertThat(other).as(incident.describe()).extracting(a -> a.getIndicator() + " " + a.getStatus() + " "
                            + a.getSeverity())
                    .containsExactlyInAnyOrderElementsOf(alerts(incident).stream()
                            .map(a -> a.getIndicator() + " " + a.getStatus() + " " + a.getSeverity()).toList());
        }
    }

    @Test
    void shouldStayQuietOverAWeekOfNormalTraffic() {
        // Long enough for baselines to become learned, for Arbitrum assertions made in the run to be
        // confirmed and OP games to resolve, and for OP withdrawals to be finalized.
        SimulatorSettings week = SimRuns.settings().withHistory(Duration.ofDays(7)).withWindow(Duration.ofHours(6));
        List<RiskAlert> alerts = SimRuns.alerts(L1Simulator.create(SimRuns.only("arbitrum-one", "op-mainnet",
                "zksync-era", "starknet"), week, Scenario.none(), START), START);

        assertThat(alerts).isEmpty();
    }

    // --- helpers --------------------------------------------------------------------------------------

    /** The indicators an incident is meant to trip. */
    private static List<String> expected(Incident incident) {
        return switch (incident.kind()) {
            case SEQUENCER_STALL -> List.of("BATCH_LIVENESS");
            case DAC_QUORUM_LOSS -> List.of("DAC_QUORUM");
            case DAC_FALLBACK -> List.of("DA_FALLBACK");
            case STATE_REVERT -> List.of("STATE_REVERTED");
            case DISPUTE_LOST -> List.of("DISPUTE");
            case BRIDGE_DRAIN -> List.of("BRIDGE_OUTFLOW", "BRIDGE_PAUSED");
            case PROXY_UPGRADE -> List.of("GOVERNANCE_CHANGE");
            case L1_QUEUE_STUCK -> List.of("L1_QUEUE_STARVATION");
        };
    }

    private static Incident incident(IncidentKind kind) {
        return Scenario.defaultIncidents().incidents().stream().filter(i -> i.kind() == kind).findFirst().orElseThrow();
    }

    private static Instant start(Incident incident) {
        return TIMELINE.windowStart().plus(incident.offset());
    }

    /** The incident alone on its rollup; every alert it raises opens at or after its start. */
    private static List<RiskAlert> alerts(Incident incident) {
        List<RiskAlert> alerts = SimRuns.alerts(L1Simulator.create(SimRuns.only(incident.rollupId()),
                SimRuns.settings(), Scenario.of(incident), END), END);
        assertThat(alerts).allSatisfy(a -> assertThat(a.getOpenedAt()).isAfterOrEqualTo(start(incident)));
        return alerts;
    }

    private static List<Tuple> transitions(Incident incident) {
        return alerts(incident).stream().map(ScenarioAlertsTest::transition).toList();
    }

    private static Tuple transition(RiskAlert alert) {
        return tuple(alert.getIndicator(), alert.getSubject(), alert.getStatus(), alert.getSeverity());
    }
}
