package io.l2risk.engine.indicators;

import static io.l2risk.avro.AlertStatus.FIRING;
import static io.l2risk.avro.AlertStatus.RESOLVED;
import static io.l2risk.avro.Severity.CRITICAL;
import static io.l2risk.engine.Events.T0;
import static io.l2risk.engine.Events.progress;
import static io.l2risk.engine.indicators.DaDriver.line;
import static io.l2risk.engine.indicators.DaDriver.lifecycle;
import static io.l2risk.engine.indicators.DaRecords.batch;
import static org.assertj.core.api.Assertions.assertThat;

import io.l2risk.avro.DaMode;
import io.l2risk.avro.ProofEvent;
import io.l2risk.avro.ProofKind;
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

class StateRevertedIndicatorTest {

    private static RollupProfile profile(String id, Map<String, Map<String, String>> thresholds) {
        return DaRecords.profile(id, "OP_STACK", false, Duration.ofDays(7), null, null, thresholds);
    }

    private static List<RiskAlert> revertAlerts(RollupProfile profile, List<SpecificRecord> records) {
        return DaDriver.of(IndicatorKind.STATE_REVERTED, new DaDriver(profile).run(records));
    }

    private static ProofEvent revert(String rollup, Instant at, Long keptBatch, Long keptL2Block, String actor) {
        return ProofEvent.newBuilder(DaRecords.proof(rollup, at, ProofKind.STATE_REVERTED)
                        .setBatchIndexEnd(keptBatch).setL2BlockNumber(keptL2Block).setActor(actor).build())
                .build();
    }

    /**
     * Kroma, incidents.md #23 (kroma-network/kroma postmortems/2024-04-01-tx-receipts-validation-skip-incident.md;
     * L2BEAT "Chain fork #2 – Output root replaced"): the sequencer omitted an L1 deposit at L2 block
     * 9,029,744 (2024-04-01 02:51:15 UTC), an invalid output was proposed, and on 2024-04-05 the Security
     * Council deleted it. Synthetic: hourly proposals every 1,800 L2 blocks (2 s blocks), the revert's
     * hour on 04-05, the actor address.
     */
    @Test
    void shouldPageOnKromasOutputDeletionAndResolveADayLater() {
        String kroma = "kroma";
        Instant first = Instant.parse("2024-04-01T00:00:11Z");
        List<SpecificRecord> records = new ArrayList<>();
        long hours = 4 * 24 + 6;
        for (long h = 0; h < hours; h++) {
            long l2Block = 9_028_800 + 1_800 * h;
            records.add(DaRecords.proposal(kroma, first.plus(Duration.ofHours(h)), l2Block, DaRecords.hash("kroma/" + h)));
        }
        Instant deletion = Instant.parse("2024-04-05T06:00:11Z");
        String securityCouncil = "0x00000000000000000000000000000000005ec0c1";
        records.add(revert(kroma, deletion, null, 9_028_800L, securityCouncil));
        for (long h = 1; h <= 30; h++) {
            records.add(progress(kroma, deletion.plus(Duration.ofHours(h)), 2));
        }

        List<RiskAlert> alerts = revertAlerts(profile(kroma, Map.of()), records);

        String tx = DaRecords.source(deletion, null).getTxHash();
        assertThat(lifecycle(alerts)).containsExactly(
                line(FIRING, CRITICAL, deletion, tx),
                line(RESOLVED, CRITICAL, deletion.plus(Duration.ofHours(24)), tx));
        assertThat(alerts.get(0).getSummary()).isEqualTo("State reverted on L1 0s ago by " + securityCouncil + ": at "
                + "least 32 state proposals after L2 block 9028800 deleted (through L2 block 9210600) (tx " + tx + ").");
        assertThat(alerts.get(0).getValue()).isEqualTo(32.0);
        assertThat(alerts.get(0).getUnit()).isEqualTo("outputs");
        assertThat(alerts.get(0).getEvidence())
                .containsEntry("keptThroughL2Block", "9028800")
                .containsEntry("deletedProposals", ">=32")
                .containsEntry("lastDeletedL2Block", "9210600")
                .containsEntry("actor", securityCouncil)
                .containsEntry("txHash", tx);
        assertThat(alerts.get(1).getSummary()).isEqualTo("The revert 1d ago (at least 32 state proposals after L2 block "
                + "9028800 deleted (through L2 block 9210600)) is older than 1d; no longer alerting.");
    }

