package io.l2risk.ingest;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ChainClient} that retries each {@link RpcException.Kind#RETRIABLE} failure a few times with a
 * short backoff before passing it on. A scan step makes dozens of calls (50 full blocks are 50 calls);
 * without a retry per call, one 429 in any of them would throw the whole step away, and at a provider's
 * everyday error rate of a few percent a long step would rarely succeed. After {@code attempts} the
 * failure goes to the caller, whose own (longer) backoff covers real outages. Permanent and
 * range-too-large failures pass through at once.
 */
final class RetryingChainClient implements ChainClient {

    private static final Logger LOG = LoggerFactory.getLogger(RetryingChainClient.class);

    /** Waits between attempts; returns false when interrupted or asked to stop. */
    @FunctionalInterface
    interface Pause {
        boolean pause(Duration duration) throws InterruptedException;
    }

    private final ChainClient delegate;
    private final int attempts;
    private final Backoff backoff;
    private final Pause pause;
    private final Runnable onRetry;

    /**
     * @param attempts the most attempts per call (1 = no retry)
     * @param onRetry  counts each retry (metrics)
     */
    RetryingChainClient(ChainClient delegate, int attempts, Backoff backoff, Pause pause, Runnable onRetry) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, got " + attempts);
        }
        this.attempts = attempts;
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.pause = Objects.requireNonNull(pause, "pause");
        this.onRetry = Objects.requireNonNull(onRetry, "onRetry");
    }

    @Override
    public long chainId() {
        return retry(delegate::chainId);
    }

    @Override
    public long latestBlockNumber() {
        return retry(delegate::latestBlockNumber);
    }

    @Override
    public Optional<L1Block> block(long number, boolean withTransactions) {
        return retry(() -> delegate.block(number, withTransactions));
    }

    @Override
    public List<L1Log> logs(List<String> addresses, List<String> topic0s, long fromBlock, long toBlock) {
        return retry(() -> delegate.logs(addresses, topic0s, fromBlock, toBlock));
    }

    @Override
    public Optional<L1Transaction> transaction(String hash) {
        return retry(() -> delegate.transaction(hash));
    }

    @Override
    public Optional<String> call(String to, String data, long blockNumber) {
        return retry(() -> delegate.call(to, data, blockNumber));
    }

    @Override
    public void close() {
        delegate.close();
    }

    private <T> T retry(Supplier<T> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (RpcException e) {
                if (e.kind() != RpcException.Kind.RETRIABLE || attempt >= attempts) {
                    throw e;
                }
                Duration delay = backoff.delay(attempt);
                LOG.debug("L1 RPC call failed, attempt {} of {}, retrying in {} ms: {}", attempt, attempts,
                        delay.toMillis(), e.getMessage());
                onRetry.run();
                try {
                    if (!pause.pause(delay)) {
                        throw e;
                    }
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
