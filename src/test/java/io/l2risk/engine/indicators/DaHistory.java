package io.l2risk.engine.indicators;

import static io.l2risk.engine.Events.T0;

import io.l2risk.avro.DaMethod;
import io.l2risk.avro.DaMode;
import io.l2risk.avro.DisputeOutcome;
import io.l2risk.avro.ProofKind;
import io.l2risk.engine.Events;
import java.time.Duration;
import java.time.Instant;
import io.l2risk.records.IngestRecords;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * A long, deterministic synthetic history that touches every data-availability and state-validation
 * indicator: a batch, a DA check and a heartbeat every 10 minutes, hourly proposals with trusted-node
 * observations, finalizations a challenge period later, and periodic incidents (check outages, root
 * mismatches that clear, disputes won by either side, reverts, DA-mode bursts, quorum dips, fallbacks).
 */
final class DaHistory {

    static final Duration TICK = Duration.ofMinutes(10);
    static final int TICKS_PER_DAY = 144;

    private DaHistory() {
    }

    static Instant at(long tick) {
        return T0.plus(TICK.multipliedBy(tick));
    }

    /** Ticks {@code [from, to)} of the history of {@code rollup}; AnyTrust chains post DAC certificates. */
    static List<SpecificRecord> ticks(String rollup, boolean anyTrust, Duration challengePeriod, long from, long to) {
        long challengeTicks = challengePeriod.dividedBy(TICK);
        List<SpecificRecord> records = new ArrayList<>();
        for (long k = from; k < to; k++) {
            Instant t = at(k);
            String reference;
            if (anyTrust) {
                boolean fallback = k % 1500 >= 200 && k % 1500 <= 202;
                int signers = k % 700 >= 100 && k % 700 <= 103 ? 7 : k % 2900 == 1000 ? 6 : 8;
                records.add(fallback ? DaRecords.batch(rollup, t, k, DaMode.CALLDATA)
                        : DaRecords.certificate(rollup, t, k, signers, 8, 7));
                reference = DaRecords.hash(rollup + "/cert/" + k);
            } else {
                DaMode mode = k % 97 == 50 ? DaMode.CALLDATA
                        : k % (20L * TICKS_PER_DAY) < 3 && k > 0 ? DaMode.ALT_DA_COMMITMENT : DaMode.BLOB;
                records.add(DaRecords.batch(rollup, t, k, mode));
                reference = DaRecords.blob(rollup, t);
            }
            boolean outage = k % 1000 >= 500 && k % 1000 <= 508;
            records.add(DaRecords.check(rollup, t.plusSeconds(60), reference,
                    anyTrust ? DaMethod.DAC_MEMBER : DaMethod.BLOB_SIDECAR, !outage, k, t));
            if (k % 6 == 0) {
                long l2 = 300 * k;
                records.add(DaRecords.proof(rollup, t.plusSeconds(120), ProofKind.STATE_PROPOSED).setBatchIndexEnd(k)
                        .setL2BlockNumber(l2).setStateRoot(DaRecords.hash("root/" + k))
                        .setChallengePeriodEnd(t.plus(challengePeriod)).build());
                String seen = k % 2000 == 600 ? "stale/" + k : "root/" + k;
                records.add(DaRecords.observed(rollup, t.plusSeconds(180), l2, DaRecords.hash(seen)));
                if (k % 2000 == 600) {
                    records.add(DaRecords.observed(rollup, t.plusSeconds(240), l2, DaRecords.hash("root/" + k)));
                }
            }
            long proposedAt = k - challengeTicks;
            if (proposedAt >= 0 && proposedAt % 6 == 0) {
                records.add(DaRecords.proof(rollup, t.plusSeconds(200), ProofKind.STATE_FINALIZED)
                        .setBatchIndexEnd(proposedAt).setL2BlockNumber(300 * proposedAt).build());
            }
            if (k % 500 == 250) {
                records.add(DaRecords.disputeOpened(rollup, t.plusSeconds(300), "game-" + k, 300 * (k - k % 6), null,
                        t.plus(Duration.ofHours(84))));
            }
            if (k % 500 == 250 + TICKS_PER_DAY % 500) {
                long openedAt = k - TICKS_PER_DAY;
                records.add(DaRecords.disputeResolved(rollup, t.plusSeconds(300), "game-" + openedAt,
                        (openedAt / 500) % 2 == 0 ? DisputeOutcome.DEFENDER_WINS : DisputeOutcome.CHALLENGER_WINS));
            }
            if (k % 400 == 399) {
                records.add(DaRecords.proof(rollup, t.plusSeconds(400), ProofKind.STATE_REVERTED).setBatchIndexEnd(k - 5)
                        .setL2BlockNumber(300 * (k - 5)).build());
            }
            records.add(Events.progress(rollup, t.plusSeconds(500), 2));
        }
        records.sort(Comparator.comparing(IngestRecords::eventTime));
        return records;
    }
}
