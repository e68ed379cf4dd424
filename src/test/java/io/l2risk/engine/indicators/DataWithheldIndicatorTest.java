package io.l2risk.engine.indicators;

import static io.l2risk.avro.AlertStatus.ESCALATED;
import static io.l2risk.avro.AlertStatus.FIRING;
import static io.l2risk.avro.AlertStatus.RESOLVED;
import static io.l2risk.avro.Severity.CRITICAL;
import static io.l2risk.avro.Severity.WARNING;
import static io.l2risk.engine.Events.T0;
import static io.l2risk.engine.Events.progress;
import static io.l2risk.engine.indicators.DaDriver.line;
import static io.l2risk.engine.indicators.DaDriver.lifecycle;
import static io.l2risk.engine.indicators.DaRecords.batch;
import static io.l2risk.engine.indicators.DaRecords.blob;
import static io.l2risk.engine.indicators.DaRecords.check;
import static org.assertj.core.api.Assertions.assertThat;

import io.l2risk.avro.DaMethod;
import io.l2risk.avro.DaMode;
import io.l2risk.avro.ProofKind;
import io.l2risk.avro.RiskAlert;
import io.l2risk.engine.IndicatorKind;
import io.l2risk.engine.RollupProfile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/**
 * No data-withholding incident is in incidents.md (no anchor checks retrievability: anchors.md row 17,
 * gap G5), so the fixtures are synthetic: a blob rollup whose sidecar checker (a beacon API) cannot
 * get one blob for an hour, a committee member that is down, and a state claim for batches that never
 * appear on L1. Heartbeats every minute move the clock, as the ingester's do.
 */
class DataWithheldIndicatorTest {

    private static final String ROLLUP = "scroll";
    private static final RollupProfile PROFILE = DaRecords.profile(ROLLUP, "SCROLL", false, null, null, null, Map.of());

    private static Instant minute(long m) {
        return T0.plusSeconds(60 * m);
    }

    /** Heartbeats every minute through {@code to}, merged with the records in L1-time order. */
    private static List<SpecificRecord> withHeartbeats(long to, List<SpecificRecord> records) {
        List<SpecificRecord> all = new ArrayList<>(records);
        for (long m = 0; m <= to; m++) {
            all.add(progress(ROLLUP, minute(m), 2));
        }
        all.sort(Comparator.comparing(io.l2risk.records.IngestRecords::eventTime));
        return all;
    }

    private static List<RiskAlert> withheldAlerts(List<SpecificRecord> records) {
        return DaDriver.of(IndicatorKind.DATA_WITHHELD, new DaDriver(PROFILE).run(records));
    }

    @Test
    void shouldWarnOnRepeatedFailuresGoCriticalAfterAnHourAndResolveTenMinutesAfterTheBlobIsRetrieved() {
        String blob = blob(ROLLUP, minute(0));
        List<SpecificRecord> records = new ArrayList<>();
        records.add(batch(ROLLUP, minute(0), 500L, DaMode.BLOB));
        records.add(check(ROLLUP, minute(1), blob, DaMethod.BLOB_SIDECAR, false, 500L, minute(0)));
        for (long m = 5; m <= 70; m += 5) {
            records.add(check(ROLLUP, minute(m), blob, DaMethod.BLOB_SIDECAR, false, 500L, minute(0)));
        }
        records.add(check(ROLLUP, minute(75), blob, DaMethod.BLOB_SIDECAR, true, 500L, minute(0)));

        List<RiskAlert> alerts = withheldAlerts(withHeartbeats(90, records));

        assertThat(lifecycle(alerts)).containsExactly(
                line(FIRING, WARNING, minute(10)),
                line(ESCALATED, CRITICAL, minute(65)),
                line(RESOLVED, CRITICAL, minute(85)));
        String shortRef = blob.substring(0, 10) + "…" + blob.substring(62);
        assertThat(alerts.get(0).getSummary()).isEqualTo("1 reference is not retrievable, with 3 failed checks in the "
                + "last 1h (warning at 3); the longest (batch 500, " + shortRef + ") failing for 9m.");
        assertThat(alerts.get(1).getSummary()).isEqualTo("The data of batch 500 (" + shortRef + ") has not been "
                + "retrievable for 1h 4m of checks (threshold 1h; 14 failed BLOB_SIDECAR checks, last error: 404 Not Found); "
                + "1 reference unavailable in all.");
        assertThat(alerts.get(1).getValue()).isEqualTo(3840.0);
        assertThat(alerts.get(1).getUnit()).isEqualTo("seconds");
        assertThat(alerts.get(1).getEvidence())
                .containsEntry("reference", blob)
                .containsEntry("batchIndex", "500")
                .containsEntry("method", "BLOB_SIDECAR")
                .containsEntry("firstFailedAt", minute(1).toString())
                .containsEntry("postedAt", minute(0).toString())
                .containsEntry("txHash", DaRecords.source(minute(0), null).getTxHash());
        assertThat(alerts.get(2).getSummary()).isEqualTo("All checked batch data is retrievable (last check 10m ago).");
    }

