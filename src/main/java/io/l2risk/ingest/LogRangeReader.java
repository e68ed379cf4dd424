package io.l2risk.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the logs of a block range in bounded {@code eth_getLogs} calls: at most {@code maxSpan}
 * blocks per call, halving the span whenever the provider answers that a range returns too much
 * ({@link RpcException.Kind#RANGE_TOO_LARGE}). The span holds for the rest of the read (growing at
 * every call would fail every other call on a busy stretch) and doubles after a read that succeeds,
 * up to {@code maxSpan}, so it recovers over the following polls.
 *
 * <p>Retriable and permanent errors propagate unchanged; a read is all or nothing, so a caller
 * retrying after a backoff simply repeats it. Not thread-safe: one reader per ingestion loop.
 */
public final class LogRangeReader {

    private static final Logger LOG = LoggerFactory.getLogger(LogRangeReader.class);

    private final ChainClient client;
    private final long maxSpan;
    private long span;

    /**
     * @param maxSpan the largest number of blocks in one call (providers commonly cap at 1 000–10 000)
     */
    public LogRangeReader(ChainClient client, long maxSpan) {
        this.client = Objects.requireNonNull(client, "client");
        if (maxSpan < 1) {
            throw new IllegalArgumentException("maxSpan must be at least 1, got " + maxSpan);
        }
        this.maxSpan = maxSpan;
        this.span = maxSpan;
    }

    /**
     * Every log of {@code addresses} (and {@code topic0s}, if any) in blocks {@code fromBlock..toBlock}
     * (inclusive), in chain order.
     *
     * @throws RpcException of kind PERMANENT when even a single block is refused as too large, since
     *     no smaller range exists; other kinds as {@link ChainClient#logs} throws them
     */
    public List<L1Log> read(List<String> addresses, List<String> topic0s, long fromBlock, long toBlock) {
        if (fromBlock > toBlock) {
            throw new IllegalArgumentException("fromBlock " + fromBlock + " > toBlock " + toBlock);
        }
        List<L1Log> logs = new ArrayList<>();
        long from = fromBlock;
        while (from <= toBlock) {
            long to = Math.min(toBlock, from + span - 1);
            List<L1Log> chunk;
            try {
                chunk = client.logs(addresses, topic0s, from, to);
            } catch (RpcException e) {
                if (e.kind() != RpcException.Kind.RANGE_TOO_LARGE) {
                    throw e;
                }
                if (to == from) {
                    throw new RpcException(RpcException.Kind.PERMANENT, "eth_getLogs refuses even the single block "
                            + from + " as too large; the provider's result limit is below one block's logs",
                            e.rpcCode().isPresent() ? e.rpcCode().getAsInt() : null, e);
                }
                span = Math.max(1, (to - from + 1) / 2);
                LOG.debug("eth_getLogs range {}..{} too large; span now {} blocks", from, to, span);
                continue;
            }
            logs.addAll(chunk);
            from = to + 1;
        }
        span = Math.min(maxSpan, span * 2);
        return logs;
    }

    /** The span the next call will use (for tests and metrics). */
    public long currentSpan() {
        return span;
    }
}
