package io.l2risk.ingest;

import java.util.List;
import java.util.Optional;

/**
 * Read access to an Ethereum L1 node: the only way the rest of the monitor talks to a chain, so that
 * no web3j type leaks out of the ingest package.
 *
 * <p>Hashes, addresses and hex data are {@code 0x}-prefixed lower-case strings, as nodes return
 * them. Every method throws {@link RpcException} on failure; its {@link RpcException#kind()} says
 * whether to retry, shrink the block range, or stop ({@link RpcErrors} classifies any throwable the
 * same way).
 */
public interface ChainClient extends AutoCloseable {

    /** The node's chain id ({@code eth_chainId}), e.g. 1 for Ethereum mainnet. */
    long chainId();

    /** The number of the node's latest block ({@code eth_blockNumber}). */
    long latestBlockNumber();

    /**
     * Block {@code number} ({@code eth_getBlockByNumber}), or empty when the node does not have it yet.
     *
     * @param withTransactions when true, {@link L1Block#transactions()} holds the light view of every
     *     transaction (from, to, type, input, blob versioned hashes), as batcher scans need; when
     *     false it is empty and only {@link L1Block#transactionHashes()} is filled
     */
    Optional<L1Block> block(long number, boolean withTransactions);

    /**
     * The logs emitted by any of {@code addresses} in blocks {@code fromBlock..toBlock} (both
     * inclusive), in chain order ({@code eth_getLogs}).
     *
     * @param addresses the emitting contracts; at least one (an empty list would mean every contract)
     * @param topic0s event signatures to keep (any of them); empty keeps every event
     * @throws IllegalArgumentException when {@code addresses} is empty or {@code fromBlock > toBlock}
     * @throws RpcException of kind {@link RpcException.Kind#RANGE_TOO_LARGE} when the provider
     *     refuses the range for returning too much; the caller retries with a smaller range
     */
    List<L1Log> logs(List<String> addresses, List<String> topic0s, long fromBlock, long toBlock);

    /**
     * A mined transaction by hash ({@code eth_getTransactionByHash}); empty when the node does not
     * know it or it is still pending.
     */
    Optional<L1Transaction> transaction(String hash);

    /**
     * The return data of {@code eth_call} to {@code to} with {@code data} at block {@code blockNumber}, as
     * {@code 0x} hex; empty when the call reverts (a view the contract does not have, for example).
     */
    Optional<String> call(String to, String data, long blockNumber);

    /** Releases the connection pool; no RPC error can happen here. */
    @Override
    void close();
}
