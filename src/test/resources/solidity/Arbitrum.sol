// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import "./Common.sol";

// Arbitrum Nitro, declared as in OffchainLabs/nitro-contracts @6748733: src/bridge/IBridge.sol,
// ISequencerInbox.sol, IDelayedMessageProvider.sol, IOutbox.sol; src/rollup/IRollupCore.sol, IRollupAdmin.sol,
// Assertion.sol, AssertionState.sol; src/state/GlobalState.sol, Machine.sol;
// src/challengeV2/EdgeChallengeManager.sol; pre-BoLD node events from tag v2.1.3 src/rollup/IRollupCore.sol.

interface IBridge {
    enum BatchDataLocation { TxInput, SeparateBatchEvent, NoData, Blob }

    struct TimeBounds {
        uint64 minTimestamp;
        uint64 maxTimestamp;
        uint64 minBlockNumber;
        uint64 maxBlockNumber;
    }
}

struct GlobalState {
    bytes32[2] bytes32Vals;
    uint64[2] u64Vals;
}

enum MachineStatus { RUNNING, FINISHED, ERRORED }

struct AssertionState {
    GlobalState globalState;
    MachineStatus machineStatus;
    bytes32 endHistoryRoot;
}

struct ConfigData {
    bytes32 wasmModuleRoot;
    uint256 requiredStake;
    address challengeManager;
    uint64 confirmPeriodBlocks;
    uint64 nextInboxPosition;
}

struct BeforeStateData {
    bytes32 prevPrevAssertionHash;
    bytes32 sequencerBatchAcc;
    ConfigData configData;
}

struct AssertionInputs {
    BeforeStateData beforeStateData;
    AssertionState beforeState;
    AssertionState afterState;
}

// pre-BoLD (v2.1.3): RollupLib.ExecutionState and Assertion
struct ExecutionState {
    GlobalState globalState;
    MachineStatus machineStatus;
}

struct OldAssertion {
    ExecutionState beforeState;
    ExecutionState afterState;
    uint64 numBlocks;
}

contract SequencerInboxEmitter is WatchedEvents {
    struct MaxTimeVariation {
        uint256 delayBlocks;
        uint256 futureBlocks;
        uint256 delaySeconds;
        uint256 futureSeconds;
    }

    event SequencerBatchDelivered(
        uint256 indexed batchSequenceNumber,
        bytes32 indexed beforeAcc,
        bytes32 indexed afterAcc,
        bytes32 delayedAcc,
        uint256 afterDelayedMessagesRead,
        IBridge.TimeBounds timeBounds,
        IBridge.BatchDataLocation dataLocation
    );
    event SequencerBatchData(uint256 indexed batchSequenceNumber, bytes data);
    event InboxMessageDelivered(uint256 indexed messageNum, bytes data);
    event OwnerFunctionCalled(uint256 indexed id);
    event SetValidKeyset(bytes32 indexed keysetHash, bytes keysetBytes);
    event InvalidateKeyset(bytes32 indexed keysetHash);
    event BatchPosterSet(address batchPoster, bool isBatchPoster);
    event SequencerSet(address addr, bool isSequencer);
    event MaxTimeVariationSet(MaxTimeVariation maxTimeVariation);

    // Arbitrum One's maxTimeVariation (delayBlocks, futureBlocks, delaySeconds, futureSeconds).
    uint64 private constant DELAY_BLOCKS = 7200;
    uint64 private constant FUTURE_BLOCKS = 64;
    uint64 private constant DELAY_SECONDS = 86400;
    uint64 private constant FUTURE_SECONDS = 768;

    /** Inbox accumulator after each batch: acc[n] = keccak256(acc[n-1], keccak256(data), afterDelayedMessagesRead). */
    mapping(uint256 => bytes32) public inboxAccs;

    /**
     * As the real SequencerInbox's batch-poster entry point (same selector, 0x8f111f3c): the batch data
     * stays in the transaction input and the event says TxInput. The time bounds follow Arbitrum One's
     * maxTimeVariation, clamped at zero: [timestamp - 86400, timestamp + 768], [number - 7200, number + 64].
     */
    function addSequencerL2BatchFromOrigin(
        uint256 sequenceNumber,
        bytes calldata data,
        uint256 afterDelayedMessagesRead,
        address gasRefunder,
        uint256 prevMessageCount,
        uint256 newMessageCount
    ) external {
        gasRefunder;
        prevMessageCount;
        newMessageCount;
        bytes32 beforeAcc = sequenceNumber == 0 ? bytes32(0) : inboxAccs[sequenceNumber - 1];
        bytes32 afterAcc = keccak256(abi.encodePacked(beforeAcc, keccak256(data), afterDelayedMessagesRead));
        inboxAccs[sequenceNumber] = afterAcc;
        uint64 ts = uint64(block.timestamp);
        uint64 bn = uint64(block.number);
        IBridge.TimeBounds memory bounds = IBridge.TimeBounds(
            ts > DELAY_SECONDS ? ts - DELAY_SECONDS : 0, ts + FUTURE_SECONDS,
            bn > DELAY_BLOCKS ? bn - DELAY_BLOCKS : 0, bn + FUTURE_BLOCKS);
        emit SequencerBatchDelivered(sequenceNumber, beforeAcc, afterAcc, bytes32(0), afterDelayedMessagesRead,
            bounds, IBridge.BatchDataLocation.TxInput);
    }

    function emitSequencerBatchDelivered(
        uint256 batchSequenceNumber,
        bytes32 beforeAcc,
        bytes32 afterAcc,
        bytes32 delayedAcc,
        uint256 afterDelayedMessagesRead,
        IBridge.TimeBounds calldata timeBounds,
        IBridge.BatchDataLocation dataLocation
    ) external {
        emit SequencerBatchDelivered(batchSequenceNumber, beforeAcc, afterAcc, delayedAcc, afterDelayedMessagesRead,
            timeBounds, dataLocation);
    }
    function emitSequencerBatchData(uint256 batchSequenceNumber, bytes calldata data) external {
        emit SequencerBatchData(batchSequenceNumber, data);
    }
    function emitInboxMessageDelivered(uint256 messageNum, bytes calldata data) external {
        emit InboxMessageDelivered(messageNum, data);
    }
    function emitOwnerFunctionCalled(uint256 id) external { emit OwnerFunctionCalled(id); }
    function emitSetValidKeyset(bytes32 keysetHash, bytes calldata keysetBytes) external {
        emit SetValidKeyset(keysetHash, keysetBytes);
    }
    function emitInvalidateKeyset(bytes32 keysetHash) external { emit InvalidateKeyset(keysetHash); }
    function emitBatchPosterSet(address batchPoster, bool isBatchPoster) external {
        emit BatchPosterSet(batchPoster, isBatchPoster);
    }
    function emitSequencerSet(address addr, bool isSequencer) external { emit SequencerSet(addr, isSequencer); }
    function emitMaxTimeVariationSet(MaxTimeVariation calldata maxTimeVariation) external {
        emit MaxTimeVariationSet(maxTimeVariation);
    }
}

