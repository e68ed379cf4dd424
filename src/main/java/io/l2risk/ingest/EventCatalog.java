package io.l2risk.ingest;

import io.l2risk.registry.Stack;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The L1 events the ingester decodes, per rollup stack, with the sources they were read from
 * (/work/shared/l1-events.md holds the full table with topic0 values and where each was found).
 *
 * <p>A log is routed by its emitter and topic0, never by event name: the registry maps the emitter
 * address to a contract role ({@code io.l2risk.registry.ContractRoles}), and {@link #find(String, String)}
 * maps (role, topic0) to one {@link EventSignature}. Names repeat across stacks and overloads
 * ({@code Paused}, {@code RevertBatch}, {@code SequenceBatches}), hashes repeat across roles (OpenZeppelin's
 * {@code Paused(address)} is also the SuperchainConfig's), but a (role, topic0) pair is unique.
 *
 * <p>Roles are the registry's, plus three the registry cannot list because their addresses are not
 * fixed or not on L1: {@link #WATCHED}, {@link #DISPUTE_GAME} and {@link #SEQUENCER_UPTIME_FEED}.
 */
public final class EventCatalog {

    /**
     * Role of the events every proxied or owned contract may emit (upgrades, admin, ownership, pause,
     * initialisation), and of a contract listed under a rollup's {@code watched}. {@link #find} falls back
     * to it for any role, so a registry contract's {@code Upgraded} is decoded too.
     */
    public static final String WATCHED = "watched";

    /** Role of OP Stack dispute game proxies; their addresses come from {@code DisputeGameCreated} logs. */
    public static final String DISPUTE_GAME = "disputeGame";

    /** Role of a Chainlink L2 sequencer uptime feed; it lives on the L2, so no L1 registry entry names it. */
    public static final String SEQUENCER_UPTIME_FEED = "sequencerUptimeFeed";

    /** The roles of this catalog that are not registry contract roles. */
    public static final Set<String> CATALOG_ROLES = Set.of(WATCHED, DISPUTE_GAME, SEQUENCER_UPTIME_FEED);

    // Registry contract roles (io.l2risk.registry.ContractRoles.KNOWN); EventCatalogTest checks they exist there.
    private static final String SEQUENCER_INBOX = "sequencerInbox";
    private static final String BRIDGE = "bridge";
    private static final String INBOX = "inbox";
    private static final String OUTBOX = "outbox";
    private static final String ROLLUP = "rollup";
    private static final String LEGACY_ROLLUP = "legacyRollup";
    private static final String CHALLENGE_MANAGER = "challengeManager";
    private static final String L2_OUTPUT_ORACLE = "l2OutputOracle";
    private static final String DISPUTE_GAME_FACTORY = "disputeGameFactory";
    private static final String OPTIMISM_PORTAL = "optimismPortal";
    private static final String SYSTEM_CONFIG = "systemConfig";
    private static final String SUPERCHAIN_CONFIG = "superchainConfig";
    private static final String DIAMOND_PROXY = "diamondProxy";
    private static final String SCROLL_CHAIN = "scrollChain";
    private static final String L1_MESSAGE_QUEUE = "l1MessageQueue";
    private static final String L1_MESSAGE_QUEUE_V2 = "l1MessageQueueV2";
    private static final String L1_SCROLL_MESSENGER = "l1ScrollMessenger";
    private static final String LINEA_ROLLUP = "lineaRollup";
    private static final String STARKNET_CORE = "starknetCore";
    private static final String POLYGON_ROLLUP_MANAGER = "polygonRollupManager";
    private static final String POLYGON_ZKEVM = "polygonZkEvm";
    private static final String POLYGON_BRIDGE = "polygonBridge";
    private static final String GLOBAL_EXIT_ROOT_MANAGER = "globalExitRootManager";

    /**
     * Arbitrum Nitro: OffchainLabs/nitro-contracts @6748733 (src/bridge/ISequencerInbox.sol, IBridge.sol,
     * IDelayedMessageProvider.sol, IOutbox.sol; src/rollup/IRollupCore.sol, IRollupAdmin.sol, Assertion.sol,
     * AssertionState.sol; src/state/GlobalState.sol; src/challengeV2/EdgeChallengeManager.sol); pre-BoLD
     * events from tag v2.1.3 src/rollup/IRollupCore.sol.
     */
    public static final class Arbitrum {

        private static final Stack S = Stack.ARBITRUM_NITRO;
        // IBridge.TimeBounds (uint64 minTimestamp, maxTimestamp, minBlockNumber, maxBlockNumber)
        private static final String TIME_BOUNDS = "(uint64,uint64,uint64,uint64)";
        // GlobalState (bytes32[2] bytes32Vals, uint64[2] u64Vals)
        private static final String GLOBAL_STATE = "(bytes32[2],uint64[2])";
        // AssertionState (GlobalState globalState, MachineStatus machineStatus, bytes32 endHistoryRoot)
        private static final String ASSERTION_STATE = "(" + GLOBAL_STATE + ",uint8,bytes32)";
        // AssertionInputs (BeforeStateData beforeStateData, AssertionState beforeState, AssertionState afterState);
        // BeforeStateData (bytes32 prevPrevAssertionHash, bytes32 sequencerBatchAcc, ConfigData configData);
        // ConfigData (bytes32 wasmModuleRoot, uint256 requiredStake, address challengeManager,
        // uint64 confirmPeriodBlocks, uint64 nextInboxPosition)
        private static final String ASSERTION_INPUTS = "((bytes32,bytes32,(bytes32,uint256,address,uint64,uint64)),"
                + ASSERTION_STATE + "," + ASSERTION_STATE + ")";
        // pre-BoLD Assertion (ExecutionState beforeState, ExecutionState afterState, uint64 numBlocks);
        // ExecutionState (GlobalState globalState, MachineStatus machineStatus)
        private static final String EXECUTION_STATE = "(" + GLOBAL_STATE + ",uint8)";
        private static final String OLD_ASSERTION = "(" + EXECUTION_STATE + "," + EXECUTION_STATE + ",uint64)";

        /** Every batch post; {@code dataLocation} is BatchDataLocation {TxInput, SeparateBatchEvent, NoData, Blob}. */
        public static final EventSignature SEQUENCER_BATCH_DELIVERED = EventSignature.of(S,
                "SequencerBatchDelivered(uint256 indexed batchSequenceNumber, bytes32 indexed beforeAcc, "
                        + "bytes32 indexed afterAcc, bytes32 delayedAcc, uint256 afterDelayedMessagesRead, "
                        + TIME_BOUNDS + " timeBounds, uint8 dataLocation)", SEQUENCER_INBOX);
        public static final EventSignature SEQUENCER_BATCH_DATA = EventSignature.of(S,
                "SequencerBatchData(uint256 indexed batchSequenceNumber, bytes data)", SEQUENCER_INBOX);
        public static final EventSignature MESSAGE_DELIVERED = EventSignature.of(S,
                "MessageDelivered(uint256 indexed messageIndex, bytes32 indexed beforeInboxAcc, address inbox, "
                        + "uint8 kind, address sender, bytes32 messageDataHash, uint256 baseFeeL1, uint64 timestamp)",
                BRIDGE);
        /** Emitted by the delayed Inbox, and by the SequencerInbox for batch-posting cost reports. */
        public static final EventSignature INBOX_MESSAGE_DELIVERED = EventSignature.of(S,
                "InboxMessageDelivered(uint256 indexed messageNum, bytes data)", INBOX, SEQUENCER_INBOX);
        public static final EventSignature INBOX_MESSAGE_DELIVERED_FROM_ORIGIN = EventSignature.of(S,
                "InboxMessageDeliveredFromOrigin(uint256 indexed messageNum)", INBOX);
        public static final EventSignature OUTBOX_TRANSACTION_EXECUTED = EventSignature.of(S,
                "OutBoxTransactionExecuted(address indexed to, address indexed l2Sender, uint256 indexed zero, "
                        + "uint256 transactionIndex)", OUTBOX);
        public static final EventSignature SEND_ROOT_UPDATED = EventSignature.of(S,
                "SendRootUpdated(bytes32 indexed outputRoot, bytes32 indexed l2BlockHash)", OUTBOX);
        /** BoLD assertion. */
        public static final EventSignature ASSERTION_CREATED = EventSignature.of(S,
                "AssertionCreated(bytes32 indexed assertionHash, bytes32 indexed parentAssertionHash, "
                        + ASSERTION_INPUTS + " assertion, bytes32 afterInboxBatchAcc, uint256 inboxMaxCount, "
                        + "bytes32 wasmModuleRoot, uint256 requiredStake, address challengeManager, "
                        + "uint64 confirmPeriodBlocks)", ROLLUP);
        public static final EventSignature ASSERTION_CONFIRMED = EventSignature.of(S,
                "AssertionConfirmed(bytes32 indexed assertionHash, bytes32 blockHash, bytes32 sendRoot)", ROLLUP);
        // Pre-BoLD rollups declare it with "uint64 challengedNode": same types, same hash.
        public static final EventSignature ROLLUP_CHALLENGE_STARTED = EventSignature.of(S,
                "RollupChallengeStarted(uint64 indexed challengeIndex, address asserter, address challenger, "
                        + "uint64 challengedAssertion)", ROLLUP, LEGACY_ROLLUP);
        // The pre-BoLD node events come from a registry's legacyRollup (Arbitrum One/Nova history) and from
        // the rollup of Orbit chains not yet on BoLD.
        public static final EventSignature NODE_CREATED = EventSignature.of(S,
                "NodeCreated(uint64 indexed nodeNum, bytes32 indexed parentNodeHash, bytes32 indexed nodeHash, "
                        + "bytes32 executionHash, " + OLD_ASSERTION + " assertion, bytes32 afterInboxBatchAcc, "
                        + "bytes32 wasmModuleRoot, uint256 inboxMaxCount)", ROLLUP, LEGACY_ROLLUP);
        public static final EventSignature NODE_CONFIRMED = EventSignature.of(S,
                "NodeConfirmed(uint64 indexed nodeNum, bytes32 blockHash, bytes32 sendRoot)", ROLLUP, LEGACY_ROLLUP);
        public static final EventSignature NODE_REJECTED = EventSignature.of(S,
                "NodeRejected(uint64 indexed nodeNum)", ROLLUP, LEGACY_ROLLUP);
        public static final EventSignature EDGE_ADDED = EventSignature.of(S,
                "EdgeAdded(bytes32 indexed edgeId, bytes32 indexed mutualId, bytes32 indexed originId, "
                        + "bytes32 claimId, uint256 length, uint8 level, bool hasRival, bool isLayerZero)",
                CHALLENGE_MANAGER);
        public static final EventSignature EDGE_BISECTED = EventSignature.of(S,
                "EdgeBisected(bytes32 indexed edgeId, bytes32 indexed lowerChildId, bytes32 indexed upperChildId, "
                        + "bool lowerChildAlreadyExists)", CHALLENGE_MANAGER);
        public static final EventSignature EDGE_CONFIRMED_BY_TIME = EventSignature.of(S,
                "EdgeConfirmedByTime(bytes32 indexed edgeId, bytes32 indexed mutualId, uint256 totalTimeUnrivaled)",
                CHALLENGE_MANAGER);
        public static final EventSignature EDGE_CONFIRMED_BY_ONE_STEP_PROOF = EventSignature.of(S,
                "EdgeConfirmedByOneStepProof(bytes32 indexed edgeId, bytes32 indexed mutualId)", CHALLENGE_MANAGER);
        public static final EventSignature BATCH_POSTER_SET = EventSignature.of(S,
                "BatchPosterSet(address batchPoster, bool isBatchPoster)", SEQUENCER_INBOX);
        public static final EventSignature SEQUENCER_SET = EventSignature.of(S,
                "SequencerSet(address addr, bool isSequencer)", SEQUENCER_INBOX);
        /** AnyTrust data availability committee keyset added. */
        public static final EventSignature SET_VALID_KEYSET = EventSignature.of(S,
                "SetValidKeyset(bytes32 indexed keysetHash, bytes keysetBytes)", SEQUENCER_INBOX);
        public static final EventSignature INVALIDATE_KEYSET = EventSignature.of(S,
                "InvalidateKeyset(bytes32 indexed keysetHash)", SEQUENCER_INBOX);
        /** MaxTimeVariation (uint256 delayBlocks, futureBlocks, delaySeconds, futureSeconds). */
        public static final EventSignature MAX_TIME_VARIATION_SET = EventSignature.of(S,
                "MaxTimeVariationSet((uint256,uint256,uint256,uint256) maxTimeVariation)", SEQUENCER_INBOX);
        public static final EventSignature OWNER_FUNCTION_CALLED = EventSignature.of(S,
                "OwnerFunctionCalled(uint256 indexed id)", SEQUENCER_INBOX, ROLLUP, LEGACY_ROLLUP, BRIDGE);
        public static final EventSignature VALIDATOR_WHITELIST_DISABLED_SET = EventSignature.of(S,
                "ValidatorWhitelistDisabledSet(bool _validatorWhitelistDisabled)", ROLLUP);

        static final List<EventSignature> ALL = List.of(SEQUENCER_BATCH_DELIVERED, SEQUENCER_BATCH_DATA,
                MESSAGE_DELIVERED, INBOX_MESSAGE_DELIVERED, INBOX_MESSAGE_DELIVERED_FROM_ORIGIN,
                OUTBOX_TRANSACTION_EXECUTED, SEND_ROOT_UPDATED, ASSERTION_CREATED, ASSERTION_CONFIRMED,
                ROLLUP_CHALLENGE_STARTED, NODE_CREATED, NODE_CONFIRMED, NODE_REJECTED, EDGE_ADDED, EDGE_BISECTED,
                EDGE_CONFIRMED_BY_TIME, EDGE_CONFIRMED_BY_ONE_STEP_PROOF, BATCH_POSTER_SET, SEQUENCER_SET,
                SET_VALID_KEYSET, INVALIDATE_KEYSET, MAX_TIME_VARIATION_SET, OWNER_FUNCTION_CALLED,
                VALIDATOR_WHITELIST_DISABLED_SET);

        private Arbitrum() {
        }
    }

    /**
     * OP Stack: ethereum-optimism/optimism packages/contracts-bedrock (src/L1/L2OutputOracle.sol;
     * interfaces/dispute/IDisputeGameFactory.sol @bcb60e6; interfaces/dispute/IDisputeGame.sol,
     * IFaultDisputeGame.sol, interfaces/L1/IOptimismPortal2.sol, ISystemConfig.sol @7f63753;
     * interfaces/L1/ISuperchainConfig.sol @748d439 and its older version). GameType is uint32, Claim
     * bytes32, Timestamp uint64, GameStatus, BondDistributionMode and UpdateType are enums (uint8).
     * Batches are transactions to the batch inbox, not logs, so no batch event appears here.
     */
    public static final class OpStack {

        private static final Stack S = Stack.OP_STACK;

        public static final EventSignature OUTPUT_PROPOSED = EventSignature.of(S,
                "OutputProposed(bytes32 indexed outputRoot, uint256 indexed l2OutputIndex, "
                        + "uint256 indexed l2BlockNumber, uint256 l1Timestamp)", L2_OUTPUT_ORACLE);
        public static final EventSignature OUTPUTS_DELETED = EventSignature.of(S,
                "OutputsDeleted(uint256 indexed prevNextOutputIndex, uint256 indexed newNextOutputIndex)",
                L2_OUTPUT_ORACLE);
        public static final EventSignature DISPUTE_GAME_CREATED = EventSignature.of(S,
                "DisputeGameCreated(address indexed disputeProxy, uint32 indexed gameType, bytes32 indexed rootClaim)",
                DISPUTE_GAME_FACTORY);
        /** {@code status}: GameStatus {IN_PROGRESS, CHALLENGER_WINS, DEFENDER_WINS}. */
        public static final EventSignature RESOLVED = EventSignature.of(S,
                "Resolved(uint8 indexed status)", DISPUTE_GAME);
        public static final EventSignature MOVE = EventSignature.of(S,
                "Move(uint256 indexed parentIndex, bytes32 indexed claim, address indexed claimant)", DISPUTE_GAME);
        public static final EventSignature GAME_CLOSED = EventSignature.of(S,
                "GameClosed(uint8 bondDistributionMode)", DISPUTE_GAME);
        public static final EventSignature TRANSACTION_DEPOSITED = EventSignature.of(S,
                "TransactionDeposited(address indexed from, address indexed to, uint256 indexed version, "
                        + "bytes opaqueData)", OPTIMISM_PORTAL);
        public static final EventSignature WITHDRAWAL_PROVEN = EventSignature.of(S,
                "WithdrawalProven(bytes32 indexed withdrawalHash, address indexed from, address indexed to)",
                OPTIMISM_PORTAL);
        public static final EventSignature WITHDRAWAL_PROVEN_EXTENSION1 = EventSignature.of(S,
                "WithdrawalProvenExtension1(bytes32 indexed withdrawalHash, address indexed proofSubmitter)",
                OPTIMISM_PORTAL);
        public static final EventSignature WITHDRAWAL_FINALIZED = EventSignature.of(S,
                "WithdrawalFinalized(bytes32 indexed withdrawalHash, bool success)", OPTIMISM_PORTAL);
        public static final EventSignature DISPUTE_GAME_BLACKLISTED = EventSignature.of(S,
                "DisputeGameBlacklisted(address indexed disputeGame)", OPTIMISM_PORTAL);
        public static final EventSignature RESPECTED_GAME_TYPE_SET = EventSignature.of(S,
                "RespectedGameTypeSet(uint32 indexed newGameType, uint64 indexed updatedAt)", OPTIMISM_PORTAL);
        /** {@code updateType}: UpdateType {BATCHER, ...}; the batcher address changes through it. */
        public static final EventSignature CONFIG_UPDATE = EventSignature.of(S,
                "ConfigUpdate(uint256 indexed version, uint8 indexed updateType, bytes data)", SYSTEM_CONFIG);
        /** Current SuperchainConfig; the same hash as OpenZeppelin's {@code Paused(address)}. */
        public static final EventSignature SUPERCHAIN_PAUSED = EventSignature.of(S,
                "Paused(address identifier)", SUPERCHAIN_CONFIG);
        public static final EventSignature SUPERCHAIN_UNPAUSED = EventSignature.of(S,
                "Unpaused(address identifier)", SUPERCHAIN_CONFIG);
        /** Older SuperchainConfig. */
        public static final EventSignature SUPERCHAIN_PAUSED_LEGACY = EventSignature.of(S,
                "Paused(string identifier)", SUPERCHAIN_CONFIG);
        public static final EventSignature SUPERCHAIN_UNPAUSED_LEGACY = EventSignature.of(S,
                "Unpaused()", SUPERCHAIN_CONFIG);

        static final List<EventSignature> ALL = List.of(OUTPUT_PROPOSED, OUTPUTS_DELETED, DISPUTE_GAME_CREATED,
                RESOLVED, MOVE, GAME_CLOSED, TRANSACTION_DEPOSITED, WITHDRAWAL_PROVEN, WITHDRAWAL_PROVEN_EXTENSION1,
                WITHDRAWAL_FINALIZED, DISPUTE_GAME_BLACKLISTED, RESPECTED_GAME_TYPE_SET, CONFIG_UPDATE,
                SUPERCHAIN_PAUSED, SUPERCHAIN_UNPAUSED, SUPERCHAIN_PAUSED_LEGACY, SUPERCHAIN_UNPAUSED_LEGACY);

        private OpStack() {
        }
    }

    /**
     * zkSync Era / ZK stack: matter-labs/era-contracts @5e7d0b4, l1-contracts/contracts/state-transition/
     * chain-interfaces/IExecutor.sol, IMailboxImpl.sol, IAdmin.sol and contracts/common/Messaging.sol. All are
     * emitted by the chain's diamond proxy. "Block" in the names means batch.
     */
    public static final class ZkSync {

        private static final Stack S = Stack.ZKSYNC_ERA;
        // L2CanonicalTransaction: txType, from, to, gasLimit, gasPerPubdataByteLimit, maxFeePerGas,
        // maxPriorityFeePerGas, paymaster, nonce, value (all uint256), uint256[4] reserved, bytes data,
        // bytes signature, uint256[] factoryDeps, bytes paymasterInput, bytes reservedDynamic
        private static final String L2_CANONICAL_TRANSACTION = "(uint256,uint256,uint256,uint256,uint256,uint256,"
                + "uint256,uint256,uint256,uint256,uint256[4],bytes,bytes,uint256[],bytes,bytes)";

        public static final EventSignature BLOCK_COMMIT = EventSignature.of(S,
                "BlockCommit(uint256 indexed batchNumber, bytes32 indexed batchHash, bytes32 indexed commitment)",
                DIAMOND_PROXY);
        public static final EventSignature BLOCKS_VERIFICATION = EventSignature.of(S,
                "BlocksVerification(uint256 indexed previousLastVerifiedBatch, "
                        + "uint256 indexed currentLastVerifiedBatch)",
                DIAMOND_PROXY);
        public static final EventSignature BLOCK_EXECUTION = EventSignature.of(S,
                "BlockExecution(uint256 indexed batchNumber, bytes32 indexed batchHash, bytes32 indexed commitment)",
                DIAMOND_PROXY);
        public static final EventSignature BLOCKS_REVERT = EventSignature.of(S,
                "BlocksRevert(uint256 totalBatchesCommitted, uint256 totalBatchesVerified, "
                        + "uint256 totalBatchesExecuted)", DIAMOND_PROXY);
        public static final EventSignature NEW_PRIORITY_REQUEST = EventSignature.of(S,
                "NewPriorityRequest(uint256 txId, bytes32 txHash, uint64 expirationTimestamp, "
                        + L2_CANONICAL_TRANSACTION + " transaction, bytes[] factoryDeps)", DIAMOND_PROXY);
        public static final EventSignature NEW_PRIORITY_REQUEST_ID = EventSignature.of(S,
                "NewPriorityRequestId(uint256 indexed txId, bytes32 indexed txHash)", DIAMOND_PROXY);
        public static final EventSignature FREEZE = EventSignature.of(S, "Freeze()", DIAMOND_PROXY);
        public static final EventSignature UNFREEZE = EventSignature.of(S, "Unfreeze()", DIAMOND_PROXY);
        public static final EventSignature VALIDATOR_STATUS_UPDATE = EventSignature.of(S,
                "ValidatorStatusUpdate(address indexed validatorAddress, bool isActive)", DIAMOND_PROXY);

        static final List<EventSignature> ALL = List.of(BLOCK_COMMIT, BLOCKS_VERIFICATION, BLOCK_EXECUTION,
                BLOCKS_REVERT, NEW_PRIORITY_REQUEST, NEW_PRIORITY_REQUEST_ID, FREEZE, UNFREEZE,
                VALIDATOR_STATUS_UPDATE);

        private ZkSync() {
        }
    }

    /**
     * Scroll: scroll-tech/scroll-contracts @dfbd661, src/L1/rollup/IScrollChain.sol,
     * src/L1/rollup/IL1MessageQueueV2.sol, src/libraries/IScrollMessenger.sol.
     */
    public static final class Scroll {

        private static final Stack S = Stack.SCROLL;

        public static final EventSignature COMMIT_BATCH = EventSignature.of(S,
                "CommitBatch(uint256 indexed batchIndex, bytes32 indexed batchHash)", SCROLL_CHAIN);
        public static final EventSignature REVERT_BATCH = EventSignature.of(S,
                "RevertBatch(uint256 indexed batchIndex, bytes32 indexed batchHash)", SCROLL_CHAIN);
        /** The range overload of {@code RevertBatch}. */
        public static final EventSignature REVERT_BATCH_RANGE = EventSignature.of(S,
                "RevertBatch(uint256 indexed startBatchIndex, uint256 indexed finishBatchIndex)", SCROLL_CHAIN);
        public static final EventSignature FINALIZE_BATCH = EventSignature.of(S,
                "FinalizeBatch(uint256 indexed batchIndex, bytes32 indexed batchHash, bytes32 stateRoot, "
                        + "bytes32 withdrawRoot)", SCROLL_CHAIN);
        public static final EventSignature UPDATE_ENFORCED_BATCH_MODE = EventSignature.of(S,
                "UpdateEnforcedBatchMode(bool enabled, uint256 lastCommittedBatchIndex)", SCROLL_CHAIN);
        public static final EventSignature UPDATE_SEQUENCER = EventSignature.of(S,
                "UpdateSequencer(address indexed account, bool status)", SCROLL_CHAIN);
        public static final EventSignature UPDATE_PROVER = EventSignature.of(S,
                "UpdateProver(address indexed account, bool status)", SCROLL_CHAIN);
        /** Declared alike by the V1 queue (deprecated from Euclid) and the V2 queue. */
        public static final EventSignature QUEUE_TRANSACTION = EventSignature.of(S,
                "QueueTransaction(address indexed sender, address indexed target, uint256 value, uint64 queueIndex, "
                        + "uint256 gasLimit, bytes data)", L1_MESSAGE_QUEUE, L1_MESSAGE_QUEUE_V2);
        public static final EventSignature FINALIZED_DEQUEUED_TRANSACTION = EventSignature.of(S,
                "FinalizedDequeuedTransaction(uint256 finalizedIndex)", L1_MESSAGE_QUEUE_V2);
        public static final EventSignature SENT_MESSAGE = EventSignature.of(S,
                "SentMessage(address indexed sender, address indexed target, uint256 value, uint256 messageNonce, "
                        + "uint256 gasLimit, bytes message)", L1_SCROLL_MESSENGER);

        static final List<EventSignature> ALL = List.of(COMMIT_BATCH, REVERT_BATCH, REVERT_BATCH_RANGE,
                FINALIZE_BATCH, UPDATE_ENFORCED_BATCH_MODE, UPDATE_SEQUENCER, UPDATE_PROVER, QUEUE_TRANSACTION,
                FINALIZED_DEQUEUED_TRANSACTION, SENT_MESSAGE);

        private Scroll() {
        }
    }

    /**
     * Linea: Consensys/linea-monorepo @cb18013, contracts/src (rollup/dataAvailability/interfaces/
     * IShnarfDataAcceptorBase.sol, rollup/interfaces/ILineaRollupBase.sol, ILivenessRecovery.sol,
     * rollup/forcedTransactions/interfaces/IAcceptForcedTransactions.sol, messaging/interfaces/
     * IMessageService.sol, messaging/l1/interfaces/IL1MessageManager.sol, security/pausing/interfaces/
     * IPauseManager.sol); legacy events from the git history of _testing/integration/LineaRollupV5.sol.
     * The LineaRollup proxy is also the L1 message service, so it emits all of them.
     */
    public static final class Linea {

        private static final Stack S = Stack.LINEA;

        /** Blob and calldata submissions both end in it. */
        public static final EventSignature DATA_SUBMITTED_V3 = EventSignature.of(S,
                "DataSubmittedV3(bytes32 parentShnarf, bytes32 indexed shnarf, bytes32 finalStateRootHash)",
                LINEA_ROLLUP);
        public static final EventSignature DATA_FINALIZED_V3 = EventSignature.of(S,
                "DataFinalizedV3(uint256 indexed startBlockNumber, uint256 indexed endBlockNumber, "
                        + "bytes32 indexed shnarf, bytes32 parentStateRootHash, bytes32 finalStateRootHash)",
                LINEA_ROLLUP);
        public static final EventSignature FINALIZED_STATE_UPDATED = EventSignature.of(S,
                "FinalizedStateUpdated(uint256 indexed blockNumber, uint256 timestamp, uint256 messageNumber, "
                        + "uint256 forcedTransactionNumber)", LINEA_ROLLUP);
        public static final EventSignature DATA_SUBMITTED_V2 = EventSignature.of(S,
                "DataSubmittedV2(bytes32 indexed shnarf, uint256 indexed startBlock, uint256 indexed endBlock)",
                LINEA_ROLLUP);
        public static final EventSignature DATA_FINALIZED = EventSignature.of(S,
                "DataFinalized(uint256 indexed lastBlockFinalized, bytes32 indexed startingRootHash, "
                        + "bytes32 indexed finalRootHash, bool withProof)", LINEA_ROLLUP);
        public static final EventSignature BLOCKS_VERIFICATION_DONE = EventSignature.of(S,
                "BlocksVerificationDone(uint256 indexed lastBlockFinalized, bytes32 startingRootHash, "
                        + "bytes32 finalRootHash)", LINEA_ROLLUP);
        public static final EventSignature MESSAGE_SENT = EventSignature.of(S,
                "MessageSent(address indexed _from, address indexed _to, uint256 _fee, uint256 _value, "
                        + "uint256 _nonce, bytes _calldata, bytes32 indexed _messageHash)", LINEA_ROLLUP);
        public static final EventSignature MESSAGE_CLAIMED = EventSignature.of(S,
                "MessageClaimed(bytes32 indexed _messageHash)", LINEA_ROLLUP);
        public static final EventSignature ROLLING_HASH_UPDATED = EventSignature.of(S,
                "RollingHashUpdated(uint256 indexed messageNumber, bytes32 indexed rollingHash, "
                        + "bytes32 indexed messageHash)", LINEA_ROLLUP);
        /** {@code pauseType}: PauseType {GENERAL, L1_L2, L2_L1, FINALIZATION, STATE_DATA_SUBMISSION, ...}. */
        public static final EventSignature PAUSED = EventSignature.of(S,
                "Paused(address messageSender, uint8 indexed pauseType)", LINEA_ROLLUP);
        public static final EventSignature UN_PAUSED = EventSignature.of(S,
                "UnPaused(address messageSender, uint8 indexed pauseType)", LINEA_ROLLUP);
        /** Granted only when six months passed since the last finalization. */
        public static final EventSignature LIVENESS_RECOVERY_OPERATOR_ROLE_GRANTED = EventSignature.of(S,
                "LivenessRecoveryOperatorRoleGranted(address indexed caller, address indexed livenessRecoveryOperator)",
                LINEA_ROLLUP);
        /** The earlier name of {@link #LIVENESS_RECOVERY_OPERATOR_ROLE_GRANTED}. */
        public static final EventSignature FALLBACK_OPERATOR_ROLE_GRANTED = EventSignature.of(S,
                "FallbackOperatorRoleGranted(address indexed caller, address indexed fallbackOperator)", LINEA_ROLLUP);
        public static final EventSignature FORCED_TRANSACTION_ADDED = EventSignature.of(S,
                "ForcedTransactionAdded(uint256 indexed forcedTransactionNumber, address indexed from, "
                        + "uint256 blockNumberDeadline, bytes32 forcedTransactionRollingHash, "
                        + "bytes rlpEncodedSignedTransaction)", LINEA_ROLLUP);
        public static final EventSignature VERIFIER_ADDRESS_CHANGED = EventSignature.of(S,
                "VerifierAddressChanged(address indexed verifierAddress, uint256 indexed proofType, "
                        + "address indexed verifierSetBy, address oldVerifierAddress)", LINEA_ROLLUP);

        static final List<EventSignature> ALL = List.of(DATA_SUBMITTED_V3, DATA_FINALIZED_V3, FINALIZED_STATE_UPDATED,
                DATA_SUBMITTED_V2, DATA_FINALIZED, BLOCKS_VERIFICATION_DONE, MESSAGE_SENT, MESSAGE_CLAIMED,
                ROLLING_HASH_UPDATED, PAUSED, UN_PAUSED, LIVENESS_RECOVERY_OPERATOR_ROLE_GRANTED,
                FALLBACK_OPERATOR_ROLE_GRANTED, FORCED_TRANSACTION_ADDED, VERIFIER_ADDRESS_CHANGED);

        private Linea() {
        }
    }

    /**
     * Starknet core: starkware-libs/cairo-lang @66355d7, src/starkware/starknet/solidity/Starknet.sol and
     * IStarknetMessagingEvents.sol; the two-field {@code LogStateUpdate} from before commit d61255f (Aug 2022).
     */
    public static final class Starknet {

        private static final Stack S = Stack.STARKNET;

        public static final EventSignature LOG_STATE_UPDATE = EventSignature.of(S,
                "LogStateUpdate(uint256 globalRoot, int256 blockNumber, uint256 blockHash)", STARKNET_CORE);
        public static final EventSignature LOG_STATE_UPDATE_LEGACY = EventSignature.of(S,
                "LogStateUpdate(uint256 globalRoot, int256 blockNumber)", STARKNET_CORE);
        public static final EventSignature LOG_STATE_TRANSITION_FACT = EventSignature.of(S,
                "LogStateTransitionFact(bytes32 stateTransitionFact)", STARKNET_CORE);
        public static final EventSignature LOG_MESSAGE_TO_L2 = EventSignature.of(S,
                "LogMessageToL2(address indexed fromAddress, uint256 indexed toAddress, uint256 indexed selector, "
                        + "uint256[] payload, uint256 nonce, uint256 fee)", STARKNET_CORE);
        public static final EventSignature LOG_MESSAGE_TO_L1 = EventSignature.of(S,
                "LogMessageToL1(uint256 indexed fromAddress, address indexed toAddress, uint256[] payload)",
                STARKNET_CORE);
        public static final EventSignature CONSUMED_MESSAGE_TO_L1 = EventSignature.of(S,
                "ConsumedMessageToL1(uint256 indexed fromAddress, address indexed toAddress, uint256[] payload)",
                STARKNET_CORE);
        public static final EventSignature CONSUMED_MESSAGE_TO_L2 = EventSignature.of(S,
                "ConsumedMessageToL2(address indexed fromAddress, uint256 indexed toAddress, "
                        + "uint256 indexed selector, uint256[] payload, uint256 nonce)", STARKNET_CORE);
        public static final EventSignature MESSAGE_TO_L2_CANCELLATION_STARTED = EventSignature.of(S,
                "MessageToL2CancellationStarted(address indexed fromAddress, uint256 indexed toAddress, "
                        + "uint256 indexed selector, uint256[] payload, uint256 nonce)", STARKNET_CORE);
        public static final EventSignature PROGRAM_HASH_CHANGED = EventSignature.of(S,
                "ProgramHashChanged(address indexed changedBy, uint256 oldProgramHash, uint256 newProgramHash)",
                STARKNET_CORE);
        public static final EventSignature CONFIG_HASH_CHANGED = EventSignature.of(S,
                "ConfigHashChanged(address indexed changedBy, uint256 oldConfigHash, uint256 newConfigHash)",
                STARKNET_CORE);

        static final List<EventSignature> ALL = List.of(LOG_STATE_UPDATE, LOG_STATE_UPDATE_LEGACY,
                LOG_STATE_TRANSITION_FACT, LOG_MESSAGE_TO_L2, LOG_MESSAGE_TO_L1, CONSUMED_MESSAGE_TO_L1,
                CONSUMED_MESSAGE_TO_L2, MESSAGE_TO_L2_CANCELLATION_STARTED, PROGRAM_HASH_CHANGED, CONFIG_HASH_CHANGED);

        private Starknet() {
        }
    }

    /**
     * Polygon zkEVM / Agglayer: 0xPolygonHermez/zkevm-contracts @4912f4b (contracts/PolygonZkEVM.sol,
     * contracts/v2/PolygonRollupManager.sol, contracts/v2/lib/PolygonRollupBaseEtrog.sol,
     * contracts/lib/EmergencyManager.sol, contracts/v2/PolygonZkEVMGlobalExitRootV2.sol,
     * contracts/v2/PolygonZkEVMBridgeV2.sol) and agglayer/agglayer-contracts contracts/AgglayerManager.sol.
     */
    public static final class Polygon {

        private static final Stack S = Stack.POLYGON_ZKEVM;

        // The pre-Etrog PolygonZkEVM proxy is the address that became the PolygonRollupManager, so its
        // history carries the legacy events under that role.
        public static final EventSignature SEQUENCE_BATCHES_LEGACY = EventSignature.of(S,
                "SequenceBatches(uint64 indexed numBatch)", POLYGON_ROLLUP_MANAGER);
        public static final EventSignature VERIFY_BATCHES_TRUSTED_AGGREGATOR_LEGACY = EventSignature.of(S,
                "VerifyBatchesTrustedAggregator(uint64 indexed numBatch, bytes32 stateRoot, "
                        + "address indexed aggregator)",
                POLYGON_ROLLUP_MANAGER);
        /** Etrog rollup contract. */
        public static final EventSignature SEQUENCE_BATCHES = EventSignature.of(S,
                "SequenceBatches(uint64 indexed numBatch, bytes32 l1InfoRoot)", POLYGON_ZKEVM);
        public static final EventSignature ON_SEQUENCE_BATCHES = EventSignature.of(S,
                "OnSequenceBatches(uint32 indexed rollupID, uint64 lastBatchSequenced)", POLYGON_ROLLUP_MANAGER);
        public static final EventSignature VERIFY_BATCHES_TRUSTED_AGGREGATOR = EventSignature.of(S,
                "VerifyBatchesTrustedAggregator(uint32 indexed rollupID, uint64 numBatch, bytes32 stateRoot, "
                        + "bytes32 exitRoot, address indexed aggregator)", POLYGON_ROLLUP_MANAGER);
        public static final EventSignature VERIFY_BATCHES = EventSignature.of(S,
                "VerifyBatches(uint32 indexed rollupID, uint64 numBatch, bytes32 stateRoot, bytes32 exitRoot, "
                        + "address indexed aggregator)", POLYGON_ROLLUP_MANAGER);
        /** Agglayer pessimistic proofs (aggchains). */
        public static final EventSignature VERIFY_PESSIMISTIC_STATE_TRANSITION = EventSignature.of(S,
                "VerifyPessimisticStateTransition(uint32 indexed rollupID, bytes32 prevPessimisticRoot, "
                        + "bytes32 newPessimisticRoot, bytes32 prevLocalExitRoot, bytes32 newLocalExitRoot, "
                        + "bytes32 l1InfoRoot, address indexed trustedAggregator)", POLYGON_ROLLUP_MANAGER);
        public static final EventSignature FORCE_BATCH = EventSignature.of(S,
                "ForceBatch(uint64 indexed forceBatchNum, bytes32 lastGlobalExitRoot, address sequencer, "
                        + "bytes transactions)", POLYGON_ZKEVM);
        public static final EventSignature SEQUENCE_FORCE_BATCHES = EventSignature.of(S,
                "SequenceForceBatches(uint64 indexed numBatch)", POLYGON_ZKEVM);
        public static final EventSignature EMERGENCY_STATE_ACTIVATED = EventSignature.of(S,
                "EmergencyStateActivated()", POLYGON_ROLLUP_MANAGER, POLYGON_BRIDGE);
        public static final EventSignature EMERGENCY_STATE_DEACTIVATED = EventSignature.of(S,
                "EmergencyStateDeactivated()", POLYGON_ROLLUP_MANAGER, POLYGON_BRIDGE);
        public static final EventSignature UPDATE_L1_INFO_TREE = EventSignature.of(S,
                "UpdateL1InfoTree(bytes32 indexed mainnetExitRoot, bytes32 indexed rollupExitRoot)",
                GLOBAL_EXIT_ROOT_MANAGER);
        public static final EventSignature BRIDGE_EVENT = EventSignature.of(S,
                "BridgeEvent(uint8 leafType, uint32 originNetwork, address originAddress, uint32 destinationNetwork, "
                        + "address destinationAddress, uint256 amount, bytes metadata, uint32 depositCount)",
                POLYGON_BRIDGE);
        public static final EventSignature CLAIM_EVENT = EventSignature.of(S,
                "ClaimEvent(uint256 globalIndex, uint32 originNetwork, address originAddress, "
                        + "address destinationAddress, uint256 amount)", POLYGON_BRIDGE);

        static final List<EventSignature> ALL = List.of(SEQUENCE_BATCHES_LEGACY,
                VERIFY_BATCHES_TRUSTED_AGGREGATOR_LEGACY, SEQUENCE_BATCHES, ON_SEQUENCE_BATCHES,
                VERIFY_BATCHES_TRUSTED_AGGREGATOR, VERIFY_BATCHES, VERIFY_PESSIMISTIC_STATE_TRANSITION, FORCE_BATCH,
                SEQUENCE_FORCE_BATCHES, EMERGENCY_STATE_ACTIVATED, EMERGENCY_STATE_DEACTIVATED, UPDATE_L1_INFO_TREE,
                BRIDGE_EVENT, CLAIM_EVENT);

        private Polygon() {
        }
    }

    /**
     * Events of any stack's contracts: OpenZeppelin/openzeppelin-contracts contracts/interfaces/IERC1967.sol,
     * utils/Pausable.sol (security/Pausable.sol in v4), proxy/utils/Initializable.sol, access/Ownable.sol;
     * and the Chainlink L2 sequencer uptime feed (smartcontractkit/chainlink l2ep SequencerUptimeFeed).
     * A watched contract's log whose topic0 is none of these is an unknown event.
     */
    public static final class Common {

        public static final EventSignature UPGRADED = EventSignature.common(
                "Upgraded(address indexed implementation)", WATCHED);
        public static final EventSignature ADMIN_CHANGED = EventSignature.common(
                "AdminChanged(address previousAdmin, address newAdmin)", WATCHED);
        public static final EventSignature BEACON_UPGRADED = EventSignature.common(
                "BeaconUpgraded(address indexed beacon)", WATCHED);
        public static final EventSignature PAUSED = EventSignature.common("Paused(address account)", WATCHED);
        public static final EventSignature UNPAUSED = EventSignature.common("Unpaused(address account)", WATCHED);
        /** OpenZeppelin v4. */
        public static final EventSignature INITIALIZED_V4 = EventSignature.common(
                "Initialized(uint8 version)", WATCHED);
        /** OpenZeppelin v5. */
        public static final EventSignature INITIALIZED_V5 = EventSignature.common(
                "Initialized(uint64 version)", WATCHED);
        public static final EventSignature OWNERSHIP_TRANSFERRED = EventSignature.common(
                "OwnershipTransferred(address indexed previousOwner, address indexed newOwner)", WATCHED);
        public static final EventSignature ANSWER_UPDATED = EventSignature.common(
                "AnswerUpdated(int256 indexed current, uint256 indexed roundId, uint256 updatedAt)",
                SEQUENCER_UPTIME_FEED);
        public static final EventSignature ROUND_UPDATED = EventSignature.common(
                "RoundUpdated(int256 status, uint64 updatedAt)", SEQUENCER_UPTIME_FEED);
        public static final EventSignature UPDATE_IGNORED = EventSignature.common(
                "UpdateIgnored(bool latestStatus, uint64 latestTimestamp, bool incomingStatus, "
                        + "uint64 incomingTimestamp)", SEQUENCER_UPTIME_FEED);

        static final List<EventSignature> ALL = List.of(UPGRADED, ADMIN_CHANGED, BEACON_UPGRADED, PAUSED, UNPAUSED,
                INITIALIZED_V4, INITIALIZED_V5, OWNERSHIP_TRANSFERRED, ANSWER_UPDATED, ROUND_UPDATED, UPDATE_IGNORED);

        private Common() {
        }
    }

    private static final List<EventSignature> ALL = Stream.of(Arbitrum.ALL, OpStack.ALL, ZkSync.ALL, Scroll.ALL,
            Linea.ALL, Starknet.ALL, Polygon.ALL, Common.ALL).flatMap(List::stream).toList();

    /** role → topic0 → event; built once, rejecting a repeated (role, topic0). */
    private static final Map<String, Map<String, EventSignature>> BY_ROLE = indexByRole(ALL);

    private EventCatalog() {
    }

    /** Every event, stack by stack, common events last. */
    public static List<EventSignature> all() {
        return ALL;
    }

    /** The events of one stack, without the {@linkplain #common() common} ones; empty for GENERIC. */
    public static List<EventSignature> forStack(Stack stack) {
        return switch (stack) {
            case ARBITRUM_NITRO -> Arbitrum.ALL;
            case OP_STACK -> OpStack.ALL;
            case ZKSYNC_ERA -> ZkSync.ALL;
            case SCROLL -> Scroll.ALL;
            case LINEA -> Linea.ALL;
            case STARKNET -> Starknet.ALL;
            case POLYGON_ZKEVM -> Polygon.ALL;
            case GENERIC -> List.of();
        };
    }

    /** The events any stack's contracts may emit. */
    public static List<EventSignature> common() {
        return Common.ALL;
    }

    /**
     * The event a contract in {@code role} emitted with {@code topic0}: the role's own event if there is
     * one, else a {@link #WATCHED} event (upgrade, ownership, pause, initialisation), else empty — which
     * for a watched contract means an unknown event.
     *
     * @param topic0 {@code 0x} and 64 hex digits, in any case
     */
    public static Optional<EventSignature> find(String role, String topic0) {
        String key = topic0.toLowerCase(Locale.ROOT);
        EventSignature own = BY_ROLE.getOrDefault(role, Map.of()).get(key);
        if (own != null) {
            return Optional.of(own);
        }
        return Optional.ofNullable(BY_ROLE.get(WATCHED).get(key));
    }

    /** Every event with this topic0, whatever its role, in catalog order (names are no key: see the class doc). */
    public static List<EventSignature> byTopic0(String topic0) {
        String key = topic0.toLowerCase(Locale.ROOT);
        return ALL.stream().filter(event -> event.topic0().equals(key)).toList();
    }

    private static Map<String, Map<String, EventSignature>> indexByRole(List<EventSignature> events) {
        Map<String, Map<String, EventSignature>> index = new HashMap<>();
        for (EventSignature event : events) {
            for (String role : event.roles()) {
                EventSignature previous = index.computeIfAbsent(role, r -> new HashMap<>()).put(event.topic0(), event);
                if (previous != null) {
                    throw new IllegalStateException("two events for role " + role + " and topic0 " + event.topic0()
                            + ": " + previous.canonical() + " and " + event.canonical());
                }
            }
        }
        Map<String, Map<String, EventSignature>> frozen = new HashMap<>();
        index.forEach((role, byTopic) -> frozen.put(role, Map.copyOf(byTopic)));
        return Map.copyOf(frozen);
    }
}
