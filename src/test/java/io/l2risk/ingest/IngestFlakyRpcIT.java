package io.l2risk.ingest;

import static io.l2risk.ingest.AnvilScenario.LINEA_ROLLUP;
import static io.l2risk.ingest.AnvilScenario.OP_BATCHER;
import static io.l2risk.ingest.AnvilScenario.OP_BATCH_INBOX;
import static io.l2risk.ingest.AnvilScenario.OP_GAME;
import static io.l2risk.ingest.AnvilScenario.OP_GAME_FACTORY;
import static io.l2risk.ingest.AnvilScenario.POLYGON_ZKEVM;
import static io.l2risk.ingest.AnvilScenario.SCROLL_CHAIN;
import static io.l2risk.ingest.AnvilScenario.ZKSYNC_DIAMOND;
import static io.l2risk.ingest.AnvilScenario.bytes32;
import static io.l2risk.ingest.AnvilScenario.word;
import static org.assertj.core.api.Assertions.assertThat;

import io.l2risk.app.Main;
import io.l2risk.avro.IngestProgress;
import io.l2risk.ingest.decode.LogDecoders;
import io.l2risk.testing.FlakyRpcProxy;
import io.l2risk.testing.FlakyRpcProxy.Fault;
import io.l2risk.testing.L1Emitters;
import io.l2risk.testing.LogCapture;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The ingester behind {@link FlakyRpcProxy}: seeded random 429 / 502 / 503 / truncated bodies / answers
 * slower than the RPC timeout, and provider result limits on {@code eth_getLogs}, change nothing in the
 * records (they equal those of a fault-free run over the same chain); a permanent error stops the
 * {@code ingest} command with exit code 1 and a message that keeps the RPC URL's API key secret.
 */
class IngestFlakyRpcIT {

    private static final long SEED = 20_250_601L;
    private static final double FAULT_PROBABILITY = 0.15;
    private static final Set<Fault> TRANSIENT_FAULTS = EnumSet.of(Fault.TOO_MANY_REQUESTS, Fault.BAD_GATEWAY,
            Fault.SERVICE_UNAVAILABLE, Fault.TRUNCATED_BODY, Fault.DELAY);
    private static final Duration RPC_TIMEOUT = Duration.ofMillis(500);
    private static final String API_KEY = "8f3e2d1c0b9a4f5e6d7c8b9a0f1e2d3c";

    @TempDir
    Path dir;

    private AnvilScenario chain;
    private L1Emitters l1;
    private FlakyRpcProxy proxy;

    @BeforeEach
    void start() {
        chain = AnvilScenario.start();
        l1 = chain.l1;
        proxy = FlakyRpcProxy.start(chain.anvil.rpcUrl());
    }

    @AfterEach
    void stop() {
        if (proxy != null) {
            proxy.close();
        }
        if (chain != null) {
            chain.close();
        }
    }

    @Test
    void shouldWriteTheRecordsOfAFaultFreeRunWhenTheRpcFailsTransiently() throws Exception {
        long last = manyBlocks(40);
        IngestSettings settings = IngestSettings.defaults("flaky-it").withConfirmations(0)
                .withRange(OptionalLong.of(1), OptionalLong.of(last))
                // Small steps: a failed call repeats its whole step, so steps must be able to succeed at 15 % faults.
                .withScanRanges(8, 4)
                .withRetry(Duration.ofMillis(10), Duration.ofMillis(200));

        Path clean = dir.resolve("clean.jsonl");
        IngestStats cleanStats = ingest(chain.anvil.rpcUrl(), settings, clean);
        List<SpecificRecord> expected = AnvilScenario.readEvents(clean);
        assertThat(cleanStats.retries()).isZero();
        assertThat(expected).filteredOn(r -> !(r instanceof IngestProgress)).hasSize(65);

        proxy.delay(Duration.ofSeconds(2))
                .failNext(2, Fault.RESULT_LIMIT_EXCEEDED, "eth_getLogs")
                .failRandomly(SEED, FAULT_PROBABILITY, TRANSIENT_FAULTS, null);
        Path flaky = dir.resolve("flaky.jsonl");
        IngestStats flakyStats = ingest(proxy.url(), settings, flaky);

        assertThat(AnvilScenario.readEvents(flaky)).containsExactlyElementsOf(expected);
        assertThat(proxy.injected(Fault.RESULT_LIMIT_EXCEEDED)).isEqualTo(2);
        for (Fault fault : TRANSIENT_FAULTS) {
            assertThat(proxy.injected(fault)).as("%s injected", fault).isPositive();
        }
        // A result limit shrinks the log range inside the step; every other fault repeats the step.
        assertThat(flakyStats.retries()).isEqualTo(proxy.injected() - 2);
        assertThat(flakyStats.records()).isEqualTo(expected.size());
    }

