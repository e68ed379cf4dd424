package io.l2risk.ingest.decode;

import static io.l2risk.ingest.decode.ArbitrumDecoderTest.BLOCK;
import static io.l2risk.ingest.decode.ArbitrumDecoderTest.TIME_MILLIS;
import static io.l2risk.ingest.decode.ArbitrumDecoderTest.concat;
import static io.l2risk.ingest.decode.ArbitrumDecoderTest.details;
import static io.l2risk.ingest.decode.ArbitrumDecoderTest.encode;
import static io.l2risk.ingest.decode.ArbitrumDecoderTest.fill;
import static io.l2risk.ingest.decode.ArbitrumDecoderTest.log;
import static io.l2risk.ingest.decode.ArbitrumDecoderTest.source;
import static io.l2risk.ingest.decode.ArbitrumDecoderTest.word;
import static org.assertj.core.api.Assertions.assertThat;

import io.l2risk.avro.BridgeEvent;
import io.l2risk.avro.BridgeEventKind;
import io.l2risk.avro.DisputeOutcome;
import io.l2risk.avro.ProofEvent;
import io.l2risk.avro.ProofKind;
import io.l2risk.ingest.EventCatalog.OpStack;
import io.l2risk.ingest.L1Log;
import io.l2risk.ingest.L1Transaction;
import io.l2risk.registry.DaKind;
import io.l2risk.registry.RollupConfig;
import io.l2risk.registry.Stack;
import io.l2risk.registry.StackDefaults;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.DynamicStruct;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.StaticStruct;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint128;
import org.web3j.abi.datatypes.generated.Uint256;

/** OP Stack records from logs encoded with web3j, as the contracts emit them. */
class OpStackDecoderTest {

    private static final String PORTAL = "0xbeb5fc579115071764c7423a4f12edde41f106ed";
    private static final String FACTORY = "0xe5965ab5962edc7477c8520243a95517cd252fa9";
    private static final String ORACLE = "0xdfe97868233d1aa22e815a266982f2cf17685a27";
    private static final String SYSTEM_CONFIG = "0x229047fed2591dbec1ef1118d64f7af3db9eb290";
    private static final String SUPERCHAIN_CONFIG = "0x95703e0982140d16f8eba6d158fccede42f04a4c";
    private static final String GAME = "0x5fa9d8c8a8ab1ddf9c8e4b3a1c9d5fa2c87b2cd1";
    private static final String PROPOSER = "0x473300df21d047806a082244b417f96b32f13a33";
    private static final String CHALLENGER = "0x9ba6e03d8b90de867373db8cf1a58d2f7f006b3a";
    private static final String USER = "0x00000000000000000000000000000000000000aa";
    private static final String ROOT = "0x" + "0c".repeat(32);

    private static final RollupConfig OP = new RollupConfig("op-mainnet", "OP Mainnet", Stack.OP_STACK, 1,
            DaKind.ETHEREUM, Map.of("optimismPortal", PORTAL, "disputeGameFactory", FACTORY, "l2OutputOracle", ORACLE,
                    "systemConfig", SYSTEM_CONFIG, "superchainConfig", SUPERCHAIN_CONFIG),
            List.of(), Optional.of("0xff00000000000000000000000000000000000010"), StackDefaults.of(Stack.OP_STACK),
            Map.of(), List.of());

    private final FakeDecodeContext context = new FakeDecodeContext();
    private final LogDecoders decoders = LogDecoders.standard();

