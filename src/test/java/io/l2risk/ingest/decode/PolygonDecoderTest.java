package io.l2risk.ingest.decode;

import static io.l2risk.ingest.decode.DecoderFixture.SENDER;
import static io.l2risk.ingest.decode.DecoderFixture.TX;
import static io.l2risk.ingest.decode.DecoderFixture.addressTopic;
import static io.l2risk.ingest.decode.DecoderFixture.filled;
import static io.l2risk.ingest.decode.DecoderFixture.filledHex;
import static io.l2risk.ingest.decode.DecoderFixture.source;
import static io.l2risk.ingest.decode.DecoderFixture.word;
import static org.assertj.core.api.Assertions.assertThat;

import io.l2risk.avro.BatchPosted;
import io.l2risk.avro.BridgeEvent;
import io.l2risk.avro.BridgeEventKind;
import io.l2risk.avro.DaMode;
import io.l2risk.avro.ProofEvent;
import io.l2risk.avro.ProofKind;
import io.l2risk.ingest.EventCatalog.Polygon;
import io.l2risk.ingest.L1Log;
import io.l2risk.registry.DaKind;
import io.l2risk.registry.RollupConfig;
import io.l2risk.registry.Stack;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.abi.datatypes.generated.Uint8;

class PolygonDecoderTest {

    private static final String MANAGER = "0x5132a183e9f3cb7c848b0aac5ae0c4f0491b7ab2";
    private static final String ZKEVM = "0x519e42c24163192dca44cd3fbdcebf6be9130987";
    private static final String BRIDGE = "0x2a3dd3eb832af982ec71669e178424b10dca2ede";
    private static final RollupConfig ZK = DecoderFixture.rollup("polygon-zkevm", Stack.POLYGON_ZKEVM,
            DaKind.ETHEREUM, "polygonRollupManager", MANAGER, "polygonZkEvm", ZKEVM, "polygonBridge", BRIDGE);
    private static final String AGGREGATOR = "0x00000000000000000000000000000000000000a9";
    private static final String USER = "0x00000000000000000000000000000000000000d5";
    private static final String USDC = "0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48";
    private static final String ID_QUERY = FunctionEncoder.encode(new Function("rollupAddressToID",
            List.<Type>of(new Address(ZKEVM)), List.of()));
    private static final String LAST_FORCED_QUERY = FunctionEncoder.encode(new Function("lastForceBatchSequenced",
            List.of(), List.of()));

    private final DecoderFixture fx = new DecoderFixture(ZK);

    @Test
    void shouldPostTheSequenceWithTheForcedBatchesReadThroughWhenBatchesAreSequenced() {
        fx.transaction(TX, 2, "0x" + "00".repeat(40_000), List.of());
        fx.answer(ZKEVM, LAST_FORCED_QUERY, word(4));
        L1Log log = fx.log(TX, "polygonZkEvm", Polygon.SEQUENCE_BATCHES, List.of(word(2_000_100)),
                List.of(new Bytes32(filled(0x01))));

        assertThat(fx.decode(log, "polygonZkEvm")).containsExactly(
                BatchPosted.newBuilder().setRollupId("polygon-zkevm").setSource(source(log)).setBatchIndex(2_000_100L)
                        .setDaMode(DaMode.CALLDATA).setDataBytes(40_000L).setL1MessagesProcessed(5L)
                        .setSubmitter(SENDER).build(),
                ProofEvent.newBuilder().setRollupId("polygon-zkevm").setSource(source(log))
                        .setKind(ProofKind.STATE_PROPOSED).setBatchIndexStart(2_000_100L).setBatchIndexEnd(2_000_100L)
                        .setActor(SENDER).build());
    }

    @Test
    void shouldAddNothingForTheManagersEchoOfASequence() {
        L1Log log = fx.log(TX, "polygonRollupManager", Polygon.ON_SEQUENCE_BATCHES, List.of(word(1)),
                List.of(new Uint64(2_000_100)));

        assertThat(fx.decode(log, "polygonRollupManager")).isEmpty();
    }

    @Test
    void shouldVerifyOnlyThisRollupsBatchesWhenTheSharedManagerVerifiesSeveralRollups() {
        fx.answer(MANAGER, ID_QUERY, word(1));
        L1Log mine = fx.log(TX, "polygonRollupManager", Polygon.VERIFY_BATCHES_TRUSTED_AGGREGATOR,
                List.of(word(1), addressTopic(AGGREGATOR)),
                List.of(new Uint64(2_000_090), new Bytes32(filled(0x02)), new Bytes32(filled(0x03))));
        L1Log other = fx.log(TX, "polygonRollupManager", Polygon.VERIFY_BATCHES_TRUSTED_AGGREGATOR,
                List.of(word(2), addressTopic(AGGREGATOR)),
                List.of(new Uint64(5_000), new Bytes32(filled(0x04)), new Bytes32(filled(0x05))));

        assertThat(fx.decode(mine, "polygonRollupManager")).containsExactly(ProofEvent.newBuilder()
                .setRollupId("polygon-zkevm").setSource(source(mine)).setKind(ProofKind.PROOF_VERIFIED)
                .setBatchIndexEnd(2_000_090L).setStateRoot(filledHex(0x02)).setActor(AGGREGATOR).build());
        assertThat(fx.decode(other, "polygonRollupManager")).isEmpty();
    }

