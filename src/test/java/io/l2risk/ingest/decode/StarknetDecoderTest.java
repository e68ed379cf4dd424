package io.l2risk.ingest.decode;

import static io.l2risk.ingest.decode.DecoderFixture.SENDER;
import static io.l2risk.ingest.decode.DecoderFixture.TX;
import static io.l2risk.ingest.decode.DecoderFixture.addressTopic;
import static io.l2risk.ingest.decode.DecoderFixture.source;
import static io.l2risk.ingest.decode.DecoderFixture.word;
import static org.assertj.core.api.Assertions.assertThat;

import io.l2risk.avro.BatchPosted;
import io.l2risk.avro.BridgeEvent;
import io.l2risk.avro.BridgeEventKind;
import io.l2risk.avro.DaMode;
import io.l2risk.avro.ProofEvent;
import io.l2risk.avro.ProofKind;
import io.l2risk.ingest.EventCatalog.Starknet;
import io.l2risk.ingest.L1Log;
import io.l2risk.registry.DaKind;
import io.l2risk.registry.RollupConfig;
import io.l2risk.registry.Stack;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Int256;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Hash;

class StarknetDecoderTest {

    private static final String CORE = "0xc662c410c0ecf747543f5ba90660f6abebd9c8c4";
    private static final String ROLE = "starknetCore";
    private static final RollupConfig STARKNET = DecoderFixture.rollup("starknet", Stack.STARKNET, DaKind.ETHEREUM,
            ROLE, CORE);
    private static final String BLOB = "0x01" + "aa".repeat(31);
    private static final String BRIDGE = "0xae0ee0a63a2ce6baeeffe56e7714fb4efe48d419";
    private static final BigInteger L2_BRIDGE =
            new BigInteger("073314940630fd6dcda0d772d4c972c4e0a9946bef9dabf4ef84eda8ef542b82", 16);
    private static final BigInteger SELECTOR =
            new BigInteger("02d757788a8d8d6f21d1cd40bce38a8222d70654214e96ff95d8086e684fbee5", 16);
    private static final BigInteger GLOBAL_ROOT =
            new BigInteger("05c2e5ce3e4b3b5c6c5d8a6b1e1d4c8b5a7b2a3f1e4d5c6b7a8f9e0d1c2b3a4f", 16);

    private final DecoderFixture fx = new DecoderFixture(STARKNET);

    @Test
    void shouldPostTheBlobBatchAndFinalizeTheBlockAtOnceWhenTheStateIsUpdated() {
        fx.transaction(TX, 3, "0x12", List.of(BLOB));
        L1Log log = fx.log(TX, ROLE, Starknet.LOG_STATE_UPDATE, List.of(),
                List.of(new Uint256(GLOBAL_ROOT), new Int256(650_000), new Uint256(12345)));

        assertThat(fx.decode(log, ROLE)).containsExactly(
                BatchPosted.newBuilder().setRollupId("starknet").setSource(source(log)).setDaMode(DaMode.BLOB)
                        .setBlobVersionedHashes(List.of(BLOB)).setL2BlockEnd(650_000L).setSubmitter(SENDER).build(),
                ProofEvent.newBuilder().setRollupId("starknet").setSource(source(log))
                        .setKind(ProofKind.STATE_FINALIZED).setL2BlockNumber(650_000L)
                        .setStateRoot(word(GLOBAL_ROOT)).setActor(SENDER).build());
    }

    @Test
    void shouldDecodeTheLegacyStateUpdateAlikeWithoutABlockBeforeTheFirst() {
        L1Log log = fx.log(TX, ROLE, Starknet.LOG_STATE_UPDATE_LEGACY, List.of(),
                List.of(new Uint256(GLOBAL_ROOT), new Int256(-1)));

        List<?> records = fx.decode(log, ROLE);

        assertThat(((BatchPosted) records.get(0)).getL2BlockEnd()).isNull();
        assertThat(((ProofEvent) records.get(1)).getL2BlockNumber()).isNull();
        assertThat(((ProofEvent) records.get(1)).getStateRoot()).isEqualTo(word(GLOBAL_ROOT));
    }

