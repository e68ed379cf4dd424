package io.l2risk.ingest.decode;

import io.l2risk.avro.BatchPosted;
import io.l2risk.avro.BridgeEvent;
import io.l2risk.avro.BridgeEventKind;
import io.l2risk.avro.DaMode;
import io.l2risk.avro.DisputeOutcome;
import io.l2risk.avro.ProofEvent;
import io.l2risk.avro.ProofKind;
import io.l2risk.ingest.EventCatalog.Arbitrum;
import io.l2risk.ingest.EventSignature;
import io.l2risk.ingest.L1Log;
import io.l2risk.ingest.L1Transaction;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;

/**
 * Arbitrum Nitro (and AnyTrust, Orbit) events as ingest records. Sources: OffchainLabs/nitro-contracts
 * (src/bridge/SequencerInbox.sol, ISequencerInbox.sol, Inbox.sol, Bridge.sol, Outbox.sol,
 * src/libraries/MessageTypes.sol, src/rollup/RollupUserLogic.sol, Assertion.sol,
 * src/challengeV2/EdgeChallengeManager.sol) and OffchainLabs/nitro (arbstate/daprovider/util.go for the
 * batch header byte, the DAS certificate and the keyset serialization).
 *
 * <ul>
 *   <li>{@code SequencerBatchDelivered} → {@code BatchPosted} with the data location resolved: the batch
 *       data from the posting call's input (TxInput) or the {@code SequencerBatchData} log of the same
 *       transaction (SeparateBatchEvent), the blob hashes of the transaction (Blob), none (NoData). The
 *       data's header byte tells a DAS certificate (with its keyset and signers) from data on L1.</li>
 *   <li>{@code SetValidKeyset} / {@code InvalidateKeyset} → {@link DecoderState} keysets (so a later
 *       certificate knows its committee size and threshold) and an {@code OPERATOR_CHANGED}.</li>
 *   <li>Delayed messages ({@code MessageDelivered} of the Bridge with the {@code InboxMessageDelivered*}
 *       of the same transaction) → one {@code DEPOSIT_INITIATED} (ETH deposit) or {@code L1_MESSAGE_QUEUED}
 *       per message index.</li>
 *   <li>Assertions (BoLD) and nodes (pre-BoLD) → {@code STATE_PROPOSED} / {@code STATE_FINALIZED} /
 *       {@code STATE_REVERTED}; challenges → {@code DISPUTE_OPENED} / {@code DISPUTE_RESOLVED}.</li>
 *   <li>{@code OutBoxTransactionExecuted} → {@code WITHDRAWAL_FINALIZED}; batch poster, sequencer,
 *       validator whitelist and delay changes → {@code OPERATOR_CHANGED}.</li>
 * </ul>
 */
final class ArbitrumDecoder implements StackDecoder {

    /** BatchDataLocation (src/bridge/IBridge.sol). */
    static final int TX_INPUT = 0;
    static final int SEPARATE_BATCH_EVENT = 1;
    static final int NO_DATA = 2;
    static final int BLOB = 3;

    /** Bytes of one EIP-4844 blob (4096 field elements × 32 bytes). */
    static final long BLOB_BYTES = 131_072;

    // Batch header bytes, nitro arbstate/daprovider/util.go.
    static final int BROTLI_HEADER = 0x00;
    static final int DAS_FLAG = 0x80;
    static final int TREE_DAS_FLAG = 0x08;
    static final int ZEROHEAVY_FLAG = 0x20;
    static final int CELESTIA_HEADER = 0x63;

    /** Message kinds (src/libraries/MessageTypes.sol). */
    static final int KIND_SUBMIT_RETRYABLE = 9;
    static final int KIND_ETH_DEPOSIT = 12;

    private static final Duration L1_BLOCK = Duration.ofSeconds(12);

    /**
     * The SequencerInbox entry points that carry the batch data as their second parameter
     * ({@code uint256 sequenceNumber, bytes data, ...}); ISequencerInbox.sol of nitro-contracts v1.x (the
     * four-parameter form) to v3 (the delay-buffer {@code ...DelayProof} forms).
     */
    private static final String DELAY_PROOF = "(bytes32,(uint8,address,uint64,uint64,uint256,uint256,bytes32))";
    static final List<String> CALLDATA_BATCH_SELECTORS = List.of(
            Calls.selector("addSequencerL2BatchFromOrigin(uint256,bytes,uint256,address)"),
            Calls.selector("addSequencerL2BatchFromOrigin(uint256,bytes,uint256,address,uint256,uint256)"),
            Calls.selector("addSequencerL2Batch(uint256,bytes,uint256,address,uint256,uint256)"),
            Calls.selector("addSequencerL2BatchFromOriginDelayProof(uint256,bytes,uint256,address,uint256,uint256,"
                    + DELAY_PROOF + ")"),
            Calls.selector("addSequencerL2BatchDelayProof(uint256,bytes,uint256,address,uint256,uint256,"
                    + DELAY_PROOF + ")"));

