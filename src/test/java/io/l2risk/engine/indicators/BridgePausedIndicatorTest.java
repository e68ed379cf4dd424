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
import io.l2risk.engine.IndicatorKind;
import io.l2risk.engine.RollupProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class BridgePausedIndicatorTest {

    private static final String ROLLUP_MANAGER = "0x5132a183e9f3cb7c848b0aac5ae0c4f0491b7ab2";
    private static final String PORTAL = "0xbeb5fc579115071764c7423a4f12edde41f106ed";

    private static List<RiskAlert> pauseAlerts(RollupProfile profile, List<SpecificRecord> records) {
        return DaDriver.of(IndicatorKind.BRIDGE_PAUSED, new DaDriver(profile).run(records));
    }

    private static void heartbeats(List<SpecificRecord> records, String rollup, Instant from, int minutes) {
        for (int m = 10; m <= minutes; m += 10) {
            records.add(progress(rollup, from.plus(Duration.ofMinutes(m)), 2));
        }
    }

    /**
     * Polygon zkEVM, incidents.md #21 (forum.polygon.technology "recent network outage report"): after an
     * L1 reorg the sequencer used a wrong global exit root; the rollup went into emergency state
     * ({@code EmergencyStateActivated}) until an emergency upgrade, ≈10 h without L2 blocks. Synthetic:
     * activation at 2024-03-23 09:00 UTC, deactivation (ingested as UNPAUSED) 10 h later.
     */
    @Test
    void shouldPageAtOnceOnPolygonZkEvmsEmergencyStateAndResolveWhenItIsDeactivated() {
        String zkevm = "polygon-zkevm";
        Instant on = Instant.parse("2024-03-23T09:00:11Z");
        Instant off = on.plus(Duration.ofHours(10));
        List<SpecificRecord> records = new ArrayList<>();
        records.add(event(zkevm, on, BridgeEventKind.EMERGENCY_MODE, ROLLUP_MANAGER));
        heartbeats(records, zkevm, on, 599);
        records.add(event(zkevm, off, BridgeEventKind.UNPAUSED, ROLLUP_MANAGER));

        List<RiskAlert> alerts = pauseAlerts(GovRecords.profile(zkevm, Map.of()), records);

        assertThat(lifecycle(alerts)).containsExactly(
                line(FIRING, CRITICAL, on, ROLLUP_MANAGER),
                line(RESOLVED, CRITICAL, off, ROLLUP_MANAGER));
        assertThat(alerts.get(0).getSummary()).isEqualTo("Bridge " + ROLLUP_MANAGER + " has been in emergency mode for "
                + "0s; tx " + tx(on) + ": deposits and withdrawals may be blocked.");
        assertThat(alerts.get(0).getEvidence()).containsEntry("pauseTx", tx(on)).containsEntry("emergencyTx", tx(on));
        assertThat(alerts.get(1).getSummary()).isEqualTo("Bridge " + ROLLUP_MANAGER
                + " is no longer in emergency mode: it ended 0s ago after 10h.");
        assertThat(alerts.get(1).getEvidence()).containsEntry("unpauseTx", tx(off));
    }

    @Test
    void shouldWarnOnAPauseEscalateAfterSixHoursAndResolveOnUnpause() {
        String op = "op-mainnet";
        Instant paused = Instant.parse("2024-06-20T12:00:11Z");
        Instant unpaused = paused.plus(Duration.ofHours(8));
        List<SpecificRecord> records = new ArrayList<>();
        records.add(event(op, paused, BridgeEventKind.PAUSED, PORTAL));
        heartbeats(records, op, paused, 479);
        records.add(event(op, unpaused, BridgeEventKind.UNPAUSED, PORTAL));

        List<RiskAlert> alerts = pauseAlerts(GovRecords.profile(op, Map.of()), records);

        assertThat(lifecycle(alerts)).containsExactly(
                line(FIRING, WARNING, paused, PORTAL),
                line(ESCALATED, CRITICAL, paused.plus(Duration.ofMinutes(370)), PORTAL),
                line(RESOLVED, CRITICAL, unpaused, PORTAL));
        assertThat(alerts.get(0).getSummary()).isEqualTo("Bridge " + PORTAL + " has been paused for 0s (critical after "
                + "6h); tx " + tx(paused) + ": deposits and withdrawals may be blocked.");
        assertThat(alerts.get(1).getSummary()).startsWith("Bridge " + PORTAL + " has been paused for 6h 10m");
        assertThat(alerts.get(1).getValue()).isEqualTo(22_200.0);
        assertThat(alerts.get(1).getThreshold()).isEqualTo(21_600.0);
    }

    /** Linea, incidents.md #19: the deliberate ≈1 h halt after the Velocore exploit; a short pause only warns. */
    @Test
    void shouldOnlyWarnOnAnHourLongPauseAndKeepSubjectsApart() {
        String linea = "linea";
        String messageService = "0xd19d4b5d358258f05d7b411e21a1460d11b0876f";
        Instant paused = Instant.parse("2024-06-02T10:00:11Z");
        List<SpecificRecord> records = new ArrayList<>();
        records.add(event(linea, paused, BridgeEventKind.PAUSED, messageService));
        records.add(GovRecords.event(linea, paused.plusSeconds(60), BridgeEventKind.PAUSED, messageService, null)
                .setSubject("tokenBridge").build());
        heartbeats(records, linea, paused, 59);
        records.add(event(linea, paused.plus(Duration.ofHours(1)), BridgeEventKind.UNPAUSED, messageService));
        heartbeats(records, linea, paused.plus(Duration.ofHours(1)), 60);

        List<RiskAlert> alerts = pauseAlerts(GovRecords.profile(linea, Map.of()), records);

        assertThat(lifecycle(alerts)).containsExactly(
                line(FIRING, WARNING, paused, messageService),
                line(FIRING, WARNING, paused.plusSeconds(60), "tokenBridge"),
                line(RESOLVED, WARNING, paused.plus(Duration.ofHours(1)), messageService));
    }

    @Test
    void shouldNotFireOnOrdinaryBridgeTraffic() {
        String op = "op-mainnet";
        Instant t = Instant.parse("2024-06-20T12:00:11Z");
        List<SpecificRecord> records = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Instant at = t.plus(Duration.ofMinutes(15L * i));
            records.add(GovRecords.event(op, at, BridgeEventKind.DEPOSIT_INITIATED, PORTAL, null)
                    .setAmount("1000000000000000000").build());
            records.add(GovRecords.event(op, at.plusSeconds(12), BridgeEventKind.WITHDRAWAL_FINALIZED, PORTAL, null)
                    .setMessageId(DaRecords.hash("w" + i)).setAmount("5").build());
            records.add(progress(op, at.plusSeconds(24), 2));
        }
        // An unpause without a pause is not an alert either.
        records.add(event(op, t.plus(Duration.ofDays(3)), BridgeEventKind.UNPAUSED, PORTAL));

        assertThat(pauseAlerts(GovRecords.profile(op, Map.of()), records)).isEmpty();
    }

    @Test
    void shouldBoundTrackedSubjectsAndRoundTripItsState() {
        String rollup = "generic";
        Instant t = Instant.parse("2024-06-20T12:00:11Z");
        List<SpecificRecord> records = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            records.add(GovRecords.event(rollup, t.plus(Duration.ofMinutes(i)), BridgeEventKind.PAUSED, PORTAL, null)
                    .setSubject("gateway-" + i).build());
            if (i % 3 == 0) {
                records.add(GovRecords.event(rollup, t.plus(Duration.ofMinutes(i)).plusSeconds(30),
                        BridgeEventKind.UNPAUSED, PORTAL, null).setSubject("gateway-" + i).build());
            }
        }
        heartbeats(records, rollup, t.plus(Duration.ofMinutes(40)), 600);
        RollupProfile profile = GovRecords.profile(rollup, Map.of());

        DaDriver driver = new DaDriver(profile);
        List<RiskAlert> uninterrupted = DaDriver.of(IndicatorKind.BRIDGE_PAUSED, driver.run(records));
        List<RiskAlert> resumed = DaDriver.of(IndicatorKind.BRIDGE_PAUSED, new DaDriver(profile).runRestoringEachStep(records));

        assertThat(resumed).isEqualTo(uninterrupted);
        BridgePausedIndicator indicator = new BridgePausedIndicator(profile);
        TestContext ctx = new TestContext(profile, t);
        for (SpecificRecord r : records) {
            indicator.onEvent(r, ctx);
        }
        List<io.l2risk.engine.Evaluation> out = new ArrayList<>();
        indicator.evaluate(ctx, out);
        assertThat(out).hasSize(BridgePausedIndicator.MAX_SUBJECTS);
        // Ended pauses are dropped first, then the oldest: the newest sixteen remain.
        assertThat(out).extracting(io.l2risk.engine.Evaluation::subject).contains("gateway-39", "gateway-38")
                .doesNotContain("gateway-0", "gateway-1");
    }
}
