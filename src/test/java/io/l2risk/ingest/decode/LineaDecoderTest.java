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
import io.l2risk.ingest.EventCatalog.Linea;
import io.l2risk.ingest.L1Log;
import io.l2risk.registry.DaKind;
import io.l2risk.registry.RollupConfig;
import io.l2risk.registry.Stack;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.DynamicStruct;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.crypto.Hash;

class LineaDecoderTest {

    private static final String ROLLUP = "0xd19d4b5d358258f05d7b411e21a1460d11b0876f";
    private static final String ROLE = "lineaRollup";
    private static final RollupConfig LINEA = DecoderFixture.rollup("linea", Stack.LINEA, DaKind.ETHEREUM, ROLE, ROLLUP);
    private static final String BLOB = "0x01" + "aa".repeat(31);
    private static final String USER = "0x00000000000000000000000000000000000000d5";
    private static final String FEE_RECIPIENT = "0x00000000000000000000000000000000000000fe";
    private static final byte[] CALLDATA = {1, 2, 3, 4, 5};

    private final DecoderFixture fx = new DecoderFixture(LINEA);

    @Test
    void shouldPostABlobSubmissionAndProposeItsClaimedStateRoot() {
        fx.transaction(TX, 3, "0x12", List.of(BLOB));
        L1Log log = fx.log(TX, ROLE, Linea.DATA_SUBMITTED_V3, List.of(filledHex(0x02)),
                List.of(new Bytes32(filled(0x01)), new Bytes32(filled(0x03))));

        assertThat(fx.decode(log, ROLE)).containsExactly(
                BatchPosted.newBuilder().setRollupId("linea").setSource(source(log)).setDaMode(DaMode.BLOB)
                        .setBlobVersionedHashes(List.of(BLOB)).setSubmitter(SENDER).build(),
                ProofEvent.newBuilder().setRollupId("linea").setSource(source(log)).setKind(ProofKind.STATE_PROPOSED)
                        .setStateRoot(filledHex(0x03)).setActor(SENDER).build());
    }

    @Test
    void shouldPostTheL2BlockRangeAndProposeItsEndWhenLegacyDataIsSubmittedAsCalldata() {
        fx.transaction(TX, 2, "0x" + "00".repeat(300), List.of());
        L1Log log = fx.log(TX, ROLE, Linea.DATA_SUBMITTED_V2, List.of(filledHex(0x02), word(1000), word(1050)),
                List.of());

        assertThat(fx.decode(log, ROLE)).containsExactly(
                BatchPosted.newBuilder().setRollupId("linea").setSource(source(log)).setDaMode(DaMode.CALLDATA)
                        .setDataBytes(300L).setL2BlockStart(1000L).setL2BlockEnd(1050L).setSubmitter(SENDER).build(),
                ProofEvent.newBuilder().setRollupId("linea").setSource(source(log)).setKind(ProofKind.STATE_PROPOSED)
                        .setL2BlockNumber(1050L).setActor(SENDER).build());
    }

    @Test
    void shouldFinalizeTheEndBlockWithItsStateRootWhenDataIsFinalized() {
        fx.transaction(TX, 2, "0x", List.of());
        L1Log log = fx.log(TX, ROLE, Linea.DATA_FINALIZED_V3, List.of(word(1000), word(1200), filledHex(0x02)),
                List.of(new Bytes32(filled(0x05)), new Bytes32(filled(0x06))));

        assertThat(fx.decode(log, ROLE)).containsExactly(ProofEvent.newBuilder().setRollupId("linea")
                .setSource(source(log)).setKind(ProofKind.STATE_FINALIZED).setL2BlockNumber(1200L)
                .setStateRoot(filledHex(0x06)).setActor(SENDER).build());
    }

