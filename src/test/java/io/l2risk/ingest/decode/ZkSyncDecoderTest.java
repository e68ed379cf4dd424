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
import io.l2risk.ingest.EventCatalog.ZkSync;
import io.l2risk.ingest.L1Log;
import io.l2risk.registry.DaKind;
import io.l2risk.registry.RollupConfig;
import io.l2risk.registry.Stack;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.DynamicStruct;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.StaticArray4;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint64;

class ZkSyncDecoderTest {

    private static final String DIAMOND = "0x32400084c286cf3e17e7b677ea9583e60a000324";
    private static final String ROLE = "diamondProxy";
    private static final RollupConfig ERA = DecoderFixture.rollup("zksync-era", Stack.ZKSYNC_ERA, DaKind.ETHEREUM,
            ROLE, DIAMOND);
    private static final String BLOB1 = "0x01" + "aa".repeat(31);
    private static final String BLOB2 = "0x01" + "bb".repeat(31);

    private final DecoderFixture fx = new DecoderFixture(ERA);

    @Test
    void shouldPostABlobBatchAndProposeItsStateRootWhenABatchIsCommittedByABlobTransaction() {
        fx.transaction(TX, 3, "0x12345678", List.of(BLOB1, BLOB2));
        L1Log log = fx.log(TX, ROLE, ZkSync.BLOCK_COMMIT, List.of(word(500_123), filledHex(0x11), filledHex(0x22)),
                List.of());

        assertThat(fx.decode(log, ROLE)).containsExactly(
                BatchPosted.newBuilder().setRollupId("zksync-era").setSource(source(log)).setBatchIndex(500_123L)
                        .setDaMode(DaMode.BLOB).setBlobVersionedHashes(List.of(BLOB1, BLOB2)).setSubmitter(SENDER)
                        .build(),
                ProofEvent.newBuilder().setRollupId("zksync-era").setSource(source(log))
                        .setKind(ProofKind.STATE_PROPOSED).setBatchIndexStart(500_123L).setBatchIndexEnd(500_123L)
                        .setStateRoot(filledHex(0x11)).setActor(SENDER).build());
    }

    @Test
    void shouldPostACalldataBatchWithItsSizeWhenTheCommitIsNotABlobTransaction() {
        fx.transaction(TX, 2, "0x" + "ab".repeat(1000), List.of());
        L1Log log = fx.log(TX, ROLE, ZkSync.BLOCK_COMMIT, List.of(word(7), filledHex(0x11), filledHex(0x22)), List.of());

        BatchPosted batch = (BatchPosted) fx.decode(log, ROLE).get(0);

        assertThat(batch.getDaMode()).isEqualTo(DaMode.CALLDATA);
        assertThat(batch.getDataBytes()).isEqualTo(1000L);
        assertThat(batch.getBlobVersionedHashes()).isEmpty();
    }

    @Test
    void shouldMarkTheDaModeUnknownWhenTheNodeDoesNotKnowTheCommitTransaction() {
        L1Log log = fx.log(TX, ROLE, ZkSync.BLOCK_COMMIT, List.of(word(7), filledHex(0x11), filledHex(0x22)), List.of());

        List<?> records = fx.decode(log, ROLE);

        assertThat(((BatchPosted) records.get(0)).getDaMode()).isEqualTo(DaMode.UNKNOWN);
        assertThat(((BatchPosted) records.get(0)).getSubmitter()).isNull();
        assertThat(((ProofEvent) records.get(1)).getActor()).isNull();
    }

    @Test
    void shouldVerifyTheRangeAfterThePreviousVerifiedBatchWhenBlocksVerificationArrives() {
        fx.transaction(TX, 2, "0x", List.of());
        L1Log log = fx.log(TX, ROLE, ZkSync.BLOCKS_VERIFICATION, List.of(word(100), word(104)), List.of());

        assertThat(fx.decode(log, ROLE)).containsExactly(ProofEvent.newBuilder().setRollupId("zksync-era")
                .setSource(source(log)).setKind(ProofKind.PROOF_VERIFIED).setBatchIndexStart(101L)
                .setBatchIndexEnd(104L).setActor(SENDER).build());
    }

    @Test
    void shouldFinalizeOneBatchWhenItIsExecuted() {
        fx.transaction(TX, 2, "0x", List.of());
        L1Log log = fx.log(TX, ROLE, ZkSync.BLOCK_EXECUTION, List.of(word(104), filledHex(0x33), filledHex(0x44)),
                List.of());

        assertThat(fx.decode(log, ROLE)).containsExactly(ProofEvent.newBuilder().setRollupId("zksync-era")
                .setSource(source(log)).setKind(ProofKind.STATE_FINALIZED).setBatchIndexStart(104L)
                .setBatchIndexEnd(104L).setStateRoot(filledHex(0x33)).setActor(SENDER).build());
    }

    @Test
    void shouldKeepTheCommittedTotalAsLastBatchWhenBatchesAreReverted() {
        fx.transaction(TX, 2, "0x", List.of());
        L1Log log = fx.log(TX, ROLE, ZkSync.BLOCKS_REVERT, List.of(),
                List.of(new Uint256(120), new Uint256(110), new Uint256(100)));

        assertThat(fx.decode(log, ROLE)).containsExactly(ProofEvent.newBuilder().setRollupId("zksync-era")
                .setSource(source(log)).setKind(ProofKind.STATE_REVERTED).setBatchIndexEnd(120L).setActor(SENDER)
                .build());
    }