    // AssertionState ((bytes32[2] bytes32Vals, uint64[2] u64Vals) globalState, uint8 machineStatus, bytes32 endHistoryRoot)
    private static final String ASSERTION_STATE = "((bytes32[2],uint64[2]),uint8,bytes32)";
    private static final String CONFIG_DATA = "(bytes32,uint256,address,uint64,uint64)";
    /** RollupUserLogic (BoLD): the confirmed assertion's state and the edge that won its challenge, if any. */
    static final String CONFIRM_ASSERTION = Calls.selector("confirmAssertion(bytes32,bytes32," + ASSERTION_STATE
            + ",bytes32," + CONFIG_DATA + ",bytes32)");
    private static final List<String> CONFIRM_ASSERTION_ARGS = List.of("bytes32", "bytes32", ASSERTION_STATE,
            "bytes32", CONFIG_DATA, "bytes32");
    /** RollupCore.getAssertion(bytes32) → AssertionNode (firstChildBlock, secondChildBlock, createdAtBlock, isFirstChild, status, configHash). */
    static final String GET_ASSERTION = Calls.selector("getAssertion(bytes32)");
    private static final List<String> ASSERTION_NODE = List.of("uint64", "uint64", "uint64", "bool", "uint8", "bytes32");

    /** Outbox.executeTransaction(proof, index, l2Sender, to, l2Block, l1Block, l2Timestamp, value, data). */
    static final String EXECUTE_TRANSACTION = Calls.selector(
            "executeTransaction(bytes32[],uint256,address,address,uint256,uint256,uint256,uint256,bytes)");
    private static final List<String> EXECUTE_TRANSACTION_ARGS = List.of("bytes32[]", "uint256", "address", "address",
            "uint256", "uint256", "uint256", "uint256", "bytes");
    /** L1 token gateways' finalizeInboundTransfer(token, from, to, amount, data): the token a withdrawal releases. */
    static final String FINALIZE_INBOUND_TRANSFER = Calls.selector(
            "finalizeInboundTransfer(address,address,address,uint256,bytes)");

    /** SequencerInbox events whose own record already tells the owner action that {@code OwnerFunctionCalled} marks. */
    private static final Set<String> SELF_DESCRIBED_OWNER_ACTIONS = Set.of(Arbitrum.BATCH_POSTER_SET.topic0(),
            Arbitrum.SEQUENCER_SET.topic0(), Arbitrum.SET_VALID_KEYSET.topic0(), Arbitrum.INVALIDATE_KEYSET.topic0(),
            Arbitrum.MAX_TIME_VARIATION_SET.topic0(), Arbitrum.VALIDATOR_WHITELIST_DISABLED_SET.topic0());

