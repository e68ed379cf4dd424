package io.l2risk.registry;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rollups the monitor watches, by id and by L1 address. Immutable and safe to share between
 * threads. Built by {@link RollupRegistryLoader} from YAML, or with {@link #of} in code.
 */
public final class RollupRegistry {

    private final Map<String, RollupConfig> byId;
    private final List<RollupConfig> inOrder;
    private final Map<String, List<AddressOwner>> byAddress;
    private final List<ThresholdSite> thresholdSites;

    RollupRegistry(Collection<RollupConfig> rollups, List<ThresholdSite> thresholdSites) {
        Map<String, RollupConfig> ids = new LinkedHashMap<>();
        Map<String, List<AddressOwner>> addresses = new LinkedHashMap<>();
        for (RollupConfig rollup : rollups) {
            if (ids.putIfAbsent(rollup.id(), rollup) != null) {
                throw new IllegalArgumentException("duplicate rollup id '" + rollup.id() + "'");
            }
            rollup.contracts().forEach((role, address) -> index(addresses, address, rollup.id(), role));
            rollup.batchers().forEach(a -> index(addresses, a, rollup.id(), AddressOwner.BATCHER));
            rollup.batchInbox().ifPresent(a -> index(addresses, a, rollup.id(), AddressOwner.BATCH_INBOX));
            rollup.watched().forEach(a -> index(addresses, a, rollup.id(), AddressOwner.WATCHED));
        }
        this.byId = Map.copyOf(ids);
        addresses.replaceAll((address, owners) -> List.copyOf(owners));
        this.byAddress = Map.copyOf(addresses);
        this.inOrder = List.copyOf(ids.values());
        this.thresholdSites = List.copyOf(thresholdSites);
    }

    /**
     * A registry of {@code rollups} built in code. Problems found by {@link #validateOverrides} then name
     * the rollup instead of a file line.
     *
     * @throws IllegalArgumentException if two rollups share an id
     */
    public static RollupRegistry of(Collection<RollupConfig> rollups) {
        List<ThresholdSite> sites = new ArrayList<>();
        for (RollupConfig rollup : rollups) {
            Provenance at = new Provenance("<code>", 0, "rollups[id=" + rollup.id() + "].thresholds");
            rollup.thresholds().forEach((indicator, values) -> {
                Provenance indicatorAt = at.child(indicator, 0);
                values.keySet().forEach(param ->
                        sites.add(new ThresholdSite(indicator, indicatorAt, param, indicatorAt.child(param, 0))));
            });
        }
        return new RollupRegistry(rollups, sites);
    }

    private static void index(Map<String, List<AddressOwner>> addresses, String address, String rollupId,
            String role) {
        List<AddressOwner> owners = addresses.computeIfAbsent(address, a -> new ArrayList<>());
        AddressOwner owner = new AddressOwner(rollupId, role);
        if (!owners.contains(owner)) {
            owners.add(owner);
        }
    }

    /** The rollup with {@code rollupId}, if registered. */
    public Optional<RollupConfig> lookup(String rollupId) {
        return Optional.ofNullable(byId.get(rollupId));
    }

    /** Whether {@code rollupId} is registered. */
    public boolean isKnown(String rollupId) {
        return byId.containsKey(rollupId);
    }

    /**
     * The rollup with {@code rollupId}, or {@link RollupConfig#generic a GENERIC configuration} for an
     * unknown id so that its records are still processed with L1-wide defaults. Callers should log an
     * unknown id once ({@link #isKnown}).
     *
     * @throws IllegalArgumentException if {@code rollupId} is not a valid id
     */
    public RollupConfig getOrGeneric(String rollupId) {
        RollupConfig known = byId.get(rollupId);
        return known != null ? known : RollupConfig.generic(rollupId);
    }

    /** Every registered rollup, in file order (presets first, then the operator's additions). */
    public List<RollupConfig> all() {
        return inOrder;
    }

    /**
     * Who owns the L1 {@code address} (any case): every rollup and role it is registered under, in
     * registry order. Several owners are normal: shared batch posters (Arbitrum One and Nova), a shared
     * {@code SuperchainConfig} (OP Stack chains), a shared rollup manager (Polygon Agglayer). Empty for an
     * unknown or malformed address.
     */
    public List<AddressOwner> byAddress(String address) {
        return Addresses.normalize(address).map(a -> byAddress.getOrDefault(a, List.of())).orElse(List.of());
    }

    /**
     * Every threshold override that names an indicator or a parameter the engine does not know, as
     * {@code file:line: path: reason} lines. Empty when all are known.
     *
     * @param knownParamsByIndicator each indicator id with the parameter names it declares
     */
    public List<String> overrideProblems(Map<String, Set<String>> knownParamsByIndicator) {
        List<String> problems = new ArrayList<>();
        Set<Provenance> reportedIndicators = new HashSet<>();
        for (ThresholdSite site : thresholdSites) {
            Set<String> known = knownParamsByIndicator.get(site.indicator());
            if (known == null) {
                if (reportedIndicators.add(site.indicatorAt())) {
                    problems.add(site.indicatorAt().problem("unknown indicator '" + site.indicator() + "'"
                            + Suggestions.didYouMean(site.indicator(), knownParamsByIndicator.keySet())));
                }
            } else if (!known.contains(site.param())) {
                problems.add(site.paramAt().problem("indicator " + site.indicator() + " has no parameter '"
                        + site.param() + "'" + Suggestions.didYouMean(site.param(), known)));
            }
        }
        return problems;
    }

    /**
     * Fails if any threshold override names an unknown indicator or parameter; the engine calls this at
     * start with the parameters its indicators declare.
     *
     * @throws RollupRegistryException listing every {@link #overrideProblems problem}
     */
    public void validateOverrides(Map<String, Set<String>> knownParamsByIndicator) {
        List<String> problems = overrideProblems(knownParamsByIndicator);
        if (!problems.isEmpty()) {
            throw new RollupRegistryException(problems);
        }
    }

    /** A threshold override's indicator and parameter, and where each was written. */
    record ThresholdSite(String indicator, Provenance indicatorAt, String param, Provenance paramAt) {
    }
}
