package io.l2risk.engine.indicators;

import static io.l2risk.avro.AlertStatus.FIRING;
import static io.l2risk.avro.AlertStatus.RESOLVED;
import static io.l2risk.avro.Severity.CRITICAL;
import static io.l2risk.engine.Events.progress;
import static io.l2risk.engine.indicators.DaDriver.line;
import static io.l2risk.engine.indicators.DaDriver.lifecycle;
import static org.assertj.core.api.Assertions.assertThat;

import io.l2risk.avro.BridgeEvent;
import io.l2risk.avro.BridgeEventKind;
import io.l2risk.avro.RiskAlert;
import io.l2risk.engine.Evaluation;
import io.l2risk.engine.IndicatorKind;
import io.l2risk.engine.RollupProfile;
import io.l2risk.records.IngestRecords;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class ForgedWithdrawalIndicatorTest {

    private static final String REPLICA = "0x5d94309e5a0090b165fa4181519701637b6daeba";
    private static final String WBTC = "0x2260fac5e5542a773aa44fbcfedf7c193bc2c599";
    private static final String HUNDRED_ETH = "100000000000000000000";

    private static BridgeEvent withdrawal(String rollup, Instant at, BridgeEventKind kind, String id, String txLabel,
                                          String token, String amount) {
        return GovRecords.event(rollup, at, kind, REPLICA, txLabel).setMessageId(id).setToken(token).setAmount(amount)
                .build();
    }

    private static List<RiskAlert> forgedAlerts(RollupProfile profile, List<SpecificRecord> records) {
        return DaDriver.of(IndicatorKind.FORGED_WITHDRAWAL, new DaDriver(profile).run(records));
    }

    private static RollupProfile nomadProfile() {
        // Nomad's optimistic window was 30 minutes: warm-up 1d 30m after the first initiation.
        return DaRecords.profile("nomad", "GENERIC", false, Duration.ofMinutes(30), null, null, Map.of());
    }

    static final Instant EXPLOIT = Instant.parse("2022-08-01T21:32:31Z");

    /** Forged withdrawal {@code i}: #0 is the first exploit tx, #1–#329 the 329 releases of 22:00–23:00. */
    static Instant forgedAt(int i) {
        return i == 0 ? EXPLOIT : Instant.parse("2022-08-01T22:00:00Z").plusSeconds(10L * (i - 1));
    }

    /**
     * Nomad, incidents.md B1 (nomad-xyz/hack-data; AndreAugusto11/XChainWatcher): releases on Ethereum ran
     * at 5–25 an hour, then from 21:32:31 on 2022-08-01 (block 15,259,101) the Replica released messages
     * that were never sent — 329 in 22:00–23:00 alone, 387 without a matching deposit in all. Synthetic:
     * 10 legitimate withdrawals an hour, each finalized 45 min after its initiation, from 2022-07-30;
     * 330 forged releases (100 ETH, every third 100 WBTC); legitimate, unmatched finalizations of
     * withdrawals initiated before monitoring began in the first hour.
     */
    static List<SpecificRecord> nomad() {
        List<SpecificRecord> records = new ArrayList<>();
        Instant start = Instant.parse("2022-07-30T00:00:00Z");
        for (int i = 0; i < 3; i++) {
            records.add(withdrawal("nomad", start.plus(Duration.ofMinutes(10 + i)), BridgeEventKind.WITHDRAWAL_FINALIZED,
                    DaRecords.hash("before-monitoring/" + i), "before/" + i, null, HUNDRED_ETH));
        }
        for (int i = 0; i < 3; i++) {
            records.add(withdrawal("nomad", forgedAt(0).plusSeconds(i), BridgeEventKind.WITHDRAWAL_FINALIZED,
                    DaRecords.hash("forged/" + i), "forged/" + i, null, HUNDRED_ETH));
        }
        for (int i = 0; i < 330; i++) {
            boolean token = i % 3 == 2;
            records.add(withdrawal("nomad", forgedAt(i), BridgeEventKind.WITHDRAWAL_FINALIZED, DaRecords.hash("forged/" + i),
                    "forged/" + i, token ? WBTC : null, token ? "10000000000" : HUNDRED_ETH));
        }
        records.subList(3, 6).clear();
        for (int i = 0; i < 10 * 24 * 4; i++) {
            Instant initiated = start.plus(Duration.ofMinutes(6L * i));
            String id = DaRecords.hash("legit/" + i);
            records.add(withdrawal("nomad", initiated, BridgeEventKind.WITHDRAWAL_INITIATED, id, "init/" + i, null, "1000"));
            records.add(withdrawal("nomad", initiated.plus(Duration.ofMinutes(45)), BridgeEventKind.WITHDRAWAL_FINALIZED, id,
                    "fin/" + i, null, "1000"));
        }
        for (Instant t = start; t.isBefore(Instant.parse("2022-08-03T00:00:00Z")); t = t.plus(Duration.ofMinutes(10))) {
            records.add(progress("nomad", t.plusSeconds(5), 2));
        }
        records.sort(Comparator.comparing(IngestRecords::eventTime));
        records.removeIf(r -> IngestRecords.eventTime(r).isAfter(Instant.parse("2022-08-03T00:00:00Z")));
        return records;
    }

    @Test
    void shouldPageSixteenTimesAndOnceMoreForNomadsCrowdOfForgedReleases() {
        List<RiskAlert> alerts = forgedAlerts(nomadProfile(), nomad());

        List<String> expectedFiring = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            expectedFiring.add(line(FIRING, CRITICAL, forgedAt(i), DaRecords.hash("forged/" + i)));
        }
        expectedFiring.add(line(FIRING, CRITICAL, forgedAt(16), ForgedWithdrawalIndicator.MORE_SUBJECT));
        assertThat(lifecycle(alerts.stream().filter(a -> a.getStatus() == FIRING).toList()))
                .containsExactlyElementsOf(expectedFiring);
        List<RiskAlert> resolved = alerts.stream().filter(a -> a.getStatus() == RESOLVED).toList();
        assertThat(resolved).hasSize(17);
        assertThat(resolved).allSatisfy(r -> {
            // The rollup-wide count lasts a day from the latest forged release it counts.
            Instant due = (ForgedWithdrawalIndicator.MORE_SUBJECT.equals(r.getSubject()) ? forgedAt(329)
                    : r.getOpenedAt()).plus(Duration.ofHours(24));
            assertThat(r.getEventTime()).isBetween(due, due.plus(Duration.ofMinutes(10)));
        });
        String tx0 = DaRecords.hash("forged/0");
        assertThat(alerts.get(0).getSummary()).isEqualTo("Withdrawal " + DaSupport.shortHex(DaRecords.hash("forged/0"))
                + " (100 ETH) was finalized on L1 0s ago with no matching initiation on L2 (tx " + tx0 + "): it may be forged.");
        assertThat(alerts.get(0).getEvidence()).containsEntry("txHash", tx0).containsEntry("amount", HUNDRED_ETH)
                .containsEntry("messageId", DaRecords.hash("forged/0")).containsEntry("step", "finalized");
        assertThat(alerts.get(16).getSummary()).isEqualTo("1 more withdrawal was proven or finalized on L1 without a "
                + "matching initiation within 0s, beyond the 16 listed individually: 100 ETH and 0 token withdrawals; "
                + "latest tx " + DaRecords.hash("forged/16") + ".");
    }

    @Test
    void shouldCountTheRestOfTheCrowdInOneRollupWideEvaluation() {
        RollupProfile profile = nomadProfile();
        ForgedWithdrawalIndicator indicator = new ForgedWithdrawalIndicator(profile);
        TestContext ctx = new TestContext(profile, Instant.EPOCH);
        for (SpecificRecord r : nomad()) {
            if (IngestRecords.eventTime(r).isAfter(Instant.parse("2022-08-01T23:00:00Z"))) {
                break;
            }
            ctx.now = IngestRecords.eventTime(r);
            indicator.onEvent(r, ctx);
        }
        List<Evaluation> out = new ArrayList<>();
        indicator.evaluate(ctx, out);

        assertThat(out).hasSize(17);
        Evaluation more = out.get(16);
        assertThat(more.subject()).isEqualTo(ForgedWithdrawalIndicator.MORE_SUBJECT);
        assertThat(more.value()).isEqualTo(314.0);
        // Forged #16–#329: 105 in WBTC (every third), 209 × 100 ETH.
        assertThat(more.summary()).isEqualTo("314 more withdrawals were proven or finalized on L1 without a matching "
                + "initiation within 52m 10s, beyond the 16 listed individually: 20900 ETH and 105 token withdrawals; "
                + "latest tx " + DaRecords.hash("forged/329") + ".");
        assertThat(more.evidence()).containsEntry("ethWei", "20900000000000000000000").containsEntry("count", "314");
    }

    @Test
    void shouldNotJudgeARollupThatHasShownNoInitiations() {
        List<SpecificRecord> records = new ArrayList<>();
        Instant t = Instant.parse("2024-06-20T12:00:11Z");
        for (int i = 0; i < 50; i++) {
            records.add(withdrawal("nomad", t.plus(Duration.ofHours(i)), BridgeEventKind.WITHDRAWAL_FINALIZED,
                    DaRecords.hash("w" + i), null, null, HUNDRED_ETH));
        }
        assertThat(forgedAlerts(nomadProfile(), records)).isEmpty();
    }

    @Test
    void shouldResolveWhenTheInitiationArrivesLateAndKeepProofAndFinalizationInOneAlert() {
        RollupProfile profile = DaRecords.profile("op", "OP_STACK", false, Duration.ofDays(7), null, null,
                Map.of("FORGED_WITHDRAWAL", Map.of("warmup", "0s")));
        Instant t = Instant.parse("2024-06-20T12:00:11Z");
        String id = DaRecords.hash("late");
        List<SpecificRecord> records = List.of(
                withdrawal("op", t, BridgeEventKind.WITHDRAWAL_INITIATED, DaRecords.hash("other"), "i0", null, "1"),
                withdrawal("op", t.plusSeconds(60), BridgeEventKind.WITHDRAWAL_PROVEN, id, "p", null, "5"),
                withdrawal("op", t.plusSeconds(120), BridgeEventKind.WITHDRAWAL_FINALIZED, id, "f", null, "5"),
                progress("op", t.plusSeconds(600), 2),
                withdrawal("op", t.plusSeconds(30), BridgeEventKind.WITHDRAWAL_INITIATED, id, "i1", null, "5"));

        List<RiskAlert> alerts = forgedAlerts(profile, records);

        assertThat(lifecycle(alerts)).containsExactly(
                line(FIRING, CRITICAL, t.plusSeconds(60), id),
                line(RESOLVED, CRITICAL, t.plusSeconds(600), id));
        assertThat(alerts.get(1).getSummary()).isEqualTo("Withdrawal " + DaSupport.shortHex(id)
                + " (0 ETH) was finalized on L1 9m ago; its initiation on L2 has now been seen.");
    }

    /** OP-Stack-like traffic for 20 days: 4 withdrawals an hour, proven 1 h and finalized 7 d after initiation. */
    @Test
    void shouldStaySilentOnOrdinaryWithdrawalsWithBoundedState() {
        RollupProfile profile = DaRecords.profile("op", "OP_STACK", false, Duration.ofDays(7), null, null, Map.of());
        Instant start = Instant.parse("2024-06-01T00:00:11Z");
        List<SpecificRecord> records = new ArrayList<>();
        for (int i = 0; i < 20 * 24 * 4; i++) {
            Instant at = start.plus(Duration.ofMinutes(15L * i));
            String id = DaRecords.hash("op/" + i);
            records.add(withdrawal("op", at, BridgeEventKind.WITHDRAWAL_INITIATED, id, "i/" + i, null, "1000"));
            records.add(withdrawal("op", at.plus(Duration.ofHours(1)), BridgeEventKind.WITHDRAWAL_PROVEN, id, "p/" + i, null, "1000"));
            records.add(withdrawal("op", at.plus(Duration.ofDays(7)), BridgeEventKind.WITHDRAWAL_FINALIZED, id, "f/" + i, null, "1000"));
        }
        records.sort(Comparator.comparing(IngestRecords::eventTime));
        records.removeIf(r -> IngestRecords.eventTime(r).isAfter(start.plus(Duration.ofDays(20))));

        DaDriver driver = new DaDriver(profile);
        List<RiskAlert> alerts = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        int half = records.size() * 3 / 4;
        alerts.addAll(driver.run(records.subList(0, half)));
        sizes.add(forgedStateSize(profile, records.subList(0, half)));
        alerts.addAll(driver.run(records.subList(half, records.size())));
        sizes.add(forgedStateSize(profile, records));

        assertThat(DaDriver.of(IndicatorKind.FORGED_WITHDRAWAL, alerts)).isEmpty();
        // 14 days × 96 initiations ≈ 1,344 fingerprints of 4 bytes: about 5.5 KiB, and no growth after day 14.
        assertThat(sizes).allSatisfy(s -> assertThat(s).isLessThan(6 * 1024));
        assertThat(sizes.get(1)).isLessThanOrEqualTo(sizes.get(0) + 512);
        assertThat(driver.stateSize()).isLessThan(24 * 1024);
    }

    private static int forgedStateSize(RollupProfile profile, List<SpecificRecord> records) {
        ForgedWithdrawalIndicator indicator = new ForgedWithdrawalIndicator(profile);
        TestContext ctx = new TestContext(profile, Instant.EPOCH);
        for (SpecificRecord r : records) {
            ctx.now = IngestRecords.eventTime(r).isAfter(ctx.now) ? IngestRecords.eventTime(r) : ctx.now;
            indicator.onEvent(r, ctx);
        }
        var bytes = new java.io.ByteArrayOutputStream();
        try {
            indicator.writeState(new java.io.DataOutputStream(bytes));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.size();
    }

    @Test
    void shouldGiveIdenticalAlertsWhenTheStateIsRestoredBeforeEveryRecord() {
        List<SpecificRecord> records = nomad();
        RollupProfile profile = nomadProfile();

        List<RiskAlert> uninterrupted = new DaDriver(profile).run(records);
        List<RiskAlert> resumed = new DaDriver(profile).runRestoringEachStep(records);

        assertThat(resumed).isEqualTo(uninterrupted);
    }
}
