package io.l2risk.engine.indicators;

import static io.l2risk.avro.AlertStatus.ESCALATED;
import static io.l2risk.avro.AlertStatus.FIRING;
import static io.l2risk.avro.AlertStatus.RESOLVED;
import static io.l2risk.avro.Severity.CRITICAL;
import static io.l2risk.avro.Severity.WARNING;
import static io.l2risk.engine.Events.T0;
import static io.l2risk.engine.indicators.DaDriver.line;
import static io.l2risk.engine.indicators.DaDriver.lifecycle;
import static io.l2risk.engine.indicators.DaRecords.certificate;
import static org.assertj.core.api.Assertions.assertThat;

import io.l2risk.avro.RiskAlert;
import io.l2risk.engine.IndicatorKind;
import io.l2risk.engine.RollupProfile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/**
 * No lost-quorum incident is in incidents.md ("Not found: ... AnyTrust DAC incidents"). The keyset is
 * the production example of docs.arbitrum.io's "DAC/DAS Operations Guide": N = 8 members, H = 2
 * assumed honest, so K = N + 1 − H = 7 signatures, tolerating one unavailable member. Certificates
 * every 10 minutes (synthetic cadence).
 */
class DacQuorumIndicatorTest {

    private static final String CHAIN = "anytrust-orbit";
    private static final RollupProfile PROFILE = DaRecords.profile(CHAIN, "ARBITRUM_NITRO", true, null, 7, 8, Map.of());

    private static Instant minute(long m) {
        return T0.plusSeconds(60 * m);
    }

    private static List<RiskAlert> quorumAlerts(RollupProfile profile, List<SpecificRecord> records) {
        return DaDriver.of(IndicatorKind.DAC_QUORUM, new DaDriver(profile).run(records));
    }

    @Test
    void shouldWarnWithoutSlackGoCriticalBelowQuorumAndResolveAfterAnHourOfFullCertificates() {
        // Signers per certificate, one every 10 minutes: one member drops out at minute 60, a second at 70.
        int[] signers = {8, 8, 8, 8, 8, 8, 7, 6, 8, 8, 8, 8, 8, 8, 8};
        List<SpecificRecord> records = new ArrayList<>();
        for (int i = 0; i < signers.length; i++) {
            records.add(certificate(CHAIN, minute(10L * i), i, signers[i], 8, 7));
        }

        List<RiskAlert> alerts = quorumAlerts(PROFILE, records);

        assertThat(lifecycle(alerts)).containsExactly(
                line(FIRING, WARNING, minute(60)),
                line(ESCALATED, CRITICAL, minute(70)),
                line(RESOLVED, CRITICAL, minute(140)));
        assertThat(alerts.get(0).getSummary()).isEqualTo("7 of 8 DAC members signed the certificate of batch 6; the "
                + "keyset requires 7: no slack, one more unavailable member stops certificates.");
        assertThat(alerts.get(1).getSummary()).isEqualTo("6 of 8 DAC members signed the certificate of batch 7; the "
                + "keyset requires 7: below quorum by 1, so honest nodes cannot accept the certificate.");
        assertThat(alerts.get(1).getValue()).isEqualTo(6.0);
        assertThat(alerts.get(1).getThreshold()).isEqualTo(7.0);
        assertThat(alerts.get(1).getEvidence())
                .containsEntry("signers", "6")
                .containsEntry("threshold", "7")
                .containsEntry("members", "8")
                .containsEntry("batchIndex", "7")
                .containsEntry("keysetHash", DaRecords.hash("keyset"))
                .containsEntry("txHash", DaRecords.source(minute(70), null).getTxHash());
        assertThat(alerts.get(2).getSummary()).isEqualTo(
                "8 of 8 DAC members signed the certificate of batch 14; the keyset requires 7 (1 to spare).");
    }