    @Test
    void shouldFollowADisputeGameFromCreationThroughTheFirstChallengeToTheChallengersWin() {
        String createTx = "0x" + "c1".repeat(32);
        context.transaction(new L1Transaction(createTx, BLOCK, PROPOSER, FACTORY, 2, "0x", List.of()));
        long createdAt = TIME_MILLIS / 1000;
        gameViews(BLOCK, createdAt);
        L1Log created = log(FACTORY, createTx, 40, List.of(OpStack.DISPUTE_GAME_CREATED.topic0(), addressWord(GAME),
                word(0), ROOT), "0x");

        List<SpecificRecord> proposed = decode(created, "disputeGameFactory");

        Instant clockEnd = Instant.ofEpochSecond(createdAt + 302_400);
        assertThat(proposed).containsExactly(ProofEvent.newBuilder().setRollupId("op-mainnet").setSource(source(created))
                .setKind(ProofKind.STATE_PROPOSED).setL2BlockNumber(130_000_000L).setStateRoot(ROOT).setDisputeId(GAME)
                .setActor(PROPOSER).setChallengePeriodEnd(clockEnd).build());
        assertThat(context.state().openGameAddresses()).containsExactly(GAME);

        long moveBlock = BLOCK + 10;
        gameViews(moveBlock, createdAt);
        L1Log attack = gameLog(OpStack.MOVE.topic0(), moveBlock, 3, List.of(word(0), "0x" + "ee".repeat(32),
                addressWord(CHALLENGER)));
        L1Log counter = gameLog(OpStack.MOVE.topic0(), moveBlock, 4, List.of(word(1), "0x" + "ef".repeat(32),
                addressWord(PROPOSER)));

        List<SpecificRecord> opened = decode(attack, "disputeGame");
        List<SpecificRecord> later = decode(counter, "disputeGame");

        assertThat(opened).containsExactly(ProofEvent.newBuilder().setRollupId("op-mainnet").setSource(source(attack))
                .setKind(ProofKind.DISPUTE_OPENED).setL2BlockNumber(130_000_000L).setStateRoot(ROOT).setDisputeId(GAME)
                .setDisputeOutcome(DisputeOutcome.IN_PROGRESS).setActor(CHALLENGER).setChallengePeriodEnd(clockEnd)
                .build());
        assertThat(later).isEmpty();

        L1Log resolved = gameLog(OpStack.RESOLVED.topic0(), BLOCK + 30_000, 0, List.of(word(1)));

        List<SpecificRecord> outcome = decode(resolved, "disputeGame");

        assertThat(outcome).containsExactly(ProofEvent.newBuilder().setRollupId("op-mainnet").setSource(source(resolved))
                .setKind(ProofKind.DISPUTE_RESOLVED).setL2BlockNumber(130_000_000L).setStateRoot(ROOT).setDisputeId(GAME)
                .setDisputeOutcome(DisputeOutcome.CHALLENGER_WINS).setActor(GAME).build());
        assertThat(context.state().openGameAddresses()).isEmpty();
        assertThat(context.state().game(GAME).orElseThrow().challengedBlock()).hasValue(moveBlock);
    }

    @Test
    void shouldResolveAnUnchallengedGameForTheDefender() {
        L1Log resolved = gameLog(OpStack.RESOLVED.topic0(), BLOCK, 0, List.of(word(2)));

        ProofEvent proof = (ProofEvent) decode(resolved, "disputeGame").get(0);

        assertThat(proof.getKind()).isEqualTo(ProofKind.DISPUTE_RESOLVED);
        assertThat(proof.getDisputeOutcome()).isEqualTo(DisputeOutcome.DEFENDER_WINS);
        assertThat(proof.getDisputeId()).isEqualTo(GAME);
    }

    @Test
    void shouldProposeOutputsAndRevertToTheLastOutputKept() {
        String tx = "0x" + "0a".repeat(32);
        context.transaction(new L1Transaction(tx, BLOCK, PROPOSER, ORACLE, 2, "0x", List.of()));
        L1Log proposed = log(ORACLE, tx, 1, List.of(OpStack.OUTPUT_PROPOSED.topic0(), ROOT, word(4_000),
                word(105_235_063)), encode(new Uint256(TIME_MILLIS / 1000)));
        String deleteTx = "0x" + "0d".repeat(32);
        context.transaction(new L1Transaction(deleteTx, BLOCK, CHALLENGER, ORACLE, 2, "0x", List.of()));
        context.callResult(ORACLE, OpStackDecoder.GET_L2_OUTPUT + word(3_997).substring(2), BLOCK,
                encode(new Bytes32(fill(0x0b)), new Uint128(TIME_MILLIS / 1000 - 3 * 3600), new Uint128(105_229_663)));
        L1Log deleted = log(ORACLE, deleteTx, 2, List.of(OpStack.OUTPUTS_DELETED.topic0(), word(4_001), word(3_998)),
                "0x");

        assertThat(decode(proposed, "l2OutputOracle")).containsExactly(ProofEvent.newBuilder().setRollupId("op-mainnet")
                .setSource(source(proposed)).setKind(ProofKind.STATE_PROPOSED).setL2BlockNumber(105_235_063L)
                .setStateRoot(ROOT).setActor(PROPOSER)
                .setChallengePeriodEnd(Instant.ofEpochMilli(TIME_MILLIS).plus(Duration.ofDays(7))).build());
        assertThat(decode(deleted, "l2OutputOracle")).containsExactly(ProofEvent.newBuilder().setRollupId("op-mainnet")
                .setSource(source(deleted)).setKind(ProofKind.STATE_REVERTED).setL2BlockNumber(105_229_663L)
                .setActor(CHALLENGER).build());
    }

