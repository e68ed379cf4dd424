package io.l2risk.ingest.decode;

import io.l2risk.avro.BatchPosted;
import io.l2risk.avro.DaMode;
import io.l2risk.avro.Source;
import io.l2risk.ingest.L1Block;
import io.l2risk.ingest.L1Transaction;
import io.l2risk.registry.RollupConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * OP Stack batches: a batcher transaction is an L1 transaction from the chain's batcher to its batch inbox
 * (ethereum-optimism/specs specs/protocol/derivation.md, "L1 Retrieval"); it emits no log, so the ingester
 * scans blocks for it and this class turns one into a {@code BatchPosted}.
 *
 * <p>Where its data lives (derivation.md "Batcher Transaction Format", "Ecotone: Blob Retrieval";
 * specs/experimental/alt-da.md "Input Commitment Submission"):
 * <ul>
 *   <li>type-3 transaction: the frames are in its blobs → {@code BLOB}, with the versioned hashes and
 *       {@code dataBytes} = blobs × 131 072 (the calldata of a blob transaction is not read by
 *       derivation);</li>
 *   <li>otherwise the calldata, whose first byte is the derivation version: {@code 0x00} frames on L1
 *       → {@code CALLDATA}; {@code 0x01} an alt-DA commitment to data kept off L1 →
 *       {@code ALT_DA_COMMITMENT}; any other byte → {@code UNKNOWN} (derivation drops it); no calldata at
 *       all → {@code NONE}. {@code dataBytes} is the calldata size.</li>
 * </ul>
 * Frames carry no batch number, so {@code batchIndex} is null; the record comes from a transaction, so
 * {@code source.logIndex} is null and {@code source.contract} is the batch inbox.
 */
public final class BatcherTransactions {

    /** Bytes of one EIP-4844 blob (4096 field elements × 32 bytes). */
    static final long BLOB_BYTES = 131_072;
    static final int BLOB_TX_TYPE = 3;
    static final int DERIVATION_VERSION_FRAMES = 0x00;
    static final int DERIVATION_VERSION_ALT_DA = 0x01;

    private BatcherTransactions() {
    }

    /**
     * The batch {@code tx} posts for {@code rollup}: one record. The caller has matched the transaction to
     * one of {@code rollup.batchers()} sending to {@code rollup.batchInbox()}.
     *
     * @param block     the block that includes {@code tx}, for the record's provenance and event time
     * @param l1ChainId EIP-155 chain id of the L1
     */
    public static List<BatchPosted> decode(RollupConfig rollup, L1Transaction tx, L1Block block, long l1ChainId) {
        Objects.requireNonNull(rollup, "rollup");
        Objects.requireNonNull(tx, "tx");
        Objects.requireNonNull(block, "block");
        Source source = Source.newBuilder()
                .setL1ChainId(l1ChainId)
                .setBlockNumber(block.number())
                .setBlockHash(block.hash())
                .setBlockTime(Instant.ofEpochSecond(block.timestamp()))
                .setTxHash(tx.hash())
                .setLogIndex(null)
                .setContract(rollup.batchInbox().orElse(tx.to() == null ? null : tx.to().toLowerCase(Locale.ROOT)))
                .build();
        BatchPosted.Builder batch = BatchPosted.newBuilder().setRollupId(rollup.id()).setSource(source)
                .setSubmitter(tx.from().toLowerCase(Locale.ROOT));
        if (tx.type() == BLOB_TX_TYPE) {
            batch.setDaMode(DaMode.BLOB).setBlobVersionedHashes(new ArrayList<>(tx.blobVersionedHashes()))
                    .setDataBytes(tx.blobVersionedHashes().size() * BLOB_BYTES);
        } else if (tx.inputSize() == 0) {
            batch.setDaMode(DaMode.NONE).setDataBytes(0L);
        } else {
            int version = Integer.parseInt(hexDigits(tx.input()).substring(0, 2), 16);
            DaMode mode = version == DERIVATION_VERSION_FRAMES ? DaMode.CALLDATA
                    : version == DERIVATION_VERSION_ALT_DA ? DaMode.ALT_DA_COMMITMENT : DaMode.UNKNOWN;
            batch.setDaMode(mode).setDataBytes((long) tx.inputSize());
        }
        return List.of(batch.build());
    }

    private static String hexDigits(String hex) {
        return hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
    }
}