    @Test
    void shouldOnlyConsumeMessagesFromTheFinalizedStateWhenDataFinalizedV3ReportsTheSameFinalization() {
        fx.log(TX, ROLE, Linea.DATA_FINALIZED_V3, List.of(word(1000), word(1200), filledHex(0x02)),
                List.of(new Bytes32(filled(0x05)), new Bytes32(filled(0x06))));
        L1Log log = fx.log(TX, ROLE, Linea.FINALIZED_STATE_UPDATED, List.of(word(1200)),
                List.of(new Uint256(1_717_000_000L), new Uint256(5_000), new Uint256(3)));

        assertThat(fx.decode(log, ROLE)).containsExactly(BridgeEvent.newBuilder().setRollupId("linea")
                .setSource(source(log)).setKind(BridgeEventKind.L1_MESSAGE_CONSUMED).setQueueIndex(5_000L)
                .setDetails(Map.of("contractRole", ROLE, "forcedTransactionNumber", "3")).build());
    }

    @Test
    void shouldAlsoFinalizeTheBlockWhenTheFinalizedStateComesAlone() {
        L1Log log = fx.log(TX, ROLE, Linea.FINALIZED_STATE_UPDATED, List.of(word(1200)),
                List.of(new Uint256(1_717_000_000L), new Uint256(0), new Uint256(0)));

        assertThat(fx.decode(log, ROLE)).containsExactly(ProofEvent.newBuilder().setRollupId("linea")
                .setSource(source(log)).setKind(ProofKind.STATE_FINALIZED).setL2BlockNumber(1200L).build());
    }

    @Test
    void shouldQueueAnEthDepositUnderItsNonceAndHashWhenAMessageWithValueIsSent() {
        L1Log log = fx.log(TX, ROLE, Linea.MESSAGE_SENT, List.of(addressTopic(USER), addressTopic(USER), filledHex(0x07)),
                List.of(new Uint256(1000), new Uint256(2_000_000_000_000_000L), new Uint256(5_001),
                        new DynamicBytes(new byte[0])));

        assertThat(fx.decode(log, ROLE)).containsExactly(BridgeEvent.newBuilder().setRollupId("linea")
                .setSource(source(log)).setKind(BridgeEventKind.DEPOSIT_INITIATED).setQueueIndex(5_001L)
                .setMessageId(filledHex(0x07)).setAmount("2000000000000000")
                .setDetails(Map.of("contractRole", ROLE)).build());
    }

    @Test
    void shouldReadTheClaimedAmountWhenTheClaimingTransactionCallsClaimMessageDirectly() {
        String hash = messageHash(30_000_000_000_000_000L, 77);
        String input = FunctionEncoder.encode(new Function("claimMessage", List.<Type>of(new Address(USER),
                new Address(USER), new Uint256(1000), new Uint256(30_000_000_000_000_000L), new Address(FEE_RECIPIENT),
                new DynamicBytes(CALLDATA), new Uint256(77)), List.of()));
        fx.transaction(TX, ROLLUP, 2, input, List.of());
        L1Log log = fx.log(TX, ROLE, Linea.MESSAGE_CLAIMED, List.of(hash), List.of());

        assertThat(fx.decode(log, ROLE)).containsExactly(BridgeEvent.newBuilder().setRollupId("linea")
                .setSource(source(log)).setKind(BridgeEventKind.WITHDRAWAL_FINALIZED).setMessageId(hash)
                .setAmount("30000000000000000").setDetails(Map.of("contractRole", ROLE, "success", "true")).build());
    }

    @Test
    void shouldReadTheClaimedAmountWhenTheClaimingTransactionCallsClaimMessageWithProof() {
        String hash = messageHash(40_000_000_000_000_000L, 78);
        String input = FunctionEncoder.encode(new Function("claimMessageWithProof", List.<Type>of(new DynamicStruct(
                new DynamicArray<>(Bytes32.class, new Bytes32(filled(0x0a))), new Uint256(78), new Uint32(3),
                new Address(USER), new Address(USER), new Uint256(1000), new Uint256(40_000_000_000_000_000L),
                new Address(FEE_RECIPIENT), new Bytes32(filled(0x0b)), new DynamicBytes(CALLDATA))), List.of()));
        fx.transaction(TX, ROLLUP, 2, input, List.of());
        L1Log log = fx.log(TX, ROLE, Linea.MESSAGE_CLAIMED, List.of(hash), List.of());

        assertThat(((BridgeEvent) fx.decode(log, ROLE).get(0)).getAmount()).isEqualTo("40000000000000000");
    }

