// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import "./Common.sol";

// Scroll, declared as in scroll-tech/scroll-contracts @dfbd661: src/L1/rollup/IScrollChain.sol,
// src/L1/rollup/IL1MessageQueueV2.sol (QueueTransaction declared alike in V1), src/libraries/IScrollMessenger.sol.

contract ScrollChainEmitter is WatchedEvents {
    event CommitBatch(uint256 indexed batchIndex, bytes32 indexed batchHash);
    event RevertBatch(uint256 indexed batchIndex, bytes32 indexed batchHash);
    event RevertBatch(uint256 indexed startBatchIndex, uint256 indexed finishBatchIndex);
    event FinalizeBatch(uint256 indexed batchIndex, bytes32 indexed batchHash, bytes32 stateRoot, bytes32 withdrawRoot);
    event UpdateEnforcedBatchMode(bool enabled, uint256 lastCommittedBatchIndex);
    event UpdateSequencer(address indexed account, bool status);
    event UpdateProver(address indexed account, bool status);

    function emitCommitBatch(uint256 batchIndex, bytes32 batchHash) external { emit CommitBatch(batchIndex, batchHash); }
    function emitRevertBatch(uint256 batchIndex, bytes32 batchHash) external { emit RevertBatch(batchIndex, batchHash); }
    /** The range overload RevertBatch(uint256 indexed startBatchIndex, uint256 indexed finishBatchIndex). */
    function emitRevertBatchRange(uint256 startBatchIndex, uint256 finishBatchIndex) external {
        emit RevertBatch(startBatchIndex, finishBatchIndex);
    }
    function emitFinalizeBatch(uint256 batchIndex, bytes32 batchHash, bytes32 stateRoot, bytes32 withdrawRoot)
            external {
        emit FinalizeBatch(batchIndex, batchHash, stateRoot, withdrawRoot);
    }
    function emitUpdateEnforcedBatchMode(bool enabled, uint256 lastCommittedBatchIndex) external {
        emit UpdateEnforcedBatchMode(enabled, lastCommittedBatchIndex);
    }
    function emitUpdateSequencer(address account, bool status) external { emit UpdateSequencer(account, status); }
    function emitUpdateProver(address account, bool status) external { emit UpdateProver(account, status); }
}

/** L1MessageQueue V1 or V2 (V2 adds FinalizedDequeuedTransaction). */
contract L1MessageQueueEmitter is WatchedEvents {
    event QueueTransaction(
        address indexed sender, address indexed target, uint256 value, uint64 queueIndex, uint256 gasLimit, bytes data);
    event FinalizedDequeuedTransaction(uint256 finalizedIndex);

    function emitQueueTransaction(address sender, address target, uint256 value, uint64 queueIndex, uint256 gasLimit,
            bytes calldata data) external {
        emit QueueTransaction(sender, target, value, queueIndex, gasLimit, data);
    }
    function emitFinalizedDequeuedTransaction(uint256 finalizedIndex) external {
        emit FinalizedDequeuedTransaction(finalizedIndex);
    }
}

contract L1ScrollMessengerEmitter is WatchedEvents {
    event SentMessage(address indexed sender, address indexed target, uint256 value, uint256 messageNonce,
        uint256 gasLimit, bytes message);

    function emitSentMessage(address sender, address target, uint256 value, uint256 messageNonce, uint256 gasLimit,
            bytes calldata message) external {
        emit SentMessage(sender, target, value, messageNonce, gasLimit, message);
    }
}
