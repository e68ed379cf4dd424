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
import io.l2risk.ingest.EventCatalog.Scroll;
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
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.crypto.Hash;

class ScrollDecoderTest {

    private static final String CHAIN = "0xa13baf47339d63b743e7da8741db5456dac1e556";
    private static final String QUEUE = "0x56971da63a3c0205184fef096e9ddfc7a8c2d18a";
    private static final String MESSENGER = "0x6774bcbd5cecef1336b5300fb5186a12ddd8b367";
    private static final RollupConfig SCROLL = DecoderFixture.rollup("scroll", Stack.SCROLL, DaKind.ETHEREUM,
            "scrollChain", CHAIN, "l1MessageQueueV2", QUEUE, "l1ScrollMessenger", MESSENGER);
    private static final String BLOB1 = "0x01" + "aa".repeat(31);
    private static final String BLOB2 = "0x01" + "bb".repeat(31);
    private static final String USER = "0x00000000000000000000000000000000000000d5";
    private static final String L2_MESSENGER = "0x781e90f1c8fc4611c9b7497c3b47f99ef6969cbc";

    private final DecoderFixture fx = new DecoderFixture(SCROLL);

    @Test
    void shouldGiveEachCommittedBatchItsOwnBlobWhenOneTransactionCommitsOneBatchPerBlob() {
        fx.transaction(TX, 3, "0x12", List.of(BLOB1, BLOB2));
        L1Log first = fx.log(TX, "scrollChain", Scroll.COMMIT_BATCH, List.of(word(300), filledHex(0x01)), List.of());
        L1Log second = fx.log(TX, "scrollChain", Scroll.COMMIT_BATCH, List.of(word(301), filledHex(0x02)), List.of());

        assertThat(fx.decode(first, "scrollChain")).containsExactly(
                BatchPosted.newBuilder().setRollupId("scroll").setSource(source(first)).setBatchIndex(300L)
                        .setDaMode(DaMode.BLOB).setBlobVersionedHashes(List.of(BLOB1)).setSubmitter(SENDER).build(),
                ProofEvent.newBuilder().setRollupId("scroll").setSource(source(first)).setKind(ProofKind.STATE_PROPOSED)
                        .setBatchIndexStart(300L).setBatchIndexEnd(300L).setActor(SENDER).build());
        assertThat(((BatchPosted) fx.decode(second, "scrollChain").get(0)).getBlobVersionedHashes())
                .containsExactly(BLOB2);
    }

    @Test
    void shouldListAllBlobsWhenTheCommitsOfATransactionDoNotMatchItsBlobs() {
        fx.transaction(TX, 3, "0x12", List.of(BLOB1, BLOB2));
        L1Log commit = fx.log(TX, "scrollChain", Scroll.COMMIT_BATCH, List.of(word(300), filledHex(0x01)), List.of());

        assertThat(((BatchPosted) fx.decode(commit, "scrollChain").get(0)).getBlobVersionedHashes())
                .containsExactly(BLOB1, BLOB2);
    }

    @Test
    void shouldFinalizeThroughTheBundlesLastBatchWithItsStateRootWhenABundleIsFinalized() {
        fx.transaction(TX, 2, "0x", List.of());
        L1Log log = fx.log(TX, "scrollChain", Scroll.FINALIZE_BATCH, List.of(word(320), filledHex(0x03)),
                List.of(new Bytes32(filled(0x04)), new Bytes32(filled(0x05))));

        assertThat(fx.decode(log, "scrollChain")).containsExactly(ProofEvent.newBuilder().setRollupId("scroll")
                .setSource(source(log)).setKind(ProofKind.STATE_FINALIZED).setBatchIndexEnd(320L)
                .setStateRoot(filledHex(0x04)).setActor(SENDER).build());
    }

    @Test
    void shouldReportOneRevertKeepingTheBatchBeforeTheFirstWhenSeveralBatchesAreRevertedOneByOne() {
        fx.transaction(TX, 2, "0x", List.of());
        L1Log first = fx.log(TX, "scrollChain", Scroll.REVERT_BATCH, List.of(word(10), filledHex(0x01)), List.of());
        L1Log second = fx.log(TX, "scrollChain", Scroll.REVERT_BATCH, List.of(word(11), filledHex(0x02)), List.of());

        assertThat(fx.decode(first, "scrollChain")).containsExactly(ProofEvent.newBuilder().setRollupId("scroll")
                .setSource(source(first)).setKind(ProofKind.STATE_REVERTED).setBatchIndexEnd(9L).setActor(SENDER)
                .build());
        assertThat(fx.decode(second, "scrollChain")).isEmpty();
    }

