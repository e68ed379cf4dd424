// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import "./Common.sol";

// OP Stack, declared as in ethereum-optimism/optimism packages/contracts-bedrock: src/L1/L2OutputOracle.sol;
// interfaces/dispute/IDisputeGameFactory.sol @bcb60e6; interfaces/dispute/IDisputeGame.sol, IFaultDisputeGame.sol,
// interfaces/L1/IOptimismPortal2.sol, ISystemConfig.sol @7f63753; src/dispute/lib/Types.sol (user-defined value
// types and enums); interfaces/L1/ISuperchainConfig.sol @748d439 and its older version.

type GameType is uint32;
type Claim is bytes32;
type Timestamp is uint64;

enum GameStatus { IN_PROGRESS, CHALLENGER_WINS, DEFENDER_WINS }
enum BondDistributionMode { UNDECIDED, NORMAL, REFUND }

interface IDisputeGame {
}

contract L2OutputOracleEmitter is WatchedEvents {
    event OutputProposed(
        bytes32 indexed outputRoot, uint256 indexed l2OutputIndex, uint256 indexed l2BlockNumber, uint256 l1Timestamp);
    event OutputsDeleted(uint256 indexed prevNextOutputIndex, uint256 indexed newNextOutputIndex);

    function emitOutputProposed(bytes32 outputRoot, uint256 l2OutputIndex, uint256 l2BlockNumber, uint256 l1Timestamp)
            external {
        emit OutputProposed(outputRoot, l2OutputIndex, l2BlockNumber, l1Timestamp);
    }
    function emitOutputsDeleted(uint256 prevNextOutputIndex, uint256 newNextOutputIndex) external {
        emit OutputsDeleted(prevNextOutputIndex, newNextOutputIndex);
    }
}

contract DisputeGameFactoryEmitter is WatchedEvents {
    event DisputeGameCreated(address indexed disputeProxy, GameType indexed gameType, Claim indexed rootClaim);

    function emitDisputeGameCreated(address disputeProxy, GameType gameType, Claim rootClaim) external {
        emit DisputeGameCreated(disputeProxy, gameType, rootClaim);
    }
}

/**
 * A dispute game proxy. Its views answer what setGame stored (nothing runs a constructor under anvil_setCode);
 * emitResolved also records the status, as the real resolve() does.
 */
contract FaultDisputeGameEmitter is WatchedEvents {
    event Resolved(GameStatus indexed status);
    event Move(uint256 indexed parentIndex, Claim indexed claim, address indexed claimant);
    event GameClosed(BondDistributionMode bondDistributionMode);

    uint256 private storedL2BlockNumber;
    GameType private storedGameType;
    Claim private storedRootClaim;
    GameStatus private storedStatus;

    function setGame(GameType gameType_, Claim rootClaim_, uint256 l2BlockNumber_) external {
        storedGameType = gameType_;
        storedRootClaim = rootClaim_;
        storedL2BlockNumber = l2BlockNumber_;
    }
    function setL2BlockNumber(uint256 l2BlockNumber_) external { storedL2BlockNumber = l2BlockNumber_; }

    function l2BlockNumber() external view returns (uint256 l2BlockNumber_) { return storedL2BlockNumber; }
    function l2SequenceNumber() external view returns (uint256 l2SequenceNumber_) { return storedL2BlockNumber; }
    function gameType() external view returns (GameType gameType_) { return storedGameType; }
    function rootClaim() external view returns (Claim rootClaim_) { return storedRootClaim; }
    function status() external view returns (GameStatus status_) { return storedStatus; }

    function emitResolved(GameStatus status_) external {
        storedStatus = status_;
        emit Resolved(status_);
    }
    function emitMove(uint256 parentIndex, Claim claim, address claimant) external {
        emit Move(parentIndex, claim, claimant);
    }
    function emitGameClosed(BondDistributionMode bondDistributionMode) external {
        emit GameClosed(bondDistributionMode);
    }
}

contract OptimismPortalEmitter is WatchedEvents {
    event TransactionDeposited(address indexed from, address indexed to, uint256 indexed version, bytes opaqueData);
    event WithdrawalProven(bytes32 indexed withdrawalHash, address indexed from, address indexed to);
    event WithdrawalProvenExtension1(bytes32 indexed withdrawalHash, address indexed proofSubmitter);
    event WithdrawalFinalized(bytes32 indexed withdrawalHash, bool success);
    event DisputeGameBlacklisted(IDisputeGame indexed disputeGame);
    event RespectedGameTypeSet(GameType indexed newGameType, Timestamp indexed updatedAt);

    function emitTransactionDeposited(address from, address to, uint256 version, bytes calldata opaqueData) external {
        emit TransactionDeposited(from, to, version, opaqueData);
    }
    function emitWithdrawalProven(bytes32 withdrawalHash, address from, address to) external {
        emit WithdrawalProven(withdrawalHash, from, to);
    }
    function emitWithdrawalProvenExtension1(bytes32 withdrawalHash, address proofSubmitter) external {
        emit WithdrawalProvenExtension1(withdrawalHash, proofSubmitter);
    }
    function emitWithdrawalFinalized(bytes32 withdrawalHash, bool success) external {
        emit WithdrawalFinalized(withdrawalHash, success);
    }
    function emitDisputeGameBlacklisted(address disputeGame) external {
        emit DisputeGameBlacklisted(IDisputeGame(disputeGame));
    }
    function emitRespectedGameTypeSet(GameType newGameType, Timestamp updatedAt) external {
        emit RespectedGameTypeSet(newGameType, updatedAt);
    }
}

contract SystemConfigEmitter is WatchedEvents {
    enum UpdateType { BATCHER, FEE_SCALARS, GAS_LIMIT, UNSAFE_BLOCK_SIGNER, EIP_1559_PARAMS, OPERATOR_FEE_PARAMS }

    event ConfigUpdate(uint256 indexed version, UpdateType indexed updateType, bytes data);

    function emitConfigUpdate(uint256 version, UpdateType updateType, bytes calldata data) external {
        emit ConfigUpdate(version, updateType, data);
    }

    /** A batcher change as SystemConfig.setBatcherHash emits it: version 0, BATCHER, abi.encode(batcherHash). */
    function setBatcherHash(bytes32 batcherHash) external {
        emit ConfigUpdate(0, UpdateType.BATCHER, abi.encode(batcherHash));
    }
}

/** Current SuperchainConfig: Paused(address identifier) / Unpaused(address identifier), the same types as WatchedEvents. */
contract SuperchainConfigEmitter is WatchedEvents {
}

/** Older SuperchainConfig. */
contract SuperchainConfigLegacyEmitter {
    event Paused(string identifier);
    event Unpaused();

    function emitPaused(string calldata identifier) external { emit Paused(identifier); }
    function emitUnpaused() external { emit Unpaused(); }
}
