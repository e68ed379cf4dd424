package io.l2risk.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.l2risk.ingest.EventCatalog;
import io.l2risk.ingest.EventSignature;
import io.l2risk.ingest.L1Log;
import io.l2risk.ingest.L1Transaction;
import io.l2risk.ingest.RpcException;
import io.l2risk.ingest.Web3jChainClient;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;

/**
 * {@link L1Emitters} against a real anvil, read back through {@link Web3jChainClient}; and solc's topic
 * hashes of every emitter event against {@link EventCatalog}.
 */
class L1EmittersIT {

    private static final long GENESIS = 1_700_000_000L;

    // Mainnet addresses as in src/main/resources/rollups/mainnet.yaml.
    private static final String ARB_SEQUENCER_INBOX = "0x1c479675ad559dc151f6ec7ed3fbf8cee79582b6";
    private static final String ARB_ROLLUP = "0x4dceb440657f21083db8add07665f8ddbe1dcfc0";
    private static final String ARB_BATCHER = "0xc1b634853cb333d3ad8663715b08f41a3aec47cc";
    private static final String OP_BATCH_INBOX = "0xff00000000000000000000000000000000000010";
    private static final String OP_BATCHER = "0x6887246668a3b87f54deb3b94ba47a6f63f32985";
    private static final String OP_SYSTEM_CONFIG = "0x229047fed2591dbec1ef1118d64f7af3db9eb290";
    private static final String ZKSYNC_DIAMOND = "0x32400084c286cf3e17e7b677ea9583e60a000324";
    // A dispute game proxy address; real ones come from DisputeGameCreated.
    private static final String OP_GAME = "0x00000000000000000000000000000000000dea01";
    private static final String ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";

    /** The registry or catalog role each emitter plays (io.l2risk.registry.ContractRoles, EventCatalog). */
    private static final Map<String, List<String>> ROLES = Map.ofEntries(
            Map.entry("WatchedEmitter", List.of(EventCatalog.WATCHED)),
            Map.entry("InitializableV5Emitter", List.of(EventCatalog.WATCHED)),
            Map.entry("SequencerUptimeFeedEmitter", List.of(EventCatalog.SEQUENCER_UPTIME_FEED)),
            Map.entry("SequencerInboxEmitter", List.of("sequencerInbox")),
            Map.entry("BridgeEmitter", List.of("bridge")),
            Map.entry("InboxEmitter", List.of("inbox")),
            Map.entry("OutboxEmitter", List.of("outbox")),
            Map.entry("RollupEmitter", List.of("rollup")),
            Map.entry("LegacyRollupEmitter", List.of("legacyRollup", "rollup")),
            Map.entry("ChallengeManagerEmitter", List.of("challengeManager")),
            Map.entry("L2OutputOracleEmitter", List.of("l2OutputOracle")),
            Map.entry("DisputeGameFactoryEmitter", List.of("disputeGameFactory")),
            Map.entry("FaultDisputeGameEmitter", List.of(EventCatalog.DISPUTE_GAME)),
            Map.entry("OptimismPortalEmitter", List.of("optimismPortal")),
            Map.entry("SystemConfigEmitter", List.of("systemConfig")),
            Map.entry("SuperchainConfigEmitter", List.of("superchainConfig")),
            Map.entry("SuperchainConfigLegacyEmitter", List.of("superchainConfig")),
            Map.entry("ZkSyncDiamondEmitter", List.of("diamondProxy")),
            Map.entry("ScrollChainEmitter", List.of("scrollChain")),
            Map.entry("L1MessageQueueEmitter", List.of("l1MessageQueueV2")),
            Map.entry("L1ScrollMessengerEmitter", List.of("l1ScrollMessenger")),
            Map.entry("LineaRollupEmitter", List.of("lineaRollup")),
            Map.entry("StarknetCoreEmitter", List.of("starknetCore")),
            Map.entry("PolygonRollupManagerEmitter", List.of("polygonRollupManager")),
            Map.entry("PolygonZkEvmEmitter", List.of("polygonZkEvm")),
            Map.entry("PolygonBridgeEmitter", List.of("polygonBridge")),
            Map.entry("GlobalExitRootManagerEmitter", List.of("globalExitRootManager")));

    private static final String UNLISTED = "UnlistedEvent(uint256,bytes)";

