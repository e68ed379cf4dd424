package io.l2risk.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToIntFunction;

/**
 * Several instances of the application without Kafka: each has a {@link RollupStore} over the
 * partitions it owns, and {@link Peers} that call the other instances' {@link Router} directly.
 * Partition of a rollup, owner of a partition, and what an instance can answer are set by the test,
 * so rebalancing situations (a partition owned by nobody, by two, an instance down) can be built.
 */
final class FakeCluster {

    final int partitions;
    final ToIntFunction<String> partitioner;
    /** What each store partition holds: partition → rollupId → state. */
    final Map<Integer, SortedMap<String, byte[]>> data = new HashMap<>();
    /** Who the metadata says owns each partition. */
    final Map<Integer, Endpoint> metadataOwner = new HashMap<>();
    /** Which partitions each instance actually holds as active. */
    final Map<Endpoint, TreeSet<Integer>> active = new LinkedHashMap<>();
    /** Instances whose store answers Unavailable, with the reason. */
    final Map<Endpoint, String> unavailable = new HashMap<>();
    /** Instances that do not answer HTTP. */
    final List<Endpoint> down = new ArrayList<>();
    final Map<Endpoint, Router> routers = new LinkedHashMap<>();
    final List<String> forwarded = new ArrayList<>();

    FakeCluster(int partitions, ToIntFunction<String> partitioner) {
        this.partitions = partitions;
        this.partitioner = partitioner;
    }

    void put(String rollupId, byte[] state) {
        data.computeIfAbsent(partitioner.applyAsInt(rollupId), p -> new TreeMap<>()).put(rollupId, state);
    }

    /** Adds an instance owning {@code owned} (in metadata and in fact). */
    Router instance(Endpoint self, int... owned) {
        TreeSet<Integer> set = new TreeSet<>();
        for (int partition : owned) {
            set.add(partition);
            metadataOwner.put(partition, self);
        }
        active.put(self, set);
        Router router = new Router(() -> org.apache.kafka.streams.KafkaStreams.State.RUNNING,
                new RollupQueries(new Store(self), new Network(), self, EngineStates.ENGINE), () -> "", () -> null,
                new StaticResources());
        routers.put(self, router);
        return router;
    }

    final class Store implements RollupStore {
        private final Endpoint self;

        Store(Endpoint self) {
            this.self = self;
        }

        @Override
        public KeyOwner owner(String rollupId) throws Unavailable {
            check();
            int partition = partitioner.applyAsInt(rollupId);
            Endpoint owner = metadataOwner.get(partition);
            if (owner == null) {
                throw new Unavailable("no owner of partition " + partition);
            }
            return new KeyOwner(owner, partition);
        }

        @Override
        public Optional<byte[]> localGet(String rollupId, int partition) throws Unavailable {
            check();
            if (!active.get(self).contains(partition)) {
                throw new Unavailable("partition " + partition + " is not active here");
            }
            return Optional.ofNullable(data.getOrDefault(partition, new TreeMap<>()).get(rollupId));
        }

        @Override
        public LocalStates localAll() throws Unavailable {
            check();
            TreeMap<String, byte[]> states = new TreeMap<>();
            active.get(self).forEach(p -> states.putAll(data.getOrDefault(p, new TreeMap<>())));
            return new LocalStates(new TreeSet<>(active.get(self)), states);
        }

        @Override
        public List<Endpoint> instances() throws Unavailable {
            check();
            return List.copyOf(routers.keySet());
        }

        @Override
        public int partitionCount() {
            return partitions;
        }

        private void check() throws Unavailable {
            String reason = unavailable.get(self);
            if (reason != null) {
                throw new Unavailable(reason);
            }
        }
    }

    final class Network implements Peers {
        @Override
        public Reply get(Endpoint peer, String pathAndQuery) throws Unavailable {
            if (down.contains(peer) || !routers.containsKey(peer)) {
                throw new Unavailable("instance " + peer + " did not answer: ConnectException");
            }
            forwarded.add(peer + pathAndQuery);
            Response response = routers.get(peer).handle(Router.Request.get(pathAndQuery));
            return new Reply(response.status(), response.body(),
                    Optional.ofNullable(response.headers().get("Retry-After")));
        }
    }
}
