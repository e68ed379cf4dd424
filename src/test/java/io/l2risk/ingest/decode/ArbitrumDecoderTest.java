package io.l2risk.ingest.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.l2risk.avro.BatchPosted;
import io.l2risk.avro.BridgeEvent;
import io.l2risk.avro.BridgeEventKind;
import io.l2risk.avro.DaMode;
import io.l2risk.avro.DisputeOutcome;
import io.l2risk.avro.ProofEvent;
import io.l2risk.avro.ProofKind;
import io.l2risk.avro.Source;
import io.l2risk.ingest.EventCatalog.Arbitrum;
import io.l2risk.ingest.L1Log;
import io.l2risk.ingest.L1Transaction;
import io.l2risk.registry.DaKind;
import io.l2risk.registry.ProtocolParams;
import io.l2risk.registry.RollupConfig;
import io.l2risk.registry.Stack;
import io.l2risk.registry.StackDefaults;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
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
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.StaticStruct;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.StaticArray2;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.abi.datatypes.generated.Uint8;

/** Arbitrum records from logs encoded with web3j, as the contracts emit them. */
class ArbitrumDecoderTest {

    static final String SEQUENCER_INBOX = "0x1c479675ad559dc151f6ec7ed3fbf8cee79582b6";
    static final String BRIDGE = "0xc1ebd02f738644983b6c4b2d440b8e77dde276bd";
    static final String INBOX = "0xc4448b71118c9071bcb9734a0eac55d18a153949";
    static final String OUTBOX = "0xd4b80c3d7240325d18e645b49e6535a3bf95cc58";
    static final String ROLLUP = "0xfb209827c58283535b744575e11953dcc4bead88";
    static final String CHALLENGE_MANAGER = "0xa59075221b50c598aed0eae0bb9869639513af0d";
    static final String GATEWAY = "0xb2535b988dce19f9d71dfb22db6da744acac21bf";
    static final String POSTER = "0x3e2ca2f8cbf64feb0e6ff5bab10e9ab2d1e1a7e1";
    static final String VALIDATOR = "0x0ff813f6bd577c3d1cdbe435bac0621be6ae34b4";
    static final String USER = "0x00000000000000000000000000000000000000aa";
    static final long BLOCK = 20_000_000;
    static final String BLOCK_HASH = "0x" + "b1".repeat(32);
    static final long TIME_MILLIS = 1_717_000_000_000L;
    static final String TX = "0x" + "7a".repeat(32);
    static final String KEYSET_HASH = "0x" + "4b".repeat(32);

    static final RollupConfig NOVA = new RollupConfig("arbitrum-nova", "Arbitrum Nova", Stack.ARBITRUM_NITRO, 1,
            DaKind.ANYTRUST, Map.of("sequencerInbox", SEQUENCER_INBOX, "bridge", BRIDGE, "inbox", INBOX,
                    "outbox", OUTBOX, "rollup", ROLLUP, "challengeManager", CHALLENGE_MANAGER),
            List.of(POSTER), Optional.empty(),
            ProtocolParams.builder().dacMembers(7).dacThreshold(6).build().orElse(StackDefaults.of(Stack.ARBITRUM_NITRO)),
            Map.of(), List.of());

    private final FakeDecodeContext context = new FakeDecodeContext();
    private final LogDecoders decoders = LogDecoders.standard();

    @Test
    void shouldComputeTheSequencerInboxSelectorsFromTheirSignatures() {
        // L2BEAT's Arbitrum One config tracks addSequencerL2BatchFromOrigin(uint256,bytes,uint256,address,uint256,uint256) as 0x8f111f3c.
        assertThat(ArbitrumDecoder.CALLDATA_BATCH_SELECTORS.get(1)).isEqualTo("0x8f111f3c");
        assertThat(ArbitrumDecoder.CALLDATA_BATCH_SELECTORS).hasSize(5).doesNotHaveDuplicates();
    }