    @Test
    void shouldReportTheMintedEthOfADepositAndAMessageWithoutMint() {
        BigInteger mint = new BigInteger("1500000000000000000");
        byte[] opaque = concat(AbiDecoder.bytes(word(mint)), AbiDecoder.bytes(word(mint)), uint64(100_000),
                new byte[] {0}, new byte[] {(byte) 0xca, (byte) 0xfe});
        L1Log deposit = log(PORTAL, "0x" + "d1".repeat(32), 8, List.of(OpStack.TRANSACTION_DEPOSITED.topic0(),
                addressWord(USER), addressWord(USER), word(0)), encode(new DynamicBytes(opaque)));
        byte[] message = concat(new byte[64], uint64(200_000), new byte[] {0});
        L1Log queued = log(PORTAL, "0x" + "d2".repeat(32), 9, List.of(OpStack.TRANSACTION_DEPOSITED.topic0(),
                addressWord(USER), addressWord(CHALLENGER), word(0)), encode(new DynamicBytes(message)));

        assertThat(decode(deposit, "optimismPortal")).containsExactly(BridgeEvent.newBuilder().setRollupId("op-mainnet")
                .setSource(source(deposit)).setKind(BridgeEventKind.DEPOSIT_INITIATED).setAmount("1500000000000000000")
                .setDetails(details("contractRole", "optimismPortal", "from", USER, "to", USER,
                        "value", "1500000000000000000", "gasLimit", "100000", "isCreation", "false"))
                .build());
        BridgeEvent message1 = (BridgeEvent) decode(queued, "optimismPortal").get(0);
        assertThat(message1.getKind()).isEqualTo(BridgeEventKind.L1_MESSAGE_QUEUED);
        assertThat(message1.getAmount()).isNull();
        assertThat(message1.getDetails()).containsEntry("gasLimit", "200000").containsEntry("to", CHALLENGER);
    }

    @Test
    void shouldTurnAShortDepositPayloadIntoAnUnknownEvent() {
        L1Log bad = log(PORTAL, "0x" + "d3".repeat(32), 8, List.of(OpStack.TRANSACTION_DEPOSITED.topic0(),
                addressWord(USER), addressWord(USER), word(0)), encode(new DynamicBytes(new byte[40])));

        BridgeEvent unknown = (BridgeEvent) decode(bad, "optimismPortal").get(0);

        assertThat(unknown.getKind()).isEqualTo(BridgeEventKind.UNKNOWN_EVENT);
        assertThat(unknown.getDetails()).containsEntry("decodeError", "deposit opaqueData of 40 bytes, needs 73");
    }

