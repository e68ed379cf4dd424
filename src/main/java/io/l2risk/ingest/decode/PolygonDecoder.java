package io.l2risk.ingest.decode;

import static io.l2risk.ingest.decode.ValidityDecoding.addressWord;
import static io.l2risk.ingest.decode.ValidityDecoding.sender;
import static io.l2risk.ingest.decode.ValidityDecoding.transaction;

import io.l2risk.avro.BatchPosted;
import io.l2risk.avro.BridgeEvent;
import io.l2risk.avro.BridgeEventKind;
import io.l2risk.avro.ProofKind;
import io.l2risk.ingest.EventCatalog.Polygon;
import io.l2risk.ingest.EventSignature;
import io.l2risk.ingest.L1Transaction;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polygon zkEVM and Agglayer chains (0xPolygonHermez/zkevm-contracts @4912f4b: PolygonZkEVM.sol,
 * v2/PolygonRollupManager.sol, v2/lib/PolygonRollupBaseEtrog.sol, lib/EmergencyManager.sol,
 * v2/PolygonZkEVMBridgeV2.sol; agglayer/agglayer-contracts AgglayerManager.sol).
 *
 * <p>The rollup manager and the bridge are shared by every Agglayer chain, so their events are this
 * rollup's only when they name its rollup ID (also its bridge network ID). The registry does not list that
 * ID; the decoder asks the manager ({@code rollupAddressToID(polygonZkEvm)}, an {@code eth_call} at the log's
 * block) and remembers a non-zero answer, which never changes once a rollup is added. When it cannot tell
 * (no manager or rollup contract configured, or the manager does not know the address, as before the Etrog
 * migration) it keeps every event, and says so once in the log.
 * <ul>
 *   <li>{@code SequenceBatches} (legacy and Etrog) and {@code SequenceForceBatches} → {@code BatchPosted}
 *       (batchIndex = numBatch, the last batch of the sequence) and a {@code STATE_PROPOSED} for it; the
 *       batch reports as l1MessagesProcessed the forced-batch queue position read through
 *       ({@code lastForceBatchSequenced() + 1}, asked of the emitting contract at the log's block), because
 *       ordinary sequences include due forced batches without a forced-batch event. The rollup manager's
 *       {@code OnSequenceBatches} repeats the rollup contract's own event in the same call and adds nothing;</li>
 *   <li>{@code VerifyBatches*} → {@code PROOF_VERIFIED} through numBatch with the state root, actor = the
 *       aggregator (as the simulator reports Polygon: verification consolidates the state at once);
 *       {@code VerifyPessimisticStateTransition} → {@code PROOF_VERIFIED} with the new pessimistic root;</li>
 *   <li>{@code ForceBatch} → {@code L1_MESSAGE_QUEUED}, queueIndex = forceBatchNum;</li>
 *   <li>{@code EmergencyStateActivated} / {@code Deactivated} → {@code EMERGENCY_MODE} active=true/false;</li>
 *   <li>{@code BridgeEvent} to this rollup's network → {@code DEPOSIT_INITIATED} (token = originAddress,
 *       null for ETH; a message leaf with value is an ETH deposit) or {@code L1_MESSAGE_QUEUED};
 *       {@code ClaimEvent} of an exit from this rollup → {@code WITHDRAWAL_FINALIZED}, messageId =
 *       globalIndex;</li>
 *   <li>{@code UpdateL1InfoTree} is exit-root bookkeeping for all chains: nothing.</li>
 * </ul>
 */
final class PolygonDecoder implements StackDecoder {

    private static final Logger LOG = LoggerFactory.getLogger(PolygonDecoder.class);

    private static final String ROLLUP_MANAGER = "polygonRollupManager";
    private static final String ROLLUP_CONTRACT = "polygonZkEvm";
    private static final byte[] ROLLUP_ADDRESS_TO_ID = ValidityDecoding.selector("rollupAddressToID(address)");
    private static final String LAST_FORCE_BATCH_SEQUENCED = Calls.selector("lastForceBatchSequenced()");
    private static final BigInteger UINT32 = BigInteger.ONE.shiftLeft(32).subtract(BigInteger.ONE);
    private static final String ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";

    /** Rollup id → its Agglayer rollup ID, once the manager named it. */
    private final Map<String, Long> networkIds = new ConcurrentHashMap<>();
    /** Rollup id → the L1 block at which the manager last could not name it: asked again only at a later block. */
    private final Map<String, Long> unknownAt = new ConcurrentHashMap<>();
    private final Map<String, Boolean> warned = new ConcurrentHashMap<>();

