package io.l2risk.engine.indicators;

import static io.l2risk.avro.AlertStatus.FIRING;
import static io.l2risk.avro.AlertStatus.RESOLVED;
import static io.l2risk.avro.Severity.CRITICAL;
import static io.l2risk.avro.Severity.WARNING;
import static io.l2risk.engine.Events.T0;
import static io.l2risk.engine.indicators.DaDriver.line;
import static io.l2risk.engine.indicators.DaDriver.lifecycle;
import static io.l2risk.engine.indicators.DaRecords.batch;
import static org.assertj.core.api.Assertions.assertThat;

import io.l2risk.avro.DaMode;
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
 * No DA-mode incident is in incidents.md; the fixtures are synthetic OP-Stack traffic (one batcher
 * transaction every 5 minutes, no batch index, as OP frames have none). The mixed-mode case is what
 * {@code op-batcher --data-availability-type=auto} produces when it switches between blobs and
 * calldata with blob fees.
 */
class DaModeChangeIndicatorTest {

    private static final String BASE = "base";
    private static final RollupProfile OP = DaRecords.profile(BASE, "OP_STACK", false, null, null, null, Map.of());

    private static Instant minute(long m) {
        return T0.plusSeconds(60 * m);
    }

    /** One batch every 5 minutes in {@code mode}, from minute {@code from} up to but excluding {@code to}. */
    private static List<SpecificRecord> batches(long from, long to, DaMode mode) {
        List<SpecificRecord> records = new ArrayList<>();
        for (long m = from; m < to; m += 5) {
            records.add(batch(BASE, minute(m), null, mode));
        }
        return records;
    }

    private static List<RiskAlert> modeAlerts(RollupProfile profile, List<SpecificRecord> records) {
        return DaDriver.of(IndicatorKind.DA_MODE_CHANGE, new DaDriver(profile).run(records));
    }

    @Test
    void shouldWarnOnABlobRollupPostingCalldataAndResolveSixHoursAfterBlobsResume() {
        // A day of blobs (288 batches), one calldata batch, then blobs again.
        List<SpecificRecord> records = new ArrayList<>(batches(0, 1440, DaMode.BLOB));
        records.add(batch(BASE, minute(1440), null, DaMode.CALLDATA));
        records.addAll(batches(1445, 1445 + 400, DaMode.BLOB));

        List<RiskAlert> alerts = modeAlerts(OP, records);

        assertThat(lifecycle(alerts)).containsExactly(
                line(FIRING, WARNING, minute(1440)),
                line(RESOLVED, WARNING, minute(1445 + 360)));
        assertThat(alerts.get(0).getSummary()).isEqualTo("A batch was posted as CALLDATA, not a usual DA mode of this "
                + "rollup (BLOB); CALLDATA had carried 0 of 288 batches in the last 30d before.");
        assertThat(alerts.get(0).getEvidence())
                .containsEntry("latestMode", "CALLDATA")
                .containsEntry("usualModes", "BLOB")
                .containsEntry("runBatches", "1")
                .containsEntry("batchesInWindow", "288")
                .containsEntry("runStartTx", DaRecords.source(minute(1440), null).getTxHash());
        assertThat(alerts.get(1).getSummary()).isEqualTo("Latest batch was posted as BLOB, a usual DA mode of this "
                + "rollup (BLOB).");
    }

    @Test
    void shouldNotFireForARollupThatRoutinelyMixesBlobsAndCalldata() {
        List<SpecificRecord> records = new ArrayList<>();
        // Two days; about one batch in five goes to calldata when blob fees spike.
        for (long m = 0, i = 0; m < 2 * 1440; m += 5, i++) {
            records.add(batch(BASE, minute(m), null, i % 5 == 3 || i % 17 == 0 ? DaMode.CALLDATA : DaMode.BLOB));
        }

        assertThat(modeAlerts(OP, records)).isEmpty();
    }

