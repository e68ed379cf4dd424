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
import static org.assertj.core.api.Assertions.assertThat;

import io.l2risk.avro.DaMode;
import io.l2risk.avro.ProofKind;
import io.l2risk.avro.RiskAlert;
import io.l2risk.engine.IndicatorKind;
import io.l2risk.engine.RollupProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/**
 * Blobs are kept 4096 epochs ≈ 18d 4h 54m (EIP-4844); OP Stack's challenge window is 7 days. No
 * incident in incidents.md ran that long, so the stalls are synthetic; the validity-rollup case is
 * shaped like zkSync Era's 2025-07-30 proof pause (incidents.md #14: proving stopped while commits
 * continued), stretched to cross the retention period.
 */
class BlobRetentionIndicatorTest {

    private static final Duration WEEK = Duration.ofDays(7);

    private static Instant hour(long h) {
        return T0.plus(Duration.ofHours(h));
    }

    /**
     * An OP-Stack rollup: a blob batch every hour (no batch index), an output proposal every hour for
     * which {@code proposing} holds, and each proposal finalized 7 days later.
     */
    private static List<SpecificRecord> opStack(String rollup, long hours, LongPredicate proposing) {
        List<SpecificRecord> records = new ArrayList<>();
        for (long h = 0; h <= hours; h++) {
            records.add(batch(rollup, hour(h), null, DaMode.BLOB));
            if (h >= 168 && proposing.test(h - 168)) {
                records.add(DaRecords.proof(rollup, hour(h), ProofKind.STATE_FINALIZED).setL2BlockNumber(1800 * (h - 168)).build());
            }
            if (proposing.test(h)) {
                records.add(DaRecords.proof(rollup, hour(h), ProofKind.STATE_PROPOSED).setL2BlockNumber(1800 * h)
                        .setStateRoot(DaRecords.hash("root/" + h)).setChallengePeriodEnd(hour(h).plus(WEEK)).build());
            }
        }
        return records;
    }

    private static List<RiskAlert> retentionAlerts(RollupProfile profile, List<SpecificRecord> records) {
        return DaDriver.of(IndicatorKind.BLOB_RETENTION, new DaDriver(profile).run(records));
    }

    private static RollupProfile op(String id) {
        return DaRecords.profile(id, "OP_STACK", false, WEEK, null, null, Map.of());
    }

    @Test
    void shouldNotFireWhileProposalsAndFinalizationsKeepUp() {
        assertThat(retentionAlerts(op("op-mainnet"), opStack("op-mainnet", 21 * 24, h -> true))).isEmpty();
    }

    @Test
    void shouldWarnThenPageWhenAProposerStallLetsBlobsExpireBeforeTheChallengeWindowCanEnd() {
        // Proposals stop after hour 48 and resume at day 14; the batches from hour 48 on are never
        // covered before their blobs expire at hour 48 + 18d 4h 54m.
        LongPredicate proposing = h -> h <= 48 || h >= 14 * 24;
        List<SpecificRecord> records = opStack("op-mainnet", 21 * 24 + 12, proposing);

        List<RiskAlert> alerts = retentionAlerts(op("op-mainnet"), records);

        // WARNING once now + 7d passes expiry - 2d: 48h + 9d 4h 54m → first record at 11d 5h.
        // CRITICAL once now + 7d passes expiry: 48h + 11d 4h 54m → 13d 5h.
        // The day-14 proposals finalize from day 21; the last at-risk batch (posted before 14d) goes then.
        assertThat(lifecycle(alerts)).containsExactly(
                line(FIRING, WARNING, hour(11 * 24 + 5)),
                line(ESCALATED, CRITICAL, hour(13 * 24 + 5)),
                line(RESOLVED, CRITICAL, hour(21 * 24)));
        assertThat(alerts.get(0).getSummary()).isEqualTo("8 unfinalized blob batches are at risk: the oldest, posted "
                + "9d 5h ago, loses its blobs in 8d 23h, but no proposal covers it yet, so its challenge window cannot "
                + "end before 7d from now, within the 2d safety margin.");
        assertThat(alerts.get(0).getValue()).isEqualTo(8.0);
        // At 13d 5h the hour-48 segment (8 hours of batches) is CRITICAL and the segments begun by hour 96
        // are within the margin: 7 × 8.
        assertThat(alerts.get(1).getSummary()).isEqualTo("56 unfinalized blob batches are at risk: the oldest, posted "
                + "11d 5h ago, loses its blobs in 6d 23h, but no proposal covers it yet, so its challenge window cannot "
                + "end before 7d from now.");
        assertThat(alerts.get(1).getEvidence())
                .containsEntry("oldestPostedAt", hour(48).toString())
                .containsEntry("blobsExpireAt", hour(48).plus(RollupProfile.DEFAULT_BLOB_RETENTION).toString())
                .containsEntry("oldestTx", DaRecords.source(hour(48), null).getTxHash());
    }

    @Test
    void shouldPageWhenAValidityRollupLeavesBatchesUnprovenUntilTheirBlobsExpire() {
        String rollup = "zksync-era";
        RollupProfile zk = DaRecords.profile(rollup, "ZKSYNC_ERA", false, null, null, null, Map.of());
        List<SpecificRecord> records = new ArrayList<>();
        // A committed blob batch every hour; proofs every hour until hour 24, then none until day 19.
        for (long h = 0; h <= 19 * 24 + 2; h++) {
            records.add(batch(rollup, hour(h), h, DaMode.BLOB));
            if (h <= 24 || h >= 19 * 24) {
                records.add(DaRecords.proof(rollup, hour(h), ProofKind.PROOF_VERIFIED)
                        .setBatchIndexStart(h).setBatchIndexEnd(h).build());
            }
        }

        List<RiskAlert> alerts = retentionAlerts(zk, records);

        // Batch 25 (hour 25) expires at 25h + 18d 4h 54m = 19d 5h 54m; the margin starts 2d earlier.
        // The proof of batch 456 at day 19 proves everything before it (proofs are sequential).
        assertThat(lifecycle(alerts)).containsExactly(
                line(FIRING, WARNING, hour(17 * 24 + 6)),
                line(RESOLVED, WARNING, hour(19 * 24)));
        // 16 days of unproven hourly batches exceed the segment cap: the oldest segment holds 24 of them.
        assertThat(alerts.get(0).getSummary()).isEqualTo("24 unfinalized blob batches are at risk: the oldest (batch 25, "
                + "posted 16d 5h ago) loses its blobs in 1d 23h and is not final, within the 2d safety margin.");
        assertThat(alerts.get(1).getSummary()).startsWith("No unfinalized blob batch is waiting");
    }

    @Test
    void shouldNotJudgeARollupWhoseFinalizationsAreNotIngested() {
        List<SpecificRecord> records = new ArrayList<>();
        for (long h = 0; h <= 20 * 24; h++) {
            records.add(batch("blobby", hour(h), h, DaMode.BLOB));
        }

        assertThat(retentionAlerts(op("blobby"), records)).isEmpty();
    }
}
