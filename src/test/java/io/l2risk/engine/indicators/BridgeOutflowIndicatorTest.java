package io.l2risk.engine.indicators;

import static io.l2risk.engine.indicators.BridgeEvents.T0;
import static io.l2risk.engine.indicators.BridgeEvents.USDC;
import static io.l2risk.engine.indicators.BridgeEvents.WBTC;
import static io.l2risk.engine.indicators.BridgeEvents.WETH;
import static io.l2risk.engine.indicators.BridgeEvents.units;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.l2risk.avro.AlertStatus;
import io.l2risk.avro.BridgeEventKind;
import io.l2risk.avro.Level;
import io.l2risk.avro.RiskAlert;
import io.l2risk.avro.Severity;
import io.l2risk.engine.Evaluation;
import io.l2risk.engine.RollupContext;
import io.l2risk.engine.RollupProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class BridgeOutflowIndicatorTest {

    private static final String OUTFLOW = "BRIDGE_OUTFLOW";
    /** End of the handcrafted 8-day history: one 1-ETH withdrawal every 6 minutes since {@link BridgeEvents#T0}. */
    private static final Instant H = T0.plus(Duration.ofDays(8));

    // --- incidents on top of months of ordinary traffic -------------------------------------------------

    @Test
    void shouldRaiseCriticalThreeMinutesIntoANomadLikeDrainAfter75DaysOfOrdinaryTraffic() {
        // incidents.md B1: first exploit tx 2022-08-01 21:32:31, 329 releases in 22:00–23:00 against 5–25 per
        // hour normally, ≈ $190M by 00:04; history: 75 days of 15/h on average (seed 1, 27,000 withdrawals).
        List<SpecificRecord> records = BridgeExploits.withHistory(BridgeExploits.nomadTraffic("nomad", 1),
                BridgeExploits.NOMAD_START, 75, BridgeExploits.nomad("nomad", 1), Duration.ofHours(3));

        List<RiskAlert> alerts = BridgeTestRun.of(new BridgeTestRun("nomad", Map.of()).run(records), OUTFLOW);

        assertThat(alerts).filteredOn(a -> a.getEventTime().isBefore(BridgeExploits.NOMAD_START)).isEmpty();
        assertThat(alerts).extracting(RiskAlert::getStatus, RiskAlert::getSeverity, RiskAlert::getSubject,
                        RiskAlert::getEventTime)
                .containsExactly(
                        tuple(AlertStatus.FIRING, Severity.CRITICAL, WBTC, Instant.parse("2022-08-01T21:35:31Z")),
                        tuple(AlertStatus.FIRING, Severity.CRITICAL, USDC, Instant.parse("2022-08-01T22:02:36.366Z")),
                        tuple(AlertStatus.FIRING, Severity.CRITICAL, "count", Instant.parse("2022-08-01T22:07:52.207Z")),
                        tuple(AlertStatus.FIRING, Severity.CRITICAL, WETH, Instant.parse("2022-08-01T22:58:30.837Z")),
                        tuple(AlertStatus.RESOLVED, Severity.CRITICAL, "count", Instant.parse("2022-08-02T00:17:31Z")));
        assertThat(alerts.get(0).getSummary()).isEqualTo("3 whale-sized withdrawals (each at least the usual 10m "
                + "maximum ≈ 25.5 WBTC) within the last 1h, 300 WBTC in all; critical at 3: whales come alone, "
                + "a drain repeats.");
        assertThat(alerts.get(0).getEvidence()).containsEntry("basis", "REPEAT").containsEntry("outflow1h", "30000000000")
                .containsEntry("largeWithdrawals1h", "3").containsEntry("lastTx", BridgeEvents.tx(9_000_003));
        assertThat(alerts.get(2).getSummary()).isEqualTo("58 withdrawals finalized in the last 10m: 3.0× the usual "
                + "maximum (99.9th percentile of 10m totals ≈ 19 withdrawals); warning at 3.0×. Critical because "
                + "WBTC, USDC also left at an anomalous rate: a drain pattern.");
    }

    @Test
    void shouldRaiseCriticalAtTheFirstRoninWithdrawalAndKeepItForTheDayTheDrainStaysInTheWindow() {
        // incidents.md B2: 173,600 WETH at 13:29:09 and 25.5M USDC at 13:31:04 on 2022-03-23; history: 75 days of
        // ordinary traffic at 30/h (seed 1), WETH median 0.5 with whales.
        List<SpecificRecord> records = BridgeExploits.withHistory(BridgeExploits.roninTraffic("ronin", 1),
                BridgeExploits.RONIN_WETH, 75, new ArrayList<>(BridgeExploits.ronin("ronin")), Duration.ofHours(26));

        List<RiskAlert> alerts = BridgeTestRun.of(new BridgeTestRun("ronin", Map.of()).run(records), OUTFLOW);

        assertThat(alerts).extracting(RiskAlert::getStatus, RiskAlert::getSeverity, RiskAlert::getSubject,
                        RiskAlert::getEventTime)
                .containsExactly(
                        tuple(AlertStatus.FIRING, Severity.CRITICAL, WETH, BridgeExploits.RONIN_WETH),
                        tuple(AlertStatus.FIRING, Severity.CRITICAL, USDC, BridgeExploits.RONIN_USDC),
                        // The 24 h window drops the hour of the drain at 13:00 next day; 30 min of hysteresis.
                        tuple(AlertStatus.RESOLVED, Severity.CRITICAL, USDC, Instant.parse("2022-03-24T13:31:32Z")),
                        tuple(AlertStatus.RESOLVED, Severity.CRITICAL, WETH, Instant.parse("2022-03-24T13:31:32Z")));
        assertThat(alerts.get(0).getSummary()).isEqualTo("173603.1675 WETH withdrawn in the last 10m: 989× the usual "
                + "maximum (99.9th percentile of 10m totals ≈ 175 WETH); critical at 50×.");
        assertThat(alerts.get(0).getValue()).isEqualTo(989.214415107099);
        assertThat(alerts.get(0).getThreshold()).isEqualTo(50.0);
        assertThat(alerts.get(0).getEvidence()).containsEntry("largestAmount", "173600000000000000000000")
                .containsEntry("largestTx", BridgeEvents.tx(8_000_001)).containsEntry("window", "10m");
        assertThat(alerts.get(1).getSummary()).isEqualTo("25500000 USDC withdrawn in the last 10m: 186× the usual "
                + "maximum (99.9th percentile of 10m totals ≈ 137000 USDC); critical at 50×.");
        // The drain was never learned: the next day's reference is still the ordinary one.
        assertThat(alerts.get(2).getSummary()).isEqualTo("136540.519 USDC withdrawn in the last 24h: 0.1× the usual "
                + "maximum (99.9th percentile of 24h totals ≈ 1100000 USDC); warning at 10×.");
    }

    @Test
    void shouldRaiseOneWarningAndNoCriticalOverNinetyDaysOfOrdinaryTraffic() {
        // 90 days, 34,481 withdrawals at 5–25/h with a diurnal cycle, busy days (3×) on days 7, 36 and 68,
        // 99 whales (20–100× a lognormal draw), 16 tokens including 10 rarely used ones (seed 1).
        SyntheticBridgeTraffic traffic = new SyntheticBridgeTraffic("normal", 1);
        List<SpecificRecord> records = traffic.generate(T0.minus(Duration.ofDays(90)), 90);

        List<RiskAlert> alerts = BridgeTestRun.of(new BridgeTestRun("normal", Map.of()).run(records), OUTFLOW);

        assertThat(traffic.withdrawals()).isEqualTo(34_481);
        assertThat(traffic.whales()).isEqualTo(99);
        assertThat(traffic.busy()).containsExactlyInAnyOrder(7, 36, 68);
        assertThat(alerts).noneMatch(a -> a.getSeverity() == Severity.CRITICAL);
        assertThat(alerts).extracting(RiskAlert::getStatus, RiskAlert::getSeverity, RiskAlert::getSubject,
                        RiskAlert::getEventTime)
                .containsExactly(
                        tuple(AlertStatus.FIRING, Severity.WARNING, WETH, Instant.parse("2022-07-09T10:17:22Z")),
                        tuple(AlertStatus.RESOLVED, Severity.WARNING, WETH, Instant.parse("2022-07-09T11:00:11Z")));
        assertThat(alerts.get(0).getSummary()).isEqualTo("1839.4353 WETH withdrawn in the last 10m: 10× the usual "
                + "maximum (99.9th percentile of 10m totals ≈ 175 WETH); warning at 10×.");
    }

    @Test
    void shouldCatchRoninAndNomadWithColdStartLimitsWhenThereIsNoHistoryYet() {
        List<RiskAlert> ronin = BridgeTestRun.of(new BridgeTestRun("ronin", Map.of()).run(BridgeExploits.withHistory(
                BridgeExploits.roninTraffic("ronin", 1), BridgeExploits.RONIN_WETH, 2,
                new ArrayList<>(BridgeExploits.ronin("ronin")), Duration.ofMinutes(10))), OUTFLOW);
        List<RiskAlert> nomad = BridgeTestRun.of(new BridgeTestRun("nomad", Map.of()).run(BridgeExploits.withHistory(
                BridgeExploits.nomadTraffic("nomad", 1), BridgeExploits.NOMAD_START, 2,
                BridgeExploits.nomad("nomad", 1), Duration.ofMinutes(10))), OUTFLOW);

        assertThat(ronin).extracting(RiskAlert::getStatus, RiskAlert::getSeverity, RiskAlert::getSubject,
                        RiskAlert::getEventTime)
                .containsExactly(tuple(AlertStatus.FIRING, Severity.CRITICAL, WETH, BridgeExploits.RONIN_WETH),
                        tuple(AlertStatus.FIRING, Severity.CRITICAL, USDC, BridgeExploits.RONIN_USDC));
        assertThat(ronin.get(0).getSummary()).isEqualTo("173605.4889 WETH withdrawn in the last 1h reaches the "
                + "cold-start critical limit of 10000 WETH.");
        assertThat(nomad.subList(0, 2)).extracting(RiskAlert::getStatus, RiskAlert::getSeverity, RiskAlert::getEventTime)
                .containsExactly(tuple(AlertStatus.FIRING, Severity.WARNING, BridgeExploits.NOMAD_START),
                        tuple(AlertStatus.ESCALATED, Severity.CRITICAL, BridgeExploits.NOMAD_START.plusSeconds(360)));
        assertThat(nomad.get(1).getSummary()).isEqualTo("500 WBTC withdrawn in the last 1h reaches the cold-start "
                + "critical limit of 500 WBTC.");
    }

    // --- the rule on a history whose baseline can be worked out by hand -----------------------------------

    @Test
    void shouldWarnOnAWhaleAndResolveThirtyMinutesAfterItLeavesTheWindows() {
        // 10 min totals of the regular history are 1–2 ETH: the 99.9th percentile's bucket ends at 2^61 wei.
        List<RiskAlert> alerts = run(eth(180, "25"));

        assertThat(alerts).extracting(RiskAlert::getStatus, RiskAlert::getSeverity, RiskAlert::getEventTime)
                .containsExactly(tuple(AlertStatus.FIRING, Severity.WARNING, H.plusSeconds(180)),
                        // out of the 10 min window at 00:13, OK since; resolved at the first record 30 min later
                        tuple(AlertStatus.RESOLVED, Severity.WARNING, H.plusSeconds(48 * 60)));
        RiskAlert firing = alerts.get(0);
        assertThat(firing.getSummary()).isEqualTo("27 ETH withdrawn in the last 10m: 12× the usual maximum (99.9th "
                + "percentile of 10m totals ≈ 2.31 ETH); warning at 10×.");
        assertThat(firing.getValue()).isEqualTo(27e18 / Math.pow(2, 61));
        assertThat(firing.getThreshold()).isEqualTo(10.0);
        assertThat(firing.getUnit()).isEqualTo("ratio");
        assertThat(firing.getL1BlockNumber()).isEqualTo(BridgeEvents.block(H.plusSeconds(180)));
        assertThat(firing.getEvidence()).containsEntry("outflow10m", "27000000000000000000")
                .containsEntry("reference", "2305843009213694000").containsEntry("largestTx", BridgeEvents.tx(100_180))
                .containsEntry("basis", "BASELINE").containsEntry("window", "10m");
    }

    @Test
    void shouldEscalateWhenTheSameWhaleSizedWithdrawalRepeatsWithinTheHour() {
        List<RiskAlert> alerts = run(eth(180, "25"), eth(900, "25"), eth(1500, "25"));

        assertThat(alerts).extracting(RiskAlert::getStatus, RiskAlert::getSeverity, RiskAlert::getEventTime)
                .containsExactly(tuple(AlertStatus.FIRING, Severity.WARNING, H.plusSeconds(180)),
                        tuple(AlertStatus.ESCALATED, Severity.CRITICAL, H.plusSeconds(1500)),
                        tuple(AlertStatus.RESOLVED, Severity.CRITICAL, H.plusSeconds(90 * 60)));
        assertThat(alerts.get(1).getSummary()).isEqualTo("3 whale-sized withdrawals (each at least the usual 10m "
                + "maximum ≈ 2.31 ETH) within the last 1h, 85 ETH in all; critical at 3: whales come alone, a drain "
                + "repeats.");
        assertThat(alerts).extracting(RiskAlert::getAlertId).containsOnly("r:BRIDGE_OUTFLOW:ETH:"
                + H.plusSeconds(180).toEpochMilli());
    }

    @Test
    void shouldGoCriticalAtOnceOnAWithdrawalFiftyTimesTheUsualMaximum() {
        List<RiskAlert> alerts = run(eth(180, "200"));

        assertThat(alerts.get(0).getSeverity()).isEqualTo(Severity.CRITICAL);
        assertThat(alerts.get(0).getSummary()).isEqualTo("202 ETH withdrawn in the last 10m: 88× the usual maximum "
                + "(99.9th percentile of 10m totals ≈ 2.31 ETH); critical at 50×.");
    }

    @Test
    void shouldRaiseWarningsToCriticalWhenTwoTokensLeaveAtAnAnomalousRateTogether() {
        List<SpecificRecord> usdc = BridgeTestRun.regular("r", USDC, units(USDC, "1000"), Duration.ofMinutes(6),
                T0.plusSeconds(120), H.plus(Duration.ofHours(2)), 100_000);
        List<RiskAlert> alerts = BridgeTestRun.of(new BridgeTestRun("r", Map.of()).run(BridgeTestRun.merge(history(),
                usdc, List.of(eth(180, "25"),
                        BridgeEvents.withdrawal("r", H.plusSeconds(420), USDC, units(USDC, "25000"), BridgeEvents.tx(901))))),
                OUTFLOW);

        assertThat(alerts).extracting(RiskAlert::getStatus, RiskAlert::getSeverity, RiskAlert::getSubject,
                        RiskAlert::getEventTime)
                .containsExactly(tuple(AlertStatus.FIRING, Severity.WARNING, "ETH", H.plusSeconds(180)),
                        tuple(AlertStatus.FIRING, Severity.CRITICAL, USDC, H.plusSeconds(420)),
                        tuple(AlertStatus.ESCALATED, Severity.CRITICAL, "ETH", H.plusSeconds(420)),
                        tuple(AlertStatus.RESOLVED, Severity.CRITICAL, "ETH", H.plusSeconds(44 * 60)),
                        tuple(AlertStatus.RESOLVED, Severity.CRITICAL, USDC, H.plusSeconds(48 * 60)));
        assertThat(alerts.get(1).getSummary()).isEqualTo("26000 USDC withdrawn in the last 10m: 12× the usual maximum "
                + "(99.9th percentile of 10m totals ≈ 2150 USDC); warning at 10×. Critical because ETH also left at an "
                + "anomalous rate: a drain pattern.");
        assertThat(alerts.get(1).getEvidence()).containsEntry("corroboratedBy", "ETH").containsEntry("symbol", "USDC");
    }

    @Test
    void shouldWarnAndEscalateOnABurstOfSmallWithdrawalsByCountAlone() {
        List<SpecificRecord> burst = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            burst.add(eth(130 + 7 * i, "0.01"));
        }

        List<RiskAlert> alerts = run(burst.toArray(SpecificRecord[]::new));

        assertThat(alerts).extracting(RiskAlert::getStatus, RiskAlert::getSeverity, RiskAlert::getSubject,
                        RiskAlert::getEventTime)
                // the 7th and 13th of the burst, with the regular withdrawals at H − 6 min and H
                .containsExactly(tuple(AlertStatus.FIRING, Severity.WARNING, "count", H.plusSeconds(172)),
                        tuple(AlertStatus.ESCALATED, Severity.CRITICAL, "count", H.plusSeconds(214)),
                        tuple(AlertStatus.RESOLVED, Severity.CRITICAL, "count", H.plusSeconds(90 * 60)));
        // The history's 10 min counts are 1–2: the reference is the floor of 3 withdrawals.
        assertThat(alerts.get(1).getSummary()).isEqualTo("15 withdrawals finalized in the last 10m: 5.0× the usual "
                + "maximum (99.9th percentile of 10m totals ≈ 3 withdrawals); critical at 5.0×.");
    }

    @Test
    void shouldNotCountProofsOrFailedFinalizations() {
        List<SpecificRecord> noise = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            noise.add(BridgeEvents.event("r", BridgeEventKind.WITHDRAWAL_PROVEN, H.plusSeconds(130 + 7 * i),
                    BridgeEvents.tx(2000 + i)).setAmount(units(null, "25").toString()).build());
        }
        noise.add(BridgeEvents.event("r", BridgeEventKind.WITHDRAWAL_FINALIZED, H.plusSeconds(600), BridgeEvents.tx(3000))
                .setAmount(units(null, "500").toString()).setDetails(Map.of("success", "false")).build());

        assertThat(run(noise.toArray(SpecificRecord[]::new))).isEmpty();
    }

    // --- optional limits and bounds -------------------------------------------------------------------

    @Test
    void shouldApplyConfiguredAbsoluteLimitsAndShareOfEscrow() {
        BridgeTestRun run = new BridgeTestRun("r", Map.of(OUTFLOW, Map.of(
                "limit.ETH.1h.critical", units(null, "5").toString(),
                "escrowShareWarning", "0.1", "escrowShareCritical", "0.25")));
        List<RiskAlert> alerts = BridgeTestRun.of(run.run(List.of(
                BridgeEvents.escrow("r", T0, USDC, units(USDC, "1000000")),
                BridgeEvents.withdrawal("r", T0.plusSeconds(60), null, units(null, "6"), BridgeEvents.tx(1)),
                BridgeEvents.withdrawal("r", T0.plusSeconds(120), USDC, units(USDC, "300000"), BridgeEvents.tx(2)))),
                OUTFLOW);

        assertThat(alerts).extracting(RiskAlert::getSeverity, RiskAlert::getSubject, RiskAlert::getSummary)
                .containsExactly(
                        tuple(Severity.CRITICAL, "ETH", "6 ETH withdrawn in the last 1h reaches the critical limit of 5 ETH."),
                        tuple(Severity.CRITICAL, USDC, "300000 USDC withdrawn in the last 1h is 30% of the escrow balance "
                                + "(≈ 1000000 USDC at the window's start); critical at 25%."));
        assertThat(alerts.get(1).getUnit()).isEqualTo("share");
        assertThat(alerts.get(1).getEvidence()).containsEntry("escrowBalance", "1000000000000");
    }

    @Test
    void shouldCountTokensBeyondMaxTokensUnderOther() {
        BridgeOutflowIndicator indicator = new BridgeOutflowIndicator(profile(Map.of("maxTokens", "1")));
        Context ctx = new Context();
        ctx.feed(indicator, BridgeEvents.withdrawal("r", T0, null, units(null, "1"), BridgeEvents.tx(1)));
        ctx.feed(indicator, BridgeEvents.withdrawal("r", T0.plusSeconds(12), USDC, units(USDC, "5"), BridgeEvents.tx(2)));

        List<Evaluation> out = new ArrayList<>();
        indicator.evaluate(ctx, out);

        assertThat(out).extracting(Evaluation::subject, Evaluation::level)
                .containsExactly(tuple("count", Level.OK), tuple("other", Level.OK), tuple("ETH", Level.OK));
        // Judged at the minute (T0 is 11 s into it), so the age reads 0s.
        assertThat(out.get(1).summary()).isEqualTo("Learning the baseline (0s of history and 1 withdrawals; needs 7d "
                + "and 20): 1 withdrawal of untracked tokens finalized in the last 1h.");
    }

    @Test
    void shouldFailAtStartOnAMalformedLimit() {
        assertThatThrownBy(() -> new BridgeOutflowIndicator(profile(Map.of("limit.ETH.1h.critical", "lots"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rollup r, thresholds.BRIDGE_OUTFLOW.limit.ETH.1h.critical: \"lots\" is not a non-negative "
                        + "integer in base units (wei for ETH)");
        assertThatThrownBy(() -> new BridgeOutflowIndicator(profile(Map.of("limit.ETH.2h.critical", "1"))))
                .hasMessage("rollup r, thresholds.BRIDGE_OUTFLOW.limit.ETH.2h.critical: not "
                        + "<limit|coldLimit>.<subject>.<10m|1h|24h>.<warning|critical>");
    }

    // --- minutes that change nothing -------------------------------------------------------------------

    @Test
    void shouldSayThatAMinuteChangedNothingYetNameTheCurrentHistoryLengthWhileLearning() {
        BridgeOutflowIndicator indicator = new BridgeOutflowIndicator(profile(Map.of()));
        Context ctx = new Context();
        ctx.feed(indicator, BridgeEvents.withdrawal("r", T0, null, units(null, "1"), BridgeEvents.tx(1)));
        assertThat(summaries(indicator, ctx)).containsExactly("Learning the baseline (0s of history and 1 "
                + "withdrawals; needs 7d and 20): 1 withdrawal finalized in the last 10m is within the cold-start "
                + "warning limit of 40 withdrawals.", "Learning the baseline (0s of history and 1 withdrawals; needs "
                + "7d and 20): 1 ETH withdrawn in the last 1h is within the cold-start warning limit of 1000 ETH.");

        // The withdrawal leaves the 24 h window and its last samples join the baselines: that minute changed them.
        assertThat(ctx.feed(indicator, BridgeEvents.progress("r", T0.plus(Duration.ofHours(27))))).isTrue();
        summaries(indicator, ctx);
        // Now minutes change nothing, and the clock cannot end a warm-up that lacks withdrawals.
        assertThat(ctx.feed(indicator, BridgeEvents.progress("r", T0.plus(Duration.ofHours(28))))).isFalse();
        assertThat(ctx.feed(indicator, BridgeEvents.progress("r", T0.plus(Duration.ofHours(29))))).isFalse();

        // The findings stand; the words still say how long the subjects have been learning.
        assertThat(summaries(indicator, ctx)).containsExactly("Learning the baseline (1d 4h of history and 1 "
                + "withdrawals; needs 7d and 20): 0 withdrawals finalized in the last 10m is within the cold-start "
                + "warning limit of 40 withdrawals.", "Learning the baseline (1d 4h of history and 1 withdrawals; needs "
                + "7d and 20): 0 ETH withdrawn in the last 1h is within the cold-start warning limit of 1000 ETH.");
    }

    @Test
    void shouldJudgeAgainWhenTheClockAloneEndsTheWarmUp() {
        BridgeOutflowIndicator indicator = new BridgeOutflowIndicator(profile(Map.of()));
        Context ctx = new Context();
        for (int i = 0; i < 20; i++) {
            ctx.feed(indicator, BridgeEvents.withdrawal("r", T0.plusSeconds(60L * i), null, units(null, "1"),
                    BridgeEvents.tx(i)));
        }
        ctx.feed(indicator, BridgeEvents.progress("r", T0.plus(Duration.ofDays(6))));
        summaries(indicator, ctx);
        assertThat(ctx.feed(indicator, BridgeEvents.progress("r", T0.plus(Duration.ofDays(6)).plusSeconds(60))))
                .isFalse();

        // Judged at whole minutes: the first one seven days after the first withdrawal (at second 11) finds
        // the subjects warm, a new judgement without a record.
        assertThat(ctx.feed(indicator, BridgeEvents.progress("r", T0.plus(Duration.ofDays(7))))).isFalse();
        assertThat(ctx.feed(indicator, BridgeEvents.progress("r", T0.plus(Duration.ofDays(7)).plusSeconds(49))))
                .isTrue();
        assertThat(summaries(indicator, ctx)).noneMatch(summary -> summary.startsWith("Learning"));
    }

    private static List<String> summaries(BridgeOutflowIndicator indicator, Context ctx) {
        List<Evaluation> out = new ArrayList<>();
        indicator.evaluate(ctx, out);
        return out.stream().map(Evaluation::summary).toList();
    }

    // --- state --------------------------------------------------------------------------------------

    @Test
    void shouldGiveIdenticalAlertsWhenTheStateIsSavedAndRestoredMidStream() {
        List<SpecificRecord> records = BridgeExploits.withHistory(BridgeExploits.nomadTraffic("nomad", 2),
                BridgeExploits.NOMAD_START, 20, BridgeExploits.nomad("nomad", 2), Duration.ofHours(3));

        List<RiskAlert> uninterrupted = new BridgeTestRun("nomad", Map.of()).run(records);
        List<RiskAlert> restored = new BridgeTestRun("nomad", Map.of()).runRestoring(records, 97);

        assertThat(BridgeTestRun.of(uninterrupted, OUTFLOW)).hasSizeGreaterThan(3);
        assertThat(restored).isEqualTo(uninterrupted);
    }

    @Test
    void shouldKeepItsStateSmallAndFlatOverNinetyDays() throws java.io.IOException {
        SyntheticBridgeTraffic traffic = new SyntheticBridgeTraffic("normal", 1);
        List<SpecificRecord> records = traffic.generate(T0.minus(Duration.ofDays(90)), 90);
        BridgeOutflowIndicator indicator = new BridgeOutflowIndicator(profile(Map.of()));
        Context ctx = new Context();
        List<Integer> sizes = new ArrayList<>();
        Instant nextCut = T0.minus(Duration.ofDays(60));
        for (SpecificRecord record : records) {
            if (!io.l2risk.records.IngestRecords.eventTime(record).isBefore(nextCut)) {
                sizes.add(stateSize(indicator));
                nextCut = nextCut.plus(Duration.ofDays(30));
            }
            ctx.feed(indicator, record);
        }
        sizes.add(stateSize(indicator));

        // 16 tokens + count: 40 ring slots, three decaying histograms and a 1 h learning delay each.
        assertThat(sizes).containsExactly(12_305, 13_097, 13_322);
        assertThat(sizes).allMatch(size -> size < 16 * 1024);
    }

    @Test
    void shouldKeepTheWholeRollupStateWellUnderItsBudgetAfterADrain() {
        BridgeTestRun run = new BridgeTestRun("nomad", Map.of());
        run.run(BridgeExploits.withHistory(BridgeExploits.nomadTraffic("nomad", 1), BridgeExploits.NOMAD_START, 30,
                BridgeExploits.nomad("nomad", 1), Duration.ofHours(3)));

        assertThat(run.engine.save(run.state).length).isLessThan(24 * 1024);
    }

    private static int stateSize(BridgeOutflowIndicator indicator) throws java.io.IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        indicator.writeState(new java.io.DataOutputStream(bytes));
        return bytes.size();
    }

    // --- helpers ------------------------------------------------------------------------------------

    private static List<SpecificRecord> history() {
        return BridgeTestRun.regular("r", null, units(null, "1"), Duration.ofMinutes(6), T0, H.plus(Duration.ofHours(2)), 1);
    }

    /** A withdrawal {@code secondsAfterH} after the history's end; its tx hash is 100,000 + those seconds. */
    private static SpecificRecord eth(int secondsAfterH, String ether) {
        return BridgeEvents.withdrawal("r", H.plusSeconds(secondsAfterH), null, units(null, ether),
                BridgeEvents.tx(100_000 + secondsAfterH));
    }

    private static List<RiskAlert> run(SpecificRecord... extra) {
        return BridgeTestRun.of(new BridgeTestRun("r", Map.of()).run(BridgeTestRun.merge(history(), List.of(extra))),
                OUTFLOW);
    }

    private static RollupProfile profile(Map<String, String> outflow) {
        return new RollupProfile("r", "GENERIC", true, false, null, null, null, null, null, null, null, null,
                Map.of(OUTFLOW, outflow));
    }

    /** A bare context for direct unit tests: the clock is the latest record's time. */
    private static final class Context implements RollupContext {
        private Instant now;

        /** Whether the indicator says the record may have changed its findings. */
        boolean feed(BridgeOutflowIndicator indicator, SpecificRecord record) {
            Instant t = io.l2risk.records.IngestRecords.eventTime(record);
            now = now == null || t.isAfter(now) ? t : now;
            return indicator.onEvent(record, this);
        }

        @Override
        public RollupProfile profile() {
            return BridgeOutflowIndicatorTest.profile(Map.of());
        }

        @Override
        public Instant now() {
            return now;
        }

        @Override
        public Long l1Block() {
            return BridgeEvents.block(now);
        }

        @Override
        public boolean stale() {
            return false;
        }
    }
}
