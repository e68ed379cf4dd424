package io.l2risk.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.l2risk.avro.IngestCursor;
import io.l2risk.avro.IngestProgress;
import io.l2risk.avro.Source;
import io.l2risk.eventfile.AvroJsonLinesReader;
import io.l2risk.eventfile.BadLineListener;
import io.l2risk.registry.RollupConfig;
import io.l2risk.registry.RollupRegistryLoader;
import io.l2risk.testing.AnvilNode;
import io.l2risk.testing.L1Emitters;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.avro.specific.SpecificRecord;

/**
 * The shared fixture of the ingest ITs: anvil with every emitter placed at the addresses of
 * {@code src/test/resources/ingest/anvil-rollups.yaml}, blocks mined exactly {@value #SLOT} seconds apart from
 * genesis (so that anvil's beacon API puts block {@code n} in slot {@code n}), and helpers to build the
 * provenance the ingester must write.
 */
final class AnvilScenario implements AutoCloseable {

    static final long GENESIS = 1_700_000_000L;
    static final long SLOT = 12;
    static final String REGISTRY_RESOURCE = "ingest/anvil-rollups.yaml";

    static final String ARBITRUM = "anvil-arbitrum";
    static final String OP = "anvil-op";
    static final String ZKSYNC = "anvil-zksync";
    static final String SCROLL = "anvil-scroll";
    static final String LINEA = "anvil-linea";
    static final String STARKNET = "anvil-starknet";
    static final String POLYGON = "anvil-polygon";
    /** In registry order. */
    static final List<String> ROLLUPS = List.of(ARBITRUM, OP, ZKSYNC, SCROLL, LINEA, STARKNET, POLYGON);

    // The addresses of the test registry.
    static final String ARB_SEQUENCER_INBOX = "0x000000000000000000000000000000000000a101";
    static final String ARB_BRIDGE = "0x000000000000000000000000000000000000a102";
    static final String ARB_INBOX = "0x000000000000000000000000000000000000a103";
    static final String ARB_OUTBOX = "0x000000000000000000000000000000000000a104";
    static final String ARB_ROLLUP = "0x000000000000000000000000000000000000a105";
    static final String ARB_BATCHER = "0x000000000000000000000000000000000000ba7c";
    static final String OP_PORTAL = "0x000000000000000000000000000000000000b101";
    static final String OP_SYSTEM_CONFIG = "0x000000000000000000000000000000000000b102";
    static final String OP_GAME_FACTORY = "0x000000000000000000000000000000000000b103";
    static final String OP_OUTPUT_ORACLE = "0x000000000000000000000000000000000000b104";
    static final String OP_WATCHED = "0x000000000000000000000000000000000000b1ee";
    static final String OP_BATCH_INBOX = "0xff00000000000000000000000000000000031337";
    /** anvil's second dev account, the registry's OP batcher: its key signs blob batches. */
    static final String OP_BATCHER = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
    static final String OP_BATCHER_KEY = AnvilNode.DEV_PRIVATE_KEYS.get(1);
    /** A dispute game proxy: not in the registry, learned from DisputeGameCreated. */
    static final String OP_GAME = "0x00000000000000000000000000000000000dea01";
    static final String ZKSYNC_DIAMOND = "0x000000000000000000000000000000000000c101";
    static final String SCROLL_CHAIN = "0x000000000000000000000000000000000000d101";
    static final String SCROLL_QUEUE = "0x000000000000000000000000000000000000d102";
    static final String LINEA_ROLLUP = "0x000000000000000000000000000000000000e101";
    static final String STARKNET_CORE = "0x000000000000000000000000000000000000f101";
    static final String POLYGON_MANAGER = "0x0000000000000000000000000000000000010101";
    static final String POLYGON_ZKEVM = "0x0000000000000000000000000000000000010102";
    static final String ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";

    final AnvilNode anvil;
    final L1Emitters l1;
    private long block;

    private AnvilScenario(AnvilNode anvil) {
        this.anvil = anvil;
        this.l1 = L1Emitters.on(anvil);
    }

    /** anvil at {@link #GENESIS} with every emitter placed. */
    static AnvilScenario start() {
        AnvilScenario scenario = new AnvilScenario(AnvilNode.start(GENESIS, Path.of("target", "anvil")));
        try {
            scenario.placeEmitters();
        } catch (RuntimeException e) {
            scenario.close();
            throw e;
        }
        return scenario;
    }

