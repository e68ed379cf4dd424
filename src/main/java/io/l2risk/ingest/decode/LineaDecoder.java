package io.l2risk.ingest.decode;

import static io.l2risk.ingest.decode.ValidityDecoding.addressWord;
import static io.l2risk.ingest.decode.ValidityDecoding.sender;
import static io.l2risk.ingest.decode.ValidityDecoding.siblings;
import static io.l2risk.ingest.decode.ValidityDecoding.transaction;
import static io.l2risk.ingest.decode.ValidityDecoding.word;

import io.l2risk.avro.BridgeEvent;
import io.l2risk.avro.BridgeEventKind;
import io.l2risk.avro.ProofKind;
import io.l2risk.ingest.EventCatalog.Linea;
import io.l2risk.ingest.EventSignature;
import io.l2risk.ingest.L1Transaction;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/**
 * Linea: the LineaRollup proxy, which is also the L1 message service (Consensys/linea-monorepo @cb18013,
 * contracts/src; legacy events from LineaRollupV5). Linea numbers L2 blocks, not batches.
 * <ul>
 *   <li>{@code DataSubmittedV3} → {@code BatchPosted} (DA mode from the posting transaction: blob and
 *       calldata submissions both end in this event) and a {@code STATE_PROPOSED} with the claimed
 *       finalStateRootHash; the event names no L2 blocks. Legacy {@code DataSubmittedV2} gives the L2 block
 *       range instead, and the proposal is for its end block;</li>
 *   <li>{@code DataFinalizedV3} → {@code STATE_FINALIZED} for endBlockNumber with the final state root;
 *       finalization verifies the aggregated proof in the same call, so one record stands for both (as the
 *       simulator reports Linea). Legacy {@code DataFinalized} and {@code BlocksVerificationDone} alike;</li>
 *   <li>{@code FinalizedStateUpdated} → {@code L1_MESSAGE_CONSUMED} through messageNumber (the last L1→L2
 *       message whose rolling hash the finalized L2 state proves it processed), and a
 *       {@code STATE_FINALIZED} for blockNumber only when no {@code DataFinalizedV3} of the same
 *       transaction reports the finalization already;</li>
 *   <li>{@code MessageSent} → {@code DEPOSIT_INITIATED} with the ETH value, else {@code L1_MESSAGE_QUEUED};
 *       queueIndex = the nonce (the message number its {@code RollingHashUpdated} repeats, which therefore
 *       adds nothing), messageId = the message hash;</li>
 *   <li>{@code MessageClaimed} → {@code WITHDRAWAL_FINALIZED}; the amount is read from the claiming
 *       transaction when it calls {@code claimMessage} or {@code claimMessageWithProof} directly and its
 *       arguments hash to the claimed message (a claim through another contract keeps no amount);</li>
 *   <li>{@code Paused} / {@code UnPaused} → {@code PAUSED} / {@code UNPAUSED} per pause type: each type is
 *       paused and lifted on its own, so the subject is {@code <contract>/<pauseType>};</li>
 *   <li>{@code ForcedTransactionAdded} → {@code L1_MESSAGE_QUEUED} with the forced transaction's number and
 *       its L2 block deadline in the details. It has no queueIndex: forced transactions are numbered apart
 *       from messages, and L1_QUEUE_STARVATION follows one queue per rollup. The deadline is an L2 block
 *       number, not a time, so {@code deadline} stays unset;</li>
 *   <li>liveness-recovery (fallback) operator grants and verifier changes → {@code OPERATOR_CHANGED}.</li>
 * </ul>
 */
final class LineaDecoder implements StackDecoder {

    /** IPauseManager.PauseType at the catalog's commit. */
    private static final List<String> PAUSE_TYPES = List.of("UNUSED", "GENERAL", "L1_L2", "L2_L1", "BLOB_SUBMISSION",
            "CALLDATA_SUBMISSION", "FINALIZATION", "INITIATE_TOKEN_BRIDGING", "COMPLETE_TOKEN_BRIDGING");

    private static final byte[] CLAIM_MESSAGE = ValidityDecoding.selector(
            "claimMessage(address,address,uint256,uint256,address,bytes,uint256)");
    private static final List<String> CLAIM_MESSAGE_ARGS = List.of("address", "address", "uint256", "uint256",
            "address", "bytes", "uint256");
    // ClaimMessageWithProofParams (bytes32[] proof, uint256 messageNumber, uint32 leafIndex, address from,
    // address to, uint256 fee, uint256 value, address feeRecipient, bytes32 merkleRoot, bytes data)
    private static final String CLAIM_PARAMS = "(bytes32[],uint256,uint32,address,address,uint256,uint256,address,bytes32,bytes)";
    private static final byte[] CLAIM_MESSAGE_WITH_PROOF = ValidityDecoding.selector(
            "claimMessageWithProof(" + CLAIM_PARAMS + ")");