    @Test
    void shouldNotLetAnOutageGrowWhenTheCheckerStopsRecheckingAndForgetItAfterADay() {
        String blob = blob(ROLLUP, minute(0));
        List<SpecificRecord> records = new ArrayList<>();
        records.add(batch(ROLLUP, minute(0), 500L, DaMode.BLOB));
        records.add(check(ROLLUP, minute(1), blob, DaMethod.BLOB_SIDECAR, false, 500L, minute(0)));
        records.add(check(ROLLUP, minute(20), blob, DaMethod.BLOB_SIDECAR, false, 500L, minute(0)));

        List<RiskAlert> alerts = withheldAlerts(withHeartbeats(26 * 60, records));

        // 19 minutes of failed checks: WARNING, never CRITICAL; dropped 1 day after the last check.
        assertThat(lifecycle(alerts)).containsExactly(
                line(FIRING, WARNING, minute(20)),
                line(RESOLVED, WARNING, minute(20 + 24 * 60 + 10)));
    }

    @Test
    void shouldNotFireWhenFailedChecksSucceedOnRetry() {
        List<SpecificRecord> records = new ArrayList<>();
        for (long m = 0; m < 180; m += 2) {
            String blob = blob(ROLLUP, minute(m));
            records.add(batch(ROLLUP, minute(m), m / 2, DaMode.BLOB));
            if (m % 10 == 0) {
                records.add(check(ROLLUP, minute(m + 1), blob, DaMethod.BLOB_SIDECAR, false, m / 2, minute(m)));
            }
            records.add(check(ROLLUP, minute(m + 1), blob, DaMethod.BLOB_SIDECAR, true, m / 2, minute(m)));
        }

        assertThat(withheldAlerts(withHeartbeats(185, records))).isEmpty();
    }

    @Test
    void shouldNotFireWhenOneCommitteeMemberIsDownAndAnotherServesTheData() {
        List<SpecificRecord> records = new ArrayList<>();
        for (long m = 0; m < 180; m += 10) {
            String certificate = DaRecords.hash("certificate/" + m);
            records.add(check(ROLLUP, minute(m + 1), certificate, DaMethod.DAC_MEMBER, true, m, minute(m)));
            records.add(check(ROLLUP, minute(m + 1), certificate, DaMethod.DAC_MEMBER, false, m, minute(m)));
        }

        assertThat(withheldAlerts(withHeartbeats(185, records))).isEmpty();
    }

    @Test
    void shouldIgnoreBlobChecksAfterTheRetentionPeriod() {
        Instant posted = minute(0).minus(RollupProfile.DEFAULT_BLOB_RETENTION).minusSeconds(60);
        String blob = blob(ROLLUP, posted);
        List<SpecificRecord> records = new ArrayList<>();
        for (long m = 1; m <= 90; m += 5) {
            records.add(check(ROLLUP, minute(m), blob, DaMethod.BLOB_SIDECAR, false, 7L, posted));
        }

        assertThat(withheldAlerts(withHeartbeats(95, records))).isEmpty();
    }

