package io.l2risk.engine.indicators;

import static io.l2risk.avro.AlertStatus.ESCALATED;
import static io.l2risk.avro.AlertStatus.FIRING;
import static io.l2risk.avro.AlertStatus.RESOLVED;
import static io.l2risk.avro.Severity.CRITICAL;
import static io.l2risk.avro.Severity.WARNING;
import static io.l2risk.engine.Events.T0;
import static io.l2risk.engine.indicators.DaDriver.line;
import static io.l2risk.engine.indicators.DaDriver.lifecycle;
import static io.l2risk.engine.indicators.DaRecords.batch;
import static io.l2risk.engine.indicators.DaRecords.certificate;
import static org.assertj.core.api.Assertions.assertThat;

import io.l2risk.avro.DaMode;
import io.l2risk.avro.Level;
import io.l2risk.avro.RiskAlert;
import io.l2risk.engine.Evaluation;
import io.l2risk.engine.IndicatorKind;
import io.l2risk.engine.RollupProfile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/**
 * incidents.md has no AnyTrust/DAC incident ("Not found: Arbitrum Nova / AnyTrust DAC incidents"), so
 * these fixtures are synthetic: an AnyTrust chain posting a certificate batch every 10 minutes, whose
 * batch poster falls back to calldata as Arbitrum's batch-poster monitor describes
 * ({@code anytrust_calldata_fallback}: first data byte 0x00 instead of the DACert flag 0x88, anchors.md A1).
 */
class DaFallbackIndicatorTest {

    private static final String NOVA = "arbitrum-nova";

    private static RollupProfile anyTrust(Map<String, String> overrides) {
        return DaRecords.profile(NOVA, "ARBITRUM_NITRO", true, null, 7, 8,
                overrides.isEmpty() ? Map.of() : Map.of("DA_FALLBACK", overrides));
    }

    private static Instant minute(long m) {
        return T0.plusSeconds(60 * m);
    }

    private static SpecificRecord cert(long m, long index) {
        return certificate(NOVA, minute(m), index, 8, 8, 7);
    }

    private static SpecificRecord calldata(long m, long index) {
        return batch(NOVA, minute(m), index, DaMode.CALLDATA);
    }

    /** Certificates every 10 min from {@code fromMinute} through {@code untilMinute}, numbered from {@code firstIndex}. */
    private static List<SpecificRecord> certificates(long fromMinute, long untilMinute, long firstIndex) {
        List<SpecificRecord> records = new ArrayList<>();
        for (long m = fromMinute, i = firstIndex; m <= untilMinute; m += 10, i++) {
            records.add(cert(m, i));
        }
        return records;
    }

    private static List<RiskAlert> fallbackAlerts(RollupProfile profile, List<SpecificRecord> records) {
        return DaDriver.of(IndicatorKind.DA_FALLBACK, new DaDriver(profile).run(records));
    }

    @Test
    void shouldWarnOnTheFirstFallbackEscalateAtThreeAndResolveAfterAnHourOfCertificates() {
        List<SpecificRecord> records = new ArrayList<>(certificates(0, 120, 100));
        records.add(calldata(130, 113));
        records.add(calldata(140, 114));
        records.add(calldata(150, 115));
        records.addAll(certificates(160, 230, 116));

        List<RiskAlert> alerts = fallbackAlerts(anyTrust(Map.of()), records);

        assertThat(lifecycle(alerts)).containsExactly(
                line(FIRING, WARNING, minute(130)),
                line(ESCALATED, CRITICAL, minute(150)),
                line(RESOLVED, CRITICAL, minute(220)));
        assertThat(alerts.get(0).getSummary()).isEqualTo("Batch 113 was posted as raw calldata instead of a DAC "
                + "certificate: 1 fallback batch in the last 6h (critical at 3), last certificate 10m ago (batch 112).");
        assertThat(alerts.get(1).getSummary()).isEqualTo("Batch 115 was posted as raw calldata instead of a DAC "
                + "certificate: 3 fallback batches in the last 6h (critical at 3), last certificate 30m ago (batch 112).");
        assertThat(alerts.get(1).getValue()).isEqualTo(3.0);
        assertThat(alerts.get(1).getThreshold()).isEqualTo(3.0);
        assertThat(alerts.get(1).getEvidence())
                .containsEntry("fallbackStreak", "3")
                .containsEntry("streakStartBatch", "113")
                .containsEntry("latestFallbackBatch", "115")
                .containsEntry("latestFallbackMode", "CALLDATA")
                .containsEntry("latestFallbackTx", DaRecords.source(minute(150), null).getTxHash())
                .containsEntry("lastCertificateBatch", "112");
        assertThat(alerts.get(2).getSummary()).isEqualTo(
                "Batches carry DAC certificates (latest: batch 122, 0s ago); 3 fallback batches in the last 6h.");
        assertThat(alerts).extracting(RiskAlert::getAlertId).containsOnly(
                NOVA + ":DA_FALLBACK:" + minute(130).toEpochMilli());
    }

