package io.l2risk.ingest;

import java.util.List;
import java.util.Objects;

/**
 * The part of an L1 transaction that batcher scans need: who sent it where, its envelope type
 * (3 = EIP-4844 blob carrier) and its payload.
 *
 * @param hash transaction hash
 * @param blockNumber the including block
 * @param from sender
 * @param to recipient; {@code null} for a contract creation
 * @param type EIP-2718 envelope type: 0 legacy, 1 access list, 2 EIP-1559, 3 blob, 4 set-code
 * @param input calldata as {@code 0x}-prefixed hex
 * @param blobVersionedHashes the blobs a type-3 transaction carries; empty for other types
 */
public record L1Transaction(String hash, long blockNumber, String from, String to, int type, String input,
        List<String> blobVersionedHashes) {

    public L1Transaction {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(input, "input");
        blobVersionedHashes = List.copyOf(blobVersionedHashes);
    }

    /** Calldata length in bytes. */
    public int inputSize() {
        return input.startsWith("0x") ? (input.length() - 2) / 2 : input.length() / 2;
    }
}