    @Test
    void shouldKeepTheBatchBeforeTheRangeWhenARangeIsReverted() {
        L1Log log = fx.log(TX, "scrollChain", Scroll.REVERT_BATCH_RANGE, List.of(word(20), word(25)), List.of());

        assertThat(fx.decode(log, "scrollChain")).containsExactly(ProofEvent.newBuilder().setRollupId("scroll")
                .setSource(source(log)).setKind(ProofKind.STATE_REVERTED).setBatchIndexEnd(19L).build());
    }

    @Test
    void shouldCountAnEthDepositOnceWithItsRelayHashWhenTheMessengerQueuesIt() {
        byte[] message = {(byte) 0x8e, (byte) 0xaa, 0x11, 0x22, 0x33};
        L1Log queued = fx.log(TX, "l1MessageQueueV2", Scroll.QUEUE_TRANSACTION,
                List.of(addressTopic(MESSENGER), addressTopic(L2_MESSENGER)),
                List.of(new Uint256(0), new Uint64(900_001), new Uint256(200_000), new DynamicBytes(new byte[] {1})));
        L1Log sent = fx.log(TX, "l1ScrollMessenger", Scroll.SENT_MESSAGE, List.of(addressTopic(USER),
                addressTopic(USER)), List.of(new Uint256(5_000_000_000_000_000L), new Uint256(900_001),
                new Uint256(200_000), new DynamicBytes(message)));

        String expectedHash = Hash.sha3(FunctionEncoder.encode(new Function("relayMessage", List.<Type>of(
                new Address(USER), new Address(USER), new Uint256(5_000_000_000_000_000L), new Uint256(900_001),
                new DynamicBytes(message)), List.of())));
        assertThat(fx.decode(sent, "l1ScrollMessenger")).containsExactly(BridgeEvent.newBuilder()
                .setRollupId("scroll").setSource(source(sent)).setKind(BridgeEventKind.DEPOSIT_INITIATED)
                .setQueueIndex(900_001L).setMessageId(expectedHash).setAmount("5000000000000000")
                .setDetails(Map.of("contractRole", "l1ScrollMessenger")).build());
        assertThat(fx.decode(queued, "l1MessageQueueV2")).isEmpty();
    }

    @Test
    void shouldQueueAMessageWhenATransactionIsEnqueuedWithoutTheMessenger() {
        L1Log queued = fx.log(TX, "l1MessageQueueV2", Scroll.QUEUE_TRANSACTION,
                List.of(addressTopic(USER), addressTopic(USER)),
                List.of(new Uint256(0), new Uint64(900_002), new Uint256(200_000), new DynamicBytes(new byte[0])));

        assertThat(fx.decode(queued, "l1MessageQueueV2")).containsExactly(BridgeEvent.newBuilder()
                .setRollupId("scroll").setSource(source(queued)).setKind(BridgeEventKind.L1_MESSAGE_QUEUED)
                .setQueueIndex(900_002L).setDetails(Map.of("contractRole", "l1MessageQueueV2")).build());
    }

    @Test
    void shouldConsumeThroughTheFinalizedIndexWhenQueuedMessagesAreFinalized() {
        L1Log log = fx.log(TX, "l1MessageQueueV2", Scroll.FINALIZED_DEQUEUED_TRANSACTION, List.of(),
                List.of(new Uint256(899_999)));

        assertThat(fx.decode(log, "l1MessageQueueV2")).containsExactly(BridgeEvent.newBuilder().setRollupId("scroll")
                .setSource(source(log)).setKind(BridgeEventKind.L1_MESSAGE_CONSUMED).setQueueIndex(899_999L)
                .setDetails(Map.of("contractRole", "l1MessageQueueV2")).build());
    }

    @Test
    void shouldEnterEmergencyModeWhenEnforcedBatchModeIsEnabled() {
        L1Log log = fx.log(TX, "scrollChain", Scroll.UPDATE_ENFORCED_BATCH_MODE, List.of(),
                List.of(new Bool(true), new Uint256(BigInteger.valueOf(350))));

        assertThat(fx.decode(log, "scrollChain")).containsExactly(BridgeEvent.newBuilder().setRollupId("scroll")
                .setSource(source(log)).setKind(BridgeEventKind.EMERGENCY_MODE).setSubject(CHAIN)
                .setDetails(Map.of("contractRole", "scrollChain", "active", "true", "enabled", "true",
                        "lastCommittedBatchIndex", "350")).build());
    }

    @Test
    void shouldReportAProverChangeWhenAProverIsRemoved() {
        L1Log log = fx.log(TX, "scrollChain", Scroll.UPDATE_PROVER, List.of(addressTopic(USER)),
                List.of(new Bool(false)));

        assertThat(fx.decode(log, "scrollChain")).containsExactly(BridgeEvent.newBuilder().setRollupId("scroll")
                .setSource(source(log)).setKind(BridgeEventKind.OPERATOR_CHANGED).setSubject(USER)
                .setDetails(Map.of("contractRole", "scrollChain", "role", "prover", "operator", USER, "active", "false"))
                .build());
    }
}
