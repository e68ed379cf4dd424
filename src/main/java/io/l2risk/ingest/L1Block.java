package io.l2risk.ingest;

import java.util.List;
import java.util.Objects;

/**
 * One L1 block header with what ingestion needs: its identity, its link to the parent (reorg checks
 * compare {@code parentHash} with the hash recorded for {@code number - 1}) and its timestamp.
 *
 * @param number block height
 * @param hash block hash
 * @param parentHash hash of block {@code number - 1}
 * @param timestamp block timestamp, seconds since the epoch
 * @param transactionHashes every transaction hash in block order
 * @param transactions the light view of every transaction in block order, only when requested
 *     (see {@link ChainClient#block(long, boolean)}); empty otherwise
 */
public record L1Block(long number, String hash, String parentHash, long timestamp,
        List<String> transactionHashes, List<L1Transaction> transactions) {

    public L1Block {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(parentHash, "parentHash");
        transactionHashes = List.copyOf(transactionHashes);
        transactions = List.copyOf(transactions);
    }
}
