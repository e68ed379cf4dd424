package io.l2risk.ingest.decode;

import static io.l2risk.ingest.decode.ValidityDecoding.epochSeconds;
import static io.l2risk.ingest.decode.ValidityDecoding.sender;
import static io.l2risk.ingest.decode.ValidityDecoding.transaction;

import io.l2risk.avro.BatchPosted;
import io.l2risk.avro.BridgeEvent;
import io.l2risk.avro.BridgeEventKind;
import io.l2risk.avro.ProofKind;
import io.l2risk.ingest.EventCatalog.ZkSync;
import io.l2risk.ingest.EventSignature;
import io.l2risk.ingest.L1Transaction;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/**
 * zkSync Era and ZK stack chains: the diamond proxy's executor, mailbox and admin events
 * (matter-labs/era-contracts @5e7d0b4, l1-contracts/contracts/state-transition/chain-interfaces/IExecutor.sol,
 * IMailboxImpl.sol, IAdmin.sol). "Block" in the event names means batch.
 * <ul>
 *   <li>{@code BlockCommit} → {@code BatchPosted} (batchIndex = batchNumber) and a {@code STATE_PROPOSED}
 *       for that batch, whose state root is {@code batchHash} (the executor emits the committed batch's
 *       new state root there); the commit is the state commitment the proof is later checked against;</li>
 *   <li>{@code BlocksVerification} → {@code PROOF_VERIFIED} over previous+1 .. current;</li>
 *   <li>{@code BlockExecution} → {@code STATE_FINALIZED} of one batch;</li>
 *   <li>{@code BlocksRevert} → {@code STATE_REVERTED}, last batch kept = totalBatchesCommitted;</li>
 *   <li>{@code NewPriorityRequest} → {@code DEPOSIT_INITIATED} when the L2 transaction carries value
 *       (ETH, the base token of Era), else {@code L1_MESSAGE_QUEUED}; queueIndex = txId, messageId = the L2
 *       transaction hash, deadline = expirationTimestamp; {@code NewPriorityRequestId} stands for the same
 *       request and adds a record only when its full event is not in the transaction;</li>
 *   <li>{@code Freeze} / {@code Unfreeze} → {@code EMERGENCY_MODE} active=true/false: freezing the diamond
 *       halts every facet but the admin's, the ZK stack's emergency stop;</li>
 *   <li>{@code ValidatorStatusUpdate} → {@code OPERATOR_CHANGED} role validator.</li>
 * </ul>
 * The DA mode comes from the committing transaction: a blob transaction is BLOB (with all its blob hashes:
 * one commit transaction may commit several batches, and which blob belongs to which batch is only in the
 * commit calldata, whose layout changes between protocol versions), any other the registry's non-blob mode.
 */
final class ZkSyncDecoder implements StackDecoder {

    /** Position of {@code value} in L2CanonicalTransaction (txType, from, to, gasLimit, ..., nonce, value). */
    private static final int L2_TX_VALUE = 9;

    @Override
    public List<SpecificRecord> decode(DecodedEvent event, RoutedLog log, DecodeContext context) {
        EventSignature signature = event.event();
        if (signature.equals(ZkSync.BLOCK_COMMIT)) {
            return commit(event, log, context);
        }
        if (signature.equals(ZkSync.BLOCKS_VERIFICATION)) {
            long end = event.longValue("currentLastVerifiedBatch");
            return List.of(Records.proof(log, ProofKind.PROOF_VERIFIED)
                    .setBatchIndexStart(event.longValue("previousLastVerifiedBatch") + 1).setBatchIndexEnd(end)
                    .setActor(sender(transaction(log, context))).build());
        }
        if (signature.equals(ZkSync.BLOCK_EXECUTION)) {
            long batch = event.longValue("batchNumber");
            return List.of(Records.proof(log, ProofKind.STATE_FINALIZED).setBatchIndexStart(batch)
                    .setBatchIndexEnd(batch).setStateRoot(event.fixedBytes("batchHash"))
                    .setActor(sender(transaction(log, context))).build());
        }
        if (signature.equals(ZkSync.BLOCKS_REVERT)) {
            return List.of(Records.proof(log, ProofKind.STATE_REVERTED)
                    .setBatchIndexEnd(event.longValue("totalBatchesCommitted"))
                    .setActor(sender(transaction(log, context))).build());
        }
        if (signature.equals(ZkSync.NEW_PRIORITY_REQUEST)) {
            return List.of(priorityRequest(event, log));
        }
        if (signature.equals(ZkSync.NEW_PRIORITY_REQUEST_ID)) {
            long txId = event.longValue("txId");
            boolean full = ValidityDecoding.siblings(log, context, ZkSync.NEW_PRIORITY_REQUEST).stream()
                    .anyMatch(request -> request.longValue("txId") == txId);
            return full ? List.of() : List.of(Records.bridge(log, BridgeEventKind.L1_MESSAGE_QUEUED)
                    .setQueueIndex(txId).setMessageId(event.fixedBytes("txHash")).build());
        }
        if (signature.equals(ZkSync.FREEZE) || signature.equals(ZkSync.UNFREEZE)) {
            BridgeEvent.Builder emergency = Records.bridge(log, BridgeEventKind.EMERGENCY_MODE)
                    .setSubject(log.log().address());
            emergency.getDetails().put("active", Boolean.toString(signature.equals(ZkSync.FREEZE)));
            return List.of(emergency.build());
        }
        if (signature.equals(ZkSync.VALIDATOR_STATUS_UPDATE)) {
            String validator = event.address("validatorAddress");
            return List.of(Records.operatorChanged(log, "validator", validator, event.bool("isActive")).build());
        }
        throw new AbiDecodingException("no zkSync rule for " + signature.canonical());
    }

    private static List<SpecificRecord> commit(DecodedEvent event, RoutedLog log, DecodeContext context) {
        long batch = event.longValue("batchNumber");
        Optional<L1Transaction> tx = transaction(log, context);
        BatchPosted posted = ValidityDecoding.posted(log, tx).setBatchIndex(batch).build();
        return List.of(posted, Records.proof(log, ProofKind.STATE_PROPOSED).setBatchIndexStart(batch)
                .setBatchIndexEnd(batch).setStateRoot(event.fixedBytes("batchHash")).setActor(sender(tx)).build());
    }

    private static BridgeEvent priorityRequest(DecodedEvent event, RoutedLog log) {
        BigInteger value = (BigInteger) event.list("transaction").get(L2_TX_VALUE);
        // The L2 call's value is what the recipient receives; ERC-20 deposits go through the shared bridge
        // with value 0 and their amount inside the L2 calldata, so they stay plain queued messages.
        boolean deposit = value.signum() > 0;
        BridgeEvent.Builder request = Records.bridge(log,
                        deposit ? BridgeEventKind.DEPOSIT_INITIATED : BridgeEventKind.L1_MESSAGE_QUEUED)
                .setQueueIndex(event.longValue("txId"))
                .setMessageId(event.fixedBytes("txHash"))
                .setDeadline(epochSeconds(event.integer("expirationTimestamp")));
        if (deposit) {
            request.setAmount(value.toString());
        }
        return request.build();
    }
}
