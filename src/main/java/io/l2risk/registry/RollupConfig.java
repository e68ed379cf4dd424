package io.l2risk.registry;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One rollup as the monitor sees it on L1. Immutable; addresses are lower case.
 *
 * @param id         lower-case kebab-case key used in every record ({@code arbitrum-one})
 * @param name       display name
 * @param stack      software stack, deciding decoders and {@link StackDefaults}
 * @param l1ChainId  chain id of the settlement layer, 1 for Ethereum mainnet
 * @param da         where transaction data is made available
 * @param contracts  L1 contract address by {@link ContractRoles role}
 * @param batchers   accounts that post batches
 * @param batchInbox OP Stack: the address batcher transactions are sent to
 * @param params     protocol parameters with the stack defaults already merged in
 * @param thresholds indicator threshold overrides: indicator id → parameter → value, validated by the
 *                   engine against each indicator's declared parameters
 *                   ({@link RollupRegistry#validateOverrides})
 * @param watched    extra addresses watched for governance changes
 */
public record RollupConfig(
        String id,
        String name,
        Stack stack,
        long l1ChainId,
        DaKind da,
        Map<String, String> contracts,
        List<String> batchers,
        Optional<String> batchInbox,
        ProtocolParams params,
        Map<String, Map<String, String>> thresholds,
        List<String> watched) {

    /** Ethereum mainnet, the default settlement layer. */
    public static final long ETHEREUM_MAINNET = 1;

    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    /**
     * Validates and freezes every value (insertion order of maps is kept).
     *
     * @throws IllegalArgumentException on an invalid id, address, role or chain id
     */
    public RollupConfig {
        requireId(id);
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(stack, "stack");
        Objects.requireNonNull(da, "da");
        Objects.requireNonNull(params, "params");
        if (l1ChainId <= 0) {
            throw new IllegalArgumentException("l1ChainId must be positive, not " + l1ChainId);
        }
        Map<String, String> roles = new LinkedHashMap<>();
        contracts.forEach((role, address) -> {
            if (!ContractRoles.isAllowed(role)) {
                throw new IllegalArgumentException("unknown contract role '" + role + "'");
            }
            roles.put(role, Addresses.require(address));
        });
        contracts = Collections.unmodifiableMap(roles);
        batchers = batchers.stream().map(Addresses::require).toList();
        batchInbox = batchInbox.map(Addresses::require);
        Map<String, Map<String, String>> frozen = new LinkedHashMap<>();
        thresholds.forEach((indicator, values) ->
                frozen.put(indicator, Collections.unmodifiableMap(new LinkedHashMap<>(values))));
        thresholds = Collections.unmodifiableMap(frozen);
        watched = watched.stream().map(Addresses::require).toList();
    }

    /** Whether {@code id} is a valid rollup id: lower-case kebab case. */
    public static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /**
     * The configuration the monitor uses for a rollup it has no entry for: {@link Stack#GENERIC}, Ethereum
     * mainnet, no contracts and only the L1-wide defaults.
     */
    public static RollupConfig generic(String id) {
        return new RollupConfig(id, id, Stack.GENERIC, ETHEREUM_MAINNET, DaKind.ETHEREUM, Map.of(), List.of(),
                Optional.empty(), StackDefaults.of(Stack.GENERIC), Map.of(), List.of());
    }

    /** Whether the rollup is an Arbitrum AnyTrust chain (DACert batches with calldata fallback). */
    public boolean anyTrust() {
        return da == DaKind.ANYTRUST;
    }

    /** The contract playing {@code role}, if configured. */
    public Optional<String> contract(String role) {
        return Optional.ofNullable(contracts.get(role));
    }

    private static void requireId(String id) {
        if (!isValidId(id)) {
            throw new IllegalArgumentException("'" + id + "' is not a lower-case kebab-case id (e.g. arbitrum-one)");
        }
    }
}
