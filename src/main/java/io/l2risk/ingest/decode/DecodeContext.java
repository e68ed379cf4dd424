package io.l2risk.ingest.decode;

import io.l2risk.ingest.L1Log;
import io.l2risk.ingest.L1Transaction;
import java.util.List;
import java.util.Optional;

/**
 * What a decoder may consult beyond the log itself. Lookups go to the L1 node (or, for
 * {@link #logsOfTransaction}, to the logs already read for the scanned range) and may throw
 * {@code io.l2risk.ingest.RpcException}; the ingester then retries the whole range, so a decoder never
 * catches them.
 */
public interface DecodeContext {

    /** EIP-155 chain id of the L1. */
    long l1ChainId();

    /** A mined transaction ({@code eth_getTransactionByHash}); empty when the node does not know it. */
    Optional<L1Transaction> transaction(String hash);

    /**
     * The logs of transaction {@code txHash} among those read for the current range (the watched
     * contracts' logs only), in log order.
     */
    List<L1Log> logsOfTransaction(String txHash);

    /**
     * The result of {@code eth_call} to {@code to} with {@code data} at block {@code blockNumber}, as
     * {@code 0x} hex; empty when the call reverts.
     */
    Optional<String> call(String to, String data, long blockNumber);

    /** Decoder memory that outlives one log: dispute games, DAC keysets. */
    DecoderState state();
}
