// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import "./Common.sol";

// Linea, declared as in Consensys/linea-monorepo @cb18013 contracts/src: rollup/dataAvailability/interfaces/
// IShnarfDataAcceptorBase.sol, rollup/interfaces/ILineaRollupBase.sol, ILivenessRecovery.sol,
// rollup/forcedTransactions/interfaces/IAcceptForcedTransactions.sol, messaging/interfaces/IMessageService.sol,
// messaging/l1/interfaces/IL1MessageManager.sol, security/pausing/interfaces/IPauseManager.sol; legacy events from
// the history of _testing/integration/LineaRollupV5.sol.

/** The LineaRollup proxy, which is also the L1 message service. */
contract LineaRollupEmitter is WatchedEvents {
    enum PauseType {
        UNUSED,
        GENERAL,
        L1_L2,
        L2_L1,
        BLOB_SUBMISSION,
        CALLDATA_SUBMISSION,
        FINALIZATION,
        INITIATE_TOKEN_BRIDGING,
        COMPLETE_TOKEN_BRIDGING,
        NATIVE_YIELD_STAKING,
        NATIVE_YIELD_UNSTAKING,
        NATIVE_YIELD_PERMISSIONLESS_ACTIONS,
        NATIVE_YIELD_REPORTING,
        STATE_DATA_SUBMISSION
    }

    event DataSubmittedV3(bytes32 parentShnarf, bytes32 indexed shnarf, bytes32 finalStateRootHash);
    event DataFinalizedV3(
        uint256 indexed startBlockNumber,
        uint256 indexed endBlockNumber,
        bytes32 indexed shnarf,
        bytes32 parentStateRootHash,
        bytes32 finalStateRootHash
    );
    event FinalizedStateUpdated(
        uint256 indexed blockNumber, uint256 timestamp, uint256 messageNumber, uint256 forcedTransactionNumber);
    event DataSubmittedV2(bytes32 indexed shnarf, uint256 indexed startBlock, uint256 indexed endBlock);
    event DataFinalized(
        uint256 indexed lastBlockFinalized, bytes32 indexed startingRootHash, bytes32 indexed finalRootHash,
        bool withProof);
    event BlocksVerificationDone(uint256 indexed lastBlockFinalized, bytes32 startingRootHash, bytes32 finalRootHash);
    event MessageSent(
        address indexed _from,
        address indexed _to,
        uint256 _fee,
        uint256 _value,
        uint256 _nonce,
        bytes _calldata,
        bytes32 indexed _messageHash
    );
    event MessageClaimed(bytes32 indexed _messageHash);
    event RollingHashUpdated(uint256 indexed messageNumber, bytes32 indexed rollingHash, bytes32 indexed messageHash);
    event Paused(address messageSender, PauseType indexed pauseType);
    event UnPaused(address messageSender, PauseType indexed pauseType);
    event LivenessRecoveryOperatorRoleGranted(address indexed caller, address indexed livenessRecoveryOperator);
    event FallbackOperatorRoleGranted(address indexed caller, address indexed fallbackOperator);
    event ForcedTransactionAdded(
        uint256 indexed forcedTransactionNumber,
        address indexed from,
        uint256 blockNumberDeadline,
        bytes32 forcedTransactionRollingHash,
        bytes rlpEncodedSignedTransaction
    );
    event VerifierAddressChanged(
        address indexed verifierAddress, uint256 indexed proofType, address indexed verifierSetBy,
        address oldVerifierAddress);

    function emitDataSubmittedV3(bytes32 parentShnarf, bytes32 shnarf, bytes32 finalStateRootHash) external {
        emit DataSubmittedV3(parentShnarf, shnarf, finalStateRootHash);
    }
    function emitDataFinalizedV3(uint256 startBlockNumber, uint256 endBlockNumber, bytes32 shnarf,
            bytes32 parentStateRootHash, bytes32 finalStateRootHash) external {
        emit DataFinalizedV3(startBlockNumber, endBlockNumber, shnarf, parentStateRootHash, finalStateRootHash);
    }
    function emitFinalizedStateUpdated(uint256 blockNumber, uint256 timestamp, uint256 messageNumber,
            uint256 forcedTransactionNumber) external {
        emit FinalizedStateUpdated(blockNumber, timestamp, messageNumber, forcedTransactionNumber);
    }
    function emitDataSubmittedV2(bytes32 shnarf, uint256 startBlock, uint256 endBlock) external {
        emit DataSubmittedV2(shnarf, startBlock, endBlock);
    }
    function emitDataFinalized(uint256 lastBlockFinalized, bytes32 startingRootHash, bytes32 finalRootHash,
            bool withProof) external {
        emit DataFinalized(lastBlockFinalized, startingRootHash, finalRootHash, withProof);
    }
    function emitBlocksVerificationDone(uint256 lastBlockFinalized, bytes32 startingRootHash, bytes32 finalRootHash)
            external {
        emit BlocksVerificationDone(lastBlockFinalized, startingRootHash, finalRootHash);
    }
    function emitMessageSent(address from, address to, uint256 fee, uint256 value, uint256 nonce,
            bytes calldata data, bytes32 messageHash) external {
        emit MessageSent(from, to, fee, value, nonce, data, messageHash);
    }
    function emitMessageClaimed(bytes32 messageHash) external { emit MessageClaimed(messageHash); }
    function emitRollingHashUpdated(uint256 messageNumber, bytes32 rollingHash, bytes32 messageHash) external {
        emit RollingHashUpdated(messageNumber, rollingHash, messageHash);
    }
    /** Linea's Paused(address messageSender, PauseType indexed pauseType), not OpenZeppelin's. */
    function emitPausedWithType(address messageSender, PauseType pauseType) external {
        emit Paused(messageSender, pauseType);
    }
    function emitUnPaused(address messageSender, PauseType pauseType) external { emit UnPaused(messageSender, pauseType); }
    function emitLivenessRecoveryOperatorRoleGranted(address caller, address livenessRecoveryOperator) external {
        emit LivenessRecoveryOperatorRoleGranted(caller, livenessRecoveryOperator);
    }
    function emitFallbackOperatorRoleGranted(address caller, address fallbackOperator) external {
        emit FallbackOperatorRoleGranted(caller, fallbackOperator);
    }
    function emitForcedTransactionAdded(uint256 forcedTransactionNumber, address from, uint256 blockNumberDeadline,
            bytes32 forcedTransactionRollingHash, bytes calldata rlpEncodedSignedTransaction) external {
        emit ForcedTransactionAdded(forcedTransactionNumber, from, blockNumberDeadline, forcedTransactionRollingHash,
            rlpEncodedSignedTransaction);
    }
    function emitVerifierAddressChanged(address verifierAddress, uint256 proofType, address verifierSetBy,
            address oldVerifierAddress) external {
        emit VerifierAddressChanged(verifierAddress, proofType, verifierSetBy, oldVerifierAddress);
    }
}