    private AnvilNode anvil;
    private Web3jChainClient client;
    private L1Emitters l1;

    @BeforeEach
    void startNode() {
        anvil = AnvilNode.start(GENESIS, Path.of("target", "anvil"));
        client = new Web3jChainClient(anvil.rpcUrl(), Duration.ofSeconds(30));
        l1 = L1Emitters.on(anvil);
    }

    @AfterEach
    void stopNode() {
        if (client != null) {
            client.close();
        }
        if (anvil != null) {
            anvil.close();
        }
    }

    @Test
    void shouldDeliverAnArbitrumBatchFromTheBatcherWithTheDataInTheTransactionInput() {
        l1.place(ARB_SEQUENCER_INBOX, "SequencerInboxEmitter");
        // An AnyTrust DAS certificate starts with 0x88; the rest is opaque to this test.
        byte[] batch = HexFormat.of().parseHex("88" + "ab".repeat(40));
        String tx = l1.emitFrom(ARB_BATCHER, ARB_SEQUENCER_INBOX, "SequencerInboxEmitter",
                "addSequencerL2BatchFromOrigin", 7, batch, 3, ZERO_ADDRESS, 100, 120);
        long block = anvil.mine(GENESIS + 12);

        String topic0 = L1Emitters.topic0("SequencerInboxEmitter", "SequencerBatchDelivered");
        assertThat(topic0).isEqualTo(EventCatalog.Arbitrum.SEQUENCER_BATCH_DELIVERED.topic0());
        String afterAcc = Hash.sha3("0x" + "00".repeat(32) + strip(Hash.sha3(hex(batch))) + strip(word(3)));
        List<L1Log> logs = client.logs(List.of(ARB_SEQUENCER_INBOX), List.of(), 0, block);
        assertThat(logs).containsExactly(new L1Log(ARB_SEQUENCER_INBOX,
                List.of(topic0, word(7), word(0), afterAcc),
                "0x" + strip(word(0)) + strip(word(3))
                        // TimeBounds: timestamp - 86400, timestamp + 768, block 1 - 7200 clamped to 0, 1 + 64
                        + strip(word(GENESIS + 12 - 86_400)) + strip(word(GENESIS + 12 + 768)) + strip(word(0))
                        + strip(word(65))
                        + strip(word(0)), // BatchDataLocation.TxInput
                1, client.block(1, false).orElseThrow().hash(), tx, 0, 0, false));
        L1Transaction posted = client.transaction(tx).orElseThrow();
        assertThat(posted.from()).isEqualTo(ARB_BATCHER);
        assertThat(posted.to()).isEqualTo(ARB_SEQUENCER_INBOX);
        // The real SequencerInbox selector, so the ingester's calldata decoding is exercised as on mainnet.
        assertThat(posted.input()).startsWith("0x8f111f3c")
                .isEqualTo(L1Emitters.calldata("SequencerInboxEmitter", "addSequencerL2BatchFromOrigin",
                        7, batch, 3, ZERO_ADDRESS, 100, 120));
    }

