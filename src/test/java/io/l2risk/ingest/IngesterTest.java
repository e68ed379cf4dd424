package io.l2risk.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.l2risk.avro.BridgeEvent;
import io.l2risk.avro.BridgeEventKind;
import io.l2risk.avro.IngestCursor;
import io.l2risk.avro.IngestProgress;
import io.l2risk.ingest.decode.LogDecoders;
import io.l2risk.registry.DaKind;
import io.l2risk.registry.ProtocolParams;
import io.l2risk.registry.RollupConfig;
import io.l2risk.registry.Stack;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/**
 * The ingestion loop over a scripted in-memory chain (pure logic tier; the same loop runs against anvil
 * and a real broker in the ITs). Logs carry a topic0 no decoder knows, so each becomes exactly one
 * UNKNOWN_EVENT record whose details name it: the tests follow events through the loop without
 * depending on any stack decoder.
 */
class IngesterTest {

    private static final String WATCHED = "0x00000000000000000000000000000000000000aa";
    private static final long CHAIN = 31337;
    private static final Instant GENESIS = Instant.parse("2026-01-01T00:00:00Z");

    private final FakeChain chain = new FakeChain();
    private final MemorySink sink = new MemorySink();

    @Test
    void shouldBackfillTheRangeInChainOrderWithProgressAndCommitTheCursorWithTheRecords() throws Exception {
        chain.mine(10);
        chain.addLog(3, "e1");
        chain.addLog(3, "e2");
        chain.addLog(7, "e3");

        ingester(settings().withRange(OptionalLong.of(2), OptionalLong.of(8)).withScanRanges(4, 4)).run();

        assertThat(events()).containsExactly("e1", "e2", "e3");
        // Two ranges (2..5, 6..8), each committed with its progress record and the cursor past it.
        assertThat(sink.commits).hasSize(2);
        assertThat(sink.commits.get(0).cursor().getBlockNumber()).isEqualTo(5);
        assertThat(sink.commits.get(1).cursor().getBlockNumber()).isEqualTo(8);
        assertThat(sink.commits.get(1).cursor().getBlockHash()).isEqualTo(chain.hash(8));
        IngestProgress last = (IngestProgress) sink.commits.get(1).records().get(1);
        assertThat(last.getScannedThroughBlock()).isEqualTo(8);
        assertThat(last.getScannedThroughTime()).isEqualTo(GENESIS.plusSeconds(8 * 12));
        assertThat(last.getL1HeadBlock()).isEqualTo(10);
        assertThat(last.getRollupId()).isEqualTo("test-rollup");
        BridgeEvent first = (BridgeEvent) sink.commits.get(0).records().get(0);
        assertThat(first.getSource().getBlockNumber()).isEqualTo(3);
        assertThat(first.getSource().getBlockTime()).isEqualTo(GENESIS.plusSeconds(3 * 12));
        assertThat(first.getSource().getBlockHash()).isEqualTo(chain.hash(3));
    }

    @Test
    void shouldResumeFromTheCommittedCursorWithoutRepeatingOrSkippingEvents() throws Exception {
        chain.mine(6);
        chain.addLog(4, "before");
        ingester(settings().withRange(OptionalLong.of(1), OptionalLong.of(5))).run();
        chain.mine(4);
        chain.addLog(5, "late-log");
        chain.addLog(8, "after");

        ingester(settings().withRange(OptionalLong.empty(), OptionalLong.of(9))).run();

        assertThat(events()).containsExactly("before", "after");
        assertThat(sink.lastCursor().getBlockNumber()).isEqualTo(9);
    }

    @Test
    void shouldRewindOnAReorgAndNotWriteAReincludedEventTwice() throws Exception {
        chain.mine(10);
        chain.addLog(8, "orphaned-only");
        chain.addLog(9, "reincluded");
        ingester(settings().withConfirmations(0).withRange(OptionalLong.of(1), OptionalLong.of(10))).run();

        // Blocks 8.. are replaced: "reincluded" moves to block 9' of the new chain, a new event appears.
        chain.reorgFrom(8, 4);
        chain.addLog(9, "reincluded");
        chain.addLog(10, "new-chain-only");
        Ingester second = ingester(settings().withConfirmations(0).withRange(OptionalLong.empty(), OptionalLong.of(11)));
        second.run();

        assertThat(events()).containsExactly("orphaned-only", "reincluded", "new-chain-only");
        assertThat(second.stats().reorgs()).isEqualTo(1);
        assertThat(second.stats().orphanedBlocks()).isEqualTo(3);
        assertThat(second.stats().suppressedEvents()).isEqualTo(1);
        assertThat(sink.lastCursor().getBlockHash()).isEqualTo(chain.hash(11));
        // Every block from 1 to 11 of the new chain is covered by progress, with no gap.
        assertThat(progressThrough()).containsExactly(10L, 11L);
    }

