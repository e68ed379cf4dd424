package io.l2risk.ingest.decode;

import static io.l2risk.ingest.decode.ValidityDecoding.addressWord;
import static io.l2risk.ingest.decode.ValidityDecoding.sender;
import static io.l2risk.ingest.decode.ValidityDecoding.siblings;
import static io.l2risk.ingest.decode.ValidityDecoding.transaction;
import static io.l2risk.ingest.decode.ValidityDecoding.word;

import io.l2risk.avro.BatchPosted;
import io.l2risk.avro.BridgeEvent;
import io.l2risk.avro.BridgeEventKind;
import io.l2risk.avro.DaMode;
import io.l2risk.avro.ProofKind;
import io.l2risk.ingest.EventCatalog.Scroll;
import io.l2risk.ingest.EventSignature;
import io.l2risk.ingest.L1Transaction;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/**
 * Scroll: ScrollChain, the L1 message queue and the L1ScrollMessenger (scroll-tech/scroll-contracts @dfbd661,
 * src/L1/rollup/IScrollChain.sol, IL1MessageQueueV2.sol, src/libraries/IScrollMessenger.sol).
 * <ul>
 *   <li>{@code CommitBatch} → {@code BatchPosted} (batchIndex) and a {@code STATE_PROPOSED} for the batch,
 *       without a state root (the commit names only the batch hash; the root comes with finalization).
 *       Every batch since codec v1 carries exactly one blob and {@code commitBatches} (v7) emits one
 *       {@code CommitBatch} per blob in order, so when the counts match, the n-th commit of a transaction
 *       gets its n-th blob; otherwise every batch lists all the transaction's blobs;</li>
 *   <li>{@code FinalizeBatch} → {@code STATE_FINALIZED} through batchIndex with the state root. Finalizing a
 *       bundle verifies its proof in the same call, so one record stands for both; a separate
 *       PROOF_VERIFIED would make PROOF_BACKLOG judge the same step twice. The bundle's first batch is not
 *       in the event (only the last is), so batchIndexStart stays unset;</li>
 *   <li>{@code RevertBatch} → {@code STATE_REVERTED} keeping the batch before the first reverted one: the
 *       per-batch overload is emitted once per reverted batch, and only the lowest of a transaction makes a
 *       record; the range overload keeps startBatchIndex − 1;</li>
 *   <li>{@code SentMessage} → {@code DEPOSIT_INITIATED} with the ETH value, or {@code L1_MESSAGE_QUEUED}
 *       without; queueIndex = messageNonce (the messenger takes the queue's next index as nonce), messageId
 *       = the hash the L2 messenger relays it under. {@code QueueTransaction} makes a record only when no
 *       such {@code SentMessage} is in the transaction (enforced transactions, or an unwatched messenger),
 *       so a message is counted once;</li>
 *   <li>{@code FinalizedDequeuedTransaction} → {@code L1_MESSAGE_CONSUMED} through finalizedIndex (the
 *       last finalized message index);</li>
 *   <li>{@code UpdateEnforcedBatchMode} → {@code EMERGENCY_MODE} active/enabled: in enforced batch mode
 *       the sequencer is bypassed because messages or finalization were overdue;</li>
 *   <li>{@code UpdateSequencer} / {@code UpdateProver} → {@code OPERATOR_CHANGED}.</li>
 * </ul>
 */
final class ScrollDecoder implements StackDecoder {

    private static final byte[] RELAY_MESSAGE = ValidityDecoding.selector("relayMessage(address,address,uint256,uint256,bytes)");