    @Test
    void shouldKeepNoAmountWhenTheClaimArgumentsDoNotHashToTheClaimedMessage() {
        String input = FunctionEncoder.encode(new Function("claimMessage", List.<Type>of(new Address(USER),
                new Address(USER), new Uint256(1000), new Uint256(30_000_000_000_000_000L), new Address(FEE_RECIPIENT),
                new DynamicBytes(CALLDATA), new Uint256(77)), List.of()));
        fx.transaction(TX, ROLLUP, 2, input, List.of());
        L1Log log = fx.log(TX, ROLE, Linea.MESSAGE_CLAIMED, List.of(filledHex(0x99)), List.of());

        BridgeEvent claim = (BridgeEvent) fx.decode(log, ROLE).get(0);

        assertThat(claim.getKind()).isEqualTo(BridgeEventKind.WITHDRAWAL_FINALIZED);
        assertThat(claim.getAmount()).isNull();
    }

    @Test
    void shouldPauseOnePauseTypeAsItsOwnSubjectWhenAPauseTypeIsPaused() {
        L1Log log = fx.log(TX, ROLE, Linea.PAUSED, List.of(word(2)), List.of(new Address(USER)));

        assertThat(fx.decode(log, ROLE)).containsExactly(BridgeEvent.newBuilder().setRollupId("linea")
                .setSource(source(log)).setKind(BridgeEventKind.PAUSED).setSubject(ROLLUP + "/L1_L2")
                .setDetails(Map.of("contractRole", ROLE, "pauseType", "L1_L2", "messageSender", USER)).build());
    }

    @Test
    void shouldQueueAForcedTransactionWithItsL2BlockDeadlineInTheDetails() {
        L1Log log = fx.log(TX, ROLE, Linea.FORCED_TRANSACTION_ADDED, List.of(word(12), addressTopic(USER)),
                List.of(new Uint256(25_000_000), new Bytes32(filled(0x0c)), new DynamicBytes(new byte[] {1})));

        assertThat(fx.decode(log, ROLE)).containsExactly(BridgeEvent.newBuilder().setRollupId("linea")
                .setSource(source(log)).setKind(BridgeEventKind.L1_MESSAGE_QUEUED).setMessageId(filledHex(0x0c))
                .setDetails(Map.of("contractRole", ROLE, "forcedTransactionNumber", "12", "from", USER,
                        "blockNumberDeadline", "25000000")).build());
    }

    @Test
    void shouldReportAVerifierChangeAsAnOperatorChange() {
        String verifier = "0x00000000000000000000000000000000000000a1";
        String old = "0x00000000000000000000000000000000000000a0";
        L1Log log = fx.log(TX, ROLE, Linea.VERIFIER_ADDRESS_CHANGED,
                List.of(addressTopic(verifier), word(0), addressTopic(USER)), List.of(new Address(old)));

        assertThat(fx.decode(log, ROLE)).containsExactly(BridgeEvent.newBuilder().setRollupId("linea")
                .setSource(source(log)).setKind(BridgeEventKind.OPERATOR_CHANGED).setSubject(verifier)
                .setDetails(Map.of("contractRole", ROLE, "role", "verifier", "operator", verifier,
                        "previousOperator", old, "proofType", "0", "setBy", USER)).build());
    }

    /** keccak256(abi.encode(from, to, fee, value, nonce, calldata)), encoded by web3j. */
    private static String messageHash(long value, long nonce) {
        return Hash.sha3("0x" + FunctionEncoder.encodeConstructor(List.<Type>of(new Address(USER), new Address(USER),
                new Uint256(1000), new Uint256(value), new Uint256(nonce), new DynamicBytes(CALLDATA))));
    }
}
