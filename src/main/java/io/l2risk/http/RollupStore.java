package io.l2risk.http;

import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;

/**
 * Read access to the {@code rollup-state} store of the application (rollupId → engine state bytes),
 * as Kafka Streams interactive queries give it: where a key lives, and what this instance holds as
 * the <em>active</em> owner. Behind an interface so that the routing logic is testable without Kafka.
 * Every method throws {@link Unavailable} instead of answering from a store that is restoring, has
 * moved or is a standby.
 */
interface RollupStore {

    /** Which instance actively owns a key, and the store partition it is in. */
    record KeyOwner(Endpoint host, int partition) {
    }

    /** What this instance holds: the store partitions it owns as active, and every entry of those. */
    record LocalStates(SortedSet<Integer> partitions, SortedMap<String, byte[]> states) {
    }

    /** The active owner of {@code rollupId}'s partition. */
    KeyOwner owner(String rollupId) throws Unavailable;

    /** {@code rollupId}'s state from this instance's active store partition {@code partition}; empty if absent. */
    Optional<byte[]> localGet(String rollupId, int partition) throws Unavailable;

    /** Every entry of every store partition this instance owns as active. */
    LocalStates localAll() throws Unavailable;

    /** Every instance of the application (this one included). */
    List<Endpoint> instances() throws Unavailable;

    /** How many partitions the store has (the partition count of the ingest topics). */
    int partitionCount() throws Unavailable;
}