    @Override
    public List<SpecificRecord> decode(DecodedEvent event, RoutedLog log, DecodeContext context) {
        EventSignature e = event.event();
        if (e.equals(Arbitrum.SEQUENCER_BATCH_DELIVERED)) {
            return List.of(batch(event, log, context));
        } else if (e.equals(Arbitrum.SET_VALID_KEYSET)) {
            return List.of(setValidKeyset(event, log, context));
        } else if (e.equals(Arbitrum.INVALIDATE_KEYSET)) {
            return List.of(invalidateKeyset(event, log, context));
        } else if (e.equals(Arbitrum.MESSAGE_DELIVERED)) {
            return List.of(messageDelivered(event, log, context));
        } else if (e.equals(Arbitrum.INBOX_MESSAGE_DELIVERED) || e.equals(Arbitrum.INBOX_MESSAGE_DELIVERED_FROM_ORIGIN)) {
            return inboxMessage(event, log, context);
        } else if (e.equals(Arbitrum.OUTBOX_TRANSACTION_EXECUTED)) {
            return List.of(outboxExecuted(event, log, context));
        } else if (e.equals(Arbitrum.ASSERTION_CREATED)) {
            return List.of(assertionCreated(event, log, context));
        } else if (e.equals(Arbitrum.ASSERTION_CONFIRMED)) {
            return assertionConfirmed(event, log, context);
        } else if (e.equals(Arbitrum.NODE_CREATED)) {
            return List.of(nodeCreated(event, log, context));
        } else if (e.equals(Arbitrum.NODE_CONFIRMED)) {
            return List.of(Records.proof(log, ProofKind.STATE_FINALIZED).setStateRoot(event.fixedBytes("blockHash"))
                    .setDisputeId(Long.toString(event.longValue("nodeNum"))).build());
        } else if (e.equals(Arbitrum.NODE_REJECTED)) {
            // A rejected node is a proposal taken back: its challenger won, or its parent was rejected.
            return List.of(Records.proof(log, ProofKind.STATE_REVERTED)
                    .setDisputeId(Long.toString(event.longValue("nodeNum"))).build());
        } else if (e.equals(Arbitrum.ROLLUP_CHALLENGE_STARTED)) {
            return List.of(Records.proof(log, ProofKind.DISPUTE_OPENED)
                    .setDisputeId(Long.toString(event.longValue("challengeIndex")))
                    .setDisputeOutcome(DisputeOutcome.IN_PROGRESS).setActor(event.address("challenger")).build());
        } else if (e.equals(Arbitrum.EDGE_ADDED)) {
            return edgeAdded(event, log, context);
        } else if (e.equals(Arbitrum.BATCH_POSTER_SET)) {
            return List.of(operator(log, "batchPoster", event.address("batchPoster"), event.bool("isBatchPoster")));
        } else if (e.equals(Arbitrum.SEQUENCER_SET)) {
            return List.of(operator(log, "sequencer", event.address("addr"), event.bool("isSequencer")));
        } else if (e.equals(Arbitrum.VALIDATOR_WHITELIST_DISABLED_SET)) {
            boolean disabled = event.bool("_validatorWhitelistDisabled");
            BridgeEvent.Builder b = Records.bridge(log, BridgeEventKind.OPERATOR_CHANGED).setSubject("validatorWhitelist");
            b.getDetails().put("role", "validatorWhitelist");
            b.getDetails().put("validatorWhitelistDisabled", Boolean.toString(disabled));
            b.getDetails().put("newValue", disabled ? "disabled (anyone may validate)" : "enabled");
            return List.of(b.build());
        } else if (e.equals(Arbitrum.MAX_TIME_VARIATION_SET)) {
            return List.of(maxTimeVariation(event, log));
        } else if (e.equals(Arbitrum.OWNER_FUNCTION_CALLED)) {
            return ownerFunction(event, log, context);
        }
        // SequencerBatchData is read with its SequencerBatchDelivered; SendRootUpdated follows a confirmation
        // already reported; EdgeBisected and edge confirmations are moves inside a challenge whose opening
        // (EdgeAdded) and outcome (the winning assertion's confirmation) are reported.
        return List.of();
    }

    // --- batches ------------------------------------------------------------------------------------

    private static BatchPosted batch(DecodedEvent event, RoutedLog log, DecodeContext context) {
        long index = event.longValue("batchSequenceNumber");
        BatchPosted.Builder batch = Records.batch(log).setBatchIndex(index)
                .setL1MessagesProcessed(event.longValue("afterDelayedMessagesRead"));
        Optional<L1Transaction> tx = context.transaction(log.log().transactionHash());
        tx.ifPresent(t -> batch.setSubmitter(t.from().toLowerCase(Locale.ROOT)));
        long location = event.longValue("dataLocation");
        if (location == TX_INPUT) {
            if (Calls.calls(tx, log.log().address(), CALLDATA_BATCH_SELECTORS)) {
                byte[] data = (byte[]) Calls.arguments(tx.get().input(), List.of("uint256", "bytes")).get(1);
                classify(data, batch, log, context);
            } else {
                // Posted through a contract (a multisig or a batch poster wrapper): the data is not readable here.
                batch.setDaMode(DaMode.UNKNOWN);
            }
        } else if (location == SEPARATE_BATCH_EVENT) {
            Optional<byte[]> data = separateBatchData(log, index, context);
            if (data.isPresent()) {
                classify(data.get(), batch, log, context);
            } else {
                batch.setDaMode(DaMode.UNKNOWN);
            }
        } else if (location == NO_DATA) {
            batch.setDaMode(DaMode.NONE);
        } else if (location == BLOB) {
            batch.setDaMode(DaMode.BLOB);
            tx.ifPresent(t -> batch.setBlobVersionedHashes(new ArrayList<>(t.blobVersionedHashes()))
                    .setDataBytes(t.blobVersionedHashes().size() * BLOB_BYTES));
        } else {
            batch.setDaMode(DaMode.UNKNOWN);
        }
        return batch.build();
    }