    /**
     * Arbitrum Nova's keyset: 6 members, 5 signatures required (l2beat/l2beat nova discovered.json,
     * SequencerInbox.dacKeyset, as carried by the bundled registry preset). Synthetic cadence.
     */
    @Test
    void shouldJudgeNovasFiveOfSixKeyset() {
        RollupProfile nova = DaRecords.profile("arbitrum-nova", "ARBITRUM_NITRO", true, null, 5, 6, Map.of());
        List<SpecificRecord> records = new ArrayList<>();
        int[] signers = {6, 6, 5, 4};
        for (int i = 0; i < signers.length; i++) {
            records.add(certificate("arbitrum-nova", minute(10L * i), 900 + i, signers[i], null, null));
        }

        List<RiskAlert> alerts = quorumAlerts(nova, records);

        assertThat(lifecycle(alerts)).containsExactly(
                line(FIRING, WARNING, minute(20)),
                line(ESCALATED, CRITICAL, minute(30)));
        assertThat(alerts.get(1).getSummary()).isEqualTo("4 of 6 DAC members signed the certificate of batch 903; the "
                + "keyset requires 5: below quorum by 1, so honest nodes cannot accept the certificate.");
    }

    @Test
    void shouldNotFireWhileEveryCertificateHasSlack() {
        List<SpecificRecord> records = new ArrayList<>();
        for (int i = 0; i < 144; i++) {
            records.add(certificate(CHAIN, minute(10L * i), i, 8, 8, 7));
        }

        assertThat(quorumAlerts(PROFILE, records)).isEmpty();
    }

    @Test
    void shouldTakeThresholdAndSizeFromTheProfileWhenTheCertificateDoesNotCarryThem() {
        List<SpecificRecord> records = List.of(
                certificate(CHAIN, minute(0), 1, 8, null, null),
                certificate(CHAIN, minute(10), 2, 7, null, null));

        List<RiskAlert> alerts = quorumAlerts(PROFILE, records);

        assertThat(lifecycle(alerts)).containsExactly(line(FIRING, WARNING, minute(10)));
        assertThat(alerts.get(0).getSummary()).startsWith("7 of 8 DAC members signed the certificate of batch 2; "
                + "the keyset requires 7: no slack");
    }

    @Test
    void shouldNotWarnOnEveryBatchOfAKeysetThatNeedsAllItsMembers() {
        RollupProfile small = DaRecords.profile(CHAIN, "ARBITRUM_NITRO", true, null, null, null, Map.of());
        List<SpecificRecord> records = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            records.add(certificate(CHAIN, minute(10L * i), i, 2, 2, 2));
        }
        records.add(certificate(CHAIN, minute(120), 12, 1, 2, 2));

        assertThat(lifecycle(quorumAlerts(small, records))).containsExactly(line(FIRING, CRITICAL, minute(120)));
    }

    @Test
    void shouldWarnWithinAConfiguredSlack() {
        RollupProfile roomy = DaRecords.profile(CHAIN, "ARBITRUM_NITRO", true, null, 7, 9,
                Map.of("DAC_QUORUM", Map.of("warnSlack", "1")));
        List<SpecificRecord> records = List.of(
                certificate(CHAIN, minute(0), 1, 9, 9, 7),
                certificate(CHAIN, minute(10), 2, 8, 9, 7));

        List<RiskAlert> alerts = quorumAlerts(roomy, records);

        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.getSeverity()).isEqualTo(WARNING);
            assertThat(a.getThreshold()).isEqualTo(8.0);
            assertThat(a.getSummary()).isEqualTo("8 of 9 DAC members signed the certificate of batch 2; the keyset "
                    + "requires 7: only 1 to spare, 2 more unavailable members stop certificates.");
        });
    }

    @Test
    void shouldIgnoreCertificatesWithoutASignerCountOrThreshold() {
        RollupProfile unknown = DaRecords.profile(CHAIN, "GENERIC", true, null, null, null, Map.of());
        List<SpecificRecord> records = List.of(
                certificate(CHAIN, minute(0), 1, null, 8, 7),
                certificate(CHAIN, minute(10), 2, 3, null, null));

        assertThat(quorumAlerts(unknown, records)).isEmpty();
    }
}