    @Test
    void shouldProveAndFinalizeAWithdrawalWithItsValueFromThePortalCall() {
        String withdrawalHash = "0x" + "77".repeat(32);
        BigInteger value = new BigInteger("2000000000000000000");
        String proveTx = "0x" + "a1".repeat(32);
        context.transaction(new L1Transaction(proveTx, BLOCK, USER, PORTAL, 2, selectorSwap(
                OpStackDecoder.PROVE_WITHDRAWAL, FunctionEncoder.encode(new Function("proveWithdrawalTransaction", List.of(
                        withdrawal(value), new Uint256(4_242), new StaticStruct(new Bytes32(new byte[32]),
                                new Bytes32(fill(1)), new Bytes32(fill(2)), new Bytes32(fill(3))),
                        new DynamicArray<>(DynamicBytes.class, new DynamicBytes(new byte[] {1, 2}))), List.of()))),
                List.of()));
        L1Log proven = log(PORTAL, proveTx, 3, List.of(OpStack.WITHDRAWAL_PROVEN.topic0(), withdrawalHash,
                addressWord(USER), addressWord(USER)), "0x");
        L1Log extension = log(PORTAL, proveTx, 4, List.of(OpStack.WITHDRAWAL_PROVEN_EXTENSION1.topic0(), withdrawalHash,
                addressWord(USER)), "0x");
        String finalizeTx = "0x" + "a2".repeat(32);
        context.transaction(new L1Transaction(finalizeTx, BLOCK, USER, PORTAL, 2, selectorSwap(
                OpStackDecoder.FINALIZE_WITHDRAWAL.get(0), FunctionEncoder.encode(new Function(
                        "finalizeWithdrawalTransaction", List.of(withdrawal(value)), List.of()))), List.of()));
        L1Log finalized = log(PORTAL, finalizeTx, 5, List.of(OpStack.WITHDRAWAL_FINALIZED.topic0(), withdrawalHash),
                encode(new Bool(true)));

        assertThat(decode(proven, "optimismPortal")).containsExactly(BridgeEvent.newBuilder().setRollupId("op-mainnet")
                .setSource(source(proven)).setKind(BridgeEventKind.WITHDRAWAL_PROVEN).setMessageId(withdrawalHash)
                .setAmount("2000000000000000000")
                .setDetails(details("contractRole", "optimismPortal", "from", USER, "to", USER)).build());
        assertThat(decode(extension, "optimismPortal")).isEmpty();
        assertThat(decode(finalized, "optimismPortal")).containsExactly(BridgeEvent.newBuilder()
                .setRollupId("op-mainnet").setSource(source(finalized)).setKind(BridgeEventKind.WITHDRAWAL_FINALIZED)
                .setMessageId(withdrawalHash).setAmount("2000000000000000000")
                .setDetails(details("contractRole", "optimismPortal", "success", "true")).build());
    }

    @Test
    void shouldReportAFailedFinalizationRelayedThroughAContractWithoutAnAmount() {
        String tx = "0x" + "a3".repeat(32);
        context.transaction(new L1Transaction(tx, BLOCK, USER, "0x" + "12".repeat(20), 2, "0xdeadbeef", List.of()));
        L1Log finalized = log(PORTAL, tx, 5, List.of(OpStack.WITHDRAWAL_FINALIZED.topic0(), "0x" + "78".repeat(32)),
                encode(new Bool(false)));

        BridgeEvent event = (BridgeEvent) decode(finalized, "optimismPortal").get(0);

        assertThat(event.getAmount()).isNull();
        assertThat(event.getDetails()).containsEntry("success", "false");
    }

    @Test
    void shouldReportBatcherChangesAndIgnoreFeeParameterUpdates() {
        String batcher = "0x6887246668a3b87f54deb3b94ba47a6f63f32985";
        L1Log batcherUpdate = log(SYSTEM_CONFIG, "0x" + "5c".repeat(32), 1, List.of(OpStack.CONFIG_UPDATE.topic0(),
                word(0), word(0)), encode(new DynamicBytes(AbiDecoder.bytes(addressWord(batcher)))));
        L1Log gasUpdate = log(SYSTEM_CONFIG, "0x" + "5d".repeat(32), 1, List.of(OpStack.CONFIG_UPDATE.topic0(),
                word(0), word(1)), encode(new DynamicBytes(new byte[64])));

        assertThat(decode(batcherUpdate, "systemConfig")).containsExactly(BridgeEvent.newBuilder()
                .setRollupId("op-mainnet").setSource(source(batcherUpdate)).setKind(BridgeEventKind.OPERATOR_CHANGED)
                .setSubject(batcher).setDetails(details("contractRole", "systemConfig", "role", "batcher",
                        "operator", batcher, "active", "true")).build());
        assertThat(decode(gasUpdate, "systemConfig")).isEmpty();
    }

