package io.l2risk.ingest;

import io.l2risk.registry.RollupConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which rollup and role each watched L1 address has: the registry's contracts under their roles and the
 * {@code watched} addresses under {@link EventCatalog#WATCHED}. One address may serve several rollups (a
 * shared SuperchainConfig, a shared bridge), so {@link #owners} is a list. Also the OP Stack batch
 * inboxes, whose transactions are found by scanning blocks rather than logs. Immutable.
 */
final class AddressBook {

    /** One rollup's use of an address. */
    record Owner(RollupConfig rollup, String role) {
        Owner {
            Objects.requireNonNull(rollup, "rollup");
            Objects.requireNonNull(role, "role");
        }
    }

    private final Map<String, List<Owner>> owners;
    private final Map<String, List<RollupConfig>> inboxes;
    private final Map<String, RollupConfig> byId;

    private AddressBook(Map<String, List<Owner>> owners, Map<String, List<RollupConfig>> inboxes,
                        Map<String, RollupConfig> byId) {
        this.owners = owners;
        this.inboxes = inboxes;
        this.byId = byId;
    }

    static AddressBook of(List<RollupConfig> rollups) {
        Map<String, List<Owner>> owners = new LinkedHashMap<>();
        Map<String, List<RollupConfig>> inboxes = new LinkedHashMap<>();
        Map<String, RollupConfig> byId = new LinkedHashMap<>();
        for (RollupConfig rollup : rollups) {
            byId.put(rollup.id(), rollup);
            rollup.contracts().forEach((role, address) ->
                    owners.computeIfAbsent(address, a -> new ArrayList<>()).add(new Owner(rollup, role)));
            for (String address : rollup.watched()) {
                List<Owner> list = owners.computeIfAbsent(address, a -> new ArrayList<>());
                // A watched address that is also a registry contract is decoded under its contract role
                // (which falls back to the watched events anyway); listing it twice would emit twice.
                if (list.stream().noneMatch(o -> o.rollup().id().equals(rollup.id()))) {
                    list.add(new Owner(rollup, EventCatalog.WATCHED));
                }
            }
            if (rollup.batchInbox().isPresent() && !rollup.batchers().isEmpty()) {
                inboxes.computeIfAbsent(rollup.batchInbox().get(), a -> new ArrayList<>()).add(rollup);
            }
        }
        owners.replaceAll((address, list) -> List.copyOf(list));
        inboxes.replaceAll((address, list) -> List.copyOf(list));
        return new AddressBook(Map.copyOf(owners), Map.copyOf(inboxes), byId);
    }

    /** Every contract address whose logs are read, sorted (a stable filter makes provider caching work). */
    List<String> addresses() {
        return List.copyOf(new TreeSet<>(owners.keySet()));
    }

    /** Who uses {@code address}; empty for an address not in the book. */
    List<Owner> owners(String address) {
        return owners.getOrDefault(address, List.of());
    }

    /** The rollups whose batch inbox is {@code to}; empty for other recipients. */
    List<RollupConfig> inboxOwners(String to) {
        return to == null ? List.of() : inboxes.getOrDefault(to, List.of());
    }

    /** Whether any rollup posts batches as transactions to an inbox, so that blocks must be read in full. */
    boolean scansBlocks() {
        return !inboxes.isEmpty();
    }

    /** The rollup with {@code id}, if ingested. */
    Optional<RollupConfig> rollup(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The ids of the ingested rollups, in registry order. */
    Set<String> rollupIds() {
        return byId.keySet();
    }

    /** The ingested rollups, in registry order. */
    List<RollupConfig> rollups() {
        return List.copyOf(byId.values());
    }
}