contract BridgeEmitter is WatchedEvents {
    event MessageDelivered(
        uint256 indexed messageIndex,
        bytes32 indexed beforeInboxAcc,
        address inbox,
        uint8 kind,
        address sender,
        bytes32 messageDataHash,
        uint256 baseFeeL1,
        uint64 timestamp
    );
    event OwnerFunctionCalled(uint256 indexed id);

    function emitMessageDelivered(uint256 messageIndex, bytes32 beforeInboxAcc, address inbox, uint8 kind,
            address sender, bytes32 messageDataHash, uint256 baseFeeL1, uint64 timestamp) external {
        emit MessageDelivered(messageIndex, beforeInboxAcc, inbox, kind, sender, messageDataHash, baseFeeL1, timestamp);
    }
    function emitOwnerFunctionCalled(uint256 id) external { emit OwnerFunctionCalled(id); }
}

contract InboxEmitter is WatchedEvents {
    event InboxMessageDelivered(uint256 indexed messageNum, bytes data);
    event InboxMessageDeliveredFromOrigin(uint256 indexed messageNum);

    function emitInboxMessageDelivered(uint256 messageNum, bytes calldata data) external {
        emit InboxMessageDelivered(messageNum, data);
    }
    function emitInboxMessageDeliveredFromOrigin(uint256 messageNum) external {
        emit InboxMessageDeliveredFromOrigin(messageNum);
    }
}

contract OutboxEmitter is WatchedEvents {
    event SendRootUpdated(bytes32 indexed outputRoot, bytes32 indexed l2BlockHash);
    event OutBoxTransactionExecuted(
        address indexed to, address indexed l2Sender, uint256 indexed zero, uint256 transactionIndex);

    function emitSendRootUpdated(bytes32 outputRoot, bytes32 l2BlockHash) external {
        emit SendRootUpdated(outputRoot, l2BlockHash);
    }
    function emitOutBoxTransactionExecuted(address to, address l2Sender, uint256 zero, uint256 transactionIndex)
            external {
        emit OutBoxTransactionExecuted(to, l2Sender, zero, transactionIndex);
    }
}