    @Test
    void shouldRepeatARangeAfterRetriableFailuresWithoutDuplicates() throws Exception {
        chain.mine(8);
        chain.addLog(2, "a");
        chain.addLog(6, "b");
        chain.failNext("eth_getLogs", 2, RpcException.Kind.RETRIABLE);
        chain.failNext("eth_getBlockByNumber", 1, RpcException.Kind.RETRIABLE);

        Ingester ingester = ingester(settings().withRange(OptionalLong.of(1), OptionalLong.of(6)));
        ingester.run();

        assertThat(events()).containsExactly("a", "b");
        assertThat(ingester.stats().retries()).isEqualTo(3);
    }

    @Test
    void shouldStopWithTheProvidersMessageOnAPermanentError() {
        chain.mine(4);
        chain.failNext("eth_getLogs", 1, RpcException.Kind.PERMANENT);

        assertThatThrownBy(() -> ingester(settings().withRange(OptionalLong.of(1), OptionalLong.of(3))).run())
                .isInstanceOf(IngestException.class)
                .hasMessageContaining("failed permanently")
                .hasMessageContaining("scripted PERMANENT failure of eth_getLogs");
        assertThat(sink.commits).isEmpty();
    }

    @Test
    void shouldResumeFromTheCursorWhenRestartedWithTheSameFromBlock() throws Exception {
        chain.mine(6);
        chain.addLog(2, "once");
        ingester(settings().withRange(OptionalLong.of(1), OptionalLong.of(4))).run();

        ingester(settings().withRange(OptionalLong.of(1), OptionalLong.of(5))).run();

        assertThat(events()).containsExactly("once");
        assertThat(sink.lastCursor().getBlockNumber()).isEqualTo(5);
    }

    @Test
    void shouldRefuseAFromBlockBeyondTheCursorThatWouldLeaveAGap() throws Exception {
        chain.mine(8);
        ingester(settings().withRange(OptionalLong.of(1), OptionalLong.of(4))).run();

        assertThatThrownBy(() -> ingester(settings().withRange(OptionalLong.of(7), OptionalLong.of(7))).run())
                .isInstanceOf(IngestException.class)
                .hasMessageContaining("has ingested chain 31337 through block 4")
                .hasMessageContaining("--from-block 7 would skip the blocks in between");
    }

    @Test
    void shouldStopWhenAReorgGoesDeeperThanTheRememberedBlocks() throws Exception {
        chain.mine(12);
        IngestSettings narrow = new IngestSettings("t", 0, 100, 100, Duration.ofMillis(1), Duration.ofHours(1), 3,
                OptionalLong.of(1), OptionalLong.of(12), Duration.ofMillis(1), Duration.ofMillis(2));
        ingester(narrow).run();
        chain.reorgFrom(5, 9);

        assertThatThrownBy(() -> ingester(narrow.withRange(OptionalLong.empty(), OptionalLong.of(13))).run())
                .isInstanceOf(IngestException.class)
                .hasMessageContaining("reorganised below the");
    }

    @Test
    void shouldRefuseRollupsOfAnotherChain() {
        chain.mine(2);
        RollupConfig mainnet = new RollupConfig("mainnet-rollup", "m", Stack.GENERIC, 1, DaKind.ETHEREUM, Map.of(),
                List.of(), Optional.empty(), ProtocolParams.NONE, Map.of(), List.of(WATCHED));
        Ingester ingester = new Ingester(chain, List.of(mainnet), sink, settings(), LogDecoders.standard(),
                Clock.systemUTC());
        assertThatThrownBy(ingester::run).isInstanceOf(IngestException.class)
                .hasMessageContaining("mainnet-rollup (chain 1)");
    }

    private IngestSettings settings() {
        return IngestSettings.defaults("t").withConfirmations(1).withPolling(Duration.ofMillis(1), Duration.ofHours(1))
                .withRetry(Duration.ofMillis(1), Duration.ofMillis(2));
    }

    private Ingester ingester(IngestSettings settings) {
        RollupConfig rollup = new RollupConfig("test-rollup", "Test", Stack.GENERIC, CHAIN, DaKind.ETHEREUM, Map.of(),
                List.of(), Optional.empty(), ProtocolParams.NONE, Map.of(), List.of(WATCHED));
        return new Ingester(chain, List.of(rollup), sink, settings, LogDecoders.standard(),
                Clock.fixed(GENESIS, ZoneOffset.UTC));
    }

    /** The scripted event names, in the order written. */
    private List<String> events() {
        return sink.records(r -> r instanceof BridgeEvent).stream().map(r -> (BridgeEvent) r)
                .peek(e -> assertThat(e.getKind()).isEqualTo(BridgeEventKind.UNKNOWN_EVENT))
                .map(e -> FakeChain.name(e.getDetails().get("topic0"))).toList();
    }

