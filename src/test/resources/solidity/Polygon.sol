// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import "./Common.sol";

// Polygon zkEVM / Agglayer, declared as in 0xPolygonHermez/zkevm-contracts @4912f4b (contracts/PolygonZkEVM.sol,
// contracts/v2/PolygonRollupManager.sol, contracts/v2/lib/PolygonRollupBaseEtrog.sol, contracts/lib/EmergencyManager.sol,
// contracts/v2/PolygonZkEVMGlobalExitRootV2.sol, contracts/v2/PolygonZkEVMBridgeV2.sol) and
// agglayer/agglayer-contracts contracts/AgglayerManager.sol.

/** The PolygonRollupManager proxy, which is also the pre-Etrog PolygonZkEVM address (legacy events). */
contract PolygonRollupManagerEmitter is WatchedEvents {
    event SequenceBatches(uint64 indexed numBatch);
    event VerifyBatchesTrustedAggregator(uint64 indexed numBatch, bytes32 stateRoot, address indexed aggregator);
    event OnSequenceBatches(uint32 indexed rollupID, uint64 lastBatchSequenced);
    event VerifyBatchesTrustedAggregator(
        uint32 indexed rollupID, uint64 numBatch, bytes32 stateRoot, bytes32 exitRoot, address indexed aggregator);
    event VerifyBatches(
        uint32 indexed rollupID, uint64 numBatch, bytes32 stateRoot, bytes32 exitRoot, address indexed aggregator);
    event VerifyPessimisticStateTransition(
        uint32 indexed rollupID,
        bytes32 prevPessimisticRoot,
        bytes32 newPessimisticRoot,
        bytes32 prevLocalExitRoot,
        bytes32 newLocalExitRoot,
        bytes32 l1InfoRoot,
        address indexed trustedAggregator
    );
    event EmergencyStateActivated();
    event EmergencyStateDeactivated();

    /** Legacy PolygonZkEVM SequenceBatches(uint64 indexed numBatch). */
    function emitSequenceBatchesLegacy(uint64 numBatch) external { emit SequenceBatches(numBatch); }
    /** Legacy PolygonZkEVM VerifyBatchesTrustedAggregator(uint64 indexed numBatch, bytes32, address indexed). */
    function emitVerifyBatchesTrustedAggregatorLegacy(uint64 numBatch, bytes32 stateRoot, address aggregator)
            external {
        emit VerifyBatchesTrustedAggregator(numBatch, stateRoot, aggregator);
    }
    function emitOnSequenceBatches(uint32 rollupID, uint64 lastBatchSequenced) external {
        emit OnSequenceBatches(rollupID, lastBatchSequenced);
    }
    function emitVerifyBatchesTrustedAggregator(uint32 rollupID, uint64 numBatch, bytes32 stateRoot, bytes32 exitRoot,
            address aggregator) external {
        emit VerifyBatchesTrustedAggregator(rollupID, numBatch, stateRoot, exitRoot, aggregator);
    }
    function emitVerifyBatches(uint32 rollupID, uint64 numBatch, bytes32 stateRoot, bytes32 exitRoot,
            address aggregator) external {
        emit VerifyBatches(rollupID, numBatch, stateRoot, exitRoot, aggregator);
    }
    function emitVerifyPessimisticStateTransition(uint32 rollupID, bytes32 prevPessimisticRoot,
            bytes32 newPessimisticRoot, bytes32 prevLocalExitRoot, bytes32 newLocalExitRoot, bytes32 l1InfoRoot,
            address trustedAggregator) external {
        emit VerifyPessimisticStateTransition(rollupID, prevPessimisticRoot, newPessimisticRoot, prevLocalExitRoot,
            newLocalExitRoot, l1InfoRoot, trustedAggregator);
    }
    function emitEmergencyStateActivated() external { emit EmergencyStateActivated(); }
    function emitEmergencyStateDeactivated() external { emit EmergencyStateDeactivated(); }
}

/** An Etrog rollup contract (PolygonRollupBaseEtrog). */
contract PolygonZkEvmEmitter is WatchedEvents {
    event SequenceBatches(uint64 indexed numBatch, bytes32 l1InfoRoot);
    event ForceBatch(uint64 indexed forceBatchNum, bytes32 lastGlobalExitRoot, address sequencer, bytes transactions);
    event SequenceForceBatches(uint64 indexed numBatch);

    function emitSequenceBatches(uint64 numBatch, bytes32 l1InfoRoot) external {
        emit SequenceBatches(numBatch, l1InfoRoot);
    }
    function emitForceBatch(uint64 forceBatchNum, bytes32 lastGlobalExitRoot, address sequencer,
            bytes calldata transactions) external {
        emit ForceBatch(forceBatchNum, lastGlobalExitRoot, sequencer, transactions);
    }
    function emitSequenceForceBatches(uint64 numBatch) external { emit SequenceForceBatches(numBatch); }
}

contract PolygonBridgeEmitter is WatchedEvents {
    event BridgeEvent(
        uint8 leafType,
        uint32 originNetwork,
        address originAddress,
        uint32 destinationNetwork,
        address destinationAddress,
        uint256 amount,
        bytes metadata,
        uint32 depositCount
    );
    event ClaimEvent(
        uint256 globalIndex, uint32 originNetwork, address originAddress, address destinationAddress, uint256 amount);
    event EmergencyStateActivated();
    event EmergencyStateDeactivated();

    function emitBridgeEvent(uint8 leafType, uint32 originNetwork, address originAddress, uint32 destinationNetwork,
            address destinationAddress, uint256 amount, bytes calldata metadata, uint32 depositCount) external {
        emit BridgeEvent(leafType, originNetwork, originAddress, destinationNetwork, destinationAddress, amount,
            metadata, depositCount);
    }
    function emitClaimEvent(uint256 globalIndex, uint32 originNetwork, address originAddress,
            address destinationAddress, uint256 amount) external {
        emit ClaimEvent(globalIndex, originNetwork, originAddress, destinationAddress, amount);
    }
    function emitEmergencyStateActivated() external { emit EmergencyStateActivated(); }
    function emitEmergencyStateDeactivated() external { emit EmergencyStateDeactivated(); }
}

contract GlobalExitRootManagerEmitter is WatchedEvents {
    event UpdateL1InfoTree(bytes32 indexed mainnetExitRoot, bytes32 indexed rollupExitRoot);

    function emitUpdateL1InfoTree(bytes32 mainnetExitRoot, bytes32 rollupExitRoot) external {
        emit UpdateL1InfoTree(mainnetExitRoot, rollupExitRoot);
    }
}