    @Test
    void shouldReportTreeCertificateSignersAgainstTheKeysetLearnedFromSetValidKeyset() {
        // Keyset: 6 members assuming 2 honest, so a certificate needs 6 - 2 + 1 = 5 signatures.
        L1Log keysetLog = log(SEQUENCER_INBOX, "0x" + "01".repeat(32), 3,
                List.of(Arbitrum.SET_VALID_KEYSET.topic0(), KEYSET_HASH), encode(new DynamicBytes(keyset(2, 6))));

        List<SpecificRecord> keysetRecords = decode(keysetLog, "sequencerInbox");

        BridgeEvent expectedKeyset = BridgeEvent.newBuilder().setRollupId("arbitrum-nova")
                .setSource(source(keysetLog)).setKind(BridgeEventKind.OPERATOR_CHANGED).setSubject(KEYSET_HASH)
                .setDetails(details("contractRole", "sequencerInbox", "role", "dacKeyset", "keysetHash", KEYSET_HASH,
                        "active", "true", "members", "6", "assumedHonest", "2", "threshold", "5"))
                .build();
        assertThat(keysetRecords).containsExactly(expectedKeyset);
        assertThat(context.state().keyset("arbitrum-nova", KEYSET_HASH)).hasValueSatisfying(k -> {
            assertThat(k.members()).isEqualTo(6);
            assertThat(k.threshold()).isEqualTo(5);
            assertThat(k.addedBlock()).isEqualTo(BLOCK);
        });

        // Members 0, 1, 2, 3 and 5 signed: 0b101111.
        byte[] certificate = certificate(0x88, KEYSET_HASH, 0b101111L);
        L1Log batchLog = postBatch(812, 1_400_000, ArbitrumDecoder.TX_INPUT, certificate);

        List<SpecificRecord> records = decode(batchLog, "sequencerInbox");

        assertThat(certificate).hasSize(1 + 32 + 32 + 8 + 1 + 8 + 96);
        assertThat(records).containsExactly(BatchPosted.newBuilder().setRollupId("arbitrum-nova")
                .setSource(new Source(1L, BLOCK, BLOCK_HASH, Instant.ofEpochMilli(TIME_MILLIS), TX, 7, SEQUENCER_INBOX))
                .setBatchIndex(812L).setDaMode(DaMode.DAC_CERTIFICATE).setDataBytes((long) certificate.length)
                .setDacSigners(5).setDacMembers(6).setDacThreshold(5).setKeysetHash(KEYSET_HASH)
                .setL1MessagesProcessed(1_400_000L).setSubmitter(POSTER).build());
    }

    @Test
    void shouldTakeCommitteeSizeFromTheRegistryWhenTheKeysetWasNotSeen() {
        byte[] certificate = certificate(0x80, KEYSET_HASH, 0b1111L);

        BatchPosted batch = (BatchPosted) decode(postBatch(9, 10, ArbitrumDecoder.TX_INPUT, certificate),
                "sequencerInbox").get(0);

        assertThat(certificate).hasSize(1 + 32 + 32 + 8 + 8 + 96);
        assertThat(batch.getDaMode()).isEqualTo(DaMode.DAC_CERTIFICATE);
        assertThat(batch.getDacSigners()).isEqualTo(4);
        assertThat(batch.getDacMembers()).isEqualTo(7);
        assertThat(batch.getDacThreshold()).isEqualTo(6);
        assertThat(batch.getKeysetHash()).isEqualTo(KEYSET_HASH);
    }

    @Test
    void shouldReportCalldataWhenTheAnyTrustPosterFallsBackToBrotliData() {
        byte[] data = new byte[90_001];
        data[0] = 0x00;
        data[1] = 0x1b;

        List<SpecificRecord> records = decode(postBatch(813, 1_400_003, ArbitrumDecoder.TX_INPUT, data),
                "sequencerInbox");

        assertThat(records).containsExactly(BatchPosted.newBuilder().setRollupId("arbitrum-nova")
                .setSource(source(batchLogOf(813, 1_400_003, ArbitrumDecoder.TX_INPUT)))
                .setBatchIndex(813L).setDaMode(DaMode.CALLDATA).setDataBytes(90_001L)
                .setL1MessagesProcessed(1_400_003L).setSubmitter(POSTER).build());
    }

    @Test
    void shouldReportBlobBatchesWithTheTransactionsVersionedHashes() {
        List<String> hashes = List.of("0x01" + "aa".repeat(31), "0x01" + "bb".repeat(31), "0x01" + "cc".repeat(31));
        context.transaction(new L1Transaction(TX, BLOCK, POSTER, SEQUENCER_INBOX, 3,
                FunctionEncoder.encode(new Function("addSequencerL2BatchFromBlobs", List.of(new Uint256(814),
                        new Uint256(5), new Address(USER), new Uint256(1), new Uint256(2)), List.of())), hashes));
        L1Log log = batchLogOf(814, 1_400_010, ArbitrumDecoder.BLOB);

        List<SpecificRecord> records = decode(log, "sequencerInbox");

        assertThat(records).containsExactly(BatchPosted.newBuilder().setRollupId("arbitrum-nova").setSource(source(log))
                .setBatchIndex(814L).setDaMode(DaMode.BLOB).setDataBytes(3 * 131_072L).setBlobVersionedHashes(hashes)
                .setL1MessagesProcessed(1_400_010L).setSubmitter(POSTER).build());
    }

