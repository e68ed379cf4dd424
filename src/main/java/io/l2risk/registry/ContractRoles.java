package io.l2risk.registry;

import java.util.Set;

/**
 * The contract roles a registry entry may name under {@code contracts}. A closed list, so that a typo
 * ({@code sequencerInbx}) fails at start instead of silently dropping a contract from routing. A role
 * beginning with {@value #CUSTOM_PREFIX} is accepted as is, for contracts this list does not know.
 */
public final class ContractRoles {

    /** Prefix of operator-defined roles, e.g. {@code x-feeVault}. */
    public static final String CUSTOM_PREFIX = "x-";

    /** The roles the ingester and indicators know. */
    public static final Set<String> KNOWN = Set.of(
            // Arbitrum Nitro
            "sequencerInbox", "bridge", "inbox", "outbox", "rollup", "legacyRollup", "rollupEventInbox",
            "challengeManager", "l1GatewayRouter",
            // OP Stack
            "systemConfig", "optimismPortal", "l2OutputOracle", "disputeGameFactory", "anchorStateRegistry",
            "delayedWeth", "l1CrossDomainMessenger", "l1StandardBridge", "superchainConfig",
            // zkSync Era / ZK stack
            "diamondProxy", "validatorTimelock", "bridgehub", "gatewayDiamond", "sharedBridge",
            // Scroll
            "scrollChain", "l1MessageQueue", "l1MessageQueueV2", "l1ScrollMessenger", "enforcedTxGateway",
            // Linea
            "lineaRollup", "l1TokenBridge",
            // Starknet
            "starknetCore", "gpsStatementVerifier",
            // Polygon zkEVM / Agglayer
            "polygonRollupManager", "polygonZkEvm", "polygonBridge", "globalExitRootManager");

    private ContractRoles() {
    }

    /** Whether {@code role} may appear under {@code contracts}. */
    public static boolean isAllowed(String role) {
        return KNOWN.contains(role) || (role.startsWith(CUSTOM_PREFIX) && role.length() > CUSTOM_PREFIX.length());
    }
}
