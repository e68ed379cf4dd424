package io.l2risk.ingest.decode;

import io.l2risk.avro.BatchPosted;
import io.l2risk.ingest.L1Block;
import io.l2risk.ingest.L1Transaction;
import io.l2risk.registry.RollupConfig;
import java.util.List;

/** Placeholder until the OP Stack batcher decoder lands (issue 5, in progress). */
public final class BatcherTransactions {

    private BatcherTransactions() {
    }

    public static List<BatchPosted> decode(RollupConfig rollup, L1Transaction tx, L1Block block, long l1ChainId) {
        throw new UnsupportedOperationException("batcher transactions not yet decoded");
    }
}
