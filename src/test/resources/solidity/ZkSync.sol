// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import "./Common.sol";

// zkSync Era / ZK stack, declared as in matter-labs/era-contracts @5e7d0b4: l1-contracts/contracts/state-transition/
// chain-interfaces/IExecutor.sol, IMailboxImpl.sol, IAdmin.sol and contracts/common/Messaging.sol.

struct L2CanonicalTransaction {
    uint256 txType;
    uint256 from;
    uint256 to;
    uint256 gasLimit;
    uint256 gasPerPubdataByteLimit;
    uint256 maxFeePerGas;
    uint256 maxPriorityFeePerGas;
    uint256 paymaster;
    uint256 nonce;
    uint256 value;
    uint256[4] reserved;
    bytes data;
    bytes signature;
    uint256[] factoryDeps;
    bytes paymasterInput;
    bytes reservedDynamic;
}

/** The chain's diamond proxy (Executor, Mailbox and Admin facets). */
contract ZkSyncDiamondEmitter is WatchedEvents {
    event BlockCommit(uint256 indexed batchNumber, bytes32 indexed batchHash, bytes32 indexed commitment);
    event BlocksVerification(uint256 indexed previousLastVerifiedBatch, uint256 indexed currentLastVerifiedBatch);
    event BlockExecution(uint256 indexed batchNumber, bytes32 indexed batchHash, bytes32 indexed commitment);
    event BlocksRevert(uint256 totalBatchesCommitted, uint256 totalBatchesVerified, uint256 totalBatchesExecuted);
    event NewPriorityRequest(
        uint256 txId,
        bytes32 txHash,
        uint64 expirationTimestamp,
        L2CanonicalTransaction transaction,
        bytes[] factoryDeps
    );
    event NewPriorityRequestId(uint256 indexed txId, bytes32 indexed txHash);
    event Freeze();
    event Unfreeze();
    event ValidatorStatusUpdate(address indexed validatorAddress, bool isActive);

    function emitBlockCommit(uint256 batchNumber, bytes32 batchHash, bytes32 commitment) external {
        emit BlockCommit(batchNumber, batchHash, commitment);
    }
    function emitBlocksVerification(uint256 previousLastVerifiedBatch, uint256 currentLastVerifiedBatch) external {
        emit BlocksVerification(previousLastVerifiedBatch, currentLastVerifiedBatch);
    }
    function emitBlockExecution(uint256 batchNumber, bytes32 batchHash, bytes32 commitment) external {
        emit BlockExecution(batchNumber, batchHash, commitment);
    }
    function emitBlocksRevert(uint256 totalBatchesCommitted, uint256 totalBatchesVerified,
            uint256 totalBatchesExecuted) external {
        emit BlocksRevert(totalBatchesCommitted, totalBatchesVerified, totalBatchesExecuted);
    }
    function emitNewPriorityRequest(uint256 txId, bytes32 txHash, uint64 expirationTimestamp,
            L2CanonicalTransaction calldata transaction, bytes[] calldata factoryDeps) external {
        emit NewPriorityRequest(txId, txHash, expirationTimestamp, transaction, factoryDeps);
    }
    function emitNewPriorityRequestId(uint256 txId, bytes32 txHash) external { emit NewPriorityRequestId(txId, txHash); }
    function emitFreeze() external { emit Freeze(); }
    function emitUnfreeze() external { emit Unfreeze(); }
    function emitValidatorStatusUpdate(address validatorAddress, bool isActive) external {
        emit ValidatorStatusUpdate(validatorAddress, isActive);
    }
}
