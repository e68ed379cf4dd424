package io.l2risk.ingest.decode;

import io.l2risk.avro.Source;
import io.l2risk.ingest.L1Log;
import io.l2risk.registry.RollupConfig;
import java.time.Instant;
import java.util.Objects;

/**
 * One log with what the router knows about it: the rollup whose contract emitted it, the contract's role
 * for that rollup (a registry role, or {@code EventCatalog.WATCHED} / {@code EventCatalog.DISPUTE_GAME}),
 * and its block's timestamp. An address shared by several rollups yields one routed log per rollup.
 *
 * @param rollup          the rollup the emitter belongs to
 * @param role            the emitter's role for {@code rollup}
 * @param log             the log
 * @param l1ChainId       EIP-155 chain id of the L1
 * @param blockTimeMillis the including block's timestamp, in milliseconds
 */
public record RoutedLog(RollupConfig rollup, String role, L1Log log, long l1ChainId, long blockTimeMillis) {

    public RoutedLog {
        Objects.requireNonNull(rollup, "rollup");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(log, "log");
    }

    /** The rollup's id, the key of every record decoded from this log. */
    public String rollupId() {
        return rollup.id();
    }

    /** The provenance every record decoded from this log carries. */
    public Source source() {
        return Source.newBuilder()
                .setL1ChainId(l1ChainId)
                .setBlockNumber(log.blockNumber())
                .setBlockHash(log.blockHash())
                .setBlockTime(Instant.ofEpochMilli(blockTimeMillis))
                .setTxHash(log.transactionHash())
                .setLogIndex(log.logIndex())
                .setContract(log.address())
                .build();
    }
}
