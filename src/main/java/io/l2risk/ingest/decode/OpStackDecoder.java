package io.l2risk.ingest.decode;

import io.l2risk.avro.BridgeEvent;
import io.l2risk.avro.BridgeEventKind;
import io.l2risk.avro.DisputeOutcome;
import io.l2risk.avro.ProofEvent;
import io.l2risk.avro.ProofKind;
import io.l2risk.ingest.EventCatalog.OpStack;
import io.l2risk.ingest.EventSignature;
import io.l2risk.ingest.L1Transaction;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.avro.specific.SpecificRecord;

/**
 * OP Stack events as ingest records. Sources: ethereum-optimism/optimism packages/contracts-bedrock
 * (src/L1/L2OutputOracle.sol, OptimismPortal2.sol, SystemConfig.sol, SuperchainConfig.sol,
 * src/dispute/DisputeGameFactory.sol, FaultDisputeGame.sol, src/libraries/Types.sol) and the deposit
 * specification (ethereum-optimism/specs specs/protocol/deposits.md). Batches are transactions, not
 * logs: {@link BatcherTransactions} decodes them.
 *
 * <ul>
 *   <li>{@code OutputProposed} → {@code STATE_PROPOSED}; {@code OutputsDeleted} → {@code STATE_REVERTED}
 *       keeping the L2 block of the last output left.</li>
 *   <li>{@code DisputeGameCreated} → a game in {@link DecoderState} and {@code STATE_PROPOSED} named by the
 *       game; the game's first {@code Move} → {@code DISPUTE_OPENED}; {@code Resolved} →
 *       {@code DISPUTE_RESOLVED} with the outcome.</li>
 *   <li>{@code TransactionDeposited} → {@code DEPOSIT_INITIATED} (ETH minted on L2) or
 *       {@code L1_MESSAGE_QUEUED}; {@code WithdrawalProven} / {@code WithdrawalFinalized} → withdrawal
 *       records named by the withdrawal hash, with the amount from the portal call.</li>
 *   <li>Respected game type, game blacklisting, batcher and unsafe-block-signer changes →
 *       {@code OPERATOR_CHANGED}; SuperchainConfig pauses → {@code PAUSED} / {@code UNPAUSED}.</li>
 * </ul>
 */
final class OpStackDecoder implements StackDecoder {

    /** GameStatus (src/dispute/lib/Types.sol). */
    static final int CHALLENGER_WINS = 1;
    static final int DEFENDER_WINS = 2;

    /** SystemConfig.UpdateType. */
    static final int UPDATE_BATCHER = 0;
    static final int UPDATE_UNSAFE_BLOCK_SIGNER = 3;

    // Views of a dispute game (IDisputeGame, IFaultDisputeGame).
    static final String L2_BLOCK_NUMBER = Calls.selector("l2BlockNumber()");
    static final String CREATED_AT = Calls.selector("createdAt()");
    static final String MAX_CLOCK_DURATION = Calls.selector("maxClockDuration()");
    /** L2OutputOracle.getL2Output(uint256) → OutputProposal (bytes32 outputRoot, uint128 timestamp, uint128 l2BlockNumber). */
    static final String GET_L2_OUTPUT = Calls.selector("getL2Output(uint256)");

    // Types.WithdrawalTransaction (uint256 nonce, address sender, address target, uint256 value, uint256 gasLimit, bytes data)
    private static final String WITHDRAWAL = "(uint256,address,address,uint256,uint256,bytes)";
    /** OptimismPortal(2).proveWithdrawalTransaction; the second parameter is the game index (the output index before fault proofs). */
    static final String PROVE_WITHDRAWAL = Calls.selector("proveWithdrawalTransaction(" + WITHDRAWAL
            + ",uint256,(bytes32,bytes32,bytes32,bytes32),bytes[])");
    static final List<String> FINALIZE_WITHDRAWAL = List.of(
            Calls.selector("finalizeWithdrawalTransaction(" + WITHDRAWAL + ")"),
            Calls.selector("finalizeWithdrawalTransactionExternalProof(" + WITHDRAWAL + ",address)"));