    @Override
    public List<SpecificRecord> decode(DecodedEvent event, RoutedLog log, DecodeContext context) {
        EventSignature signature = event.event();
        if (signature.equals(Scroll.COMMIT_BATCH)) {
            return commit(event, log, context);
        }
        if (signature.equals(Scroll.FINALIZE_BATCH)) {
            return List.of(Records.proof(log, ProofKind.STATE_FINALIZED).setBatchIndexEnd(event.longValue("batchIndex"))
                    .setStateRoot(event.fixedBytes("stateRoot")).setActor(sender(transaction(log, context))).build());
        }
        if (signature.equals(Scroll.REVERT_BATCH)) {
            long index = event.longValue("batchIndex");
            boolean lowest = siblings(log, context, Scroll.REVERT_BATCH).stream()
                    .noneMatch(other -> other.longValue("batchIndex") < index);
            return lowest ? revert(log, context, index) : List.of();
        }
        if (signature.equals(Scroll.REVERT_BATCH_RANGE)) {
            return revert(log, context, event.longValue("startBatchIndex"));
        }
        if (signature.equals(Scroll.SENT_MESSAGE)) {
            return List.of(sentMessage(event, log));
        }
        if (signature.equals(Scroll.QUEUE_TRANSACTION)) {
            long queueIndex = event.longValue("queueIndex");
            boolean byMessenger = siblings(log, context, Scroll.SENT_MESSAGE).stream()
                    .anyMatch(sent -> sent.integer("messageNonce").equals(BigInteger.valueOf(queueIndex)));
            return byMessenger ? List.of()
                    : List.of(Records.bridge(log, BridgeEventKind.L1_MESSAGE_QUEUED).setQueueIndex(queueIndex).build());
        }
        if (signature.equals(Scroll.FINALIZED_DEQUEUED_TRANSACTION)) {
            return List.of(Records.bridge(log, BridgeEventKind.L1_MESSAGE_CONSUMED)
                    .setQueueIndex(event.longValue("finalizedIndex")).build());
        }
        if (signature.equals(Scroll.UPDATE_ENFORCED_BATCH_MODE)) {
            String enabled = Boolean.toString(event.bool("enabled"));
            BridgeEvent.Builder mode = Records.bridge(log, BridgeEventKind.EMERGENCY_MODE).setSubject(log.log().address());
            mode.getDetails().put("active", enabled);
            mode.getDetails().put("enabled", enabled);
            mode.getDetails().put("lastCommittedBatchIndex", event.integer("lastCommittedBatchIndex").toString());
            return List.of(mode.build());
        }
        if (signature.equals(Scroll.UPDATE_SEQUENCER) || signature.equals(Scroll.UPDATE_PROVER)) {
            String account = event.address("account");
            return List.of(Records.operatorChanged(log,
                    signature.equals(Scroll.UPDATE_SEQUENCER) ? "sequencer" : "prover", account, event.bool("status"))
                    .build());
        }
        throw new AbiDecodingException("no Scroll rule for " + signature.canonical());
    }

    private static List<SpecificRecord> commit(DecodedEvent event, RoutedLog log, DecodeContext context) {
        long index = event.longValue("batchIndex");
        Optional<L1Transaction> tx = transaction(log, context);
        BatchPosted.Builder batch = ValidityDecoding.posted(log, tx).setBatchIndex(index);
        if (batch.getDaMode() == DaMode.BLOB) {
            List<String> blobs = tx.orElseThrow().blobVersionedHashes();
            int commits = siblings(log, context, Scroll.COMMIT_BATCH).size();
            int position = ValidityDecoding.positionAmong(log, context, Scroll.COMMIT_BATCH);
            if (commits == blobs.size() && position >= 0 && position < blobs.size()) {
                batch.setBlobVersionedHashes(List.of(blobs.get(position)));
            }
        }
        return List.of(batch.build(), Records.proof(log, ProofKind.STATE_PROPOSED).setBatchIndexStart(index)
                .setBatchIndexEnd(index).setActor(sender(tx)).build());
    }

    private static List<SpecificRecord> revert(RoutedLog log, DecodeContext context, long firstReverted) {
        return List.of(Records.proof(log, ProofKind.STATE_REVERTED).setBatchIndexEnd(firstReverted - 1)
                .setActor(sender(transaction(log, context))).build());
    }

    private static BridgeEvent sentMessage(DecodedEvent event, RoutedLog log) {
        BigInteger value = event.integer("value");
        BigInteger nonce = event.integer("messageNonce");
        BridgeEvent.Builder message = Records.bridge(log,
                        value.signum() > 0 ? BridgeEventKind.DEPOSIT_INITIATED : BridgeEventKind.L1_MESSAGE_QUEUED)
                .setQueueIndex(ValidityDecoding.longOrNull(nonce))
                .setMessageId(messageHash(event.address("sender"), event.address("target"), value, nonce,
                        event.bytes("message")));
        if (value.signum() > 0) {
            message.setAmount(value.toString());
        }
        return message.build();
    }

    /**
     * The hash the L2 messenger relays the message under: Keccak-256 of
     * {@code abi.encodeWithSignature("relayMessage(address,address,uint256,uint256,bytes)", ...)}
     * (ScrollMessengerBase {@code _encodeXDomainCalldata}).
     */
    static String messageHash(String sender, String target, BigInteger value, BigInteger nonce, byte[] message) {
        byte[] arguments = ValidityDecoding.encodeWithTrailingBytes(
                List.of(addressWord(sender), addressWord(target), word(value), word(nonce)), message);
        return ValidityDecoding.keccak(ValidityDecoding.concat(List.of(RELAY_MESSAGE, arguments)));
    }
}