    @Test
    void shouldReportRespectedGameTypeAndBlacklistedGames() {
        L1Log respected = log(PORTAL, "0x" + "6a".repeat(32), 1, List.of(OpStack.RESPECTED_GAME_TYPE_SET.topic0(),
                word(1), word(TIME_MILLIS / 1000)), "0x");
        L1Log blacklisted = log(PORTAL, "0x" + "6b".repeat(32), 1, List.of(OpStack.DISPUTE_GAME_BLACKLISTED.topic0(),
                addressWord(GAME)), "0x");

        assertThat(decode(respected, "optimismPortal")).containsExactly(BridgeEvent.newBuilder()
                .setRollupId("op-mainnet").setSource(source(respected)).setKind(BridgeEventKind.OPERATOR_CHANGED)
                .setSubject("respectedGameType").setDetails(details("contractRole", "optimismPortal",
                        "role", "respectedGameType", "newValue", "1",
                        "updatedAt", Instant.ofEpochMilli(TIME_MILLIS).toString())).build());
        assertThat(decode(blacklisted, "optimismPortal")).containsExactly(BridgeEvent.newBuilder()
                .setRollupId("op-mainnet").setSource(source(blacklisted)).setKind(BridgeEventKind.OPERATOR_CHANGED)
                .setSubject(GAME).setDetails(details("contractRole", "optimismPortal", "role", "blacklistedDisputeGame",
                        "newValue", GAME)).build());
    }

    @Test
    void shouldPauseAndUnpauseTheSameSubjectOnTheSuperchainConfig() {
        String zero = "0x" + "00".repeat(20);
        L1Log paused = log(SUPERCHAIN_CONFIG, "0x" + "9a".repeat(32), 1, List.of(OpStack.SUPERCHAIN_PAUSED.topic0()),
                encode(new Address(zero)));
        L1Log unpaused = log(SUPERCHAIN_CONFIG, "0x" + "9b".repeat(32), 1, List.of(OpStack.SUPERCHAIN_UNPAUSED.topic0()),
                encode(new Address(zero)));
        L1Log legacy = log(SUPERCHAIN_CONFIG, "0x" + "9c".repeat(32), 1,
                List.of(OpStack.SUPERCHAIN_PAUSED_LEGACY.topic0()), encode(new Utf8String("Guardian")));

        BridgeEvent pause = (BridgeEvent) decode(paused, "superchainConfig").get(0);
        BridgeEvent unpause = (BridgeEvent) decode(unpaused, "superchainConfig").get(0);
        BridgeEvent legacyPause = (BridgeEvent) decode(legacy, "superchainConfig").get(0);

        assertThat(pause).isEqualTo(BridgeEvent.newBuilder().setRollupId("op-mainnet").setSource(source(paused))
                .setKind(BridgeEventKind.PAUSED).setSubject(SUPERCHAIN_CONFIG)
                .setDetails(details("contractRole", "superchainConfig", "identifier", zero)).build());
        assertThat(unpause.getKind()).isEqualTo(BridgeEventKind.UNPAUSED);
        assertThat(unpause.getSubject()).isEqualTo(SUPERCHAIN_CONFIG);
        assertThat(legacyPause.getKind()).isEqualTo(BridgeEventKind.PAUSED);
        assertThat(legacyPause.getDetails()).containsEntry("identifier", "Guardian");
    }

    // --- fixtures -----------------------------------------------------------------------------------------

    private List<SpecificRecord> decode(L1Log log, String role) {
        return decoders.decode(new RoutedLog(OP, role, log, 1, TIME_MILLIS), context);
    }

    private void gameViews(long block, long createdAt) {
        context.callResult(GAME, OpStackDecoder.L2_BLOCK_NUMBER, block, word(130_000_000))
                .callResult(GAME, OpStackDecoder.CREATED_AT, block, word(createdAt))
                .callResult(GAME, OpStackDecoder.MAX_CLOCK_DURATION, block, word(302_400));
    }

    private static L1Log gameLog(String topic0, long block, int logIndex, List<String> indexed) {
        List<String> topics = new ArrayList<>();
        topics.add(topic0);
        topics.addAll(indexed);
        return new L1Log(GAME, topics, "0x", block, ArbitrumDecoderTest.BLOCK_HASH, "0x" + "9f".repeat(32), 0, logIndex,
                false);
    }

    private static String addressWord(String address) {
        return word(new BigInteger(address.substring(2), 16));
    }

    private static DynamicStruct withdrawal(BigInteger value) {
        return new DynamicStruct(new Uint256(77), new Address(USER), new Address(USER), new Uint256(value),
                new Uint256(100_000), new DynamicBytes(new byte[0]));
    }

    private static byte[] uint64(long value) {
        return AbiDecoder.bytes(word(value).substring(0, 2) + word(value).substring(2 + 48));
    }

    /** web3j names a struct parameter by its Java class, so the canonical selector replaces its own. */
    private static String selectorSwap(String selector, String encoded) {
        return selector + encoded.substring(10);
    }
}