    /** Deposit opaqueData: mint uint256, value uint256, gasLimit uint64, isCreation bool, then the data. */
    private static final int DEPOSIT_HEADER = 32 + 32 + 8 + 1;

    @Override
    public List<SpecificRecord> decode(DecodedEvent event, RoutedLog log, DecodeContext context) {
        EventSignature e = event.event();
        if (e.equals(OpStack.OUTPUT_PROPOSED)) {
            return List.of(outputProposed(event, log, context));
        } else if (e.equals(OpStack.OUTPUTS_DELETED)) {
            return List.of(outputsDeleted(event, log, context));
        } else if (e.equals(OpStack.DISPUTE_GAME_CREATED)) {
            return List.of(gameCreated(event, log, context));
        } else if (e.equals(OpStack.MOVE)) {
            return move(event, log, context);
        } else if (e.equals(OpStack.RESOLVED)) {
            return resolved(event, log, context);
        } else if (e.equals(OpStack.TRANSACTION_DEPOSITED)) {
            return List.of(deposit(event, log));
        } else if (e.equals(OpStack.WITHDRAWAL_PROVEN)) {
            return List.of(withdrawalProven(event, log, context));
        } else if (e.equals(OpStack.WITHDRAWAL_FINALIZED)) {
            return List.of(withdrawalFinalized(event, log, context));
        } else if (e.equals(OpStack.DISPUTE_GAME_BLACKLISTED)) {
            String game = event.address("disputeGame");
            BridgeEvent.Builder b = Records.bridge(log, BridgeEventKind.OPERATOR_CHANGED).setSubject(game);
            b.getDetails().put("role", "blacklistedDisputeGame");
            b.getDetails().put("newValue", game);
            return List.of(b.build());
        } else if (e.equals(OpStack.RESPECTED_GAME_TYPE_SET)) {
            String type = event.integer("newGameType").toString();
            BridgeEvent.Builder b = Records.bridge(log, BridgeEventKind.OPERATOR_CHANGED).setSubject("respectedGameType");
            b.getDetails().put("role", "respectedGameType");
            b.getDetails().put("newValue", type);
            b.getDetails().put("updatedAt", Instant.ofEpochSecond(event.longValue("updatedAt")).toString());
            return List.of(b.build());
        } else if (e.equals(OpStack.CONFIG_UPDATE)) {
            return configUpdate(event, log);
        } else if (e.equals(OpStack.SUPERCHAIN_PAUSED) || e.equals(OpStack.SUPERCHAIN_UNPAUSED)) {
            return List.of(pause(log, e.equals(OpStack.SUPERCHAIN_PAUSED), event.address("identifier")));
        } else if (e.equals(OpStack.SUPERCHAIN_PAUSED_LEGACY)) {
            BridgeEvent.Builder b = Records.bridge(log, BridgeEventKind.PAUSED).setSubject(log.log().address());
            b.getDetails().put("identifier", event.values().get("identifier").toString());
            return List.of(b.build());
        } else if (e.equals(OpStack.SUPERCHAIN_UNPAUSED_LEGACY)) {
            return List.of(Records.bridge(log, BridgeEventKind.UNPAUSED).setSubject(log.log().address()).build());
        }
        // GameClosed only distributes bonds after resolution; WithdrawalProvenExtension1 names who proved a
        // withdrawal whose WithdrawalProven (same transaction) is already reported.
        return List.of();
    }

    // --- outputs ---------------------------------------------------------------------------------------