    @Override
    public List<SpecificRecord> decode(DecodedEvent event, RoutedLog log, DecodeContext context) {
        EventSignature signature = event.event();
        if (signature.equals(Polygon.SEQUENCE_BATCHES) || signature.equals(Polygon.SEQUENCE_BATCHES_LEGACY)
                || signature.equals(Polygon.SEQUENCE_FORCE_BATCHES)) {
            return sequence(event, log, context, signature.equals(Polygon.SEQUENCE_FORCE_BATCHES));
        }
        if (signature.equals(Polygon.ON_SEQUENCE_BATCHES) || signature.equals(Polygon.UPDATE_L1_INFO_TREE)) {
            return List.of();
        }
        if (signature.equals(Polygon.VERIFY_BATCHES_TRUSTED_AGGREGATOR_LEGACY)) {
            return verified(log, event.longValue("numBatch"), event.fixedBytes("stateRoot"), event.address("aggregator"));
        }
        if (signature.equals(Polygon.VERIFY_BATCHES_TRUSTED_AGGREGATOR) || signature.equals(Polygon.VERIFY_BATCHES)) {
            return ours(event.longValue("rollupID"), log, context)
                    ? verified(log, event.longValue("numBatch"), event.fixedBytes("stateRoot"),
                            event.address("aggregator"))
                    : List.of();
        }
        if (signature.equals(Polygon.VERIFY_PESSIMISTIC_STATE_TRANSITION)) {
            return ours(event.longValue("rollupID"), log, context)
                    ? List.of(Records.proof(log, ProofKind.PROOF_VERIFIED)
                            .setStateRoot(event.fixedBytes("newPessimisticRoot"))
                            .setActor(event.address("trustedAggregator")).build())
                    : List.of();
        }
        if (signature.equals(Polygon.FORCE_BATCH)) {
            BridgeEvent.Builder forced = Records.bridge(log, BridgeEventKind.L1_MESSAGE_QUEUED)
                    .setQueueIndex(event.longValue("forceBatchNum"));
            forced.getDetails().put("sender", event.address("sequencer"));
            return List.of(forced.build());
        }
        if (signature.equals(Polygon.EMERGENCY_STATE_ACTIVATED) || signature.equals(Polygon.EMERGENCY_STATE_DEACTIVATED)) {
            BridgeEvent.Builder emergency = Records.bridge(log, BridgeEventKind.EMERGENCY_MODE)
                    .setSubject(log.log().address());
            emergency.getDetails().put("active", Boolean.toString(signature.equals(Polygon.EMERGENCY_STATE_ACTIVATED)));
            return List.of(emergency.build());
        }
        if (signature.equals(Polygon.BRIDGE_EVENT)) {
            return deposit(event, log, context);
        }
        if (signature.equals(Polygon.CLAIM_EVENT)) {
            return claim(event, log, context);
        }
        throw new AbiDecodingException("no Polygon rule for " + signature.canonical());
    }

    private List<SpecificRecord> sequence(DecodedEvent event, RoutedLog log, DecodeContext context, boolean forced) {
        long batch = event.longValue("numBatch");
        Optional<L1Transaction> tx = transaction(log, context);
        BatchPosted.Builder posted = ValidityDecoding.posted(log, tx).setBatchIndex(batch);
        if (forced) {
            // The forced batches' data went to L1 with their ForceBatch transactions, not with this one.
            posted.setDataBytes(null);
        }
        context.call(log.log().address(), LAST_FORCE_BATCH_SEQUENCED, log.log().blockNumber())
                .flatMap(PolygonDecoder::uint)
                .map(ValidityDecoding::longOrNull)
                .ifPresent(last -> posted.setL1MessagesProcessed(last + 1));
        return List.of(posted.build(), Records.proof(log, ProofKind.STATE_PROPOSED).setBatchIndexStart(batch)
                .setBatchIndexEnd(batch).setActor(sender(tx)).build());
    }

    private static List<SpecificRecord> verified(RoutedLog log, long batch, String root, String aggregator) {
        return List.of(Records.proof(log, ProofKind.PROOF_VERIFIED).setBatchIndexEnd(batch).setStateRoot(root)
                .setActor(aggregator).build());
    }

