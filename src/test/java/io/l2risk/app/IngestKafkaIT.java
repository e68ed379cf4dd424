package io.l2risk.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.l2risk.avro.BridgeEvent;
import io.l2risk.avro.BridgeEventKind;
import io.l2risk.avro.IngestCursor;
import io.l2risk.avro.IngestProgress;
import io.l2risk.serde.AvroDeserializer;
import io.l2risk.testing.AnvilNode;
import io.l2risk.testing.EngineProcess;
import io.l2risk.testing.FlakyRpcProxy;
import io.l2risk.testing.KafkaTestClients;
import io.l2risk.testing.L1Emitters;
import io.l2risk.testing.TestCluster;
import io.l2risk.testing.TestClusterExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code ingest} and {@code run --rpc-url} against a real anvil node, a real broker and a real registry:
 * a killed ingester resumes from its cursor with every event in the topics exactly once, and an L1 event
 * goes all the way to an alert.
 */
@ExtendWith(TestClusterExtension.class)
class IngestKafkaIT {

    private static final long GENESIS = 1_700_000_000L;
    private static final int BLOCKS = 120;
    private static final String WATCHED = "0x000000000000000000000000000000000000a11c";
    private static final String ARB_ROLLUP = "0x00000000000000000000000000000000000000b0";
    private static final String ARB_INBOX = "0x00000000000000000000000000000000000000b1";
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    @TempDir
    static Path dir;
    private static AnvilNode anvil;

    @BeforeAll
    static void chain() throws Exception {
        anvil = AnvilNode.start(GENESIS, dir.resolve("anvil"));
        L1Emitters l1 = L1Emitters.on(anvil);
        l1.place(WATCHED, "WatchedEmitter");
        l1.place(ARB_ROLLUP, "RollupEmitter");
        l1.place(ARB_INBOX, "SequencerInboxEmitter");
        // One upgrade per block, each naming its block in the implementation address.
        for (int block = 1; block <= BLOCKS; block++) {
            l1.emit(WATCHED, "WatchedEmitter", "emitUpgraded", implementation(block));
            anvil.mine(GENESIS + 12L * block);
        }
        Files.writeString(dir.resolve("rollups.yaml"), """
                rollups:
                  - id: anvil-watch
                    name: Anvil watched contract
                    stack: GENERIC
                    l1ChainId: 31337
                    watched:
                      - "%s"
                  - id: anvil-arb
                    name: Anvil Arbitrum
                    stack: ARBITRUM_NITRO
                    l1ChainId: 31337
                    contracts:
                      rollup: "%s"
                      sequencerInbox: "%s"
                """.formatted(WATCHED, ARB_ROLLUP, ARB_INBOX));
    }

    @AfterAll
    static void stopChain() {
        if (anvil != null) {
            anvil.close();
        }
    }