/** BoLD rollup (RollupCore + RollupAdmin events). */
contract RollupEmitter is WatchedEvents {
    event AssertionCreated(
        bytes32 indexed assertionHash,
        bytes32 indexed parentAssertionHash,
        AssertionInputs assertion,
        bytes32 afterInboxBatchAcc,
        uint256 inboxMaxCount,
        bytes32 wasmModuleRoot,
        uint256 requiredStake,
        address challengeManager,
        uint64 confirmPeriodBlocks
    );
    event AssertionConfirmed(bytes32 indexed assertionHash, bytes32 blockHash, bytes32 sendRoot);
    event RollupChallengeStarted(
        uint64 indexed challengeIndex, address asserter, address challenger, uint64 challengedAssertion);
    event OwnerFunctionCalled(uint256 indexed id);
    event ValidatorWhitelistDisabledSet(bool _validatorWhitelistDisabled);

    function emitAssertionCreated(
        bytes32 assertionHash,
        bytes32 parentAssertionHash,
        AssertionInputs calldata assertion,
        bytes32 afterInboxBatchAcc,
        uint256 inboxMaxCount,
        bytes32 wasmModuleRoot,
        uint256 requiredStake,
        address challengeManager,
        uint64 confirmPeriodBlocks
    ) external {
        emit AssertionCreated(assertionHash, parentAssertionHash, assertion, afterInboxBatchAcc, inboxMaxCount,
            wasmModuleRoot, requiredStake, challengeManager, confirmPeriodBlocks);
    }
    function emitAssertionConfirmed(bytes32 assertionHash, bytes32 blockHash, bytes32 sendRoot) external {
        emit AssertionConfirmed(assertionHash, blockHash, sendRoot);
    }
    function emitRollupChallengeStarted(uint64 challengeIndex, address asserter, address challenger,
            uint64 challengedAssertion) external {
        emit RollupChallengeStarted(challengeIndex, asserter, challenger, challengedAssertion);
    }
    function emitOwnerFunctionCalled(uint256 id) external { emit OwnerFunctionCalled(id); }
    function emitValidatorWhitelistDisabledSet(bool validatorWhitelistDisabled) external {
        emit ValidatorWhitelistDisabledSet(validatorWhitelistDisabled);
    }
}

/** Pre-BoLD rollup (tag v2.1.3). */
contract LegacyRollupEmitter is WatchedEvents {
    event NodeCreated(
        uint64 indexed nodeNum,
        bytes32 indexed parentNodeHash,
        bytes32 indexed nodeHash,
        bytes32 executionHash,
        OldAssertion assertion,
        bytes32 afterInboxBatchAcc,
        bytes32 wasmModuleRoot,
        uint256 inboxMaxCount
    );
    event NodeConfirmed(uint64 indexed nodeNum, bytes32 blockHash, bytes32 sendRoot);
    event NodeRejected(uint64 indexed nodeNum);
    event RollupChallengeStarted(
        uint64 indexed challengeIndex, address asserter, address challenger, uint64 challengedNode);
    event OwnerFunctionCalled(uint256 indexed id);

    function emitNodeCreated(uint64 nodeNum, bytes32 parentNodeHash, bytes32 nodeHash, bytes32 executionHash,
            OldAssertion calldata assertion, bytes32 afterInboxBatchAcc, bytes32 wasmModuleRoot, uint256 inboxMaxCount)
            external {
        emit NodeCreated(nodeNum, parentNodeHash, nodeHash, executionHash, assertion, afterInboxBatchAcc,
            wasmModuleRoot, inboxMaxCount);
    }
    function emitNodeConfirmed(uint64 nodeNum, bytes32 blockHash, bytes32 sendRoot) external {
        emit NodeConfirmed(nodeNum, blockHash, sendRoot);
    }
    function emitNodeRejected(uint64 nodeNum) external { emit NodeRejected(nodeNum); }
    function emitRollupChallengeStarted(uint64 challengeIndex, address asserter, address challenger,
            uint64 challengedNode) external {
        emit RollupChallengeStarted(challengeIndex, asserter, challenger, challengedNode);
    }
    function emitOwnerFunctionCalled(uint256 id) external { emit OwnerFunctionCalled(id); }
}

/** BoLD EdgeChallengeManager. */
contract ChallengeManagerEmitter is WatchedEvents {
    event EdgeAdded(
        bytes32 indexed edgeId,
        bytes32 indexed mutualId,
        bytes32 indexed originId,
        bytes32 claimId,
        uint256 length,
        uint8 level,
        bool hasRival,
        bool isLayerZero
    );
    event EdgeBisected(
        bytes32 indexed edgeId, bytes32 indexed lowerChildId, bytes32 indexed upperChildId,
        bool lowerChildAlreadyExists);
    event EdgeConfirmedByTime(bytes32 indexed edgeId, bytes32 indexed mutualId, uint256 totalTimeUnrivaled);
    event EdgeConfirmedByOneStepProof(bytes32 indexed edgeId, bytes32 indexed mutualId);

    function emitEdgeAdded(bytes32 edgeId, bytes32 mutualId, bytes32 originId, bytes32 claimId, uint256 length,
            uint8 level, bool hasRival, bool isLayerZero) external {
        emit EdgeAdded(edgeId, mutualId, originId, claimId, length, level, hasRival, isLayerZero);
    }
    function emitEdgeBisected(bytes32 edgeId, bytes32 lowerChildId, bytes32 upperChildId, bool lowerChildAlreadyExists)
            external {
        emit EdgeBisected(edgeId, lowerChildId, upperChildId, lowerChildAlreadyExists);
    }
    function emitEdgeConfirmedByTime(bytes32 edgeId, bytes32 mutualId, uint256 totalTimeUnrivaled) external {
        emit EdgeConfirmedByTime(edgeId, mutualId, totalTimeUnrivaled);
    }
    function emitEdgeConfirmedByOneStepProof(bytes32 edgeId, bytes32 mutualId) external {
        emit EdgeConfirmedByOneStepProof(edgeId, mutualId);
    }
}
