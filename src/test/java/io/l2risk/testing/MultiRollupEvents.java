package io.l2risk.testing;

import io.l2risk.avro.BatchPosted;
import io.l2risk.avro.BridgeEvent;
import io.l2risk.avro.BridgeEventKind;
import io.l2risk.avro.DaMethod;
import io.l2risk.avro.DaMode;
import io.l2risk.avro.DaObservation;
import io.l2risk.avro.IngestProgress;
import io.l2risk.avro.ProofEvent;
import io.l2risk.avro.ProofKind;
import io.l2risk.avro.Source;
import io.l2risk.engine.RollupProfile;
import io.l2risk.records.IngestRecords;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/**
 * Two hours of three rollups, every ingest record type, interleaved in L1 time order — the fixture of
 * the backtest-equals-topology test. Modelled on incidents.md §A:
 * <ul>
 *   <li>{@code base}: batches every 2 minutes, then the 33-minute halt of Base on 2025-08-05
 *       (06:07–06:40, incident 6: "short gap in batches"), here from minute 30 to minute 63;
 *       thresholds 10m/20m ({@link #BASE_PROFILE}) so it fires, escalates and resolves.</li>
 *   <li>{@code arbitrum-one}: the bursty posting of 2023-12-15 (incident 1, measured gaps 12.6, 12.0,
 *       11.2, 16.8, 12.0, 9.4, 9.2 minutes), then every 5 minutes: must not fire at the 30-minute
 *       GENERIC bound.</li>
 *   <li>{@code zksync-era}: batches every 3 minutes, but the monitor's own ingester lags 100 blocks
 *       from minute 40 to 52 — the correlated L1 RPC failures of Blast on 2024-03-22 (incident 10) seen
 *       from the monitor's side: MONITOR_STALE, not a rollup alert.</li>
 * </ul>
 * Plus proofs, deposits, DA checks, two invalid withdrawals (amounts "-5" and "12.5") and one batch
 * that arrives a minute late (out of order). Heartbeats every minute for each rollup.
 */
public final class MultiRollupEvents {

    public static final Instant T0 = Instant.parse("2024-06-20T12:00:11Z");
    public static final long B0 = 20_134_512L;
    public static final RollupProfile BASE_PROFILE = new RollupProfile("base", "OP_STACK", true, false, null, null,
            null, null, null, null, null, null,
            Map.of("BATCH_LIVENESS", Map.of("warnAfter", "10m", "criticalAfter", "20m")));

    private static final double[] ARBITRUM_GAPS_MINUTES = {12.6, 12.0, 11.2, 16.8, 12.0, 9.4, 9.2};

    private MultiRollupEvents() {
    }

    /** The registry of the fixture: {@code base} known with its overrides, the others GENERIC. */
    public static Optional<RollupProfile> profile(String rollupId) {
        return rollupId.equals("base") ? Optional.of(BASE_PROFILE) : Optional.empty();
    }

    /** Every record, in L1 time order (ties in the order they were generated). */
    public static List<SpecificRecord> events() {
        List<SpecificRecord> events = new ArrayList<>();
        for (int minute = 0; minute <= 120; minute++) {
            Instant t = at(minute, 0);
            for (String rollup : List.of("base", "arbitrum-one", "zksync-era")) {
                long lag = rollup.equals("zksync-era") && minute >= 40 && minute <= 52 ? 100 : 2;
                events.add(progress(rollup, t, lag));
            }
            if (minute % 2 == 0 && (minute <= 30 || minute >= 64)) {
                events.add(batch("base", at(minute, 20), minute / 2));
            }
            if (minute == 63) {
                events.add(batch("base", at(minute, 20), 99));
            }
            if (minute % 3 == 0) {
                events.add(batch("zksync-era", at(minute, 40), minute / 3));
            }
            if (minute % 10 == 5) {
                events.add(proof("base", at(minute, 30), ProofKind.STATE_PROPOSED));
            }
            if (minute % 15 == 7) {
                events.add(proof("zksync-era", at(minute, 30), ProofKind.PROOF_VERIFIED));
            }
            if (minute % 7 == 3) {
                events.add(bridge("arbitrum-one", at(minute, 45), BridgeEventKind.DEPOSIT_INITIATED,
                        "1500000000000000000"));
            }
            if (minute % 9 == 4) {
                events.add(da("zksync-era", at(minute, 50)));
            }
        }
        double arbitrum = 0;
        events.add(batch("arbitrum-one", at(0, 5), 0));
        for (int i = 0; i < ARBITRUM_GAPS_MINUTES.length; i++) {
            arbitrum += ARBITRUM_GAPS_MINUTES[i];
            events.add(batch("arbitrum-one", T0.plusMillis(Math.round(arbitrum * 60_000)), i + 1));
        }
        for (int minute = (int) Math.ceil(arbitrum) + 5, index = 100; minute <= 120; minute += 5, index++) {
            events.add(batch("arbitrum-one", at(minute, 5), index));
        }
        events.add(bridge("arbitrum-one", at(20, 50), BridgeEventKind.WITHDRAWAL_FINALIZED, "-5"));
        events.add(bridge("arbitrum-one", at(21, 50), BridgeEventKind.WITHDRAWAL_FINALIZED, "12.5"));
        events.sort(Comparator.comparing(IngestRecords::eventTime));
        // A batch observed a minute after its neighbours: out of order for the engine.
        int late = events.indexOf(events.stream().filter(e -> IngestRecords.eventTime(e).equals(at(81, 0))).findFirst()
                .orElseThrow());
        events.add(late, batch("base", at(80, 1), 500));
        return events;
    }

    static Instant at(int minute, int second) {
        return T0.plus(Duration.ofMinutes(minute)).plusSeconds(second);
    }

    static long block(Instant time) {
        return B0 + (time.getEpochSecond() - T0.getEpochSecond()) / 12;
    }

    static Source source(Instant time) {
        long block = block(time);
        return Source.newBuilder().setL1ChainId(1L).setBlockNumber(block)
                .setBlockHash(String.format("0x%064x", block)).setBlockTime(time)
                .setTxHash(String.format("0x%064x", time.getEpochSecond())).build();
    }

    static BatchPosted batch(String rollupId, Instant time, long index) {
        return BatchPosted.newBuilder().setRollupId(rollupId).setSource(source(time)).setBatchIndex(index)
                .setDaMode(DaMode.BLOB).setFeeWei("1234567890").build();
    }

    static IngestProgress progress(String rollupId, Instant time, long lagBlocks) {
        long block = block(time);
        return IngestProgress.newBuilder().setRollupId(rollupId).setL1ChainId(1L).setScannedThroughBlock(block)
                .setScannedThroughTime(time).setL1HeadBlock(block + lagBlocks).setIngesterId("fixture").build();
    }

    static ProofEvent proof(String rollupId, Instant time, ProofKind kind) {
        return ProofEvent.newBuilder().setRollupId(rollupId).setSource(source(time)).setKind(kind).build();
    }

    static BridgeEvent bridge(String rollupId, Instant time, BridgeEventKind kind, String amount) {
        return BridgeEvent.newBuilder().setRollupId(rollupId).setSource(source(time)).setKind(kind).setAmount(amount)
                .setDetails(Map.of()).build();
    }

    static DaObservation da(String rollupId, Instant time) {
        return DaObservation.newBuilder().setRollupId(rollupId).setSource(source(time))
                .setReference(String.format("0x01%062x", time.getEpochSecond())).setMethod(DaMethod.BLOB_SIDECAR)
                .setAvailable(true).setLatencyMillis(120L).setObservedAt(time).build();
    }
}