    @Test
    void shouldNotFireOnADayOfCertificateBatches() {
        List<SpecificRecord> records = certificates(0, 24 * 60, 1);

        List<RiskAlert> alerts = new DaDriver(anyTrust(Map.of())).run(records);

        assertThat(alerts).isEmpty();
    }

    @Test
    void shouldPageCriticalOnTheFirstFallbackWhenConfiguredLikeTheArbitrumMonitor() {
        List<SpecificRecord> records = new ArrayList<>(certificates(0, 60, 1));
        records.add(calldata(70, 8));

        List<RiskAlert> alerts = fallbackAlerts(anyTrust(Map.of("criticalCount", "1")), records);

        assertThat(lifecycle(alerts)).containsExactly(line(FIRING, CRITICAL, minute(70)));
    }

    @Test
    void shouldKeepOneAlertWhileFallbacksAndCertificatesAlternate() {
        List<SpecificRecord> records = new ArrayList<>(certificates(0, 30, 1));
        // A flaky committee: every other batch falls back, for two hours.
        long index = 5;
        for (long m = 40; m <= 160; m += 10) {
            records.add(m % 20 == 0 ? calldata(m, index++) : cert(m, index++));
        }
        records.addAll(certificates(170, 300, index));

        List<RiskAlert> alerts = fallbackAlerts(anyTrust(Map.of()), records);

        assertThat(lifecycle(alerts)).containsExactly(
                line(FIRING, WARNING, minute(40)),
                line(ESCALATED, CRITICAL, minute(80)),
                line(RESOLVED, CRITICAL, minute(230)));
    }

    @Test
    void shouldSayBlobsWhenTheFallbackUsesBlobs() {
        List<SpecificRecord> records = new ArrayList<>(certificates(0, 20, 1));
        records.add(batch(NOVA, minute(30), 4L, DaMode.BLOB));

        List<RiskAlert> alerts = fallbackAlerts(anyTrust(Map.of()), records);

        assertThat(alerts).singleElement().satisfies(a -> assertThat(a.getSummary()).startsWith(
                "Batch 4 was posted as blobs instead of a DAC certificate: 1 fallback batch in the last 6h"));
    }

    @Test
    void shouldIgnoreCalldataOnChainsThatAreNotAnyTrust() {
        RollupProfile rollup = DaRecords.profile(NOVA, "ARBITRUM_NITRO", false, null, null, null, Map.of());
        List<SpecificRecord> records = new ArrayList<>();
        for (long m = 0; m <= 120; m += 10) {
            records.add(calldata(m, m / 10));
        }

        assertThat(fallbackAlerts(rollup, records)).isEmpty();
    }

    @Test
    void shouldCountALateFallbackRecordWithoutTreatingItAsTheLatestBatch() {
        List<SpecificRecord> records = new ArrayList<>(certificates(0, 60, 1));
        // Batch 4 (minute 30) arrives late and turns out to have been a fallback: certificates followed it.
        records.add(calldata(30, 4));
        records.add(cert(70, 8));

        DaDriver driver = new DaDriver(anyTrust(Map.of()));
        List<RiskAlert> alerts = DaDriver.of(IndicatorKind.DA_FALLBACK, driver.run(records));

        assertThat(alerts).isEmpty();
        DaFallbackIndicator indicator = new DaFallbackIndicator(anyTrust(Map.of()));
        List<Evaluation> out = new ArrayList<>();
        TestContext ctx = new TestContext(anyTrust(Map.of()), minute(70));
        records.forEach(r -> indicator.onEvent(r, ctx));
        indicator.evaluate(ctx, out);
        assertThat(out).singleElement().satisfies(e -> {
            assertThat(e.level()).isEqualTo(Level.OK);
            assertThat(e.value()).isEqualTo(1.0);
            assertThat(e.summary()).isEqualTo(
                    "Batches carry DAC certificates (latest: batch 8, 0s ago); 1 fallback batch in the last 6h.");
        });
    }
}
