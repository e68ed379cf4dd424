package io.l2risk.engine.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import io.l2risk.avro.DaMethod;
import io.l2risk.avro.DaMode;
import io.l2risk.avro.ProofKind;
import io.l2risk.avro.RiskAlert;
import io.l2risk.engine.Indicator;
import io.l2risk.engine.IndicatorKind;
import io.l2risk.engine.RollupProfile;
import io.l2risk.records.IngestRecords;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/** State of the data-availability and state-validation indicators: exact round trips, and bounded size. */
class DaStateTest {

    private static final List<Function<RollupProfile, Indicator>> MINE = List.of(
            DaFallbackIndicator::new, DaModeChangeIndicator::new, DacQuorumIndicator::new, DataWithheldIndicator::new,
            BlobRetentionIndicator::new, StateRevertedIndicator::new, DisputeIndicator::new);

    private static RollupProfile profile(String id, boolean anyTrust, Duration challengePeriod, Duration retention) {
        return new RollupProfile(id, anyTrust ? "ARBITRUM_NITRO" : "OP_STACK", true, anyTrust, challengePeriod, null,
                null, null, null, retention, 7, 8, Map.of());
    }

    @Test
    void shouldGiveIdenticalAlertsWhenTheStateIsSavedAndRestoredBeforeEveryRecord() {
        // Short challenge period and blob retention so that BLOB_RETENTION fires within four days too.
        for (boolean anyTrust : new boolean[] {false, true}) {
            RollupProfile profile = profile("mixed", anyTrust, Duration.ofHours(20), Duration.ofHours(21));
            List<SpecificRecord> records = DaHistory.ticks("mixed", anyTrust, Duration.ofHours(20), 0, 4 * 144);

            List<RiskAlert> uninterrupted = new DaDriver(profile).run(records);
            List<RiskAlert> resumed = new DaDriver(profile).runRestoringEachStep(records);

            assertThat(resumed).isEqualTo(uninterrupted);
            Set<String> fired = uninterrupted.stream().map(RiskAlert::getIndicator).collect(Collectors.toSet());
            assertThat(fired).as("indicators exercised (anyTrust=%s)", anyTrust).containsAll(anyTrust
                    ? List.of("DA_FALLBACK", "DAC_QUORUM", "DATA_WITHHELD", "STATE_REVERTED", "DISPUTE")
                    : List.of("DA_MODE_CHANGE", "DATA_WITHHELD", "BLOB_RETENTION", "STATE_REVERTED", "DISPUTE"));
        }
    }

    @Test
    void shouldReadBackExactlyWhatEachIndicatorWrote() throws IOException {
        RollupProfile profile = profile("mixed", false, Duration.ofDays(1), null);
        RollupProfile nova = profile("mixed", true, Duration.ofDays(1), null);
        for (RollupProfile p : List.of(profile, nova)) {
            List<SpecificRecord> records = DaHistory.ticks("mixed", p.anyTrust(), Duration.ofDays(1), 0, 3 * 144);
            for (Function<RollupProfile, Indicator> factory : MINE) {
                Indicator indicator = factory.apply(p);
                TestContext ctx = new TestContext(p, DaHistory.at(0));
                for (int i = 0; i < records.size(); i++) {
                    ctx.now = later(ctx.now, IngestRecords.eventTime(records.get(i)));
                    indicator.onEvent(records.get(i), ctx);
                    if (i % 97 == 0) {
                        byte[] written = write(indicator);
                        Indicator copy = factory.apply(p);
                        copy.readState(new DataInputStream(new ByteArrayInputStream(written)));
                        assertThat(write(copy)).as("%s at record %d", indicator.kind(), i).isEqualTo(written);
                    }
                }
            }
        }
    }