    @Test
    void shouldPageWhenStateIsProposedForBatchesThatWereNeverPostedAndResolveWhenTheyAre() {
        List<SpecificRecord> records = new ArrayList<>();
        for (long i = 990; i <= 1000; i++) {
            records.add(batch(ROLLUP, minute(0), i, DaMode.BLOB));
        }
        records.add(DaRecords.proof(ROLLUP, minute(1), ProofKind.STATE_PROPOSED)
                .setBatchIndexStart(995L).setBatchIndexEnd(1050L).build());
        for (long i = 1001; i <= 1050; i++) {
            records.add(batch(ROLLUP, minute(40), i, DaMode.BLOB));
        }

        List<RiskAlert> alerts = withheldAlerts(withHeartbeats(60, records));

        assertThat(lifecycle(alerts)).containsExactly(
                line(FIRING, CRITICAL, minute(31), DataWithheldIndicator.UNPOSTED),
                line(RESOLVED, CRITICAL, minute(50), DataWithheldIndicator.UNPOSTED));
        assertThat(alerts.get(0).getSummary()).isEqualTo("STATE_PROPOSED 30m ago covers batches 995–1050, but 50 "
                + "batches were never posted on L1 (first missing: 1001, highest posted: 1000).");
        assertThat(alerts.get(0).getValue()).isEqualTo(50.0);
        assertThat(alerts.get(0).getUnit()).isEqualTo("batches");
        assertThat(alerts.get(0).getEvidence())
                .containsEntry("claimKind", "STATE_PROPOSED")
                .containsEntry("claimBatchStart", "995")
                .containsEntry("claimBatchEnd", "1050")
                .containsEntry("firstMissingBatch", "1001")
                .containsEntry("highestPostedBatch", "1000")
                .containsEntry("claimTx", DaRecords.source(minute(1), null).getTxHash());
        assertThat(alerts.get(1).getSummary()).isEqualTo(
                "Every batch covered by state claims was posted on L1 (highest posted batch 1050).");
    }

    @Test
    void shouldNotFireWhenAProofArrivesJustBeforeItsBatchesOrCoversBatchesFromBeforeMonitoring() {
        List<SpecificRecord> records = new ArrayList<>();
        // Covers 1..20 but monitoring began at batch 11; batches 21..25 arrive a few minutes after the proof.
        for (long i = 11; i <= 20; i++) {
            records.add(batch(ROLLUP, minute(0), i, DaMode.BLOB));
        }
        records.add(DaRecords.proof(ROLLUP, minute(1), ProofKind.PROOF_VERIFIED).setBatchIndexEnd(20L).build());
        records.add(DaRecords.proof(ROLLUP, minute(5), ProofKind.STATE_PROPOSED)
                .setBatchIndexStart(21L).setBatchIndexEnd(25L).build());
        for (long i = 21; i <= 25; i++) {
            records.add(batch(ROLLUP, minute(8), i, DaMode.BLOB));
        }

        assertThat(withheldAlerts(withHeartbeats(120, records))).isEmpty();
    }

    @Test
    void shouldDropClaimsForBatchesThatWereReverted() {
        List<SpecificRecord> records = new ArrayList<>();
        for (long i = 1; i <= 10; i++) {
            records.add(batch(ROLLUP, minute(0), i, DaMode.BLOB));
        }
        records.add(DaRecords.proof(ROLLUP, minute(1), ProofKind.STATE_PROPOSED)
                .setBatchIndexStart(11L).setBatchIndexEnd(12L).build());
        records.add(DaRecords.proof(ROLLUP, minute(10), ProofKind.STATE_REVERTED).setBatchIndexEnd(10L).build());

        assertThat(withheldAlerts(withHeartbeats(90, records))).isEmpty();
    }

    @Test
    void shouldNotEscalateWhileTheMonitorIsStale() {
        String blob = blob(ROLLUP, minute(0));
        List<SpecificRecord> records = new ArrayList<>();
        records.add(batch(ROLLUP, minute(0), 500L, DaMode.BLOB));
        for (long m = 1; m <= 100; m += 3) {
            records.add(check(ROLLUP, minute(m), blob, DaMethod.BLOB_SIDECAR, false, 500L, minute(0)));
        }
        // The ingester falls 100 blocks behind L1 head from minute 20 to minute 80.
        for (long m = 0; m <= 100; m++) {
            records.add(progress(ROLLUP, minute(m), m >= 20 && m <= 80 ? 100 : 2));
        }
        records.sort(Comparator.comparing(io.l2risk.records.IngestRecords::eventTime));

        List<RiskAlert> alerts = withheldAlerts(records);

        assertThat(lifecycle(alerts)).containsExactly(
                line(FIRING, WARNING, minute(7)),
                line(ESCALATED, CRITICAL, minute(81)));
    }
}