    @Test
    void shouldReadTheBatchDataFromTheSequencerBatchDataLogOfASeparateBatchEvent() {
        byte[] certificate = certificate(0x88, KEYSET_HASH, 0b111111L);
        L1Log dataLog = log(SEQUENCER_INBOX, TX, 6, List.of(Arbitrum.SEQUENCER_BATCH_DATA.topic0(), word(815)),
                encode(new DynamicBytes(certificate)));
        L1Log log = batchLogOf(815, 77, ArbitrumDecoder.SEPARATE_BATCH_EVENT);
        context.logs(dataLog, log).transaction(new L1Transaction(TX, BLOCK, POSTER, "0x" + "99".repeat(20), 2, "0x1234",
                List.of()));

        List<SpecificRecord> records = decode(log, "sequencerInbox");
        List<SpecificRecord> dataRecords = decode(dataLog, "sequencerInbox");

        assertThat(records).containsExactly(BatchPosted.newBuilder().setRollupId("arbitrum-nova").setSource(source(log))
                .setBatchIndex(815L).setDaMode(DaMode.DAC_CERTIFICATE).setDataBytes((long) certificate.length)
                .setDacSigners(6).setDacMembers(7).setDacThreshold(6).setKeysetHash(KEYSET_HASH)
                .setL1MessagesProcessed(77L).setSubmitter(POSTER).build());
        assertThat(dataRecords).isEmpty();
    }

    @Test
    void shouldReportUnknownModeForAnUnknownHeaderByteAndNoneForNoData() {
        byte[] data = {0x42, 1, 2, 3};

        BatchPosted unknown = (BatchPosted) decode(postBatch(816, 1, ArbitrumDecoder.TX_INPUT, data),
                "sequencerInbox").get(0);
        BatchPosted none = (BatchPosted) decode(batchLogOf(817, 2, ArbitrumDecoder.NO_DATA), "sequencerInbox").get(0);

        assertThat(unknown.getDaMode()).isEqualTo(DaMode.UNKNOWN);
        assertThat(unknown.getDataBytes()).isEqualTo(4L);
        assertThat(none.getDaMode()).isEqualTo(DaMode.NONE);
        assertThat(none.getDataBytes()).isNull();
        assertThat(none.getBatchIndex()).isEqualTo(817L);
    }

    @Test
    void shouldTurnATruncatedCertificateOrKeysetIntoAnUnknownEventWithTheReason() {
        byte[] truncated = Arrays.copyOf(certificate(0x88, KEYSET_HASH, 1L), 100);
        L1Log batchLog = postBatch(818, 3, ArbitrumDecoder.TX_INPUT, truncated);
        byte[] badKeyset = Arrays.copyOf(keyset(2, 6), 16 + 2 + 50);
        L1Log keysetLog = log(SEQUENCER_INBOX, "0x" + "02".repeat(32), 1,
                List.of(Arbitrum.SET_VALID_KEYSET.topic0(), KEYSET_HASH), encode(new DynamicBytes(badKeyset)));

        BridgeEvent batchError = (BridgeEvent) decode(batchLog, "sequencerInbox").get(0);
        BridgeEvent keysetError = (BridgeEvent) decode(keysetLog, "sequencerInbox").get(0);

        assertThat(batchError.getKind()).isEqualTo(BridgeEventKind.UNKNOWN_EVENT);
        assertThat(batchError.getDetails()).containsEntry("decodeError", "DAS certificate of 100 bytes, needs 178")
                .containsEntry("event", Arbitrum.SEQUENCER_BATCH_DELIVERED.canonical())
                .containsEntry("topic0", Arbitrum.SEQUENCER_BATCH_DELIVERED.topic0());
        assertThat(keysetError.getKind()).isEqualTo(BridgeEventKind.UNKNOWN_EVENT);
        assertThat(keysetError.getDetails()).containsEntry("decodeError", "key 0 of 96 bytes runs past the keyset");
        assertThat(context.state().keysets()).isEmpty();
    }