    private static ProofEvent outputProposed(DecodedEvent event, RoutedLog log, DecodeContext context) {
        ProofEvent.Builder proof = Records.proof(log, ProofKind.STATE_PROPOSED)
                .setL2BlockNumber(event.longValue("l2BlockNumber"))
                .setStateRoot(event.fixedBytes("outputRoot"));
        // An output is final once FINALIZATION_PERIOD_SECONDS (the registry's challenge period) has passed.
        log.rollup().params().challengePeriod().ifPresent(period ->
                proof.setChallengePeriodEnd(Instant.ofEpochMilli(log.blockTimeMillis()).plus(period)));
        sender(log, context).ifPresent(proof::setActor);
        return proof.build();
    }

    /**
     * Outputs from {@code newNextOutputIndex} on were deleted; the last one kept, {@code newNextOutputIndex - 1},
     * is read from the oracle ({@code getL2Output}) to give the last L2 block kept.
     */
    private static ProofEvent outputsDeleted(DecodedEvent event, RoutedLog log, DecodeContext context) {
        ProofEvent.Builder proof = Records.proof(log, ProofKind.STATE_REVERTED);
        BigInteger kept = event.integer("newNextOutputIndex").subtract(BigInteger.ONE);
        if (kept.signum() >= 0) {
            context.call(log.log().address(), Calls.callData(GET_L2_OUTPUT, Calls.word(kept)), log.log().blockNumber())
                    .map(result -> AbiDecoder.decodeArguments(List.of("bytes32", "uint128", "uint128"),
                            AbiDecoder.bytes(result)))
                    .ifPresent(output -> proof.setL2BlockNumber(Calls.toLong((BigInteger) output.get(2))));
        }
        sender(log, context).ifPresent(proof::setActor);
        return proof.build();
    }

    // --- dispute games ------------------------------------------------------------------------------------

    /**
     * A game proposes {@code rootClaim} for the L2 block it reads from the game ({@code l2BlockNumber()}); the
     * game is remembered so that its {@code Move} and {@code Resolved} logs are read and named.
     */
    private static ProofEvent gameCreated(DecodedEvent event, RoutedLog log, DecodeContext context) {
        String game = event.address("disputeProxy");
        String rootClaim = event.fixedBytes("rootClaim");
        long block = log.log().blockNumber();
        OptionalLong l2Block = context.call(game, L2_BLOCK_NUMBER, block)
                .map(result -> OptionalLong.of(Calls.toLong(uint(result, 0)))).orElse(OptionalLong.empty());
        context.state().putGame(new DecoderState.Game(game, log.rollupId(), event.longValue("gameType"), rootClaim,
                l2Block, block, OptionalLong.empty(), OptionalLong.empty()));
        ProofEvent.Builder proof = Records.proof(log, ProofKind.STATE_PROPOSED).setStateRoot(rootClaim)
                .setDisputeId(game);
        l2Block.ifPresent(proof::setL2BlockNumber);
        gameClockEnd(game, block, context).ifPresent(proof::setChallengePeriodEnd);
        sender(log, context).ifPresent(proof::setActor);
        return proof.build();
    }

    /**
     * The first move in a game attacks its root claim (the only claim there is): that is the challenge.
     * Later moves are the dispute going on and carry nothing new for the engine.
     */
    private static List<SpecificRecord> move(DecodedEvent event, RoutedLog log, DecodeContext context) {
        String game = log.log().address().toLowerCase(Locale.ROOT);
        if (!context.state().markChallenged(game, log.log().blockNumber())) {
            return List.of();
        }
        ProofEvent.Builder proof = Records.proof(log, ProofKind.DISPUTE_OPENED).setDisputeId(game)
                .setDisputeOutcome(DisputeOutcome.IN_PROGRESS).setActor(event.address("claimant"));
        context.state().game(game).ifPresent(g -> {
            g.l2BlockNumber().ifPresent(proof::setL2BlockNumber);
            proof.setStateRoot(g.rootClaim());
        });
        gameClockEnd(game, log.log().blockNumber(), context).ifPresent(proof::setChallengePeriodEnd);
        return List.of(proof.build());
    }