    @Test
    void shouldStopWithExitCodeOneAndKeepTheApiKeySecretWhenTheRpcRejectsTheRequest() throws Exception {
        l1.emit(SCROLL_CHAIN, "ScrollChainEmitter", "emitCommitBatch", 1, bytes32("b1"));
        long last = chain.mine();
        proxy.failNext(1, Fault.INVALID_PARAMS, "eth_getLogs");
        String rpcUrl = proxy.url() + "v3/" + API_KEY;
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        int exit;
        String logs;
        try (LogCapture capture = LogCapture.start(Map.of("io.l2risk", Level.DEBUG, "org.web3j", Level.DEBUG,
                "okhttp3", Level.DEBUG))) {
            CommandLine command = Main.commandLine(Map.of());
            command.setOut(new PrintWriter(stdout));
            command.setErr(new PrintWriter(stderr));
            exit = command.execute("ingest", "--rpc-url", rpcUrl, "--rollups", AnvilScenario.registryFile().toString(),
                    "--from-block", "1", "--to-block", Long.toString(last), "--confirmations", "0",
                    "--out", dir.resolve("events.jsonl").toString(), "--rpc-timeout", "5s");
            logs = capture.text();
        }

        assertThat(exit).as("exit code; stderr: %s", stderr).isEqualTo(1);
        assertThat(stderr.toString()).startsWith("ingest: L1 RPC failed permanently: ")
                .contains("-32602").contains("invalid params").contains("check the RPC URL, its credentials");
        assertThat(stdout.toString()).contains(proxy.url() + "v3/" + RpcUrls.MASK);
        assertThat(proxy.requests("eth_getLogs")).isEqualTo(1);
        assertThat(stdout + "\n" + stderr + "\n" + logs).doesNotContain(API_KEY);
        assertThat(logs).contains("ingest stopped: L1 RPC failed permanently");
    }

    /**
     * {@code count} blocks, each with one transaction of a different stack: Scroll, zkSync and Linea commits, OP
     * calldata batches from the batcher, Polygon sequences; and a dispute game (created, moved, resolved),
     * whose logs the ingester learns to read mid-range and whose views it calls.
     */
    private long manyBlocks(int count) {
        String sender = l1.defaultSender();
        l1.emit(OP_GAME, "FaultDisputeGameEmitter", "setGame", 0, bytes32("c1"), 77_000);
        chain.mine();
        for (int i = 2; i <= count; i++) {
            switch (i % 6) {
                case 0 -> l1.emit(SCROLL_CHAIN, "ScrollChainEmitter", "emitCommitBatch", i, word(i));
                case 1 -> l1.emit(ZKSYNC_DIAMOND, "ZkSyncDiamondEmitter", "emitBlockCommit", i, word(i), word(i + 1));
                case 2 -> l1.emit(LINEA_ROLLUP, "LineaRollupEmitter", "emitDataSubmittedV3", word(i), word(i + 1),
                        word(i + 2));
                case 3 -> l1.sendTransaction(OP_BATCHER, OP_BATCH_INBOX, "0x00" + "ab".repeat(i));
                case 4 -> l1.emit(POLYGON_ZKEVM, "PolygonZkEvmEmitter", "emitSequenceBatches", i, word(i));
                default -> {
                    if (i == 5) {
                        l1.emit(OP_GAME_FACTORY, "DisputeGameFactoryEmitter", "emitDisputeGameCreated", OP_GAME, 0,
                                bytes32("c1"));
                    } else if (i == 11) {
                        l1.emit(OP_GAME, "FaultDisputeGameEmitter", "emitMove", 0, bytes32("c2"), sender);
                    } else if (i == 17) {
                        l1.emit(OP_GAME, "FaultDisputeGameEmitter", "emitResolved", 1);
                    } else {
                        l1.emit(SCROLL_CHAIN, "ScrollChainEmitter", "emitFinalizeBatch", i, word(i), word(i), word(i));
                    }
                }
            }
            chain.mine();
        }
        return chain.head();
    }

    private static IngestStats ingest(String rpcUrl, IngestSettings settings, Path out) throws Exception {
        try (Web3jChainClient client = new Web3jChainClient(rpcUrl, RPC_TIMEOUT);
                FileIngestSink sink = FileIngestSink.create(out)) {
            Ingester ingester = new Ingester(client, AnvilScenario.rollups(), sink, settings, LogDecoders.standard(),
                    Clock.systemUTC());
            ingester.run();
            return ingester.stats();
        }
    }
}