    @Test
    void shouldForgetAnInvalidatedKeysetAndReportIt() {
        decode(log(SEQUENCER_INBOX, "0x" + "01".repeat(32), 3, List.of(Arbitrum.SET_VALID_KEYSET.topic0(), KEYSET_HASH),
                encode(new DynamicBytes(keyset(1, 3)))), "sequencerInbox");
        L1Log invalidate = log(SEQUENCER_INBOX, "0x" + "03".repeat(32), 4,
                List.of(Arbitrum.INVALIDATE_KEYSET.topic0(), KEYSET_HASH), "0x");

        List<SpecificRecord> records = decode(invalidate, "sequencerInbox");

        assertThat(records).containsExactly(BridgeEvent.newBuilder().setRollupId("arbitrum-nova")
                .setSource(source(invalidate)).setKind(BridgeEventKind.OPERATOR_CHANGED).setSubject(KEYSET_HASH)
                .setDetails(details("contractRole", "sequencerInbox", "role", "dacKeyset", "keysetHash", KEYSET_HASH,
                        "active", "false")).build());
        assertThat(context.state().keyset("arbitrum-nova", KEYSET_HASH).orElseThrow().invalidatedBlock())
                .hasValue(BLOCK);
    }

    @Test
    void shouldEmitOneDepositPerDelayedMessageWithTheAmountFromTheInboxPayload() {
        String tx = "0x" + "de".repeat(32);
        BigInteger amount = new BigInteger("250000000000000000");
        L1Log bridgeLog = log(BRIDGE, tx, 20, List.of(Arbitrum.MESSAGE_DELIVERED.topic0(), word(1_500_042),
                "0x" + "ac".repeat(32)), encode(new Address(INBOX), new Uint8(12), new Address(USER),
                new Bytes32(fill(0x5d)), new Uint256(30_000_000_000L), new Uint64(TIME_MILLIS / 1000)));
        byte[] payload = concat(AbiDecoder.bytes(USER), AbiDecoder.bytes(word(amount)));
        L1Log inboxLog = log(INBOX, tx, 21, List.of(Arbitrum.INBOX_MESSAGE_DELIVERED.topic0(), word(1_500_042)),
                encode(new DynamicBytes(payload)));
        context.logs(bridgeLog, inboxLog);

        List<SpecificRecord> fromBridge = decode(bridgeLog, "bridge");
        List<SpecificRecord> fromInbox = decode(inboxLog, "inbox");

        assertThat(fromBridge).containsExactly(BridgeEvent.newBuilder().setRollupId("arbitrum-nova")
                .setSource(source(bridgeLog)).setKind(BridgeEventKind.DEPOSIT_INITIATED)
                .setMessageId("0x" + "5d".repeat(32)).setQueueIndex(1_500_042L).setAmount("250000000000000000")
                .setDeadline(Instant.ofEpochMilli(TIME_MILLIS).plus(Duration.ofHours(24)))
                .setDetails(details("contractRole", "bridge", "messageKind", "12", "sender", USER, "inbox", INBOX,
                        "recipient", USER))
                .build());
        assertThat(fromInbox).isEmpty();
    }

    @Test
    void shouldQueueARetryableAndAnInboxMessageWhoseBridgeLogIsNotWatched() {
        String tx = "0x" + "df".repeat(32);
        L1Log bridgeLog = log(BRIDGE, tx, 30, List.of(Arbitrum.MESSAGE_DELIVERED.topic0(), word(7), "0x" + "ac".repeat(32)),
                encode(new Address(INBOX), new Uint8(9), new Address(USER), new Bytes32(fill(0x11)), new Uint256(1),
                        new Uint64(1)));
        byte[] retryable = concat(AbiDecoder.bytes(word(BigInteger.ONE)), AbiDecoder.bytes(word(BigInteger.TEN)),
                AbiDecoder.bytes(word(BigInteger.valueOf(12_345))), new byte[32 * 6]);
        L1Log inboxLog = log(INBOX, tx, 31, List.of(Arbitrum.INBOX_MESSAGE_DELIVERED.topic0(), word(7)),
                encode(new DynamicBytes(retryable)));
        L1Log fromOrigin = log(INBOX, "0x" + "e0".repeat(32), 2,
                List.of(Arbitrum.INBOX_MESSAGE_DELIVERED_FROM_ORIGIN.topic0(), word(8)), "0x");
        context.logs(bridgeLog, inboxLog, fromOrigin);

        BridgeEvent retry = (BridgeEvent) decode(bridgeLog, "bridge").get(0);
        List<SpecificRecord> alone = decode(fromOrigin, "inbox");

        assertThat(retry.getKind()).isEqualTo(BridgeEventKind.L1_MESSAGE_QUEUED);
        assertThat(retry.getQueueIndex()).isEqualTo(7L);
        assertThat(retry.getAmount()).isNull();
        assertThat(retry.getDetails()).containsEntry("l2CallValue", "10").containsEntry("deposit", "12345")
                .containsEntry("messageKind", "9");
        assertThat(alone).containsExactly(BridgeEvent.newBuilder().setRollupId("arbitrum-nova")
                .setSource(source(fromOrigin)).setKind(BridgeEventKind.L1_MESSAGE_QUEUED).setQueueIndex(8L)
                .setDeadline(Instant.ofEpochMilli(TIME_MILLIS).plus(Duration.ofHours(24)))
                .setDetails(details("contractRole", "inbox")).build());
    }