    private static Optional<byte[]> separateBatchData(RoutedLog log, long index, DecodeContext context) {
        String indexWord = Calls.word(BigInteger.valueOf(index));
        for (L1Log other : context.logsOfTransaction(log.log().transactionHash())) {
            if (other.address().equalsIgnoreCase(log.log().address())
                    && other.topic0().equalsIgnoreCase(Arbitrum.SEQUENCER_BATCH_DATA.topic0())
                    && indexWord.equalsIgnoreCase(Calls.topic(other, 1))) {
                return Optional.of(AbiDecoder.decode(Arbitrum.SEQUENCER_BATCH_DATA, other).bytes("data"));
            }
        }
        return Optional.empty();
    }

    /**
     * Sets the DA mode from the batch data's header byte (nitro arbstate/daprovider/util.go): a DAS
     * certificate ({@code 0x80}, {@code 0x88} with the tree flag) is the AnyTrust committee's promise to
     * serve the data; brotli ({@code 0x00}) and zeroheavy-encoded brotli ({@code 0x20}) are the data
     * itself on L1 — on an AnyTrust chain, the poster's fallback when the committee did not sign;
     * {@code 0x63} is a Celestia blob pointer. Anything else is a format this decoder does not know.
     */
    private static void classify(byte[] data, BatchPosted.Builder batch, RoutedLog log, DecodeContext context) {
        batch.setDataBytes((long) data.length);
        if (data.length == 0) {
            batch.setDaMode(DaMode.NONE);
            return;
        }
        int header = data[0] & 0xff;
        if (header == DAS_FLAG || header == (DAS_FLAG | TREE_DAS_FLAG)) {
            certificate(data, header, batch, log, context);
        } else if (header == BROTLI_HEADER || header == ZEROHEAVY_FLAG) {
            batch.setDaMode(DaMode.CALLDATA);
        } else if (header == CELESTIA_HEADER) {
            batch.setDaMode(DaMode.ALT_DA_COMMITMENT);
        } else {
            batch.setDaMode(DaMode.UNKNOWN);
        }
    }

    /**
     * A DataAvailabilityCertificate: header, keysetHash[32], dataHash[32], timeout uint64, a version byte
     * when the tree flag is set, signersMask uint64 (bit i = keyset member i signed), BLS signature[96]
     * (nitro DeserializeDASCertFrom).
     */
    private static void certificate(byte[] data, int header, BatchPosted.Builder batch, RoutedLog log,
                                    DecodeContext context) {
        int maskAt = 1 + 32 + 32 + 8 + ((header & TREE_DAS_FLAG) != 0 ? 1 : 0);
        int length = maskAt + 8 + 96;
        if (data.length < length) {
            throw new AbiDecodingException("DAS certificate of " + data.length + " bytes, needs " + length);
        }
        String keysetHash = AbiDecoder.hex(Arrays.copyOfRange(data, 1, 33));
        long mask = new BigInteger(1, Arrays.copyOfRange(data, maskAt, maskAt + 8)).longValue();
        batch.setDaMode(DaMode.DAC_CERTIFICATE).setKeysetHash(keysetHash).setDacSigners(Long.bitCount(mask));
        Optional<DecoderState.Keyset> keyset = context.state().keyset(log.rollupId(), keysetHash);
        if (keyset.isPresent()) {
            batch.setDacMembers(keyset.get().members()).setDacThreshold(keyset.get().threshold());
        } else {
            // Keyset set before the scanned range: the registry's committee parameters stand in.
            batch.setDacMembers(log.rollup().params().dacMembers().orElse(null))
                    .setDacThreshold(log.rollup().params().dacThreshold().orElse(null));
        }
    }

    // --- keysets --------------------------------------------------------------------------------------

