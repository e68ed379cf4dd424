package io.l2risk.ingest.decode;

import static io.l2risk.ingest.decode.ValidityDecoding.addressWord;
import static io.l2risk.ingest.decode.ValidityDecoding.sender;
import static io.l2risk.ingest.decode.ValidityDecoding.transaction;
import static io.l2risk.ingest.decode.ValidityDecoding.word;

import io.l2risk.avro.BatchPosted;
import io.l2risk.avro.BridgeEvent;
import io.l2risk.avro.BridgeEventKind;
import io.l2risk.avro.ProofKind;
import io.l2risk.ingest.EventCatalog.Starknet;
import io.l2risk.ingest.EventSignature;
import io.l2risk.ingest.L1Transaction;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/**
 * Starknet core contract (starkware-libs/cairo-lang @66355d7, src/starkware/starknet/solidity/Starknet.sol,
 * IStarknetMessagingEvents.sol, StarknetMessaging.sol).
 * <ul>
 *   <li>{@code LogStateUpdate} (both versions) → {@code BatchPosted} (DA mode from the {@code updateState}
 *       transaction, which carries the state diff in its blobs or calldata; l2BlockEnd = blockNumber) and a
 *       {@code STATE_FINALIZED} for blockNumber with stateRoot = globalRoot. {@code updateState} only accepts
 *       a state transition whose proof SHARP has already verified, so the update is final at once: no
 *       separate proposal or proof record (as the simulator reports Starknet);</li>
 *   <li>{@code LogMessageToL2} → {@code L1_MESSAGE_QUEUED}, queueIndex = nonce, messageId = the message
 *       hash ({@code getL1ToL2MsgHash}); the core contract sees only the fee, a bridge's amount is inside
 *       its payload, so no deposit amount is claimed;</li>
 *   <li>{@code ConsumedMessageToL2} → {@code L1_MESSAGE_CONSUMED} through its nonce, with the same hash;</li>
 *   <li>{@code ConsumedMessageToL1} → {@code WITHDRAWAL_FINALIZED} with the L2→L1 message hash (an L1
 *       contract, typically a bridge releasing funds, consumed it);</li>
 *   <li>{@code ProgramHashChanged} / {@code ConfigHashChanged} → {@code CONTRACT_UPGRADED}: the program hash
 *       names the Starknet OS whose proofs the contract accepts, the config hash its parameters, so a change
 *       replaces the rules state transitions are checked against, as a code upgrade does;</li>
 *   <li>{@code LogStateTransitionFact}, {@code LogMessageToL1} (emitted inside the state update that makes
 *       the message consumable) and {@code MessageToL2CancellationStarted} carry nothing the engine uses.</li>
 * </ul>
 */
final class StarknetDecoder implements StackDecoder {

    @Override
    public List<SpecificRecord> decode(DecodedEvent event, RoutedLog log, DecodeContext context) {
        EventSignature signature = event.event();
        if (signature.equals(Starknet.LOG_STATE_UPDATE) || signature.equals(Starknet.LOG_STATE_UPDATE_LEGACY)) {
            return stateUpdate(event, log, context);
        }
        if (signature.equals(Starknet.LOG_MESSAGE_TO_L2) || signature.equals(Starknet.CONSUMED_MESSAGE_TO_L2)) {
            BigInteger nonce = event.integer("nonce");
            BridgeEventKind kind = signature.equals(Starknet.LOG_MESSAGE_TO_L2) ? BridgeEventKind.L1_MESSAGE_QUEUED
                    : BridgeEventKind.L1_MESSAGE_CONSUMED;
            return List.of(Records.bridge(log, kind).setQueueIndex(ValidityDecoding.longOrNull(nonce))
                    .setMessageId(l1ToL2Hash(event.address("fromAddress"), event.integer("toAddress"), nonce,
                            event.integer("selector"), payload(event)))
                    .build());
        }
        if (signature.equals(Starknet.CONSUMED_MESSAGE_TO_L1)) {
            BridgeEvent.Builder withdrawal = Records.bridge(log, BridgeEventKind.WITHDRAWAL_FINALIZED)
                    .setMessageId(l2ToL1Hash(event.integer("fromAddress"), event.address("toAddress"), payload(event)));
            withdrawal.getDetails().put("success", "true");
            return List.of(withdrawal.build());
        }
        if (signature.equals(Starknet.PROGRAM_HASH_CHANGED)) {
            return List.of(hashChange(log, event, "programHash", "oldProgramHash", "newProgramHash"));
        }
        if (signature.equals(Starknet.CONFIG_HASH_CHANGED)) {
            return List.of(hashChange(log, event, "configHash", "oldConfigHash", "newConfigHash"));
        }
        if (signature.equals(Starknet.LOG_STATE_TRANSITION_FACT) || signature.equals(Starknet.LOG_MESSAGE_TO_L1)
                || signature.equals(Starknet.MESSAGE_TO_L2_CANCELLATION_STARTED)) {
            return List.of();
        }
        throw new AbiDecodingException("no Starknet rule for " + signature.canonical());
    }