    @Test
    void shouldFinalizeEthAndTokenWithdrawalsWithTheirAmountsFromTheOutboxCall() {
        String ethTx = "0x" + "e1".repeat(32);
        context.transaction(new L1Transaction(ethTx, BLOCK, USER, OUTBOX, 2, executeTransaction(USER,
                BigInteger.valueOf(3_000_000_000_000_000_000L), new byte[0]), List.of()));
        L1Log ethLog = log(OUTBOX, ethTx, 5, List.of(Arbitrum.OUTBOX_TRANSACTION_EXECUTED.topic0(),
                Calls.word(new BigInteger(USER.substring(2), 16)), Calls.word(new BigInteger(USER.substring(2), 16)),
                word(0)), encode(new Uint256(123_456)));
        String tokenTx = "0x" + "e2".repeat(32);
        String usdc = "0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48";
        byte[] finalize = AbiDecoder.bytes(FunctionEncoder.encode(new Function("finalizeInboundTransfer",
                List.of(new Address(usdc), new Address(USER), new Address(VALIDATOR), new Uint256(5_000_000_000L),
                        new DynamicBytes(new byte[0])), List.of())));
        context.transaction(new L1Transaction(tokenTx, BLOCK, USER, OUTBOX, 2,
                executeTransaction(GATEWAY, BigInteger.ZERO, finalize), List.of()));
        L1Log tokenLog = log(OUTBOX, tokenTx, 9, List.of(Arbitrum.OUTBOX_TRANSACTION_EXECUTED.topic0(),
                Calls.word(new BigInteger(GATEWAY.substring(2), 16)), Calls.word(BigInteger.TWO), word(0)),
                encode(new Uint256(123_457)));

        List<SpecificRecord> eth = decode(ethLog, "outbox");
        BridgeEvent token = (BridgeEvent) decode(tokenLog, "outbox").get(0);

        assertThat(eth).containsExactly(BridgeEvent.newBuilder().setRollupId("arbitrum-nova").setSource(source(ethLog))
                .setKind(BridgeEventKind.WITHDRAWAL_FINALIZED).setMessageId("123456").setAmount("3000000000000000000")
                .setDetails(details("contractRole", "outbox", "success", "true", "recipient", USER, "l2Sender", USER,
                        "initiatedAt", Instant.ofEpochSecond(1_717_000_000L).toString()))
                .build());
        assertThat(token.getToken()).isEqualTo(usdc);
        assertThat(token.getAmount()).isEqualTo("5000000000");
        assertThat(token.getMessageId()).isEqualTo("123457");
        assertThat(token.getDetails()).containsEntry("recipient", VALIDATOR);
    }

    @Test
    void shouldProposeAnAssertionAndFinalizeItWithTheBatchesItCovers() {
        String assertionHash = "0x" + "a1".repeat(32);
        String parent = "0x" + "a0".repeat(32);
        String l2BlockHash = "0x" + "c3".repeat(32);
        String createTx = "0x" + "c1".repeat(32);
        context.transaction(new L1Transaction(createTx, BLOCK, VALIDATOR, ROLLUP, 2, "0x", List.of()));
        L1Log created = log(ROLLUP, createTx, 11, List.of(Arbitrum.ASSERTION_CREATED.topic0(), assertionHash, parent),
                encode(assertionInputs(l2BlockHash, 900), new Bytes32(fill(0x01)), new Uint256(901),
                        new Bytes32(fill(0x02)), new Uint256(BigInteger.TEN.pow(21)), new Address(CHALLENGE_MANAGER),
                        new Uint64(45_818)));

        List<SpecificRecord> proposed = decode(created, "rollup");

        assertThat(proposed).containsExactly(ProofEvent.newBuilder().setRollupId("arbitrum-nova")
                .setSource(source(created)).setKind(ProofKind.STATE_PROPOSED).setBatchIndexEnd(899L)
                .setStateRoot(l2BlockHash).setDisputeId(assertionHash).setActor(VALIDATOR)
                .setChallengePeriodEnd(Instant.ofEpochMilli(TIME_MILLIS).plusSeconds(45_818L * 12)).build());

        String confirmTx = "0x" + "c2".repeat(32);
        context.transaction(new L1Transaction(confirmTx, BLOCK, VALIDATOR, ROLLUP, 2,
                confirmAssertion(assertionHash, parent, l2BlockHash, 900, new byte[32]), List.of()));
        L1Log confirmed = log(ROLLUP, confirmTx, 12, List.of(Arbitrum.ASSERTION_CONFIRMED.topic0(), assertionHash),
                encode(new Bytes32(AbiDecoder.bytes(l2BlockHash)), new Bytes32(fill(0x5e))));

        List<SpecificRecord> finalized = decode(confirmed, "rollup");

        assertThat(finalized).containsExactly(ProofEvent.newBuilder().setRollupId("arbitrum-nova")
                .setSource(source(confirmed)).setKind(ProofKind.STATE_FINALIZED).setBatchIndexEnd(899L)
                .setStateRoot(l2BlockHash).setDisputeId(assertionHash).setActor(VALIDATOR).build());
        assertThat(context.calls).isEmpty();
    }