    @Test
    void shouldCountRevertedBatchesAndOpenASecondAlertForASecondRevert() {
        String zk = "zksync-era";
        List<SpecificRecord> records = new ArrayList<>();
        for (long i = 1; i <= 120; i++) {
            records.add(batch(zk, T0.plusSeconds(60 * i), i, DaMode.BLOB));
        }
        Instant firstRevert = T0.plusSeconds(60 * 121);
        records.add(revert(zk, firstRevert, 100L, null, null));
        for (long i = 101; i <= 110; i++) {
            records.add(batch(zk, T0.plusSeconds(60 * (121 + i - 100)), i, DaMode.BLOB));
        }
        Instant secondRevert = T0.plusSeconds(60 * 140);
        records.add(revert(zk, secondRevert, 105L, null, null));

        List<RiskAlert> alerts = revertAlerts(profile(zk, Map.of()), records);

        assertThat(lifecycle(alerts)).containsExactly(
                line(FIRING, CRITICAL, firstRevert, DaRecords.source(firstRevert, null).getTxHash()),
                line(FIRING, CRITICAL, secondRevert, DaRecords.source(secondRevert, null).getTxHash()));
        assertThat(alerts.get(0).getSummary()).isEqualTo("State reverted on L1 0s ago: batches 101–120 (20) reverted (tx "
                + DaRecords.source(firstRevert, null).getTxHash() + ").");
        assertThat(alerts.get(0).getValue()).isEqualTo(20.0);
        assertThat(alerts.get(0).getEvidence()).containsEntry("revertedFromBatch", "101")
                .containsEntry("revertedThroughBatch", "120").containsEntry("keptThroughBatch", "100");
        assertThat(alerts.get(1).getSummary()).startsWith("State reverted on L1 0s ago: batches 106–110 (5) reverted");
    }

    @Test
    void shouldResolveAfterAConfiguredHoldPeriod() {
        String rollup = "scroll";
        Instant at = T0.plusSeconds(600);
        List<SpecificRecord> records = new ArrayList<>();
        records.add(batch(rollup, T0, 7L, DaMode.BLOB));
        records.add(revert(rollup, at, 6L, null, null));
        for (long m = 1; m <= 180; m++) {
            records.add(progress(rollup, at.plusSeconds(60 * m), 2));
        }

        List<RiskAlert> alerts = revertAlerts(profile(rollup, Map.of("STATE_REVERTED", Map.of("holdFor", "2h"))), records);

        assertThat(alerts).extracting(RiskAlert::getStatus).containsExactly(FIRING, RESOLVED);
        assertThat(alerts.get(1).getEventTime()).isEqualTo(at.plus(Duration.ofHours(2)));
        assertThat(alerts.get(0).getSummary()).isEqualTo("State reverted on L1 0s ago: batch 7 reverted (tx "
                + DaRecords.source(at, null).getTxHash() + ").");
    }

    @Test
    void shouldNotFireOnOrdinaryProposalsAndBatches() {
        String rollup = "op-mainnet";
        List<SpecificRecord> records = new ArrayList<>();
        for (long h = 0; h < 48; h++) {
            records.add(batch(rollup, T0.plus(Duration.ofHours(h)), h, DaMode.BLOB));
            records.add(DaRecords.proposal(rollup, T0.plus(Duration.ofHours(h)), 1_800 * h, DaRecords.hash("r" + h)));
        }

        assertThat(revertAlerts(profile(rollup, Map.of()), records)).isEmpty();
    }
}
