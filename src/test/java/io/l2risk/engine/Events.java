package io.l2risk.engine;

import io.l2risk.avro.BatchPosted;
import io.l2risk.avro.BridgeEvent;
import io.l2risk.avro.BridgeEventKind;
import io.l2risk.avro.DaMode;
import io.l2risk.avro.IngestProgress;
import io.l2risk.avro.Source;
import java.time.Instant;
import java.util.Map;

/** Compact builders of ingest records for engine tests. Block numbers follow L1's 12 s slots from {@link #T0}. */
public final class Events {

    /** 2024-06-20T12:00:11Z, block {@link #B0}. */
    public static final Instant T0 = Instant.parse("2024-06-20T12:00:11Z");
    public static final long B0 = 20_134_512L;

    private Events() {
    }

    public static long block(Instant time) {
        return B0 + (time.getEpochSecond() - T0.getEpochSecond()) / 12;
    }

    public static Source source(Instant time) {
        long block = block(time);
        return Source.newBuilder().setL1ChainId(1L).setBlockNumber(block)
                .setBlockHash(String.format("0x%064x", block)).setBlockTime(time)
                .setTxHash(String.format("0x%064x", block * 1000 + 1)).build();
    }

    public static BatchPosted batch(String rollupId, Instant time, long index) {
        return BatchPosted.newBuilder().setRollupId(rollupId).setSource(source(time)).setBatchIndex(index)
                .setDaMode(DaMode.BLOB).build();
    }

    public static IngestProgress progress(String rollupId, Instant time, long lagBlocks) {
        long block = block(time);
        return IngestProgress.newBuilder().setRollupId(rollupId).setL1ChainId(1L).setScannedThroughBlock(block)
                .setScannedThroughTime(time).setL1HeadBlock(block + lagBlocks).setIngesterId("test").build();
    }

    public static BridgeEvent withdrawal(String rollupId, Instant time, String amount) {
        return BridgeEvent.newBuilder().setRollupId(rollupId).setSource(source(time))
                .setKind(BridgeEventKind.WITHDRAWAL_FINALIZED).setAmount(amount).setDetails(Map.of()).build();
    }
}
