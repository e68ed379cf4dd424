package io.l2risk.ingest;

import java.util.List;
import java.util.Objects;

/**
 * One log entry as {@code eth_getLogs} returns it.
 *
 * @param address the emitting contract
 * @param topics topic0 (the event signature's Keccak-256) first, then the indexed parameters
 * @param data the ABI-encoded non-indexed parameters, {@code 0x} when there are none
 * @param blockNumber the including block's number
 * @param blockHash the including block's hash
 * @param transactionHash the emitting transaction
 * @param transactionIndex the transaction's position in its block
 * @param logIndex the log's position in its block
 * @param removed true when the node reports the log as dropped by a reorg
 */
public record L1Log(String address, List<String> topics, String data, long blockNumber, String blockHash,
        String transactionHash, int transactionIndex, int logIndex, boolean removed) {

    public L1Log {
        Objects.requireNonNull(address, "address");
        topics = List.copyOf(topics);
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(blockHash, "blockHash");
        Objects.requireNonNull(transactionHash, "transactionHash");
    }

    /** The event signature hash, or empty string for an anonymous event without topics. */
    public String topic0() {
        return topics.isEmpty() ? "" : topics.get(0);
    }
}