    @Test
    void shouldQueueAndConsumeAnL1ToL2MessageUnderItsNonceAndHash() {
        List<BigInteger> payload = List.of(BigInteger.valueOf(0xabc), BigInteger.valueOf(1_000_000), BigInteger.ZERO);
        List<String> topics = List.of(addressTopic(BRIDGE), word(L2_BRIDGE), word(SELECTOR));
        L1Log queued = fx.log(TX, ROLE, Starknet.LOG_MESSAGE_TO_L2, topics,
                List.of(uints(payload), new Uint256(1_500_000), new Uint256(30_000)));
        L1Log consumed = fx.log(TX, ROLE, Starknet.CONSUMED_MESSAGE_TO_L2, topics,
                List.of(uints(payload), new Uint256(1_500_000)));

        String hash = keccakOfWords(List.of(new BigInteger(BRIDGE.substring(2), 16), L2_BRIDGE,
                BigInteger.valueOf(1_500_000), SELECTOR, BigInteger.valueOf(3)), payload);
        assertThat(fx.decode(queued, ROLE)).containsExactly(BridgeEvent.newBuilder().setRollupId("starknet")
                .setSource(source(queued)).setKind(BridgeEventKind.L1_MESSAGE_QUEUED).setQueueIndex(1_500_000L)
                .setMessageId(hash).setDetails(Map.of("contractRole", ROLE)).build());
        assertThat(fx.decode(consumed, ROLE)).containsExactly(BridgeEvent.newBuilder().setRollupId("starknet")
                .setSource(source(consumed)).setKind(BridgeEventKind.L1_MESSAGE_CONSUMED).setQueueIndex(1_500_000L)
                .setMessageId(hash).setDetails(Map.of("contractRole", ROLE)).build());
    }

    @Test
    void shouldFinalizeAWithdrawalUnderTheL2ToL1HashWhenAMessageToL1IsConsumed() {
        List<BigInteger> payload = List.of(BigInteger.ZERO, BigInteger.valueOf(0xd5), BigInteger.valueOf(7_000));
        L1Log log = fx.log(TX, ROLE, Starknet.CONSUMED_MESSAGE_TO_L1, List.of(word(L2_BRIDGE), addressTopic(BRIDGE)),
                List.of(uints(payload)));

        String hash = keccakOfWords(List.of(L2_BRIDGE, new BigInteger(BRIDGE.substring(2), 16), BigInteger.valueOf(3)),
                payload);
        assertThat(fx.decode(log, ROLE)).containsExactly(BridgeEvent.newBuilder().setRollupId("starknet")
                .setSource(source(log)).setKind(BridgeEventKind.WITHDRAWAL_FINALIZED).setMessageId(hash)
                .setDetails(Map.of("contractRole", ROLE, "success", "true")).build());
    }

    @Test
    void shouldReportAnUpgradeWhenTheProgramHashChanges() {
        String by = "0x00000000000000000000000000000000000000c1";
        L1Log log = fx.log(TX, ROLE, Starknet.PROGRAM_HASH_CHANGED, List.of(addressTopic(by)),
                List.of(new Uint256(0x1111), new Uint256(0x2222)));

        assertThat(fx.decode(log, ROLE)).containsExactly(BridgeEvent.newBuilder().setRollupId("starknet")
                .setSource(source(log)).setKind(BridgeEventKind.CONTRACT_UPGRADED).setSubject(CORE)
                .setDetails(Map.of("contractRole", ROLE, "changed", "programHash", "oldProgramHash", word(0x1111),
                        "newProgramHash", word(0x2222), "newImplementation", word(0x2222), "changedBy", by))
                .build());
    }

    @Test
    void shouldAddNothingForTheMessageToL1ThatAStateUpdateMakesConsumable() {
        L1Log log = fx.log(TX, ROLE, Starknet.LOG_MESSAGE_TO_L1, List.of(word(L2_BRIDGE), addressTopic(BRIDGE)),
                List.of(uints(List.of(BigInteger.ONE))));

        assertThat(fx.decode(log, ROLE)).isEmpty();
    }

    private static DynamicArray<Uint256> uints(List<BigInteger> values) {
        return new DynamicArray<>(Uint256.class, values.stream().map(Uint256::new).toList());
    }

    /** Keccak-256 of 32-byte words, i.e. abi.encodePacked of uint256 values, encoded by web3j. */
    private static String keccakOfWords(List<BigInteger> head, List<BigInteger> payload) {
        List<Type> words = new java.util.ArrayList<>();
        head.forEach(v -> words.add(new Uint256(v)));
        payload.forEach(v -> words.add(new Uint256(v)));
        return Hash.sha3("0x" + FunctionEncoder.encodeConstructor(words));
    }
}
