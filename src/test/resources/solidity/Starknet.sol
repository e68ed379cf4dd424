// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import "./Common.sol";

// Starknet core, declared as in starkware-libs/cairo-lang @66355d7: src/starkware/starknet/solidity/Starknet.sol and
// IStarknetMessagingEvents.sol; the two-field LogStateUpdate from before commit d61255f (Aug 2022).
contract StarknetCoreEmitter is WatchedEvents {
    event LogStateUpdate(uint256 globalRoot, int256 blockNumber, uint256 blockHash);
    event LogStateUpdate(uint256 globalRoot, int256 blockNumber);
    event LogStateTransitionFact(bytes32 stateTransitionFact);
    event LogMessageToL2(
        address indexed fromAddress,
        uint256 indexed toAddress,
        uint256 indexed selector,
        uint256[] payload,
        uint256 nonce,
        uint256 fee
    );
    event LogMessageToL1(uint256 indexed fromAddress, address indexed toAddress, uint256[] payload);
    event ConsumedMessageToL1(uint256 indexed fromAddress, address indexed toAddress, uint256[] payload);
    event ConsumedMessageToL2(
        address indexed fromAddress, uint256 indexed toAddress, uint256 indexed selector, uint256[] payload,
        uint256 nonce);
    event MessageToL2CancellationStarted(
        address indexed fromAddress, uint256 indexed toAddress, uint256 indexed selector, uint256[] payload,
        uint256 nonce);
    event ProgramHashChanged(address indexed changedBy, uint256 oldProgramHash, uint256 newProgramHash);
    event ConfigHashChanged(address indexed changedBy, uint256 oldConfigHash, uint256 newConfigHash);

    function emitLogStateUpdate(uint256 globalRoot, int256 blockNumber, uint256 blockHash) external {
        emit LogStateUpdate(globalRoot, blockNumber, blockHash);
    }
    /** The pre-August-2022 overload without blockHash. */
    function emitLogStateUpdateLegacy(uint256 globalRoot, int256 blockNumber) external {
        emit LogStateUpdate(globalRoot, blockNumber);
    }
    function emitLogStateTransitionFact(bytes32 stateTransitionFact) external {
        emit LogStateTransitionFact(stateTransitionFact);
    }
    function emitLogMessageToL2(address fromAddress, uint256 toAddress, uint256 selector, uint256[] calldata payload,
            uint256 nonce, uint256 fee) external {
        emit LogMessageToL2(fromAddress, toAddress, selector, payload, nonce, fee);
    }
    function emitLogMessageToL1(uint256 fromAddress, address toAddress, uint256[] calldata payload) external {
        emit LogMessageToL1(fromAddress, toAddress, payload);
    }
    function emitConsumedMessageToL1(uint256 fromAddress, address toAddress, uint256[] calldata payload) external {
        emit ConsumedMessageToL1(fromAddress, toAddress, payload);
    }
    function emitConsumedMessageToL2(address fromAddress, uint256 toAddress, uint256 selector,
            uint256[] calldata payload, uint256 nonce) external {
        emit ConsumedMessageToL2(fromAddress, toAddress, selector, payload, nonce);
    }
    function emitMessageToL2CancellationStarted(address fromAddress, uint256 toAddress, uint256 selector,
            uint256[] calldata payload, uint256 nonce) external {
        emit MessageToL2CancellationStarted(fromAddress, toAddress, selector, payload, nonce);
    }
    function emitProgramHashChanged(address changedBy, uint256 oldProgramHash, uint256 newProgramHash) external {
        emit ProgramHashChanged(changedBy, oldProgramHash, newProgramHash);
    }
    function emitConfigHashChanged(address changedBy, uint256 oldConfigHash, uint256 newConfigHash) external {
        emit ConfigHashChanged(changedBy, oldConfigHash, newConfigHash);
    }
}
