package io.l2risk.http;

import io.l2risk.streams.RiskTopology;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * {@link RollupStore} over Kafka Streams interactive queries on {@value RiskTopology#STORE_ROLLUP_STATE}.
 *
 * <p>Only active store partitions are read ({@code enableStaleStores} is never set), one partition at
 * a time ({@code withPartition}), and only while the application is RUNNING or REBALANCING. A
 * partition that is restoring or has just moved throws {@link InvalidStateStoreException}, which
 * becomes {@link Unavailable} (503). In practice every partition of an instance answers 503 while its
 * stream thread is between PARTITIONS_REVOKED/ASSIGNED and RUNNING, even one that stays with the
 * instance (ScaleOutFailoverIT saw 16–90 such answers per rebalance): never stale data, at the price
 * of a few seconds of 503s. Serving stale stores instead would be a deliberate design change.
 */
final class StreamsRollupStore implements RollupStore {

    private static final String STORE = RiskTopology.STORE_ROLLUP_STATE;

    private final Supplier<Optional<KafkaStreams>> streams;
    private final Callable<Integer> partitionLookup;
    private final Serializer<String> keys = Serdes.String().serializer();
    private volatile int partitions;

    /**
     * @param streams         the application's KafkaStreams, empty before it started
     * @param partitionLookup the partition count of the ingest topics (asked once, when first needed)
     */
    StreamsRollupStore(Supplier<Optional<KafkaStreams>> streams, Callable<Integer> partitionLookup) {
        this.streams = streams;
        this.partitionLookup = partitionLookup;
    }

    @Override
    public KeyOwner owner(String rollupId) throws Unavailable {
        KeyQueryMetadata metadata;
        try {
            metadata = queryable().queryMetadataForKey(STORE, rollupId, keys);
        } catch (RuntimeException e) {
            throw new Unavailable("the owner of rollup " + rollupId + " is not known: " + e.getMessage(), e);
        }
        if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata) || metadata.activeHost() == null
                || metadata.activeHost().port() < 1) {
            throw new Unavailable("the owner of rollup " + rollupId + " is not known (the application is rebalancing)");
        }
        return new KeyOwner(endpoint(metadata.activeHost()), metadata.partition());
    }

    @Override
    public Optional<byte[]> localGet(String rollupId, int partition) throws Unavailable {
        try {
            return Optional.ofNullable(store(queryable(), partition).get(rollupId));
        } catch (InvalidStateStoreException e) {
            throw new Unavailable("partition " + partition + " of the rollup state is not queryable here: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public LocalStates localAll() throws Unavailable {
        KafkaStreams running = queryable();
        SortedSet<Integer> owned = new TreeSet<>();
        for (ThreadMetadata thread : running.metadataForLocalThreads()) {
            for (TaskMetadata task : thread.activeTasks()) {
                owned.add(task.taskId().partition());
            }
        }
        SortedMap<String, byte[]> states = new TreeMap<>();
        for (int partition : owned) {
            try (KeyValueIterator<String, byte[]> all = store(running, partition).all()) {
                all.forEachRemaining(entry -> states.put(entry.key, entry.value));
            } catch (InvalidStateStoreException e) {
                throw new Unavailable("partition " + partition + " of the rollup state is not queryable here: "
                        + e.getMessage(), e);
            }
        }
        return new LocalStates(owned, states);
    }

    @Override
    public List<Endpoint> instances() throws Unavailable {
        List<Endpoint> instances = new ArrayList<>();
        try {
            for (StreamsMetadata metadata : queryable().metadataForAllStreamsClients()) {
                if (metadata.hostInfo().port() < 1) {
                    throw new Unavailable("an instance of the application has no application.server");
                }
                instances.add(endpoint(metadata.hostInfo()));
            }
        } catch (RuntimeException e) {
            throw new Unavailable("the instances of the application are not known: " + e.getMessage(), e);
        }
        if (instances.isEmpty()) {
            throw new Unavailable("the instances of the application are not known yet");
        }
        return instances;
    }

    @Override
    public int partitionCount() throws Unavailable {
        int known = partitions;
        if (known > 0) {
            return known;
        }
        synchronized (this) {
            if (partitions == 0) {
                try {
                    partitions = partitionLookup.call();
                } catch (Exception e) {
                    throw new Unavailable("the partition count of the ingest topics is not known: " + e.getMessage(), e);
                }
            }
            return partitions;
        }
    }

    private KafkaStreams queryable() throws Unavailable {
        KafkaStreams running = streams.get().orElseThrow(() -> new Unavailable("the risk engine has not started"));
        KafkaStreams.State state = running.state();
        if (state != KafkaStreams.State.RUNNING && state != KafkaStreams.State.REBALANCING) {
            throw new Unavailable("the risk engine is " + state);
        }
        return running;
    }

    private static ReadOnlyKeyValueStore<String, byte[]> store(KafkaStreams running, int partition) {
        return running.store(StoreQueryParameters.fromNameAndType(STORE, QueryableStoreTypes.<String, byte[]>keyValueStore())
                .withPartition(partition));
    }

    private static Endpoint endpoint(HostInfo host) {
        return new Endpoint(host.host(), host.port());
    }
}