    private List<SpecificRecord> deposit(DecodedEvent event, RoutedLog log, DecodeContext context) {
        if (!ours(event.longValue("destinationNetwork"), log, context)) {
            return List.of();
        }
        BigInteger amount = event.integer("amount");
        boolean asset = event.integer("leafType").signum() == 0;
        BridgeEventKind kind = asset || amount.signum() > 0 ? BridgeEventKind.DEPOSIT_INITIATED
                : BridgeEventKind.L1_MESSAGE_QUEUED;
        BridgeEvent.Builder deposit = Records.bridge(log, kind);
        if (kind == BridgeEventKind.DEPOSIT_INITIATED) {
            // A message leaf's origin is its sender, and its amount is ETH.
            deposit.setAmount(amount.toString())
                    .setToken(asset ? token(event.longValue("originNetwork"), event.address("originAddress")) : null);
        }
        deposit.getDetails().put("depositCount", event.integer("depositCount").toString());
        deposit.getDetails().put("destinationNetwork", event.integer("destinationNetwork").toString());
        deposit.getDetails().put("destinationAddress", event.address("destinationAddress"));
        if (asset && event.longValue("originNetwork") != 0) {
            deposit.getDetails().put("originNetwork", event.integer("originNetwork").toString());
        }
        return List.of(deposit.build());
    }

    private List<SpecificRecord> claim(DecodedEvent event, RoutedLog log, DecodeContext context) {
        BigInteger globalIndex = event.integer("globalIndex");
        // globalIndex: | mainnet flag (bit 64) | rollup index (bits 32-63) | leaf index (bits 0-31) |; a rollup's
        // exits sit at rollup index = rollupID - 1 of the rollup exit tree.
        boolean mainnet = globalIndex.testBit(64);
        long rollupIndex = globalIndex.shiftRight(32).and(UINT32).longValue();
        if (!mainnet && !ours(rollupIndex + 1, log, context)) {
            return List.of();
        }
        BridgeEvent.Builder claim = Records.bridge(log, BridgeEventKind.WITHDRAWAL_FINALIZED)
                .setMessageId(globalIndex.toString())
                .setToken(token(event.longValue("originNetwork"), event.address("originAddress")))
                .setAmount(event.integer("amount").toString());
        claim.getDetails().put("success", "true");
        claim.getDetails().put("recipient", event.address("destinationAddress"));
        if (event.longValue("originNetwork") != 0) {
            claim.getDetails().put("originNetwork", event.integer("originNetwork").toString());
        }
        return List.of(claim.build());
    }

    /** The token of a bridge leaf: null (ETH) for network 0's zero address, else the origin address. */
    private static String token(long originNetwork, String originAddress) {
        return originNetwork == 0 && ZERO_ADDRESS.equals(originAddress) ? null : originAddress;
    }

    /** Whether {@code rollupId} of a shared-contract event is this rollup's, or this rollup's cannot be told. */
    private boolean ours(long rollupId, RoutedLog log, DecodeContext context) {
        OptionalLong mine = networkId(log, context);
        return mine.isEmpty() || mine.getAsLong() == rollupId;
    }

    private OptionalLong networkId(RoutedLog log, DecodeContext context) {
        Long known = networkIds.get(log.rollupId());
        if (known != null) {
            return OptionalLong.of(known);
        }
        Optional<String> manager = log.rollup().contract(ROLLUP_MANAGER);
        Optional<String> rollup = log.rollup().contract(ROLLUP_CONTRACT);
        long block = log.log().blockNumber();
        if (manager.isPresent() && rollup.isPresent() && !Long.valueOf(block).equals(unknownAt.get(log.rollupId()))) {
            String data = AbiDecoder.hex(ValidityDecoding.concat(List.of(ROLLUP_ADDRESS_TO_ID,
                    addressWord(rollup.get()))));
            Optional<Long> id = context.call(manager.get(), data, block)
                    .flatMap(PolygonDecoder::uint).filter(v -> v.signum() > 0).map(ValidityDecoding::longOrNull);
            if (id.isPresent()) {
                networkIds.put(log.rollupId(), id.get());
                return OptionalLong.of(id.get());
            }
            unknownAt.put(log.rollupId(), block);
        }
        if (warned.putIfAbsent(log.rollupId(), Boolean.TRUE) == null) {
            LOG.warn("{}: cannot tell its Agglayer rollup ID (registry lists polygonRollupManager {} and polygonZkEvm {}); "
                    + "keeping the shared rollup manager's and bridge's events of every rollup", log.rollupId(),
                    manager.orElse("none"), rollup.orElse("none"));
        }
        return OptionalLong.empty();
    }

    /** The first word of an {@code eth_call} result as an unsigned integer; empty when there is none. */
    private static Optional<BigInteger> uint(String result) {
        byte[] bytes = AbiDecoder.bytes(result);
        return bytes.length < 32 ? Optional.empty()
                : Optional.of(new BigInteger(1, java.util.Arrays.copyOf(bytes, 32)));
    }
}