    @Override
    public List<SpecificRecord> decode(DecodedEvent event, RoutedLog log, DecodeContext context) {
        EventSignature signature = event.event();
        if (signature.equals(Linea.DATA_SUBMITTED_V3)) {
            Optional<L1Transaction> tx = transaction(log, context);
            return List.of(ValidityDecoding.posted(log, tx).build(), Records.proof(log, ProofKind.STATE_PROPOSED)
                    .setStateRoot(event.fixedBytes("finalStateRootHash")).setActor(sender(tx)).build());
        }
        if (signature.equals(Linea.DATA_SUBMITTED_V2)) {
            Optional<L1Transaction> tx = transaction(log, context);
            long end = event.longValue("endBlock");
            return List.of(ValidityDecoding.posted(log, tx).setL2BlockStart(event.longValue("startBlock"))
                    .setL2BlockEnd(end).build(),
                    Records.proof(log, ProofKind.STATE_PROPOSED).setL2BlockNumber(end).setActor(sender(tx)).build());
        }
        if (signature.equals(Linea.DATA_FINALIZED_V3)) {
            return finalized(log, context, event.longValue("endBlockNumber"), event.fixedBytes("finalStateRootHash"));
        }
        if (signature.equals(Linea.DATA_FINALIZED) || signature.equals(Linea.BLOCKS_VERIFICATION_DONE)) {
            return finalized(log, context, event.longValue("lastBlockFinalized"), event.fixedBytes("finalRootHash"));
        }
        if (signature.equals(Linea.FINALIZED_STATE_UPDATED)) {
            return finalizedState(event, log, context);
        }
        if (signature.equals(Linea.MESSAGE_SENT)) {
            BigInteger value = event.integer("_value");
            BridgeEvent.Builder message = Records.bridge(log,
                            value.signum() > 0 ? BridgeEventKind.DEPOSIT_INITIATED : BridgeEventKind.L1_MESSAGE_QUEUED)
                    .setQueueIndex(ValidityDecoding.longOrNull(event.integer("_nonce")))
                    .setMessageId(event.fixedBytes("_messageHash"));
            if (value.signum() > 0) {
                message.setAmount(value.toString());
            }
            return List.of(message.build());
        }
        if (signature.equals(Linea.ROLLING_HASH_UPDATED)) {
            return List.of();
        }
        if (signature.equals(Linea.MESSAGE_CLAIMED)) {
            return List.of(claimed(event.fixedBytes("_messageHash"), log, context));
        }
        if (signature.equals(Linea.PAUSED) || signature.equals(Linea.UN_PAUSED)) {
            String type = pauseType(event.integer("pauseType"));
            BridgeEvent.Builder pause = Records.bridge(log,
                            signature.equals(Linea.PAUSED) ? BridgeEventKind.PAUSED : BridgeEventKind.UNPAUSED)
                    .setSubject(log.log().address() + "/" + type);
            pause.getDetails().put("pauseType", type);
            pause.getDetails().put("messageSender", event.address("messageSender"));
            return List.of(pause.build());
        }
        if (signature.equals(Linea.LIVENESS_RECOVERY_OPERATOR_ROLE_GRANTED)
                || signature.equals(Linea.FALLBACK_OPERATOR_ROLE_GRANTED)) {
            // The operator role goes to a fallback account only after six months without finalization.
            String operator = (String) event.get(1);
            BridgeEvent.Builder grant = Records.bridge(log, BridgeEventKind.OPERATOR_CHANGED).setSubject(operator);
            grant.getDetails().put("role", "livenessRecoveryOperator");
            grant.getDetails().put("operator", operator);
            grant.getDetails().put("caller", event.address("caller"));
            return List.of(grant.build());
        }
        if (signature.equals(Linea.FORCED_TRANSACTION_ADDED)) {
            BridgeEvent.Builder forced = Records.bridge(log, BridgeEventKind.L1_MESSAGE_QUEUED)
                    .setMessageId(event.fixedBytes("forcedTransactionRollingHash"));
            forced.getDetails().put("forcedTransactionNumber", event.integer("forcedTransactionNumber").toString());
            forced.getDetails().put("from", event.address("from"));
            forced.getDetails().put("blockNumberDeadline", event.integer("blockNumberDeadline").toString());
            return List.of(forced.build());
        }
        if (signature.equals(Linea.VERIFIER_ADDRESS_CHANGED)) {
            String verifier = event.address("verifierAddress");
            BridgeEvent.Builder change = Records.bridge(log, BridgeEventKind.OPERATOR_CHANGED).setSubject(verifier);
            change.getDetails().put("role", "verifier");
            change.getDetails().put("operator", verifier);
            change.getDetails().put("previousOperator", event.address("oldVerifierAddress"));
            change.getDetails().put("proofType", event.integer("proofType").toString());
            change.getDetails().put("setBy", event.address("verifierSetBy"));
            return List.of(change.build());
        }
        throw new AbiDecodingException("no Linea rule for " + signature.canonical());
    }