    private static List<SpecificRecord> resolved(DecodedEvent event, RoutedLog log, DecodeContext context) {
        int status = (int) event.longValue("status");
        if (status != CHALLENGER_WINS && status != DEFENDER_WINS) {
            throw new AbiDecodingException("Resolved with GameStatus " + status + " (not a final status)");
        }
        String game = log.log().address().toLowerCase(Locale.ROOT);
        context.state().markResolved(game, log.log().blockNumber());
        ProofEvent.Builder proof = Records.proof(log, ProofKind.DISPUTE_RESOLVED).setDisputeId(game).setActor(game)
                .setDisputeOutcome(status == CHALLENGER_WINS ? DisputeOutcome.CHALLENGER_WINS : DisputeOutcome.DEFENDER_WINS);
        context.state().game(game).ifPresent(g -> {
            g.l2BlockNumber().ifPresent(proof::setL2BlockNumber);
            proof.setStateRoot(g.rootClaim());
        });
        return List.of(proof.build());
    }

    /**
     * When an unchallenged game can resolve: {@code createdAt() + maxClockDuration()} (FaultDisputeGame);
     * empty for game types without a chess clock.
     */
    private static Optional<Instant> gameClockEnd(String game, long block, DecodeContext context) {
        Optional<String> createdAt = context.call(game, CREATED_AT, block);
        Optional<String> clock = context.call(game, MAX_CLOCK_DURATION, block);
        if (createdAt.isEmpty() || clock.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Instant.ofEpochSecond(Calls.toLong(uint(createdAt.get(), 0)))
                .plusSeconds(Calls.toLong(uint(clock.get(), 0))));
    }

    // --- deposits and withdrawals ----------------------------------------------------------------------------

    /**
     * A deposit (version 0): {@code opaqueData = abi.encodePacked(mint, value, gasLimit, isCreation, data)}
     * (OptimismPortal2.depositTransaction; specs deposits.md "Deposit Transaction Type"). ETH minted on L2
     * ({@code mint}) is what entered the portal; a deposit without mint is a message.
     */
    private static BridgeEvent deposit(DecodedEvent event, RoutedLog log) {
        BigInteger version = event.integer("version");
        if (version.signum() != 0) {
            throw new AbiDecodingException("deposit version " + version + " is not 0");
        }
        byte[] opaque = event.bytes("opaqueData");
        if (opaque.length < DEPOSIT_HEADER) {
            throw new AbiDecodingException("deposit opaqueData of " + opaque.length + " bytes, needs " + DEPOSIT_HEADER);
        }
        BigInteger mint = new BigInteger(1, Arrays.copyOfRange(opaque, 0, 32));
        BigInteger value = new BigInteger(1, Arrays.copyOfRange(opaque, 32, 64));
        BigInteger gasLimit = new BigInteger(1, Arrays.copyOfRange(opaque, 64, 72));
        boolean creation = opaque[72] != 0;
        BridgeEvent.Builder b = Records.bridge(log, mint.signum() > 0 ? BridgeEventKind.DEPOSIT_INITIATED
                : BridgeEventKind.L1_MESSAGE_QUEUED);
        if (mint.signum() > 0) {
            b.setAmount(mint.toString());
        }
        b.getDetails().put("from", event.address("from"));
        b.getDetails().put("to", event.address("to"));
        b.getDetails().put("value", value.toString());
        b.getDetails().put("gasLimit", gasLimit.toString());
        b.getDetails().put("isCreation", Boolean.toString(creation));
        return b.build();
    }

    private static BridgeEvent withdrawalProven(DecodedEvent event, RoutedLog log, DecodeContext context) {
        BridgeEvent.Builder b = Records.bridge(log, BridgeEventKind.WITHDRAWAL_PROVEN)
                .setMessageId(event.fixedBytes("withdrawalHash"));
        b.getDetails().put("from", event.address("from"));
        b.getDetails().put("to", event.address("to"));
        withdrawalValue(log, context, List.of(PROVE_WITHDRAWAL)).ifPresent(v -> b.setAmount(v.toString()));
        return b.build();
    }

