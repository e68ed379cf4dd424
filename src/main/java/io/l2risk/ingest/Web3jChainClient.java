package io.l2risk.ingest;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.Transaction;
import org.web3j.protocol.http.HttpService;
import org.web3j.utils.Numeric;

/**
 * {@link ChainClient} over web3j's JSON-RPC HTTP transport. The only class that touches web3j: every
 * answer is copied into the ingest records, every failure into a classified {@link RpcException}
 * whose message carries the redacted endpoint only.
 *
 * <p>Thread-safe (web3j's HTTP service is); one instance per endpoint, closed once.
 */
public final class Web3jChainClient implements ChainClient {

    private static final Logger LOG = LoggerFactory.getLogger(Web3jChainClient.class);

    /** JSON-RPC error code of a reverted {@code eth_call} (EIP-1474 leaves it to clients; Geth and anvil use 3). */
    private static final int REVERTED = 3;

    private final String endpoint;
    private final OkHttpClient http;
    private final Web3j web3j;

    /**
     * @param rpcUrl the node's HTTP(S) JSON-RPC endpoint; may carry an API key, which is never logged
     * @param callTimeout limit for one whole call (connect, send, read)
     */
    public Web3jChainClient(String rpcUrl, Duration callTimeout) {
        Objects.requireNonNull(rpcUrl, "rpcUrl");
        Objects.requireNonNull(callTimeout, "callTimeout");
        this.endpoint = RpcUrls.redact(rpcUrl);
        this.http = new OkHttpClient.Builder()
                .callTimeout(callTimeout)
                .connectTimeout(callTimeout)
                .readTimeout(callTimeout)
                .writeTimeout(callTimeout)
                .build();
        this.web3j = Web3j.build(new HttpService(rpcUrl, http));
        LOG.info("L1 RPC client for {} (call timeout {})", endpoint, callTimeout);
    }

    @Override
    public long chainId() {
        return send("eth_chainId", web3j.ethChainId()).getChainId().longValueExact();
    }

    @Override
    public long latestBlockNumber() {
        return send("eth_blockNumber", web3j.ethBlockNumber()).getBlockNumber().longValueExact();
    }

    @Override
    public Optional<L1Block> block(long number, boolean withTransactions) {
        EthBlock.Block block = send("eth_getBlockByNumber",
                web3j.ethGetBlockByNumber(blockParameter(number), withTransactions)).getBlock();
        if (block == null) {
            return Optional.empty();
        }
        List<String> hashes = new ArrayList<>();
        List<L1Transaction> transactions = new ArrayList<>();
        for (EthBlock.TransactionResult<?> result : block.getTransactions()) {
            if (result instanceof EthBlock.TransactionObject tx) {
                hashes.add(tx.getHash());
                transactions.add(toTransaction(tx));
            } else {
                hashes.add((String) result.get());
            }
        }
        return Optional.of(new L1Block(block.getNumber().longValueExact(), block.getHash(), block.getParentHash(),
                block.getTimestamp().longValueExact(), hashes, transactions));
    }

    @Override
    public List<L1Log> logs(List<String> addresses, List<String> topic0s, long fromBlock, long toBlock) {
        if (addresses.isEmpty()) {
            // An empty address list means "every contract" to a node: never what a caller wants.
            throw new IllegalArgumentException("logs needs at least one address");
        }
        if (fromBlock > toBlock) {
            throw new IllegalArgumentException("fromBlock " + fromBlock + " > toBlock " + toBlock);
        }
        EthFilter filter = new EthFilter(blockParameter(fromBlock), blockParameter(toBlock), List.copyOf(addresses));
        if (!topic0s.isEmpty()) {
            filter.addOptionalTopics(topic0s.toArray(String[]::new));
        }
        // web3j declares a raw List<LogResult>; viewed as List<?> it needs no unchecked cast.
        List<?> results = send("eth_getLogs", web3j.ethGetLogs(filter)).getLogs();
        List<L1Log> logs = new ArrayList<>(results.size());
        for (Object result : results) {
            if (!(result instanceof EthLog.LogObject log)) {
                throw new RpcException(RpcException.Kind.PERMANENT,
                        "eth_getLogs on " + endpoint + " answered hashes instead of log objects", null, null);
            }
            logs.add(toLog(log));
        }
        return logs;
    }

    @Override
    public Optional<L1Transaction> transaction(String hash) {
        Optional<Transaction> tx = send("eth_getTransactionByHash", web3j.ethGetTransactionByHash(hash))
                .getTransaction();
        return tx.filter(t -> t.getBlockNumberRaw() != null).map(Web3jChainClient::toTransaction);
    }

    @Override
    public Optional<String> call(String to, String data, long blockNumber) {
        EthCall result;
        try {
            result = send("eth_call", web3j.ethCall(
                    org.web3j.protocol.core.methods.request.Transaction.createEthCallTransaction(null, to, data),
                    blockParameter(blockNumber)));
        } catch (RpcException e) {
            // Geth and anvil answer a revert as JSON-RPC error 3 "execution reverted"; others only by message.
            if (e.rpcCode().orElse(0) == REVERTED || String.valueOf(e.getMessage()).contains("revert")) {
                return Optional.empty();
            }
            throw e;
        }
        if (result.isReverted()) {
            return Optional.empty();
        }
        return Optional.ofNullable(result.getValue());
    }

    @Override
    public void close() {
        web3j.shutdown();
    }

    private <T extends Response<?>> T send(String method, Request<?, T> request) {
        T response;
        try {
            response = request.send();
        } catch (IOException | RuntimeException e) {
            RpcException.Kind kind = RpcErrors.classify(e);
            throw new RpcException(kind, method + " on " + endpoint + " failed (" + kind.name()
                    .toLowerCase(Locale.ROOT) + "): " + e.getClass().getSimpleName(), null, e);
        }
        if (response.hasError()) {
            Response.Error error = response.getError();
            RpcException.Kind kind = RpcErrors.classifyRpcError(error.getCode(), error.getMessage());
            throw new RpcException(kind, method + " on " + endpoint + " failed (" + kind.name()
                    .toLowerCase(Locale.ROOT) + "): JSON-RPC error " + error.getCode() + ": " + error.getMessage(),
                    error.getCode(), null);
        }
        return response;
    }

    private static DefaultBlockParameter blockParameter(long number) {
        return DefaultBlockParameter.valueOf(BigInteger.valueOf(number));
    }

    private static L1Transaction toTransaction(Transaction tx) {
        List<String> blobs = tx.getBlobVersionedHashes();
        return new L1Transaction(tx.getHash(), tx.getBlockNumber().longValueExact(), tx.getFrom(), tx.getTo(),
                tx.getType() == null ? 0 : Numeric.decodeQuantity(tx.getType()).intValueExact(),
                tx.getInput() == null ? "0x" : tx.getInput(), blobs == null ? List.of() : blobs);
    }

    private static L1Log toLog(Log log) {
        return new L1Log(log.getAddress(), log.getTopics(), log.getData() == null ? "0x" : log.getData(),
                log.getBlockNumber().longValueExact(), log.getBlockHash(), log.getTransactionHash(),
                log.getTransactionIndex().intValueExact(), log.getLogIndex().intValueExact(), log.isRemoved());
    }
}