    @Test
    void shouldKeepTheRollupStateSmallAndFlatOverSixtyDays() {
        for (boolean anyTrust : new boolean[] {false, true}) {
            RollupProfile profile = profile("long", anyTrust, Duration.ofDays(7), null);
            DaDriver driver = new DaDriver(profile);
            int[] largest = new int[2];
            for (int day = 0; day < 60; day++) {
                driver.run(DaHistory.ticks("long", anyTrust, Duration.ofDays(7), day * 144L, (day + 1) * 144L));
                largest[day / 30] = Math.max(largest[day / 30], driver.stateSize());
            }

            // The whole rollup engine (every indicator, open alerts, snapshots), sampled at each day's end;
            // the liveness indicators' learned baselines are part of it.
            assertThat(largest[0]).as("largest state in days 1-30 (anyTrust=%s)", anyTrust).isLessThan(16 * 1024);
            assertThat(largest[1]).as("largest state in days 31-60 (anyTrust=%s)", anyTrust)
                    .isLessThanOrEqualTo(largest[0] + 1024);
        }
    }

    @Test
    void shouldStayWithinTheirCapsWhenEveryTrackedCollectionIsFull() throws IOException {
        // Far more distinct subjects than any cap: unavailable references, claims, gaps, disputes,
        // root mismatches, reverts, blob segments, DA-mode days — and every one of them alerting.
        RollupProfile profile = profile("worst", false, Duration.ofDays(30), Duration.ofDays(60));
        TestContext ctx = new TestContext(profile, DaHistory.at(0));
        List<Indicator> indicators = MINE.stream().map(f -> f.apply(profile)).toList();
        DaDriver driver = new DaDriver(profile);
        // Hourly for 35 days: past every count cap and the 30 daily DA-mode buckets.
        for (long k = 0; k < 35 * 24; k++) {
            Instant t = DaHistory.at(6 * k);
            ctx.now = t;
            List<SpecificRecord> records = List.of(
                    DaRecords.batch("worst", t, k % 3 == 0 ? null : 2 * k, k % 5 == 0 ? DaMode.CALLDATA : DaMode.BLOB),
                    DaRecords.check("worst", t, DaRecords.hash("ref/" + k), DaMethod.ALT_DA_SERVER, false, k, t),
                    DaRecords.proof("worst", t, ProofKind.STATE_PROPOSED).setBatchIndexEnd(2 * k + 1_000)
                            .setL2BlockNumber(k).setStateRoot(DaRecords.hash("p/" + k)).build(),
                    DaRecords.observed("worst", t, k, DaRecords.hash("o/" + k)),
                    DaRecords.disputeOpened("worst", t, DaRecords.hash("game/" + k), k, DaRecords.hash("who"),
                            t.plus(Duration.ofDays(30))),
                    DaRecords.proof("worst", t, ProofKind.STATE_REVERTED).setBatchIndexEnd(2 * k)
                            .setL2BlockNumber(k + 1).build());
            for (Indicator indicator : indicators) {
                records.forEach(r -> indicator.onEvent(r, ctx));
            }
            driver.run(records);
        }
        Map<IndicatorKind, Integer> sizes = new EnumMap<>(IndicatorKind.class);
        for (Indicator indicator : indicators) {
            sizes.put(indicator.kind(), write(indicator).length);
        }

        assertThat(sizes.values().stream().mapToInt(Integer::intValue).sum()).as("worst case %s", sizes)
                .isLessThan(12 * 1024);
        assertThat(sizes.values()).as("worst case %s", sizes).allMatch(size -> size < 6 * 1024);
        // The whole engine (liveness baselines included), with the alert tracker holding one open alert
        // per tracked subject; the per-rollup budget is 64 KiB.
        assertThat(driver.stateSize()).isLessThan(32 * 1024);
    }

    private static Instant later(Instant a, Instant b) {
        return b.isAfter(a) ? b : a;
    }

    private static byte[] write(Indicator indicator) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            indicator.writeState(out);
        }
        return bytes.toByteArray();
    }
}