    @Test
    void shouldOpenABoldChallengeOnTheFirstBlockLevelEdgeAndResolveItWhenARivalIsConfirmed() {
        String parent = "0x" + "a0".repeat(32);
        String rival = "0x" + "a2".repeat(32);
        String edgeTx = "0x" + "ed".repeat(32);
        context.transaction(new L1Transaction(edgeTx, BLOCK, VALIDATOR, CHALLENGE_MANAGER, 2, "0x", List.of()));
        L1Log first = log(CHALLENGE_MANAGER, edgeTx, 1, List.of(Arbitrum.EDGE_ADDED.topic0(), "0x" + "e1".repeat(32),
                "0x" + "e0".repeat(32), parent), encode(new Bytes32(AbiDecoder.bytes(rival)), new Uint256(1L << 26),
                new Uint8(0), new Bool(false), new Bool(true)));
        L1Log second = log(CHALLENGE_MANAGER, edgeTx, 2, List.of(Arbitrum.EDGE_ADDED.topic0(), "0x" + "e2".repeat(32),
                "0x" + "e0".repeat(32), parent), encode(new Bytes32(fill(0xa1)), new Uint256(1L << 26),
                new Uint8(0), new Bool(true), new Bool(true)));
        L1Log bigStep = log(CHALLENGE_MANAGER, edgeTx, 3, List.of(Arbitrum.EDGE_ADDED.topic0(), "0x" + "e3".repeat(32),
                "0x" + "e4".repeat(32), "0x" + "e0".repeat(32)), encode(new Bytes32(fill(0xe1)), new Uint256(1L << 20),
                new Uint8(1), new Bool(false), new Bool(true)));

        List<SpecificRecord> opened = decode(first, "challengeManager");

        assertThat(opened).containsExactly(ProofEvent.newBuilder().setRollupId("arbitrum-nova").setSource(source(first))
                .setKind(ProofKind.DISPUTE_OPENED).setDisputeId(parent).setDisputeOutcome(DisputeOutcome.IN_PROGRESS)
                .setActor(VALIDATOR).build());
        assertThat(decode(second, "challengeManager")).isEmpty();
        assertThat(decode(bigStep, "challengeManager")).isEmpty();

        // The rival (second child of the parent) wins: the first child was the invalid claim.
        String blockHash = "0x" + "c4".repeat(32);
        String confirmTx = "0x" + "c5".repeat(32);
        context.transaction(new L1Transaction(confirmTx, BLOCK, VALIDATOR, ROLLUP, 2,
                confirmAssertion(rival, parent, blockHash, 950, fill(0xe1)), List.of()));
        context.callResult(ROLLUP, ArbitrumDecoder.GET_ASSERTION + rival.substring(2), BLOCK, "0x" + encode(
                new Uint64(BLOCK - 100), new Uint64(0), new Uint64(BLOCK - 400), new Bool(false), new Uint8(2),
                new Bytes32(fill(0x33))).substring(2));
        L1Log confirmed = log(ROLLUP, confirmTx, 4, List.of(Arbitrum.ASSERTION_CONFIRMED.topic0(), rival),
                encode(new Bytes32(AbiDecoder.bytes(blockHash)), new Bytes32(fill(0x5e))));

        List<SpecificRecord> records = decode(confirmed, "rollup");

        assertThat(records).containsExactly(
                ProofEvent.newBuilder().setRollupId("arbitrum-nova").setSource(source(confirmed))
                        .setKind(ProofKind.STATE_FINALIZED).setBatchIndexEnd(949L).setStateRoot(blockHash)
                        .setDisputeId(rival).setActor(VALIDATOR).build(),
                ProofEvent.newBuilder().setRollupId("arbitrum-nova").setSource(source(confirmed))
                        .setKind(ProofKind.DISPUTE_RESOLVED).setStateRoot(blockHash).setDisputeId(parent)
                        .setDisputeOutcome(DisputeOutcome.CHALLENGER_WINS).setActor(VALIDATOR).build());
    }