    private static BridgeEvent setValidKeyset(DecodedEvent event, RoutedLog log, DecodeContext context) {
        String keysetHash = event.fixedBytes("keysetHash");
        byte[] bytes = event.bytes("keysetBytes");
        long[] parsed = parseKeyset(bytes);
        int assumedHonest = (int) parsed[0];
        int members = (int) parsed[1];
        int threshold = members - assumedHonest + 1;
        context.state().putKeyset(new DecoderState.Keyset(log.rollupId(), keysetHash, members, threshold,
                log.log().blockNumber(), OptionalLong.empty()));
        BridgeEvent.Builder b = Records.bridge(log, BridgeEventKind.OPERATOR_CHANGED).setSubject(keysetHash);
        b.getDetails().put("role", "dacKeyset");
        b.getDetails().put("keysetHash", keysetHash);
        b.getDetails().put("active", "true");
        b.getDetails().put("members", Integer.toString(members));
        b.getDetails().put("assumedHonest", Integer.toString(assumedHonest));
        b.getDetails().put("threshold", Integer.toString(threshold));
        return b.build();
    }

    /**
     * {assumedHonest, number of keys} of a serialized DataAvailabilityKeyset: assumedHonest uint64,
     * numKeys uint64 (at most 64), then per key a uint16 length and the BLS public key (nitro
     * DeserializeKeyset). The keys are checked for length only.
     */
    static long[] parseKeyset(byte[] bytes) {
        if (bytes.length < 16) {
            throw new AbiDecodingException("keyset of " + bytes.length + " bytes has no header");
        }
        long assumedHonest = new BigInteger(1, Arrays.copyOfRange(bytes, 0, 8)).longValue();
        long keys = new BigInteger(1, Arrays.copyOfRange(bytes, 8, 16)).longValue();
        if (keys < 1 || keys > 64) {
            throw new AbiDecodingException("keyset declares " + Long.toUnsignedString(keys) + " keys (1..64 allowed)");
        }
        if (assumedHonest < 1 || assumedHonest > keys) {
            throw new AbiDecodingException("keyset assumes " + Long.toUnsignedString(assumedHonest)
                    + " honest members of " + keys);
        }
        int at = 16;
        for (long i = 0; i < keys; i++) {
            if (at + 2 > bytes.length) {
                throw new AbiDecodingException("keyset ends before key " + i);
            }
            int length = ((bytes[at] & 0xff) << 8) | (bytes[at + 1] & 0xff);
            at += 2 + length;
            if (at > bytes.length) {
                throw new AbiDecodingException("key " + i + " of " + length + " bytes runs past the keyset");
            }
        }
        return new long[] {assumedHonest, keys};
    }

    private static BridgeEvent invalidateKeyset(DecodedEvent event, RoutedLog log, DecodeContext context) {
        String keysetHash = event.fixedBytes("keysetHash");
        context.state().invalidateKeyset(log.rollupId(), keysetHash, log.log().blockNumber());
        BridgeEvent.Builder b = Records.bridge(log, BridgeEventKind.OPERATOR_CHANGED).setSubject(keysetHash);
        b.getDetails().put("role", "dacKeyset");
        b.getDetails().put("keysetHash", keysetHash);
        b.getDetails().put("active", "false");
        return b.build();
    }

    // --- delayed messages ------------------------------------------------------------------------------

    /**
     * One delayed message from the Bridge's {@code MessageDelivered}, with its payload from the
     * {@code InboxMessageDelivered} the inbox emitted for the same index in the same transaction.
     */
    private static BridgeEvent messageDelivered(DecodedEvent event, RoutedLog log, DecodeContext context) {
        long index = event.longValue("messageIndex");
        int kind = (int) event.longValue("kind");
        BridgeEvent.Builder b = queued(log, index, BridgeEventKind.L1_MESSAGE_QUEUED);
        b.getDetails().put("messageKind", Integer.toString(kind));
        b.getDetails().put("sender", event.address("sender"));
        b.getDetails().put("inbox", event.address("inbox"));
        b.setMessageId(event.fixedBytes("messageDataHash"));
        Optional<byte[]> data = inboxData(log, index, context);
        if (kind == KIND_ETH_DEPOSIT && data.isPresent() && data.get().length >= 20 + 32) {
            // Inbox.depositEth: abi.encodePacked(address dest, uint256 msg.value)
            byte[] d = data.get();
            b.setKind(BridgeEventKind.DEPOSIT_INITIATED)
                    .setAmount(new BigInteger(1, Arrays.copyOfRange(d, 20, 52)).toString());
            b.getDetails().put("recipient", AbiDecoder.hex(Arrays.copyOfRange(d, 0, 20)));
        } else if (kind == KIND_SUBMIT_RETRYABLE && data.isPresent() && data.get().length >= 3 * 32) {
            // Inbox retryable: abi.encodePacked(uint256 to, l2CallValue, deposit (msg.value), maxSubmissionCost, ...)
            byte[] d = data.get();
            b.getDetails().put("l2CallValue", new BigInteger(1, Arrays.copyOfRange(d, 32, 64)).toString());
            b.getDetails().put("deposit", new BigInteger(1, Arrays.copyOfRange(d, 64, 96)).toString());
        }
        return b.build();
    }

