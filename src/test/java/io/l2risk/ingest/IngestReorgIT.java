package io.l2risk.ingest;

import static io.l2risk.ingest.AnvilScenario.LINEA;
import static io.l2risk.ingest.AnvilScenario.LINEA_ROLLUP;
import static io.l2risk.ingest.AnvilScenario.SCROLL;
import static io.l2risk.ingest.AnvilScenario.SCROLL_CHAIN;
import static io.l2risk.ingest.AnvilScenario.ZKSYNC;
import static io.l2risk.ingest.AnvilScenario.ZKSYNC_DIAMOND;
import static io.l2risk.ingest.AnvilScenario.bytes32;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.l2risk.avro.BatchPosted;
import io.l2risk.avro.BridgeEvent;
import io.l2risk.avro.BridgeEventKind;
import io.l2risk.avro.CursorBlock;
import io.l2risk.avro.DaMode;
import io.l2risk.avro.IngestCursor;
import io.l2risk.avro.IngestProgress;
import io.l2risk.avro.ProofEvent;
import io.l2risk.avro.ProofKind;
import io.l2risk.avro.Source;
import io.l2risk.ingest.decode.LogDecoders;
import io.l2risk.testing.L1Emitters;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ingester following anvil's head with no confirmations through a reorg (snapshot, revert, re-mine a
 * longer chain): the event of the transaction both chains include is written once, the new chain's events
 * are written, the orphaned-only event stays written (it cannot be taken back), and the cursor ends on the
 * new chain with every block of it remembered.
 */
class IngestReorgIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private AnvilScenario chain;
    private L1Emitters l1;
    private Web3jChainClient client;
    private Ingester ingester;
    private Thread running;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    @BeforeEach
    void startChain() {
        chain = AnvilScenario.start();
        l1 = chain.l1;
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (ingester != null) {
            ingester.stop();
            running.join(WAIT.toMillis());
        }
        if (client != null) {
            client.close();
        }
        if (chain != null) {
            chain.close();
        }
    }

    @Test
    void shouldWriteEveryEventOfTheNewChainOnceWhenTheHeadIsReorganised() throws Exception {
        AnvilScenario.MemorySink sink = new AnvilScenario.MemorySink();
        IngestSettings settings = IngestSettings.defaults("reorg-it").withConfirmations(0)
                .withRange(OptionalLong.of(1), OptionalLong.empty())
                .withPolling(Duration.ofMillis(50), Duration.ofHours(1))
                .withRetry(Duration.ofMillis(10), Duration.ofMillis(100));
        client = new Web3jChainClient(chain.anvil.rpcUrl(), Duration.ofSeconds(10));
        ingester = new Ingester(client, AnvilScenario.rollups(), sink, settings, LogDecoders.standard(), Clock.systemUTC());
        running = new Thread(() -> {
            try {
                ingester.run();
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "reorg-it-ingester");
        running.start();
        // Caught up with the empty chain: its first heartbeat says so (progress through block 0).
        await("the ingester's first heartbeat").atMost(WAIT)
                .failFast("the ingester stopped", () -> failure.get() != null || !running.isAlive())
                .until(() -> ingester.stats().commits() == 1);
        String sender = l1.defaultSender();
        String other = chain.anvil.accounts().get(2);
        List<SpecificRecord> expected = new ArrayList<>();

        // Blocks 1 and 2: shared by both chains.
        String first = l1.emit(SCROLL_CHAIN, "ScrollChainEmitter", "emitCommitBatch", 1, bytes32("b1"));
        ingestedThrough(chain.mine());
        expected.addAll(commit(chain.source(first, SCROLL_CHAIN), 1, sender));
        String second = l1.emit(SCROLL_CHAIN, "ScrollChainEmitter", "emitCommitBatch", 2, bytes32("b2"));
        ingestedThrough(chain.mine());
        expected.addAll(commit(chain.source(second, SCROLL_CHAIN), 2, sender));
        String snapshot = chain.anvil.snapshot();

        // Blocks 3 and 4 of the chain that will be orphaned: a finalization both chains include, and a commit
        // only this one has.
        String finalize = l1.emit(SCROLL_CHAIN, "ScrollChainEmitter", "emitFinalizeBatch", 2, bytes32("b2"),
                bytes32("5e"), bytes32("3e"));
        ingestedThrough(chain.mine());
        String rawFinalize = chain.anvil.call("eth_getRawTransactionByHash", finalize).asText();
        expected.add(ProofEvent.newBuilder().setRollupId(SCROLL).setSource(chain.source(finalize, SCROLL_CHAIN))
                .setKind(ProofKind.STATE_FINALIZED).setBatchIndexEnd(2L).setStateRoot(bytes32("5e")).setActor(sender)
                .build());
        String orphan = l1.emit(ZKSYNC_DIAMOND, "ZkSyncDiamondEmitter", "emitBlockCommit", 99, bytes32("99"),
                bytes32("9c"));
        ingestedThrough(chain.mine());
        // Written before the reorg: records cannot be taken back, so it stays (with the orphaned block's hash).
        expected.addAll(zkCommit(chain.source(orphan, ZKSYNC_DIAMOND), sender));
        String orphanedHash3 = chain.blockHash(3);
        String orphanedHash4 = chain.blockHash(4);

        // The reorg: back to block 2, then a longer chain 3'..5' in which the finalization moves to block 4'.
        chain.anvil.revert(snapshot);
        chain.rewoundTo(2);
        String message = l1.emitFrom(other, LINEA_ROLLUP, "LineaRollupEmitter", "emitMessageSent", other, other, 0, 0,
                8, "0x", bytes32("8a"));
        chain.mine();
        String resent = chain.anvil.sendRawTransaction(rawFinalize);
        assertThat(resent).isEqualTo(finalize);
        chain.mine();
        String third = l1.emitFrom(other, SCROLL_CHAIN, "ScrollChainEmitter", "emitCommitBatch", 3, bytes32("b3"));
        long tip = chain.mine();
        assertThat(chain.blockOf(finalize)).isEqualTo(4);
        assertThat(List.of(chain.blockHash(3), chain.blockHash(4))).doesNotContain(orphanedHash3, orphanedHash4);
        BridgeEvent queued = BridgeEvent.newBuilder().setRollupId(LINEA).setSource(chain.source(message, LINEA_ROLLUP))
                .setKind(BridgeEventKind.L1_MESSAGE_QUEUED).setQueueIndex(8L).setMessageId(bytes32("8a"))
                .setDetails(Map.of("contractRole", "lineaRollup")).build();
        expected.add(queued);
        expected.addAll(commit(chain.source(third, SCROLL_CHAIN), 3, other));

        await("the ingester through block " + tip + " of the new chain").atMost(WAIT)
                .failFast("the ingester stopped", () -> failure.get() != null || !running.isAlive())
                .until(() -> ingester.stats().scannedThrough() == tip && ingester.stats().reorgs() == 1);

        List<SpecificRecord> events = sink.records.stream().filter(r -> !(r instanceof IngestProgress)).toList();
        assertThat(events).containsExactlyElementsOf(expected);
        assertThat(ingester.stats().reorgs()).isEqualTo(1);
        assertThat(ingester.stats().orphanedBlocks()).isEqualTo(2);
        assertThat(ingester.stats().suppressedEvents()).isEqualTo(1);
        // One progress per rollup after each commit: the start (block 0), each old block, then the new chain in one
        // range after the rewind, never a block skipped or counted backwards.
        for (String rollup : AnvilScenario.ROLLUPS) {
            assertThat(sink.records.stream().filter(r -> r instanceof IngestProgress p && p.getRollupId().equals(rollup))
                    .map(r -> ((IngestProgress) r).getScannedThroughBlock()).toList())
                    .as("progress of %s", rollup).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
        }
        IngestCursor cursor = sink.cursor;
        assertThat(cursor.getBlockNumber()).isEqualTo(tip);
        assertThat(cursor.getBlockHash()).isEqualTo(chain.blockHash(tip));
        assertThat(cursor.getRecentBlocks()).extracting(CursorBlock::getNumber, CursorBlock::getHash)
                .containsExactlyElementsOf(LongStream.rangeClosed(0, tip)
                        .mapToObj(n -> tuple(n, chain.blockHash(n))).toList());
        assertThat(cursor.getOrphanedEventIds()).hasSize(2);
        assertThat(failure.get()).isNull();
    }

    private void ingestedThrough(long block) {
        await("the ingester through block " + block).atMost(WAIT)
                .failFast("the ingester stopped", () -> failure.get() != null || !running.isAlive())
                .until(() -> ingester.stats().scannedThrough() == block);
    }

    private static List<SpecificRecord> commit(Source source, long batch, String sender) {
        return List.of(BatchPosted.newBuilder().setRollupId(SCROLL).setSource(source).setBatchIndex(batch)
                        .setDaMode(DaMode.CALLDATA).setDataBytes(4L + 2 * 32).setBlobVersionedHashes(List.of())
                        .setSubmitter(sender).build(),
                ProofEvent.newBuilder().setRollupId(SCROLL).setSource(source).setKind(ProofKind.STATE_PROPOSED)
                        .setBatchIndexStart(batch).setBatchIndexEnd(batch).setActor(sender).build());
    }

    private static List<SpecificRecord> zkCommit(Source source, String sender) {
        return List.of(BatchPosted.newBuilder().setRollupId(ZKSYNC).setSource(source).setBatchIndex(99L)
                        .setDaMode(DaMode.CALLDATA).setDataBytes(4L + 3 * 32).setBlobVersionedHashes(List.of())
                        .setSubmitter(sender).build(),
                ProofEvent.newBuilder().setRollupId(ZKSYNC).setSource(source).setKind(ProofKind.STATE_PROPOSED)
                        .setBatchIndexStart(99L).setBatchIndexEnd(99L).setStateRoot(bytes32("99")).setActor(sender)
                        .build());
    }
}
