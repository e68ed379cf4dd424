package io.l2risk.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RetryingChainClientTest {

    private final IngesterTest.FakeChain chain = new IngesterTest.FakeChain();
    private final List<Duration> pauses = new ArrayList<>();
    private int retries;

    private RetryingChainClient client(int attempts) {
        return new RetryingChainClient(chain, attempts,
                new Backoff(Duration.ofMillis(100), Duration.ofMillis(800), new SplittableRandom(1)),
                d -> pauses.add(d), () -> retries++);
    }

    @Test
    void shouldRetryARetriableFailureUntilTheCallSucceeds() {
        chain.mine(3);
        chain.failNext("eth_blockNumber", 3, RpcException.Kind.RETRIABLE);

        assertThat(client(4).latestBlockNumber()).isEqualTo(3);
        assertThat(retries).isEqualTo(3);
        // Backoff with equal jitter: each wait is at least half its growing cap.
        assertThat(pauses).hasSize(3);
        assertThat(pauses.get(0)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
        assertThat(pauses.get(2)).isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
    }

    @Test
    void shouldPassTheFailureOnAfterTheLastAttempt() {
        chain.mine(3);
        chain.failNext("eth_blockNumber", 5, RpcException.Kind.RETRIABLE);

        assertThatThrownBy(() -> client(4).latestBlockNumber()).isInstanceOf(RpcException.class)
                .hasMessageContaining("scripted RETRIABLE failure of eth_blockNumber");
        assertThat(retries).isEqualTo(3);
    }

    @Test
    void shouldNotRetryPermanentFailures() {
        chain.mine(3);
        chain.failNext("eth_getLogs", 1, RpcException.Kind.PERMANENT);

        assertThatThrownBy(() -> client(4).logs(List.of("0x00000000000000000000000000000000000000aa"), List.of(), 1, 2))
                .isInstanceOf(RpcException.class).extracting(e -> ((RpcException) e).kind())
                .isEqualTo(RpcException.Kind.PERMANENT);
        assertThat(retries).isZero();
        assertThat(pauses).isEmpty();
    }
}