    @Test
    void shouldReportLegacyNodesChallengesAndRejections() {
        L1Log challenge = log(ROLLUP, "0x" + "f1".repeat(32), 1, List.of(Arbitrum.ROLLUP_CHALLENGE_STARTED.topic0(),
                word(17)), encode(new Address(VALIDATOR), new Address(USER), new Uint64(5_000)));
        L1Log rejected = log(ROLLUP, "0x" + "f2".repeat(32), 1, List.of(Arbitrum.NODE_REJECTED.topic0(), word(5_000)),
                "0x");

        assertThat(decode(challenge, "legacyRollup")).containsExactly(ProofEvent.newBuilder()
                .setRollupId("arbitrum-nova").setSource(source(challenge)).setKind(ProofKind.DISPUTE_OPENED)
                .setDisputeId("17").setDisputeOutcome(DisputeOutcome.IN_PROGRESS).setActor(USER).build());
        assertThat(decode(rejected, "legacyRollup")).containsExactly(ProofEvent.newBuilder()
                .setRollupId("arbitrum-nova").setSource(source(rejected)).setKind(ProofKind.STATE_REVERTED)
                .setDisputeId("5000").build());
    }

    @Test
    void shouldReportBatchPosterChangesAndSkipOwnerFunctionMarkersThatTheyDescribe() {
        String tx = "0x" + "0b".repeat(32);
        L1Log owner = log(SEQUENCER_INBOX, tx, 1, List.of(Arbitrum.OWNER_FUNCTION_CALLED.topic0(), word(1)), "0x");
        L1Log poster = log(SEQUENCER_INBOX, tx, 2, List.of(Arbitrum.BATCH_POSTER_SET.topic0()),
                encode(new Address(USER), new Bool(true)));
        L1Log lone = log(ROLLUP, "0x" + "0c".repeat(32), 1, List.of(Arbitrum.OWNER_FUNCTION_CALLED.topic0(), word(3)),
                "0x");
        context.logs(owner, poster, lone);

        assertThat(decode(poster, "sequencerInbox")).containsExactly(BridgeEvent.newBuilder()
                .setRollupId("arbitrum-nova").setSource(source(poster)).setKind(BridgeEventKind.OPERATOR_CHANGED)
                .setSubject(USER).setDetails(details("contractRole", "sequencerInbox", "role", "batchPoster",
                        "operator", USER, "active", "true")).build());
        assertThat(decode(owner, "sequencerInbox")).isEmpty();
        assertThat(decode(lone, "rollup")).containsExactly(BridgeEvent.newBuilder()
                .setRollupId("arbitrum-nova").setSource(source(lone)).setKind(BridgeEventKind.OPERATOR_CHANGED)
                .setSubject(ROLLUP).setDetails(details("contractRole", "rollup", "role", "owner", "ownerFunctionId", "3",
                        "newValue", "owner function 3 called")).build());
    }

    // --- fixtures -----------------------------------------------------------------------------------

    private List<SpecificRecord> decode(L1Log log, String role) {
        return decoders.decode(new RoutedLog(NOVA, role, log, 1, TIME_MILLIS), context);
    }

    /** A SequencerBatchDelivered posted by {@link #POSTER} through addSequencerL2BatchFromOrigin with {@code data}. */
    private L1Log postBatch(long index, long delayedRead, int location, byte[] data) {
        context.transaction(new L1Transaction(TX, BLOCK, POSTER, SEQUENCER_INBOX, 2, FunctionEncoder.encode(
                new Function("addSequencerL2BatchFromOrigin", List.of(new Uint256(index), new DynamicBytes(data),
                        new Uint256(delayedRead), new Address(USER), new Uint256(1), new Uint256(2)), List.of())),
                List.of()));
        return batchLogOf(index, delayedRead, location);
    }

    private static L1Log batchLogOf(long index, long delayedRead, int location) {
        return log(SEQUENCER_INBOX, TX, 7, List.of(Arbitrum.SEQUENCER_BATCH_DELIVERED.topic0(), word(index),
                "0x" + "b0".repeat(32), "0x" + "b2".repeat(32)), encode(new Bytes32(fill(0x33)), new Uint256(delayedRead),
                new StaticStruct(new Uint64(1), new Uint64(2), new Uint64(3), new Uint64(4)), new Uint8(location)));
    }