    private static BridgeEvent withdrawalFinalized(DecodedEvent event, RoutedLog log, DecodeContext context) {
        boolean success = event.bool("success");
        BridgeEvent.Builder b = Records.bridge(log, BridgeEventKind.WITHDRAWAL_FINALIZED)
                .setMessageId(event.fixedBytes("withdrawalHash"));
        b.getDetails().put("success", Boolean.toString(success));
        withdrawalValue(log, context, FINALIZE_WITHDRAWAL).ifPresent(v -> b.setAmount(v.toString()));
        return b.build();
    }

    /**
     * The ETH value of the withdrawal when the transaction calls the portal directly (a relayer contract's
     * call is not read); empty for a withdrawal without value (a token withdrawal is a message to the
     * L1CrossDomainMessenger carrying no ETH).
     */
    private static Optional<BigInteger> withdrawalValue(RoutedLog log, DecodeContext context, List<String> selectors) {
        Optional<L1Transaction> tx = context.transaction(log.log().transactionHash());
        if (!Calls.calls(tx, log.log().address(), selectors)) {
            return Optional.empty();
        }
        List<Object> withdrawal = asList(Calls.arguments(tx.get().input(), List.of(WITHDRAWAL)).get(0));
        BigInteger value = (BigInteger) withdrawal.get(3);
        return value.signum() > 0 ? Optional.of(value) : Optional.empty();
    }

    // --- governance and pauses -----------------------------------------------------------------------------

    /**
     * SystemConfig changes: the batcher ({@code BATCHER}, data {@code abi.encode(bytes32 batcherHash)} with the
     * address in the low 20 bytes) and the sequencer's block-signing key ({@code UNSAFE_BLOCK_SIGNER}, data
     * {@code abi.encode(address)}) are operators; fee and gas parameters carry no risk signal.
     */
    private static List<SpecificRecord> configUpdate(DecodedEvent event, RoutedLog log) {
        int type = (int) event.longValue("updateType");
        String role = type == UPDATE_BATCHER ? "batcher" : type == UPDATE_UNSAFE_BLOCK_SIGNER ? "unsafeBlockSigner" : null;
        if (role == null) {
            return List.of();
        }
        byte[] data = event.bytes("data");
        if (data.length != 32) {
            throw new AbiDecodingException("ConfigUpdate " + role + " data of " + data.length + " bytes, not one word");
        }
        String operator = Calls.addressOf(AbiDecoder.hex(data));
        return List.of(Records.operatorChanged(log, role, operator, true).build());
    }

    /**
     * A SuperchainConfig pause of {@code identifier} (the paused lockbox or portal; the zero address pauses
     * every chain of the config, so it is named by the config itself), so that the matching unpause ends it.
     */
    private static BridgeEvent pause(RoutedLog log, boolean paused, String identifier) {
        String subject = Calls.isZero(identifier) ? log.log().address() : identifier;
        BridgeEvent.Builder b = Records.bridge(log, paused ? BridgeEventKind.PAUSED : BridgeEventKind.UNPAUSED)
                .setSubject(subject);
        b.getDetails().put("identifier", identifier);
        return b.build();
    }

    // --- helpers ------------------------------------------------------------------------------------------

    private static Optional<String> sender(RoutedLog log, DecodeContext context) {
        return context.transaction(log.log().transactionHash()).map(t -> t.from().toLowerCase(Locale.ROOT));
    }

    private static BigInteger uint(String result, int word) {
        return (BigInteger) AbiDecoder.decodeArguments(Collections.nCopies(word + 1, "uint256"),
                AbiDecoder.bytes(result)).get(word);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> asList(Object value) {
        return (List<Object>) value;
    }
}