    private static List<SpecificRecord> stateUpdate(DecodedEvent event, RoutedLog log, DecodeContext context) {
        // blockNumber is int256: -1 before the first block.
        Long block = ValidityDecoding.longOrNull(event.integer("blockNumber"));
        String root = Calls.word(event.integer("globalRoot"));
        Optional<L1Transaction> tx = transaction(log, context);
        BatchPosted batch = ValidityDecoding.posted(log, tx).setL2BlockEnd(block).build();
        return List.of(batch, Records.proof(log, ProofKind.STATE_FINALIZED).setL2BlockNumber(block).setStateRoot(root)
                .setActor(sender(tx)).build());
    }

    private static BridgeEvent hashChange(RoutedLog log, DecodedEvent event, String what, String oldName,
            String newName) {
        String newHash = Calls.word(event.integer(newName));
        BridgeEvent.Builder change = Records.bridge(log, BridgeEventKind.CONTRACT_UPGRADED)
                .setSubject(log.log().address());
        change.getDetails().put("changed", what);
        change.getDetails().put(oldName, Calls.word(event.integer(oldName)));
        change.getDetails().put(newName, newHash);
        // GOVERNANCE_CHANGE names the new value of an upgrade from newImplementation.
        change.getDetails().put("newImplementation", newHash);
        change.getDetails().put("changedBy", event.address("changedBy"));
        return change.build();
    }

    @SuppressWarnings("unchecked")
    private static List<BigInteger> payload(DecodedEvent event) {
        return (List<BigInteger>) (List<?>) event.list("payload");
    }

    /**
     * {@code keccak256(abi.encodePacked(uint256(uint160(fromAddress)), toAddress, nonce, selector,
     * payload.length, payload))} (StarknetMessaging {@code getL1ToL2MsgHash}).
     */
    static String l1ToL2Hash(String from, BigInteger to, BigInteger nonce, BigInteger selector,
            List<BigInteger> payload) {
        List<byte[]> words = new ArrayList<>(List.of(addressWord(from), word(to), word(nonce), word(selector),
                word(BigInteger.valueOf(payload.size()))));
        payload.forEach(p -> words.add(word(p)));
        return ValidityDecoding.keccak(ValidityDecoding.concat(words));
    }

    /**
     * {@code keccak256(abi.encodePacked(fromAddress, uint256(uint160(toAddress)), payload.length, payload))}
     * (StarknetMessaging {@code consumeMessageFromL2}).
     */
    static String l2ToL1Hash(BigInteger from, String to, List<BigInteger> payload) {
        List<byte[]> words = new ArrayList<>(List.of(word(from), addressWord(to),
                word(BigInteger.valueOf(payload.size()))));
        payload.forEach(p -> words.add(word(p)));
        return ValidityDecoding.keccak(ValidityDecoding.concat(words));
    }
}