    @Test
    void shouldEncodeStructArgumentsAsTheCompilerDecodesThem() {
        l1.place(ZKSYNC_DIAMOND, "ZkSyncDiamondEmitter");
        l1.place(ARB_ROLLUP, "RollupEmitter");
        List<Object> transaction = List.of(254, 11, 12, 300_000, 800, 1_000_000_000L, 0, 0, 17, 5,
                List.of(0, 0, 0, 0), "0xdeadbeef", new byte[0], List.of(1, 2), "0x", "0x");
        Object[] priorityArgs = {42, "0x" + "12".repeat(32), GENESIS + 86_400, transaction,
                List.of("0x01", new byte[] {2, 3})};
        String priorityTx = l1.emit(ZKSYNC_DIAMOND, "ZkSyncDiamondEmitter", "emitNewPriorityRequest", priorityArgs);
        Map<String, Object> config = Map.of("wasmModuleRoot", "0x" + "aa".repeat(32), "requiredStake", 1_000,
                "challengeManager", "0x00000000000000000000000000000000000000cc", "confirmPeriodBlocks", 45_818,
                "nextInboxPosition", 9);
        List<Object> state = List.of(List.of(List.of("0x" + "01".repeat(32), "0x" + "02".repeat(32)), List.of(3, 4)),
                1, "0x" + "05".repeat(32));
        List<Object> assertion = List.of(List.of("0x" + "06".repeat(32), "0x" + "07".repeat(32), config), state,
                state);
        Object[] assertionArgs = {"0x" + "0a".repeat(32), "0x" + "0b".repeat(32), assertion, "0x" + "0c".repeat(32),
                120, "0x" + "aa".repeat(32), 1_000, "0x00000000000000000000000000000000000000cc", 45_818};
        String assertionTx = l1.emit(ARB_ROLLUP, "RollupEmitter", "emitAssertionCreated", assertionArgs);
        anvil.mine(GENESIS + 12);

        // NewPriorityRequest has no indexed parameter and the function takes exactly its parameters, so the
        // log data is the calldata after the selector: solc decoded what web3j encoded and re-encoded it alike.
        L1Log priority = onlyLog(ZKSYNC_DIAMOND);
        assertThat(priority.transactionHash()).isEqualTo(priorityTx);
        assertThat(priority.topics()).containsExactly(EventCatalog.ZkSync.NEW_PRIORITY_REQUEST.topic0());
        assertThat(priority.data()).isEqualTo("0x" + strip(
                L1Emitters.calldata("ZkSyncDiamondEmitter", "emitNewPriorityRequest", priorityArgs)).substring(8));

        // AssertionInputs is static: the data is the calldata minus selector and the two indexed hashes.
        L1Log created = onlyLog(ARB_ROLLUP);
        assertThat(created.transactionHash()).isEqualTo(assertionTx);
        assertThat(created.topics()).containsExactly(EventCatalog.Arbitrum.ASSERTION_CREATED.topic0(),
                "0x" + "0a".repeat(32), "0x" + "0b".repeat(32));
        assertThat(created.data()).isEqualTo("0x" + strip(
                L1Emitters.calldata("RollupEmitter", "emitAssertionCreated", assertionArgs)).substring(8 + 128));
    }

    @Test
    void shouldEmitABatcherChangeAnUpgradeAndAnUnknownEventFromOneAddress() {
        l1.place(OP_SYSTEM_CONFIG, "SystemConfigEmitter");
        String batcherHash = "0x" + "00".repeat(12) + strip(OP_BATCHER);
        l1.emit(OP_SYSTEM_CONFIG, "SystemConfigEmitter", "setBatcherHash", batcherHash);
        l1.emit(OP_SYSTEM_CONFIG, "SystemConfigEmitter", "emitUpgraded", "0x00000000000000000000000000000000000000e1");
        l1.emit(OP_SYSTEM_CONFIG, "SystemConfigEmitter", "emitUnlistedEvent", 5, "0xc0ffee");
        anvil.mine(GENESIS + 12);

        List<L1Log> logs = client.logs(List.of(OP_SYSTEM_CONFIG), List.of(), 0, 1);
        assertThat(logs).extracting(L1Log::topics).containsExactly(
                List.of(EventCatalog.OpStack.CONFIG_UPDATE.topic0(), word(0), word(0)),
                List.of(EventCatalog.Common.UPGRADED.topic0(), word(0xe1)),
                List.of(L1Emitters.topic0("SystemConfigEmitter", "UnlistedEvent"), word(5)));
        assertThat(logs).extracting(L1Log::data).containsExactly(
                "0x" + strip(word(32)) + strip(word(32)) + strip(batcherHash),
                "0x",
                "0x" + strip(word(32)) + strip(word(3)) + "c0ffee" + "00".repeat(29));
        assertThat(EventCatalog.find("systemConfig", logs.get(2).topics().get(0))).isEmpty();
    }

    @Test
    void shouldAnswerTheDisputeGameViewsWithTheStoredValues() {
        l1.place(OP_GAME, "FaultDisputeGameEmitter");
        l1.emit(OP_GAME, "FaultDisputeGameEmitter", "setGame", 1, "0x" + "c1".repeat(32), 123_456_789L);
        l1.emit(OP_GAME, "FaultDisputeGameEmitter", "emitResolved", 2);
        anvil.mine(GENESIS + 12);

        assertThat(l1.call(OP_GAME, "FaultDisputeGameEmitter", "l2BlockNumber")).isEqualTo(word(123_456_789L));
        assertThat(l1.call(OP_GAME, "FaultDisputeGameEmitter", "rootClaim")).isEqualTo("0x" + "c1".repeat(32));
        assertThat(l1.call(OP_GAME, "FaultDisputeGameEmitter", "status")).isEqualTo(word(2));
        assertThat(onlyLog(OP_GAME).topics()).containsExactly(EventCatalog.OpStack.RESOLVED.topic0(), word(2));
    }