    private static Optional<byte[]> inboxData(RoutedLog log, long index, DecodeContext context) {
        String indexWord = Calls.word(BigInteger.valueOf(index));
        for (L1Log other : context.logsOfTransaction(log.log().transactionHash())) {
            if (other.topic0().equalsIgnoreCase(Arbitrum.INBOX_MESSAGE_DELIVERED.topic0())
                    && indexWord.equalsIgnoreCase(Calls.topic(other, 1))) {
                return Optional.of(AbiDecoder.decode(Arbitrum.INBOX_MESSAGE_DELIVERED, other).bytes("data"));
            }
        }
        return Optional.empty();
    }

    /**
     * An inbox's record of a delayed message: nothing when the Bridge's {@code MessageDelivered} of the
     * same index is among the transaction's logs (that log stands for the message), else the message from
     * the inbox log alone (the Bridge is not watched).
     */
    private static List<SpecificRecord> inboxMessage(DecodedEvent event, RoutedLog log, DecodeContext context) {
        long index = event.longValue("messageNum");
        String indexWord = Calls.word(BigInteger.valueOf(index));
        for (L1Log other : context.logsOfTransaction(log.log().transactionHash())) {
            if (other.topic0().equalsIgnoreCase(Arbitrum.MESSAGE_DELIVERED.topic0())
                    && indexWord.equalsIgnoreCase(Calls.topic(other, 1))) {
                return List.of();
            }
        }
        return List.of(queued(log, index, BridgeEventKind.L1_MESSAGE_QUEUED).build());
    }

    private static BridgeEvent.Builder queued(RoutedLog log, long index, BridgeEventKind kind) {
        BridgeEvent.Builder b = Records.bridge(log, kind).setQueueIndex(index);
        // The sequencer must include a delayed message within maxTimeVariation.delaySeconds; after that
        // anyone may force it in (SequencerInbox.forceInclusion).
        log.rollup().params().forceInclusionWindow().ifPresent(window ->
                b.setDeadline(Instant.ofEpochMilli(log.blockTimeMillis()).plus(window)));
        return b;
    }

    // --- withdrawals ------------------------------------------------------------------------------------

    /**
     * A withdrawal executed from the Outbox. Its amount is in the call: {@code value} for ETH, or the
     * token gateway's {@code finalizeInboundTransfer(token, from, to, amount, data)} in {@code data}.
     */
    private static BridgeEvent outboxExecuted(DecodedEvent event, RoutedLog log, DecodeContext context) {
        BridgeEvent.Builder b = Records.bridge(log, BridgeEventKind.WITHDRAWAL_FINALIZED)
                .setMessageId(event.integer("transactionIndex").toString());
        b.getDetails().put("success", "true");
        b.getDetails().put("recipient", event.address("to"));
        b.getDetails().put("l2Sender", event.address("l2Sender"));
        Optional<L1Transaction> tx = context.transaction(log.log().transactionHash());
        if (Calls.calls(tx, log.log().address(), List.of(EXECUTE_TRANSACTION))) {
            List<Object> args = Calls.arguments(tx.get().input(), EXECUTE_TRANSACTION_ARGS);
            BigInteger l2Timestamp = (BigInteger) args.get(6);
            BigInteger value = (BigInteger) args.get(7);
            byte[] data = (byte[]) args.get(8);
            b.getDetails().put("initiatedAt", Instant.ofEpochSecond(l2Timestamp.longValue()).toString());
            Optional<String> inner = Calls.selectorOf(AbiDecoder.hex(data));
            if (value.signum() == 0 && inner.isPresent() && inner.get().equals(FINALIZE_INBOUND_TRANSFER)) {
                List<Object> transfer = Calls.arguments(AbiDecoder.hex(data),
                        List.of("address", "address", "address", "uint256"));
                b.setToken((String) transfer.get(0)).setAmount(transfer.get(3).toString());
                b.getDetails().put("recipient", (String) transfer.get(2));
            } else {
                b.setAmount(value.toString());
            }
        }
        return b.build();
    }