    @Test
    void shouldQueueAnEthDepositWithItsDeadlineWhenAPriorityRequestCarriesValue() {
        L1Log log = priorityRequest(77, 1_000_000_000_000_000L);

        assertThat(fx.decode(log, ROLE)).containsExactly(BridgeEvent.newBuilder().setRollupId("zksync-era")
                .setSource(source(log)).setKind(BridgeEventKind.DEPOSIT_INITIATED).setQueueIndex(77L)
                .setMessageId(filledHex(0x55)).setDeadline(Instant.ofEpochSecond(1_717_086_400L))
                .setAmount("1000000000000000").setDetails(Map.of("contractRole", ROLE)).build());
    }

    @Test
    void shouldQueueAMessageWithoutAmountWhenAPriorityRequestCarriesNoValue() {
        L1Log log = priorityRequest(78, 0);

        BridgeEvent event = (BridgeEvent) fx.decode(log, ROLE).get(0);

        assertThat(event.getKind()).isEqualTo(BridgeEventKind.L1_MESSAGE_QUEUED);
        assertThat(event.getQueueIndex()).isEqualTo(78L);
        assertThat(event.getAmount()).isNull();
    }

    @Test
    void shouldAddNothingForThePriorityRequestIdWhenTheFullRequestIsInTheSameTransaction() {
        priorityRequest(79, 0);
        L1Log id = fx.log(TX, ROLE, ZkSync.NEW_PRIORITY_REQUEST_ID, List.of(word(79), filledHex(0x55)), List.of());

        assertThat(fx.decode(id, ROLE)).isEmpty();
    }

    @Test
    void shouldQueueAMessageFromThePriorityRequestIdAloneWhenTheFullRequestIsMissing() {
        L1Log id = fx.log(TX, ROLE, ZkSync.NEW_PRIORITY_REQUEST_ID, List.of(word(80), filledHex(0x55)), List.of());

        assertThat(fx.decode(id, ROLE)).containsExactly(BridgeEvent.newBuilder().setRollupId("zksync-era")
                .setSource(source(id)).setKind(BridgeEventKind.L1_MESSAGE_QUEUED).setQueueIndex(80L)
                .setMessageId(filledHex(0x55)).setDetails(Map.of("contractRole", ROLE)).build());
    }

    @Test
    void shouldEnterAndLeaveEmergencyModeWhenTheDiamondIsFrozenAndUnfrozen() {
        L1Log freeze = fx.log(TX, ROLE, ZkSync.FREEZE, List.of(), List.of());
        L1Log unfreeze = fx.log(TX, ROLE, ZkSync.UNFREEZE, List.of(), List.of());

        assertThat(fx.decode(freeze, ROLE)).containsExactly(BridgeEvent.newBuilder().setRollupId("zksync-era")
                .setSource(source(freeze)).setKind(BridgeEventKind.EMERGENCY_MODE).setSubject(DIAMOND)
                .setDetails(Map.of("contractRole", ROLE, "active", "true")).build());
        assertThat(((BridgeEvent) fx.decode(unfreeze, ROLE).get(0)).getDetails()).containsEntry("active", "false");
    }

    @Test
    void shouldReportAValidatorChangeWhenAValidatorIsAddedOrRemoved() {
        String validator = "0x0000000000000000000000000000000000000abc";
        L1Log log = fx.log(TX, ROLE, ZkSync.VALIDATOR_STATUS_UPDATE, List.of(addressTopic(validator)),
                List.of(new Bool(false)));

        assertThat(fx.decode(log, ROLE)).containsExactly(BridgeEvent.newBuilder().setRollupId("zksync-era")
                .setSource(source(log)).setKind(BridgeEventKind.OPERATOR_CHANGED).setSubject(validator)
                .setDetails(Map.of("contractRole", ROLE, "role", "validator", "operator", validator, "active", "false"))
                .build());
    }

    private L1Log priorityRequest(long txId, long value) {
        List<Type> fields = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            fields.add(new Uint256(i + 1));
        }
        fields.add(new Uint256(value));
        fields.add(new StaticArray4<>(Uint256.class, new Uint256(5), new Uint256(0), new Uint256(0), new Uint256(0)));
        fields.add(new DynamicBytes(new byte[] {1, 2, 3}));
        fields.add(new DynamicBytes(new byte[0]));
        fields.add(new DynamicArray<>(Uint256.class, new Uint256(9)));
        fields.add(new DynamicBytes(new byte[0]));
        fields.add(new DynamicBytes(new byte[0]));
        return fx.log(TX, ROLE, ZkSync.NEW_PRIORITY_REQUEST, List.of(), List.of(new Uint256(txId),
                new Bytes32(filled(0x55)), new Uint64(1_717_086_400L), new DynamicStruct(fields),
                new DynamicArray<>(DynamicBytes.class, new DynamicBytes(new byte[] {9}))));
    }
}