    static L1Log log(String address, String tx, int logIndex, List<String> topics, String data) {
        return new L1Log(address, topics, data, BLOCK, BLOCK_HASH, tx, 0, logIndex, false);
    }

    static Source source(L1Log log) {
        return new Source(1L, log.blockNumber(), log.blockHash(), Instant.ofEpochMilli(TIME_MILLIS), log.transactionHash(),
                log.logIndex(), log.address());
    }

    static String encode(Type<?>... values) {
        return "0x" + FunctionEncoder.encodeConstructor(List.of(values));
    }

    static String word(long value) {
        return Calls.word(BigInteger.valueOf(value));
    }

    static String word(BigInteger value) {
        return Calls.word(value);
    }

    static byte[] fill(int b) {
        byte[] bytes = new byte[32];
        Arrays.fill(bytes, (byte) b);
        return bytes;
    }

    static Map<String, String> details(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** A serialized keyset (nitro DataAvailabilityKeyset.Serialize) with {@code members} 96-byte keys. */
    private static byte[] keyset(long assumedHonest, int members) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(uint64(assumedHonest));
        out.writeBytes(uint64(members));
        for (int i = 0; i < members; i++) {
            out.write(0);
            out.write(96);
            byte[] key = new byte[96];
            Arrays.fill(key, (byte) (i + 1));
            out.writeBytes(key);
        }
        return out.toByteArray();
    }

    /** A DAS certificate (nitro daprovider.Serialize): version byte 1 when the header has the tree flag. */
    private static byte[] certificate(int header, String keysetHash, long signersMask) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(header);
        out.writeBytes(AbiDecoder.bytes(keysetHash));
        out.writeBytes(fill(0xda));
        out.writeBytes(uint64(TIME_MILLIS / 1000 + 14 * 86_400));
        if ((header & 0x08) != 0) {
            out.write(1);
        }
        out.writeBytes(uint64(signersMask));
        out.writeBytes(new byte[96]);
        return out.toByteArray();
    }

    private static byte[] uint64(long value) {
        byte[] bytes = new byte[8];
        for (int i = 7; i >= 0; i--) {
            bytes[i] = (byte) value;
            value >>>= 8;
        }
        return bytes;
    }

    private static String executeTransaction(String to, BigInteger value, byte[] data) {
        return FunctionEncoder.encode(new Function("executeTransaction", List.of(
                new DynamicArray<>(Bytes32.class, new Bytes32(fill(0x01))), new Uint256(123_456), new Address(USER),
                new Address(to), new Uint256(1_000), new Uint256(BLOCK - 1000), new Uint256(1_717_000_000L),
                new Uint256(value), new DynamicBytes(data)), List.of()));
    }

    private static StaticStruct assertionState(String blockHash, long batch) {
        return new StaticStruct(new StaticStruct(
                new StaticArray2<>(Bytes32.class, new Bytes32(AbiDecoder.bytes(blockHash)), new Bytes32(fill(0x5e))),
                new StaticArray2<>(Uint64.class, new Uint64(batch), new Uint64(0))),
                new Uint8(1), new Bytes32(fill(0x77)));
    }

    private static StaticStruct configData() {
        return new StaticStruct(new Bytes32(fill(0x02)), new Uint256(BigInteger.TEN.pow(21)),
                new Address(CHALLENGE_MANAGER), new Uint64(45_818), new Uint64(901));
    }

    private static StaticStruct assertionInputs(String blockHash, long batch) {
        return new StaticStruct(new StaticStruct(new Bytes32(fill(0x0a)), new Bytes32(fill(0x0b)), configData()),
                assertionState("0x" + "c0".repeat(32), batch - 100), assertionState(blockHash, batch));
    }

    private static String confirmAssertion(String assertionHash, String parent, String blockHash, long batch,
                                           byte[] winningEdge) {
        List<Type> args = new ArrayList<>(List.of(new Bytes32(AbiDecoder.bytes(assertionHash)),
                new Bytes32(AbiDecoder.bytes(parent)), assertionState(blockHash, batch), new Bytes32(winningEdge),
                configData(), new Bytes32(fill(0x0c))));
        String encoded = FunctionEncoder.encode(new Function("confirmAssertion", args, List.of()));
        // web3j names a struct parameter by its Java class, so the selector is replaced by the canonical one.
        return ArbitrumDecoder.CONFIRM_ASSERTION + encoded.substring(10);
    }
}