    // --- assertions, nodes, challenges ----------------------------------------------------------------

    private static ProofEvent assertionCreated(DecodedEvent event, RoutedLog log, DecodeContext context) {
        List<Object> assertion = event.list("assertion");
        @SuppressWarnings("unchecked")
        List<Object> afterState = (List<Object>) assertion.get(2);
        ProofEvent.Builder proof = Records.proof(log, ProofKind.STATE_PROPOSED)
                .setDisputeId(event.fixedBytes("assertionHash"))
                .setChallengePeriodEnd(Instant.ofEpochMilli(log.blockTimeMillis())
                        .plus(L1_BLOCK.multipliedBy(event.longValue("confirmPeriodBlocks"))));
        globalState(afterState, proof);
        context.transaction(log.log().transactionHash()).ifPresent(t -> proof.setActor(t.from().toLowerCase(Locale.ROOT)));
        return proof.build();
    }

    private static ProofEvent nodeCreated(DecodedEvent event, RoutedLog log, DecodeContext context) {
        List<Object> assertion = event.list("assertion");
        @SuppressWarnings("unchecked")
        List<Object> afterState = (List<Object>) assertion.get(1);
        ProofEvent.Builder proof = Records.proof(log, ProofKind.STATE_PROPOSED)
                .setDisputeId(Long.toString(event.longValue("nodeNum")));
        // Pre-BoLD NodeCreated carries no confirm period: the registry's challenge period stands in.
        log.rollup().params().challengePeriod().ifPresent(period ->
                proof.setChallengePeriodEnd(Instant.ofEpochMilli(log.blockTimeMillis()).plus(period)));
        globalState(afterState, proof);
        context.transaction(log.log().transactionHash()).ifPresent(t -> proof.setActor(t.from().toLowerCase(Locale.ROOT)));
        return proof.build();
    }

    /**
     * The claimed L2 state of an assertion's (or node's) after-state: GlobalState bytes32Vals = {L2 block
     * hash, send root}, u64Vals = {batch, position in batch} (src/state/GlobalState.sol). The state has read
     * every batch before {@code batch} in full, so the last batch it covers is {@code batch - 1}.
     */
    @SuppressWarnings("unchecked")
    private static void globalState(List<Object> state, ProofEvent.Builder proof) {
        List<Object> global = (List<Object>) state.get(0);
        List<Object> bytes32Vals = (List<Object>) global.get(0);
        List<Object> u64Vals = (List<Object>) global.get(1);
        proof.setStateRoot((String) bytes32Vals.get(0));
        long batch = ((BigInteger) u64Vals.get(0)).longValue();
        if (batch > 0) {
            proof.setBatchIndexEnd(batch - 1);
        }
    }

    /**
     * {@code STATE_FINALIZED} for the confirmed assertion, with the batches it covers when the
     * transaction calls {@code confirmAssertion} directly. A confirmation that names a winning edge ends
     * a challenge among the parent's children: {@code DISPUTE_RESOLVED} for the parent (the challenge's
     * origin, as {@code EdgeAdded} named it), won by the defender when the confirmed assertion was the
     * parent's first child, by the challenger when a later rival was.
     */
    private static List<SpecificRecord> assertionConfirmed(DecodedEvent event, RoutedLog log, DecodeContext context) {
        String assertionHash = event.fixedBytes("assertionHash");
        ProofEvent.Builder finalized = Records.proof(log, ProofKind.STATE_FINALIZED)
                .setStateRoot(event.fixedBytes("blockHash")).setDisputeId(assertionHash);
        Optional<L1Transaction> tx = context.transaction(log.log().transactionHash());
        tx.ifPresent(t -> finalized.setActor(t.from().toLowerCase(Locale.ROOT)));
        if (!Calls.calls(tx, log.log().address(), List.of(CONFIRM_ASSERTION))) {
            return List.of(finalized.build());
        }
        List<Object> args = Calls.arguments(tx.get().input(), CONFIRM_ASSERTION_ARGS);
        @SuppressWarnings("unchecked")
        List<Object> confirmState = (List<Object>) args.get(2);
        globalState(confirmState, finalized);
        finalized.setStateRoot(event.fixedBytes("blockHash"));
        List<SpecificRecord> out = new ArrayList<>();
        out.add(finalized.build());
        String winningEdge = (String) args.get(3);
        if (!Calls.isZero(winningEdge)) {
            Optional<String> node = context.call(log.log().address(), Calls.callData(GET_ASSERTION, assertionHash),
                    log.log().blockNumber());
            if (node.isPresent()) {
                boolean firstChild = (Boolean) AbiDecoder.decodeArguments(ASSERTION_NODE,
                        AbiDecoder.bytes(node.get())).get(3);
                out.add(Records.proof(log, ProofKind.DISPUTE_RESOLVED)
                        .setDisputeId((String) args.get(1))
                        .setDisputeOutcome(firstChild ? DisputeOutcome.DEFENDER_WINS : DisputeOutcome.CHALLENGER_WINS)
                        .setStateRoot(event.fixedBytes("blockHash"))
                        .setActor(finalized.getActor())
                        .build());
            }
        }
        return out;
    }