    private void placeEmitters() {
        l1.place(ARB_SEQUENCER_INBOX, "SequencerInboxEmitter");
        l1.place(ARB_BRIDGE, "BridgeEmitter");
        l1.place(ARB_INBOX, "InboxEmitter");
        l1.place(ARB_OUTBOX, "OutboxEmitter");
        l1.place(ARB_ROLLUP, "RollupEmitter");
        l1.place(OP_PORTAL, "OptimismPortalEmitter");
        l1.place(OP_SYSTEM_CONFIG, "SystemConfigEmitter");
        l1.place(OP_GAME_FACTORY, "DisputeGameFactoryEmitter");
        l1.place(OP_OUTPUT_ORACLE, "L2OutputOracleEmitter");
        l1.place(OP_WATCHED, "WatchedEmitter");
        l1.place(OP_GAME, "FaultDisputeGameEmitter");
        l1.place(ZKSYNC_DIAMOND, "ZkSyncDiamondEmitter");
        l1.place(SCROLL_CHAIN, "ScrollChainEmitter");
        l1.place(SCROLL_QUEUE, "L1MessageQueueEmitter");
        l1.place(LINEA_ROLLUP, "LineaRollupEmitter");
        l1.place(STARKNET_CORE, "StarknetCoreEmitter");
        l1.place(POLYGON_MANAGER, "PolygonRollupManagerEmitter");
        l1.place(POLYGON_ZKEVM, "PolygonZkEvmEmitter");
    }

    /** The test registry file. */
    static Path registryFile() {
        try {
            return Path.of(AnvilScenario.class.getClassLoader().getResource(REGISTRY_RESOURCE).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The rollups of the test registry, in registry order. */
    static List<RollupConfig> rollups() {
        List<RollupConfig> all = RollupRegistryLoader.load(registryFile()).all();
        assertThat(all).extracting(RollupConfig::id).containsExactlyElementsOf(ROLLUPS);
        return all;
    }

    /** Mines the next block, {@value #SLOT} s after the previous one; returns its number. */
    long mine() {
        block++;
        long mined = anvil.mine(time(block));
        assertThat(mined).as("mined block").isEqualTo(block);
        return mined;
    }

    /** The last block mined (after a revert: the block the chain continues from). */
    long head() {
        return block;
    }

    /** After {@link AnvilNode#revert}: the chain's tip is {@code number} again. */
    void rewoundTo(long number) {
        block = number;
    }

    /** Block {@code number}'s timestamp in seconds. */
    static long time(long number) {
        return GENESIS + SLOT * number;
    }

    static Instant instant(long number) {
        return Instant.ofEpochSecond(time(number));
    }

    String blockHash(long number) {
        return anvil.call("eth_getBlockByNumber", "0x" + Long.toHexString(number), false).path("hash").asText();
    }

    /** The block {@code tx} was mined in; fails when it is pending or unknown. */
    long blockOf(String tx) {
        return Long.decode(anvil.call("eth_getTransactionReceipt", tx).path("blockNumber").asText());
    }

    /** The provenance of a record from {@code tx} in {@code block}; {@code logIndex} null for a transaction. */
    Source source(long number, String tx, Integer logIndex, String contract) {
        return Source.newBuilder().setL1ChainId(AnvilNode.CHAIN_ID).setBlockNumber(number)
                .setBlockHash(blockHash(number)).setBlockTime(instant(number)).setTxHash(tx).setLogIndex(logIndex)
                .setContract(contract).build();
    }

    /** The provenance of the first log of {@code tx}. */
    Source source(String tx, String contract) {
        return source(blockOf(tx), tx, 0, contract);
    }

    /** The IngestProgress of every rollup for a scan through {@code number}. */
    static List<SpecificRecord> progress(long number, long head, String ingesterId) {
        List<SpecificRecord> records = new ArrayList<>();
        for (String rollup : ROLLUPS) {
            records.add(IngestProgress.newBuilder().setRollupId(rollup).setL1ChainId(AnvilNode.CHAIN_ID)
                    .setScannedThroughBlock(number).setScannedThroughTime(instant(number)).setL1HeadBlock(head)
                    .setIngesterId(ingesterId).build());
        }
        return records;
    }

    /** Every record of an event file, in file order; fails on an invalid line. */
    static List<SpecificRecord> readEvents(Path file) throws IOException {
        List<SpecificRecord> records = new ArrayList<>();
        try (AvroJsonLinesReader<SpecificRecord> reader = AvroJsonLinesReader.openEvents(file,
                BadLineListener.failOnInvalid())) {
            for (SpecificRecord record = reader.next(); record != null; record = reader.next()) {
                records.add(record);
            }
        }
        return records;
    }

    static String word(long value) {
        return word(BigInteger.valueOf(value));
    }

    static String word(BigInteger value) {
        return "0x" + String.format("%64s", value.toString(16)).replace(' ', '0');
    }

    static String bytes32(String twoHexDigits) {
        return "0x" + twoHexDigits.repeat(32);
    }

    static String strip(String hex) {
        return hex.startsWith("0x") ? hex.substring(2) : hex;
    }

    @Override
    public void close() {
        anvil.close();
    }

    /** A sink that keeps every commit in memory, thread-safe for a test reading while the ingester runs. */
    static final class MemorySink implements IngestSink {

        final List<SpecificRecord> records = new CopyOnWriteArrayList<>();
        volatile IngestCursor cursor;

        @Override
        public Optional<IngestCursor> cursor(long l1ChainId, String ingesterId) {
            return Optional.ofNullable(cursor);
        }

        @Override
        public void commit(List<SpecificRecord> batch, IngestCursor newCursor) {
            records.addAll(batch);
            cursor = newCursor;
        }

        @Override
        public void close() {
        }
    }
}