    @Test
    void shouldAnnounceAPermanentSwitchOnceAndAcceptItAsUsualAfterThreeBatches() {
        List<SpecificRecord> records = new ArrayList<>(batches(0, 1440, DaMode.BLOB));
        records.addAll(batches(1440, 1440 + 500, DaMode.CALLDATA));

        List<RiskAlert> alerts = modeAlerts(OP, records);

        // Calldata batches 1..3 are unusual; the 4th (minute 1455) finds 3 before it: usual.
        assertThat(lifecycle(alerts)).containsExactly(
                line(FIRING, WARNING, minute(1440)),
                line(RESOLVED, WARNING, minute(1455 + 360)));
        assertThat(alerts.get(1).getSummary())
                .isEqualTo("Latest batch was posted as CALLDATA, a usual DA mode of this rollup (CALLDATA, BLOB).");
    }

    @Test
    void shouldPageCriticalWhenAnOnChainRollupStartsPostingOffChainCommitments() {
        List<SpecificRecord> records = new ArrayList<>(batches(0, 1440, DaMode.BLOB));
        records.addAll(batches(1440, 1460, DaMode.ALT_DA_COMMITMENT));

        List<RiskAlert> alerts = modeAlerts(OP, records);

        assertThat(lifecycle(alerts)).containsExactly(line(FIRING, CRITICAL, minute(1440)));
        assertThat(alerts.get(0).getSummary()).isEqualTo("A batch was posted as ALT_DA_COMMITMENT, not a usual DA mode "
                + "of this rollup (BLOB); ALT_DA_COMMITMENT had carried 0 of 288 batches in the last 30d before. "
                + "The batch data is no longer posted on Ethereum.");
    }

    @Test
    void shouldOnlyWarnOnAnOffChainSwitchWhenOffchainCriticalIsOff() {
        RollupProfile profile = DaRecords.profile(BASE, "OP_STACK", false, null, null, null,
                Map.of("DA_MODE_CHANGE", Map.of("offchainCritical", "false")));
        List<SpecificRecord> records = new ArrayList<>(batches(0, 1440, DaMode.BLOB));
        records.addAll(batches(1440, 1460, DaMode.ALT_DA_COMMITMENT));

        List<RiskAlert> alerts = modeAlerts(profile, records);

        assertThat(lifecycle(alerts)).containsExactly(line(FIRING, WARNING, minute(1440)));
        assertThat(alerts.get(0).getValue()).isEqualTo(1.0);
    }

    @Test
    void shouldNotJudgeBeforeFiftyBatchesOfHistory() {
        List<SpecificRecord> records = new ArrayList<>(batches(0, 200, DaMode.BLOB));
        records.addAll(batches(200, 260, DaMode.CALLDATA));

        assertThat(modeAlerts(OP, records)).isEmpty();
    }

    @Test
    void shouldLeaveCalldataOnAnyTrustChainsToDaFallback() {
        RollupProfile nova = DaRecords.profile(BASE, "ARBITRUM_NITRO", true, null, 7, 8, Map.of());
        List<SpecificRecord> records = new ArrayList<>(batches(0, 1440, DaMode.DAC_CERTIFICATE));
        records.addAll(batches(1440, 1500, DaMode.CALLDATA));

        List<RiskAlert> alerts = new DaDriver(nova).run(records);

        assertThat(DaDriver.of(IndicatorKind.DA_MODE_CHANGE, alerts)).isEmpty();
        assertThat(DaDriver.of(IndicatorKind.DA_FALLBACK, alerts)).extracting(RiskAlert::getSeverity)
                .containsExactly(WARNING, CRITICAL);
    }

    @Test
    void shouldReportTheRunLengthOfConsecutiveUnusualBatches() {
        List<SpecificRecord> records = new ArrayList<>(batches(0, 1440, DaMode.BLOB));
        records.addAll(batches(1440, 1455, DaMode.CALLDATA));
        DaModeChangeIndicator indicator = new DaModeChangeIndicator(OP);
        TestContext ctx = new TestContext(OP, minute(1450));
        records.forEach(r -> indicator.onEvent(r, ctx));
        List<Evaluation> out = new ArrayList<>();

        indicator.evaluate(ctx, out);

        assertThat(out).singleElement().satisfies(e -> {
            assertThat(e.value()).isEqualTo(3.0);
            assertThat(e.summary()).isEqualTo("A batch was posted as CALLDATA, not a usual DA mode of this rollup "
                    + "(BLOB); 3 consecutive CALLDATA batches over the last 10m; CALLDATA had carried 0 of 288 "
                    + "batches in the last 30d before.");
        });
    }
}
