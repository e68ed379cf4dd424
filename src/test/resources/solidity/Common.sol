// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

// Events any proxied, owned or pausable contract emits, declared as OpenZeppelin declares them
// (contracts/interfaces/IERC1967.sol, access/Ownable.sol, utils/Pausable.sol, proxy/utils/Initializable.sol v4),
// plus one event that is in no catalog, so that a watched contract can emit an unknown topic0.
abstract contract WatchedEvents {
    event Upgraded(address indexed implementation);
    event AdminChanged(address previousAdmin, address newAdmin);
    event BeaconUpgraded(address indexed beacon);
    event OwnershipTransferred(address indexed previousOwner, address indexed newOwner);
    event Paused(address account);
    event Unpaused(address account);
    event Initialized(uint8 version);
    // Not an upstream event: the catalog must not know it (UNKNOWN_EVENT).
    event UnlistedEvent(uint256 indexed id, bytes data);

    function emitUpgraded(address implementation) external { emit Upgraded(implementation); }
    function emitAdminChanged(address previousAdmin, address newAdmin) external { emit AdminChanged(previousAdmin, newAdmin); }
    function emitBeaconUpgraded(address beacon) external { emit BeaconUpgraded(beacon); }
    function emitOwnershipTransferred(address previousOwner, address newOwner) external {
        emit OwnershipTransferred(previousOwner, newOwner);
    }
    function emitPaused(address account) external { emit Paused(account); }
    function emitUnpaused(address account) external { emit Unpaused(account); }
    function emitInitialized(uint8 version) external { emit Initialized(version); }
    function emitUnlistedEvent(uint256 id, bytes calldata data) external { emit UnlistedEvent(id, data); }
}

/** A contract listed under a rollup's watched contracts: only the common events. */
contract WatchedEmitter is WatchedEvents {
}

/** OpenZeppelin v5 Initializable. */
contract InitializableV5Emitter {
    event Initialized(uint64 version);

    function emitInitialized(uint64 version) external { emit Initialized(version); }
}

/** Chainlink L2 sequencer uptime feed (smartcontractkit/chainlink l2ep SequencerUptimeFeed). */
contract SequencerUptimeFeedEmitter {
    event AnswerUpdated(int256 indexed current, uint256 indexed roundId, uint256 updatedAt);
    event RoundUpdated(int256 status, uint64 updatedAt);
    event UpdateIgnored(bool latestStatus, uint64 latestTimestamp, bool incomingStatus, uint64 incomingTimestamp);

    function emitAnswerUpdated(int256 current, uint256 roundId, uint256 updatedAt) external {
        emit AnswerUpdated(current, roundId, updatedAt);
    }
    function emitRoundUpdated(int256 status, uint64 updatedAt) external { emit RoundUpdated(status, updatedAt); }
    function emitUpdateIgnored(bool latestStatus, uint64 latestTimestamp, bool incomingStatus, uint64 incomingTimestamp)
            external {
        emit UpdateIgnored(latestStatus, latestTimestamp, incomingStatus, incomingTimestamp);
    }
}