    @Test
    void shouldKeepAVerificationWhenTheManagerCannotNameThisRollupsId() {
        L1Log other = fx.log(TX, "polygonRollupManager", Polygon.VERIFY_BATCHES,
                List.of(word(2), addressTopic(AGGREGATOR)),
                List.of(new Uint64(5_000), new Bytes32(filled(0x04)), new Bytes32(filled(0x05))));

        PolygonDecoder decoder = new PolygonDecoder();
        RoutedLog routed = new RoutedLog(ZK, "polygonRollupManager", other, 1, DecoderFixture.TIME_MILLIS);
        DecodedEvent event = AbiDecoder.decode(Polygon.VERIFY_BATCHES, other);

        assertThat(decoder.decode(event, routed, fx.context())).hasSize(1);
        assertThat(decoder.decode(event, routed, fx.context())).hasSize(1);
        // Asked once per L1 block: the shared manager emits for every rollup.
        assertThat(fx.callsMade()).containsExactly(MANAGER + "/" + ID_QUERY);
    }

    @Test
    void shouldQueueAForcedBatchUnderItsNumber() {
        L1Log log = fx.log(TX, "polygonZkEvm", Polygon.FORCE_BATCH, List.of(word(6)),
                List.of(new Bytes32(filled(0x06)), new Address(USER), new DynamicBytes(new byte[] {1, 2})));

        assertThat(fx.decode(log, "polygonZkEvm")).containsExactly(BridgeEvent.newBuilder()
                .setRollupId("polygon-zkevm").setSource(source(log)).setKind(BridgeEventKind.L1_MESSAGE_QUEUED)
                .setQueueIndex(6L).setDetails(Map.of("contractRole", "polygonZkEvm", "sender", USER)).build());
    }

    @Test
    void shouldEnterEmergencyModeWhenTheBridgeActivatesTheEmergencyState() {
        L1Log log = fx.log(TX, "polygonBridge", Polygon.EMERGENCY_STATE_ACTIVATED, List.of(), List.of());

        assertThat(fx.decode(log, "polygonBridge")).containsExactly(BridgeEvent.newBuilder()
                .setRollupId("polygon-zkevm").setSource(source(log)).setKind(BridgeEventKind.EMERGENCY_MODE)
                .setSubject(BRIDGE).setDetails(Map.of("contractRole", "polygonBridge", "active", "true")).build());
    }

    @Test
    void shouldRecordATokenDepositToThisRollupAndIgnoreOneToAnotherNetwork() {
        fx.answer(MANAGER, ID_QUERY, word(1));
        L1Log mine = bridgeEvent(1);
        L1Log other = bridgeEvent(3);

        assertThat(fx.decode(mine, "polygonBridge")).containsExactly(BridgeEvent.newBuilder()
                .setRollupId("polygon-zkevm").setSource(source(mine)).setKind(BridgeEventKind.DEPOSIT_INITIATED)
                .setToken(USDC).setAmount("2500000000")
                .setDetails(Map.of("contractRole", "polygonBridge", "depositCount", "321",
                        "destinationNetwork", "1", "destinationAddress", USER)).build());
        assertThat(fx.decode(other, "polygonBridge")).isEmpty();
    }

    @Test
    void shouldFinalizeAnEthWithdrawalFromThisRollupAndIgnoreAClaimFromAnotherRollup() {
        fx.answer(MANAGER, ID_QUERY, word(1));
        BigInteger fromRollup1 = BigInteger.valueOf(17);
        BigInteger fromRollup6 = BigInteger.valueOf(5).shiftLeft(32).add(BigInteger.valueOf(17));
        L1Log mine = claimEvent(fromRollup1);
        L1Log other = claimEvent(fromRollup6);

        assertThat(fx.decode(mine, "polygonBridge")).containsExactly(BridgeEvent.newBuilder()
                .setRollupId("polygon-zkevm").setSource(source(mine)).setKind(BridgeEventKind.WITHDRAWAL_FINALIZED)
                .setMessageId("17").setAmount("3000000000000000000")
                .setDetails(Map.of("contractRole", "polygonBridge", "success", "true", "recipient", USER)).build());
        assertThat(fx.decode(other, "polygonBridge")).isEmpty();
    }

    private L1Log bridgeEvent(long destinationNetwork) {
        return fx.log(TX, "polygonBridge", Polygon.BRIDGE_EVENT, List.of(), List.of(new Uint8(0), new Uint32(0),
                new Address(USDC), new Uint32(destinationNetwork), new Address(USER), new Uint256(2_500_000_000L),
                new DynamicBytes(new byte[0]), new Uint32(321)));
    }

    private L1Log claimEvent(BigInteger globalIndex) {
        return fx.log(TX, "polygonBridge", Polygon.CLAIM_EVENT, List.of(), List.of(new Uint256(globalIndex),
                new Uint32(0), new Address("0x0000000000000000000000000000000000000000"), new Address(USER),
                new Uint256(new BigInteger("3000000000000000000"))));
    }
}
