package io.l2risk.engine.indicators;

import static io.l2risk.avro.AlertStatus.ESCALATED;
import static io.l2risk.avro.AlertStatus.FIRING;
import static io.l2risk.avro.AlertStatus.RESOLVED;
import static io.l2risk.avro.Severity.CRITICAL;
import static io.l2risk.avro.Severity.WARNING;
import static io.l2risk.engine.Events.progress;
import static io.l2risk.engine.indicators.DaDriver.line;
import static io.l2risk.engine.indicators.DaDriver.lifecycle;
import static io.l2risk.engine.indicators.GovRecords.event;
import static io.l2risk.engine.indicators.GovRecords.tx;
import static org.assertj.core.api.Assertions.assertThat;

import io.l2risk.avro.BridgeEventKind;
import io.l2risk.avro.RiskAlert;
import io.l2risk.engine.Evaluation;
import io.l2risk.engine.IndicatorKind;
import io.l2risk.engine.RollupProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class GovernanceChangeIndicatorTest {

    private static final String ROLLUP_PROXY = "0x5ef0d09d1e6204141b4d37530808ed19f60fba35";
    private static final String NEW_IMPL = "0x0000000000000000000000000000000000a1b0a2";
    private static final String SYSTEM_CONFIG = "0x229047fed2591dbec1ef1118d64f7af3db9eb290";

    private static List<RiskAlert> govAlerts(RollupProfile profile, List<SpecificRecord> records) {
        return DaDriver.of(IndicatorKind.GOVERNANCE_CHANGE, new DaDriver(profile).run(records));
    }

    private static void heartbeats(List<SpecificRecord> records, String rollup, Instant from, int minutes) {
        for (int m = 10; m <= minutes; m += 10) {
            records.add(progress(rollup, from.plus(Duration.ofMinutes(m)), 2));
        }
    }

    /**
     * Arbitrum One, incidents.md #27 (L2BEAT milestone, nitro v3.2.0 release): the Security Council's
     * emergency upgrade of 2024-09-25 went through the UpgradeExecutor without a timelock. Synthetic:
     * the upgrade's hour and the new implementation address; the rollup proxy is Arbitrum One's.
     */
    @Test
    void shouldPageOnArbitrumsEmergencyUpgradeAndResolveADayLater() {
        String arb = "arbitrum-one";
        Instant at = Instant.parse("2024-09-25T15:00:11Z");
        List<SpecificRecord> records = new ArrayList<>();
        records.add(GovRecords.event(arb, at, BridgeEventKind.CONTRACT_UPGRADED, ROLLUP_PROXY, null)
                .setDetails(Map.of("implementation", NEW_IMPL)).build());
        heartbeats(records, arb, at, 26 * 60);

        List<RiskAlert> alerts = govAlerts(GovRecords.profile(arb, Map.of()), records);

        assertThat(lifecycle(alerts)).containsExactly(
                line(FIRING, CRITICAL, at, ROLLUP_PROXY),
                line(RESOLVED, CRITICAL, at.plus(Duration.ofHours(24)), ROLLUP_PROXY));
        assertThat(alerts.get(0).getSummary()).isEqualTo("Governance change: " + ROLLUP_PROXY
                + " upgraded to implementation " + NEW_IMPL + " 0s ago (tx " + tx(at) + ").");
        assertThat(alerts.get(0).getEvidence()).containsEntry("txHash", tx(at)).containsEntry("newValue", NEW_IMPL)
                .containsEntry("kind", "CONTRACT_UPGRADED").containsEntry("changes", "1");
        assertThat(alerts.get(1).getSummary()).isEqualTo("Governance change: " + ROLLUP_PROXY
                + " upgraded to implementation " + NEW_IMPL + " 1d ago (tx " + tx(at)
                + "); older than 1d, no longer alerting.");
    }

    @Test
    void shouldWarnOnAnOperatorChangeAndEscalateWhenTheOwnerChangesToo() {
        String op = "op-mainnet";
        Instant batcher = Instant.parse("2024-06-20T12:00:11Z");
        Instant owner = batcher.plus(Duration.ofHours(2));
        String newBatcher = "0x6887246668a3b87f54deb3b94ba47a6f63f32985";
        String newOwner = "0x847b5c174615b1b7fdf770882256e2d3e95b9d92";
        List<SpecificRecord> records = new ArrayList<>();
        records.add(GovRecords.event(op, batcher, BridgeEventKind.OPERATOR_CHANGED, SYSTEM_CONFIG, null)
                .setDetails(Map.of("role", "batcher", "newOperator", newBatcher)).build());
        heartbeats(records, op, batcher, 110);
        records.add(GovRecords.event(op, owner, BridgeEventKind.ADMIN_CHANGED, SYSTEM_CONFIG, null)
                .setDetails(Map.of("newOwner", newOwner)).build());
        heartbeats(records, op, owner, 25 * 60);

        List<RiskAlert> alerts = govAlerts(GovRecords.profile(op, Map.of()), records);

        assertThat(lifecycle(alerts)).containsExactly(
                line(FIRING, WARNING, batcher, SYSTEM_CONFIG),
                line(ESCALATED, CRITICAL, owner, SYSTEM_CONFIG),
                line(RESOLVED, CRITICAL, owner.plus(Duration.ofHours(24)), SYSTEM_CONFIG));
        assertThat(alerts.get(0).getSummary()).isEqualTo("Governance change: " + SYSTEM_CONFIG + " batcher changed to "
                + newBatcher + " 0s ago (tx " + tx(batcher) + ").");
        assertThat(alerts.get(1).getSummary()).isEqualTo("2 governance changes to " + SYSTEM_CONFIG + " within 2h; "
                + "latest: " + SYSTEM_CONFIG + " admin/owner changed to " + newOwner + " 0s ago (tx " + tx(owner) + ").");
        assertThat(alerts.get(1).getValue()).isEqualTo(2.0);
        assertThat(alerts.get(1).getEvidence()).containsEntry("txHash", tx(owner)).containsEntry("kind", "ADMIN_CHANGED")
                .containsEntry("firstChangeAt", batcher.toString());
    }

    /** anchors.md G8: OP's {@code Paused(string)} → {@code Paused(address)} change left decoders stale. */
    @Test
    void shouldWarnThatTheDecoderMayBeStaleOnAnUnknownEvent() {
        String op = "op-mainnet";
        String portal = "0xbeb5fc579115071764c7423a4f12edde41f106ed";
        String topic = DaRecords.hash("Paused(address)");
        Instant at = Instant.parse("2024-06-20T12:00:11Z");
        List<SpecificRecord> records = List.of(GovRecords.event(op, at, BridgeEventKind.UNKNOWN_EVENT, portal, null)
                .setDetails(Map.of("topic0", topic)).build());

        List<RiskAlert> alerts = govAlerts(GovRecords.profile(op, Map.of()), records);

        assertThat(lifecycle(alerts)).containsExactly(line(FIRING, WARNING, at, portal));
        assertThat(alerts.get(0).getSummary()).isEqualTo("Governance change: " + portal + " emitted an event the decoder "
                + "does not know (topic0 " + topic + ") 0s ago (tx " + tx(at) + "): the decoder may be out of date.");
    }

    @Test
    void shouldNotFireOnBridgeTrafficNorOnAChangeAlreadyOlderThanADay() {
        String op = "op-mainnet";
        Instant t = Instant.parse("2024-06-20T12:00:11Z");
        List<SpecificRecord> records = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Instant at = t.plus(Duration.ofMinutes(15L * i));
            records.add(GovRecords.event(op, at, BridgeEventKind.DEPOSIT_INITIATED, SYSTEM_CONFIG, null)
                    .setAmount("1000").build());
            records.add(event(op, at.plusSeconds(12), BridgeEventKind.PAUSED, "0x00000000000000000000000000000000000000aa"));
            records.add(progress(op, at.plusSeconds(24), 2));
        }
        Instant late = t.plus(Duration.ofMinutes(15L * 99));
        records.add(event(op, late.minus(Duration.ofHours(25)), BridgeEventKind.CONTRACT_UPGRADED, SYSTEM_CONFIG));

        assertThat(govAlerts(GovRecords.profile(op, Map.of()), records)).isEmpty();
    }

    @Test
    void shouldBoundSubjectsAndGiveIdenticalAlertsAfterRestoringState() {
        String rollup = "generic";
        Instant t = Instant.parse("2024-06-20T12:00:11Z");
        List<SpecificRecord> records = new ArrayList<>();
        for (int i = 0; i < 48; i++) {
            String contract = String.format("0x%040x", i + 1);
            BridgeEventKind kind = i % 2 == 0 ? BridgeEventKind.OPERATOR_CHANGED : BridgeEventKind.CONTRACT_UPGRADED;
            records.add(GovRecords.event(rollup, t.plus(Duration.ofMinutes(20L * i)), kind, contract, null)
                    .setDetails(Map.of("role", "validator", "operator", String.format("0x%040x", 1000 + i))).build());
        }
        heartbeats(records, rollup, t.plus(Duration.ofHours(16)), 40 * 60);
        RollupProfile profile = GovRecords.profile(rollup, Map.of());

        List<RiskAlert> uninterrupted = govAlerts(profile, records);
        List<RiskAlert> resumed = DaDriver.of(IndicatorKind.GOVERNANCE_CHANGE,
                new DaDriver(profile).runRestoringEachStep(records));

        assertThat(resumed).isEqualTo(uninterrupted);
        // 48 fire; the 16 oldest are evicted (resolved as no longer observed), the other 32 resolve after a day.
        assertThat(uninterrupted).filteredOn(a -> a.getStatus() == FIRING).hasSize(48);
        assertThat(uninterrupted).filteredOn(a -> a.getStatus() == RESOLVED).hasSize(48);

        GovernanceChangeIndicator indicator = new GovernanceChangeIndicator(profile);
        TestContext ctx = new TestContext(profile, t);
        for (SpecificRecord r : records.subList(0, 48)) {
            ctx.now = io.l2risk.records.IngestRecords.eventTime(r);
            indicator.onEvent(r, ctx);
        }
        List<Evaluation> out = new ArrayList<>();
        indicator.evaluate(ctx, out);
        assertThat(out).hasSize(GovernanceChangeIndicator.MAX_SUBJECTS);
    }
}
