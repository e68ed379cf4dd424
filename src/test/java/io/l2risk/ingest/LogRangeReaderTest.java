package io.l2risk.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LogRangeReaderTest {

    private static final List<String> INBOX = List.of("0x1c479675ad559dc151f6ec7ed3fbf8cee79582b6");

    /** One log per block; refuses any range wider than {@code limit} blocks, as a provider would. */
    private static final class LimitedChain implements ChainClient {
        final long limit;
        final List<String> calls = new ArrayList<>();
        RuntimeException failure;

        LimitedChain(long limit) {
            this.limit = limit;
        }

        @Override
        public List<L1Log> logs(List<String> addresses, List<String> topic0s, long fromBlock, long toBlock) {
            calls.add(fromBlock + ".." + toBlock);
            if (failure != null) {
                throw failure;
            }
            if (toBlock - fromBlock + 1 > limit) {
                throw new RpcException(RpcException.Kind.RANGE_TOO_LARGE, "query returned more than 10000 results",
                        -32005, null);
            }
            List<L1Log> logs = new ArrayList<>();
            for (long b = fromBlock; b <= toBlock; b++) {
                logs.add(new L1Log(addresses.get(0), List.of("0x01"), "0x", b, "0xb" + b, "0xt" + b, 0, 0, false));
            }
            return logs;
        }

        @Override
        public long chainId() {
            return 1;
        }

        @Override
        public long latestBlockNumber() {
            return 0;
        }

        @Override
        public Optional<L1Block> block(long number, boolean withTransactions) {
            return Optional.empty();
        }

        @Override
        public Optional<L1Transaction> transaction(String hash) {
            return Optional.empty();
        }

        @Override
        public Optional<String> call(String to, String data, long blockNumber) {
            return Optional.empty();
        }

        @Override
        public void close() {
        }
    }

    @Test
    void shouldSplitRangeIntoCallsOfAtMostMaxSpanBlocks() {
        LimitedChain chain = new LimitedChain(100);
        List<L1Log> logs = new LogRangeReader(chain, 4).read(INBOX, List.of(), 10, 19);

        assertThat(chain.calls).containsExactly("10..13", "14..17", "18..19");
        assertThat(logs).extracting(L1Log::blockNumber).containsExactly(10L, 11L, 12L, 13L, 14L, 15L, 16L, 17L, 18L, 19L);
    }

    @Test
    void shouldHalveSpanWhenProviderSaysTooManyResultsAndDoubleItAfterTheRead() {
        LimitedChain chain = new LimitedChain(2);
        LogRangeReader reader = new LogRangeReader(chain, 8);
        List<L1Log> logs = reader.read(INBOX, List.of(), 0, 7);

        assertThat(chain.calls).containsExactly("0..7", "0..3", "0..1", "2..3", "4..5", "6..7");
        assertThat(logs).extracting(L1Log::blockNumber).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(reader.currentSpan()).isEqualTo(4);

        chain.calls.clear();
        reader.read(INBOX, List.of(), 8, 11);
        assertThat(chain.calls).containsExactly("8..11", "8..9", "10..11");
        assertThat(reader.currentSpan()).isEqualTo(4);
    }

    @Test
    void shouldFailPermanentlyWhenASingleBlockIsTooLarge() {
        LimitedChain chain = new LimitedChain(0);
        assertThatThrownBy(() -> new LogRangeReader(chain, 2).read(INBOX, List.of(), 5, 6))
                .isInstanceOfSatisfying(RpcException.class, e -> {
                    assertThat(e.kind()).isEqualTo(RpcException.Kind.PERMANENT);
                    assertThat(e.rpcCode()).hasValue(-32005);
                });
        assertThat(chain.calls).containsExactly("5..6", "5..5");
    }

    @Test
    void shouldPropagateRetriableErrorsUnchanged() {
        LimitedChain chain = new LimitedChain(100);
        RpcException busy = new RpcException(RpcException.Kind.RETRIABLE, "HTTP 429", null, null);
        chain.failure = busy;
        assertThatThrownBy(() -> new LogRangeReader(chain, 10).read(INBOX, List.of(), 0, 5)).isSameAs(busy);
    }
}