    private List<Long> progressThrough() {
        return sink.commits.subList(sink.commits.size() - 2, sink.commits.size()).stream()
                .flatMap(c -> c.records().stream()).filter(r -> r instanceof IngestProgress)
                .map(r -> ((IngestProgress) r).getScannedThroughBlock()).toList();
    }

    record Commit(List<SpecificRecord> records, IngestCursor cursor) {
    }

    static final class MemorySink implements IngestSink {
        final List<Commit> commits = new ArrayList<>();

        @Override
        public Optional<IngestCursor> cursor(long l1ChainId, String ingesterId) {
            return commits.isEmpty() ? Optional.empty() : Optional.of(lastCursor());
        }

        @Override
        public void commit(List<SpecificRecord> records, IngestCursor cursor) {
            commits.add(new Commit(List.copyOf(records), IngestCursor.newBuilder(cursor).build()));
        }

        IngestCursor lastCursor() {
            return commits.get(commits.size() - 1).cursor();
        }

        List<SpecificRecord> records(Predicate<SpecificRecord> filter) {
            return commits.stream().flatMap(c -> c.records().stream()).filter(filter).toList();
        }

        @Override
        public void close() {
        }
    }

    /** A chain of blocks 12 s apart with scripted logs, reorgs and failures. */
    static final class FakeChain implements ChainClient {
        private final List<L1Block> blocks = new ArrayList<>();
        private final Map<Long, List<L1Log>> logs = new HashMap<>();
        private final Map<String, Integer> failures = new HashMap<>();
        private final Map<String, RpcException.Kind> failureKinds = new HashMap<>();
        private int fork;

        FakeChain() {
            blocks.add(block(0, "0x" + "00".repeat(32)));
        }

        void mine(int count) {
            for (int i = 0; i < count; i++) {
                L1Block parent = blocks.get(blocks.size() - 1);
                blocks.add(block(parent.number() + 1, parent.hash()));
            }
        }

        /** Drops blocks from {@code number} on (and their logs) and mines {@code count} different ones. */
        void reorgFrom(long number, int count) {
            fork++;
            blocks.subList((int) number, blocks.size()).clear();
            logs.keySet().removeIf(n -> n >= number);
            mine(count);
        }

        void addLog(long number, String name) {
            L1Block block = blocks.get((int) number);
            List<L1Log> list = logs.computeIfAbsent(number, n -> new ArrayList<>());
            String tx = "0x" + String.format("%064x", name.hashCode() & 0xffffffffL);
            list.add(new L1Log(WATCHED, List.of(topic(name)), "0x", number, block.hash(), tx, 0, list.size(), false));
        }

        void failNext(String method, int times, RpcException.Kind kind) {
            failures.put(method, times);
            failureKinds.put(method, kind);
        }

        String hash(long number) {
            return blocks.get((int) number).hash();
        }

        static String topic(String name) {
            StringBuilder hex = new StringBuilder();
            for (byte b : name.getBytes(java.nio.charset.StandardCharsets.US_ASCII)) {
                hex.append(String.format("%02x", b));
            }
            return "0x" + "0".repeat(64 - hex.length()) + hex;
        }

        static String name(String topic) {
            String hex = topic.substring(2).replaceFirst("^0+", "");
            if (hex.length() % 2 == 1) {
                hex = "0" + hex;
            }
            return new String(java.util.HexFormat.of().parseHex(hex), java.nio.charset.StandardCharsets.US_ASCII);
        }

        private L1Block block(long number, String parent) {
            String hash = "0x" + String.format("%056x%08x", number, fork);
            return new L1Block(number, hash, parent, GENESIS.getEpochSecond() + number * 12, List.of(), List.of());
        }

        private void maybeFail(String method) {
            Integer left = failures.get(method);
            if (left != null && left > 0) {
                failures.put(method, left - 1);
                throw new RpcException(failureKinds.get(method), "scripted " + failureKinds.get(method) + " failure of "
                        + method, null, null);
            }
        }

        @Override
        public long chainId() {
            return CHAIN;
        }

        @Override
        public long latestBlockNumber() {
            maybeFail("eth_blockNumber");
            return blocks.size() - 1;
        }

        @Override
        public Optional<L1Block> block(long number, boolean withTransactions) {
            maybeFail("eth_getBlockByNumber");
            return number < blocks.size() ? Optional.of(blocks.get((int) number)) : Optional.empty();
        }

        @Override
        public List<L1Log> logs(List<String> addresses, List<String> topic0s, long fromBlock, long toBlock) {
            maybeFail("eth_getLogs");
            List<L1Log> result = new ArrayList<>();
            for (long n = fromBlock; n <= toBlock; n++) {
                logs.getOrDefault(n, List.of()).stream().filter(l -> addresses.contains(l.address())).forEach(result::add);
            }
            return result;
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
}