    @Test
    void shouldWriteEveryEventExactlyOnceWhenTheIngesterIsKilledAndRestarted(TestCluster cluster) throws Exception {
        String prefix = cluster.uniqueName("ingest") + ".";
        assertThat(cli(new StringWriter()).execute("topics", "--bootstrap-servers", cluster.bootstrapServers(),
                "--prefix", prefix, "--partitions", "2", "--replication-factor", "1")).isZero();
        List<String> args = List.of("ingest", "--rollups", dir.resolve("rollups.yaml").toString(), "--only",
                "anvil-watch", "--from-block", "1", "--to-block", String.valueOf(BLOCKS), "--confirmations", "0",
                "--max-range", "4", "--bootstrap-servers", cluster.bootstrapServers(), "--schema-registry-url",
                cluster.schemaRegistryUrl(), "--prefix", prefix);
        Map<String, Object> serde = Map.of("schema.registry.url", cluster.schemaRegistryUrl());
        // Slow the node down so that the first ingester is surely mid-way when it is killed.
        try (FlakyRpcProxy slow = FlakyRpcProxy.start(anvil.rpcUrl())) {
            slow.delay(Duration.ofMillis(150));
            slow.failRandomly(1, 1.0, Set.of(FlakyRpcProxy.Fault.DELAY), "eth_getLogs");
            try (EngineProcess first = EngineProcess.builder("ingest-killed", dir.resolve("logs"))
                    .args(with(args, "--rpc-url", slow.url())).start()) {
                await().atMost(TIMEOUT).until(() -> !read(cluster, prefix + "ingest.cursor", IngestCursor.class, serde)
                        .isEmpty() || !first.isAlive());
                first.kill();
            }
        }
        List<IngestCursor> cursorsAtKill = read(cluster, prefix + "ingest.cursor", IngestCursor.class, serde);
        long killedAt = cursorsAtKill.get(cursorsAtKill.size() - 1).getBlockNumber();
        assertThat(killedAt).as("the first ingester was killed mid-way").isBetween(4L, BLOCKS - 4L);

        try (EngineProcess second = EngineProcess.builder("ingest-resumed", dir.resolve("logs"))
                .args(with(args, "--rpc-url", anvil.rpcUrl())).start()) {
            second.awaitOutput("Done:", TIMEOUT);
            assertThat(second.stop(Duration.ofSeconds(30))).isZero();
            assertThat(second.output()).contains("resuming ingester 'default' on chain 31337 after block " + killedAt);
        }

        List<BridgeEvent> upgrades = read(cluster, prefix + "ingest.bridge", BridgeEvent.class, serde);
        assertThat(upgrades).extracting(BridgeEvent::getKind).containsOnly(BridgeEventKind.CONTRACT_UPGRADED);
        assertThat(upgrades).extracting(e -> e.getSource().getBlockNumber())
                .containsExactlyElementsOf(LongStream.rangeClosed(1, BLOCKS).boxed().toList());
        assertThat(upgrades).extracting(e -> e.getDetails().get("implementation"))
                .containsExactlyElementsOf(LongStream.rangeClosed(1, BLOCKS).mapToObj(b -> implementation((int) b))
                        .toList());
        List<Long> progress = read(cluster, prefix + "ingest.progress", IngestProgress.class, serde).stream()
                .map(IngestProgress::getScannedThroughBlock).toList();
        assertThat(progress).as("one heartbeat per committed range, none repeated").doesNotHaveDuplicates()
                .isSorted().endsWith((long) BLOCKS);
    }

    @Test
    void shouldRaiseAnAlertFromAnL1EventThroughRunWithAnRpcUrl() throws Exception {
        L1Emitters l1 = L1Emitters.on(anvil);
        InProcessRun run = InProcessRun.start(Map.of(), TIMEOUT, "--rpc-url", anvil.rpcUrl(), "--rollups",
                dir.resolve("rollups.yaml").toString(), "--confirmations", "0", "--from-block", "1",
                "--http-port", "0", "--data-dir", dir.resolve("run").toString());
        try {
            assertThat(run.output()).contains("L1 ingester : 2 rollups of chain 31337 from " + anvil.rpcUrl());
            long block = BLOCKS + 1;
            l1.emit(ARB_ROLLUP, "RollupEmitter", "emitUpgraded", "0x00000000000000000000000000000000000bad01");
            anvil.mine(GENESIS + 12L * block);

            ObjectMapper json = new ObjectMapper();
            JsonNode alert = await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(500)).until(() -> {
                for (JsonNode a : json.readTree(run.get("api/alerts?status=open").body()).path("alerts")) {
                    if (a.path("rollupId").asText().equals("anvil-arb")
                            && a.path("indicator").asText().equals("GOVERNANCE_CHANGE")) {
                        return a;
                    }
                }
                return null;
            }, a -> a != null);
            assertThat(alert.path("severity").asText()).isEqualTo("CRITICAL");
            assertThat(alert.path("openedAt").asText()).isEqualTo(Instant.ofEpochSecond(GENESIS + 12L * block).toString());
            assertThat(alert.path("subject").asText()).isEqualTo(ARB_ROLLUP);
            assertThat(alert.path("summary").asText()).contains("0x00000000000000000000000000000000000bad01");
        } finally {
            assertThat(run.stop()).isZero();
        }
    }

    private static String implementation(int block) {
        return String.format("0x%040x", 0x1000 + block);
    }

    private static String[] with(List<String> args, String... more) {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    private static CommandLine cli(StringWriter out) {
        CommandLine cli = Main.commandLine(Map.of());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        return cli;
    }

    /** Every value of {@code topic}, read_committed, partitions one after the other (each in order). */
    private static <V extends SpecificRecord> List<V> read(TestCluster cluster, String topic, Class<V> type,
                                                           Map<String, Object> serde) {
        AvroDeserializer<V> values = new AvroDeserializer<>(type);
        values.configure(serde, false);
        return KafkaTestClients.readCommitted(Map.of("bootstrap.servers", cluster.bootstrapServers()), topic, values)
                .stream().map(ConsumerRecord::value).toList();
    }
}