    /**
     * A BoLD challenge opens when the first layer-zero edge of block level is added for a pair of rival
     * assertions: such an edge can only be created when the parent assertion has two children, and the
     * first one of its mutual group has no rival yet. The dispute is named by the edge's origin, the
     * parent assertion (EdgeChallengeManager: "for a Block edge the origin id is the assertion hash of the
     * assertion that is the root of the challenge"), so that every rival edge and the final confirmation
     * name the same dispute.
     */
    private static List<SpecificRecord> edgeAdded(DecodedEvent event, RoutedLog log, DecodeContext context) {
        if (!event.bool("isLayerZero") || event.longValue("level") != 0 || event.bool("hasRival")) {
            return List.of();
        }
        ProofEvent.Builder opened = Records.proof(log, ProofKind.DISPUTE_OPENED)
                .setDisputeId(event.fixedBytes("originId")).setDisputeOutcome(DisputeOutcome.IN_PROGRESS);
        context.transaction(log.log().transactionHash()).ifPresent(t -> opened.setActor(t.from().toLowerCase(Locale.ROOT)));
        return List.of(opened.build());
    }

    // --- governance --------------------------------------------------------------------------------------

    private static BridgeEvent operator(RoutedLog log, String role, String address, boolean active) {
        return Records.operatorChanged(log, role, address, active).build();
    }

    /** The delay window changed: it bounds how long the sequencer may ignore the delayed inbox. */
    private static BridgeEvent maxTimeVariation(DecodedEvent event, RoutedLog log) {
        List<Object> values = event.list("maxTimeVariation");
        BridgeEvent.Builder b = Records.bridge(log, BridgeEventKind.OPERATOR_CHANGED).setSubject("maxTimeVariation");
        b.getDetails().put("role", "maxTimeVariation");
        b.getDetails().put("delayBlocks", values.get(0).toString());
        b.getDetails().put("futureBlocks", values.get(1).toString());
        b.getDetails().put("delaySeconds", values.get(2).toString());
        b.getDetails().put("futureSeconds", values.get(3).toString());
        b.getDetails().put("newValue", "delaySeconds=" + values.get(2) + ", delayBlocks=" + values.get(0));
        return b.build();
    }

    /**
     * {@code OwnerFunctionCalled(id)} marks every admin action on the Rollup, Bridge and SequencerInbox.
     * When the same contract's transaction also emitted an event that describes the action (a batch
     * poster, keyset or delay change), that event's record suffices; otherwise (an outbox, inbox or
     * challenge-manager swap, a wasm module root change) this is the only trace of it.
     */
    private static List<SpecificRecord> ownerFunction(DecodedEvent event, RoutedLog log, DecodeContext context) {
        for (L1Log other : context.logsOfTransaction(log.log().transactionHash())) {
            if (other.address().equalsIgnoreCase(log.log().address())
                    && SELF_DESCRIBED_OWNER_ACTIONS.contains(other.topic0().toLowerCase(Locale.ROOT))) {
                return List.of();
            }
        }
        String id = event.integer("id").toString();
        BridgeEvent.Builder b = Records.bridge(log, BridgeEventKind.OPERATOR_CHANGED).setSubject(log.log().address());
        b.getDetails().put("role", "owner");
        b.getDetails().put("ownerFunctionId", id);
        b.getDetails().put("newValue", "owner function " + id + " called");
        return List.of(b.build());
    }
}