    @Test
    void shouldRejectArgumentsThatDoNotFitTheAbi() {
        assertThatThrownBy(() -> L1Emitters.calldata("ScrollChainEmitter", "emitCommitBatch", 1, "0x1234"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bytes32 needs 32 bytes, got 2");
        assertThatThrownBy(() -> L1Emitters.calldata("ScrollChainEmitter", "emitCommitBatch", 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 functions match");
        assertThatThrownBy(() -> L1Emitters.topic0("ScrollChainEmitter", "RevertBatch"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("give the signature");
        assertThat(L1Emitters.topic0("ScrollChainEmitter", "RevertBatch(uint256,uint256)"))
                .isEqualTo(EventCatalog.Scroll.REVERT_BATCH_RANGE.topic0());
    }

    /**
     * The independent check of the catalog: solc computed each emitter's topic0 from the upstream declaration
     * (structs, enums, user-defined value types, contract types) and put it in the bytecode; the catalog
     * entry with the same canonical signature must have the same hash, and the emitter's role must route it.
     */
    @Test
    void shouldMatchEveryCompiledEventWithTheCatalog() {
        assertThat(L1Emitters.contracts()).containsExactlyInAnyOrderElementsOf(ROLES.keySet());
        List<String> findings = new ArrayList<>();
        Set<String> declared = new LinkedHashSet<>();
        for (String contract : L1Emitters.contracts()) {
            String bytecode = L1Emitters.compiled(contract).runtimeBytecode();
            for (String signature : L1Emitters.events(contract)) {
                declared.add(signature);
                String topic0 = L1Emitters.topic0(contract, signature);
                // solc pushes the hash as a constant; a hash with leading zero bytes gets a shorter PUSH.
                if (!bytecode.contains(strip(topic0).replaceFirst("^(00)+", ""))) {
                    findings.add(contract + " " + signature + ": " + topic0 + " is not in solc's bytecode");
                }
                List<EventSignature> catalog = EventCatalog.all().stream()
                        .filter(e -> e.canonical().equals(signature)).toList();
                if (signature.equals(UNLISTED)) {
                    if (!catalog.isEmpty() || !EventCatalog.byTopic0(topic0).isEmpty()) {
                        findings.add(UNLISTED + " is in the catalog");
                    }
                    continue;
                }
                if (catalog.isEmpty()) {
                    findings.add(contract + " " + signature + ": no catalog entry");
                }
                catalog.stream().filter(e -> !e.topic0().equals(topic0)).forEach(e -> findings.add(
                        contract + " " + signature + ": catalog " + e.topic0() + ", solc " + topic0));
                for (String role : ROLES.get(contract)) {
                    Optional<EventSignature> routed = EventCatalog.find(role, topic0);
                    if (routed.isEmpty() || !routed.get().canonical().equals(signature)) {
                        findings.add(contract + " " + signature + ": role " + role + " routes to "
                                + routed.map(EventSignature::canonical).orElse("nothing"));
                    }
                }
            }
        }
        List<String> uncovered = EventCatalog.all().stream().map(EventSignature::canonical)
                .filter(canonical -> !declared.contains(canonical)).toList();

        assertThat(findings).isEmpty();
        assertThat(uncovered).as("catalog events without an emitter").isEmpty();
        assertThat(declared.stream().filter(s -> !s.equals(UNLISTED)).collect(Collectors.toSet()))
                .isEqualTo(EventCatalog.all().stream().map(EventSignature::canonical).collect(Collectors.toSet()));
    }

    @Test
    void shouldCarryBlobsWithTheirVersionedHashesInATypeThreeTransaction() {
        String key = AnvilNode.DEV_PRIVATE_KEYS.get(1);
        String sender = Credentials.create(key).getAddress();
        byte[] first = L1Emitters.blobOf("first frame".getBytes(StandardCharsets.UTF_8));
        byte[] second = L1Emitters.blobOf(new byte[L1Emitters.BLOB_SIZE / 32 * 31]);
        String tx = l1.sendBlobTransaction(key, OP_BATCH_INBOX, List.of(first, second));
        anvil.mine(GENESIS + 12);

        List<String> expected = List.of(L1Emitters.versionedHash(first), L1Emitters.versionedHash(second));
        assertThat(expected).allSatisfy(hash -> assertThat(hash).startsWith("0x01").hasSize(66));
        assertThat(expected.get(0)).isNotEqualTo(expected.get(1));
        JsonNode raw = anvil.call("eth_getTransactionByHash", tx);
        assertThat(raw.path("type").asText()).isEqualTo("0x3");
        assertThat(raw.path("blobVersionedHashes")).extracting(JsonNode::asText).containsExactlyElementsOf(expected);
        assertThat(client.transaction(tx)).contains(
                new L1Transaction(tx, 1, sender, OP_BATCH_INBOX, 3, "0x", expected));
    }

    @Test
    void shouldSendCalldataFromAnImpersonatedBatcher() {
        String frame = "0x00" + "5a".repeat(2_000);
        String tx = l1.sendTransaction(OP_BATCHER, OP_BATCH_INBOX, frame);
        anvil.mine(GENESIS + 12);

        assertThat(client.block(1, true).orElseThrow().transactions())
                .containsExactly(new L1Transaction(tx, 1, OP_BATCHER, OP_BATCH_INBOX, 2, frame, List.of()));
    }

    @Test
    void shouldPassEachProxyFaultToTheClientAsTheIngesterClassifiesIt() {
        try (FlakyRpcProxy proxy = FlakyRpcProxy.start(anvil.rpcUrl());
                Web3jChainClient flaky = new Web3jChainClient(proxy.url(), Duration.ofMillis(500))) {
            proxy.delay(Duration.ofSeconds(3))
                    .failNext(1, FlakyRpcProxy.Fault.RESULT_LIMIT_EXCEEDED, "eth_getLogs")
                    .failNext(1, FlakyRpcProxy.Fault.INVALID_PARAMS, "eth_getLogs")
                    .failNext(1, FlakyRpcProxy.Fault.TOO_MANY_REQUESTS, "eth_blockNumber")
                    .failNext(1, FlakyRpcProxy.Fault.SERVICE_UNAVAILABLE, "eth_blockNumber")
                    .failNext(1, FlakyRpcProxy.Fault.TRUNCATED_BODY, "eth_blockNumber")
                    .failNext(1, FlakyRpcProxy.Fault.DELAY, "eth_blockNumber");

            assertThatThrownBy(() -> flaky.logs(List.of(ARB_ROLLUP), List.of(), 0, 0))
                    .isInstanceOfSatisfying(RpcException.class,
                            e -> assertThat(e.kind()).isEqualTo(RpcException.Kind.RANGE_TOO_LARGE));
            assertThatThrownBy(() -> flaky.logs(List.of(ARB_ROLLUP), List.of(), 0, 0))
                    .isInstanceOfSatisfying(RpcException.class,
                            e -> assertThat(e.kind()).isEqualTo(RpcException.Kind.PERMANENT));
            for (int i = 0; i < 4; i++) {
                assertThatThrownBy(flaky::latestBlockNumber).isInstanceOfSatisfying(RpcException.class,
                        e -> assertThat(e.kind()).isEqualTo(RpcException.Kind.RETRIABLE));
            }
            assertThat(flaky.latestBlockNumber()).isZero();
            assertThat(flaky.logs(List.of(ARB_ROLLUP), List.of(), 0, 0)).isEmpty();

            assertThat(proxy.injected()).isEqualTo(6);
            assertThat(proxy.requests("eth_getLogs")).isEqualTo(3);
            assertThat(proxy.forwarded()).isEqualTo(2);
        }
    }

    private L1Log onlyLog(String address) {
        List<L1Log> logs = client.logs(List.of(address), List.of(), 0, client.latestBlockNumber());
        assertThat(logs).hasSize(1);
        return logs.get(0);
    }

    private static String word(long value) {
        return "0x" + String.format("%64s", BigInteger.valueOf(value).toString(16)).replace(' ', '0');
    }

    private static String strip(String hex) {
        return hex.startsWith("0x") ? hex.substring(2) : hex;
    }

    private static String hex(byte[] bytes) {
        return "0x" + HexFormat.of().formatHex(bytes);
    }
}