    private static List<SpecificRecord> finalized(RoutedLog log, DecodeContext context, long l2Block, String root) {
        return List.of(Records.proof(log, ProofKind.STATE_FINALIZED).setL2BlockNumber(l2Block).setStateRoot(root)
                .setActor(sender(transaction(log, context))).build());
    }

    private static List<SpecificRecord> finalizedState(DecodedEvent event, RoutedLog log, DecodeContext context) {
        List<SpecificRecord> records = new ArrayList<>();
        if (siblings(log, context, Linea.DATA_FINALIZED_V3).isEmpty()) {
            records.add(Records.proof(log, ProofKind.STATE_FINALIZED).setL2BlockNumber(event.longValue("blockNumber"))
                    .setActor(sender(transaction(log, context))).build());
        }
        BigInteger messageNumber = event.integer("messageNumber");
        if (messageNumber.signum() > 0) {
            BridgeEvent.Builder consumed = Records.bridge(log, BridgeEventKind.L1_MESSAGE_CONSUMED)
                    .setQueueIndex(ValidityDecoding.longOrNull(messageNumber));
            consumed.getDetails().put("forcedTransactionNumber", event.integer("forcedTransactionNumber").toString());
            records.add(consumed.build());
        }
        return records;
    }

    private static BridgeEvent claimed(String messageHash, RoutedLog log, DecodeContext context) {
        BridgeEvent.Builder claim = Records.bridge(log, BridgeEventKind.WITHDRAWAL_FINALIZED).setMessageId(messageHash);
        claim.getDetails().put("success", "true");
        transaction(log, context)
                .filter(tx -> log.log().address().equalsIgnoreCase(tx.to()))
                .flatMap(tx -> claimedValue(tx.input(), messageHash))
                .ifPresent(value -> claim.setAmount(value.toString()));
        return claim.build();
    }

    /** The ETH value of the claim in {@code input}, if it is a direct claim of {@code messageHash}. */
    static Optional<BigInteger> claimedValue(String input, String messageHash) {
        byte[] data = AbiDecoder.bytes(input);
        if (data.length < 4) {
            return Optional.empty();
        }
        byte[] selector = Arrays.copyOf(data, 4);
        byte[] arguments = Arrays.copyOfRange(data, 4, data.length);
        List<Object> message;
        try {
            if (Arrays.equals(selector, CLAIM_MESSAGE)) {
                List<Object> a = AbiDecoder.decodeArguments(CLAIM_MESSAGE_ARGS, arguments);
                message = List.of(a.get(0), a.get(1), a.get(2), a.get(3), a.get(6), a.get(5));
            } else if (Arrays.equals(selector, CLAIM_MESSAGE_WITH_PROOF)) {
                @SuppressWarnings("unchecked")
                List<Object> p = (List<Object>) AbiDecoder.decodeArguments(List.of(CLAIM_PARAMS), arguments).get(0);
                message = List.of(p.get(3), p.get(4), p.get(5), p.get(6), p.get(1), p.get(9));
            } else {
                return Optional.empty();
            }
        } catch (AbiDecodingException e) {
            return Optional.empty();
        }
        // MessageHashing._hashMessage: keccak256(abi.encode(from, to, fee, value, messageNumber, calldata)).
        byte[] encoded = ValidityDecoding.encodeWithTrailingBytes(List.of(addressWord((String) message.get(0)),
                addressWord((String) message.get(1)), word((BigInteger) message.get(2)), word((BigInteger) message.get(3)),
                word((BigInteger) message.get(4))), (byte[]) message.get(5));
        return ValidityDecoding.keccak(encoded).equalsIgnoreCase(messageHash)
                ? Optional.of((BigInteger) message.get(3)) : Optional.empty();
    }

    private static String pauseType(BigInteger value) {
        return value.bitLength() < 8 && value.intValue() < PAUSE_TYPES.size() ? PAUSE_TYPES.get(value.intValue())
                : "TYPE_" + value;
    }
}
