package io.l2risk.topics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.AlterConfigsOptions;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.l2risk.config.ConfigurationException;

/**
 * Creates and checks the topics of a {@link Topics} registry on a cluster.
 *
 * <p>Existing topics are never altered implicitly: {@link #ensure} only creates what is missing and
 * reports how the rest differs; only {@link #alterConfigs} changes anything on an existing topic, and
 * only the topic configs we manage. Partition counts are never changed. Every call waits for the
 * cluster's answer, at most the timeout given to the constructor per request.
 */
public final class TopicManager {

    private static final Logger LOG = LoggerFactory.getLogger(TopicManager.class);
    private static final long MAX_POLL_BACKOFF_MS = 1_000;

    private final Admin admin;
    private final Duration timeout;

    /**
     * @param admin   the client to use; not closed by this class
     * @param timeout the longest to wait for any one request
     */
    public TopicManager(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
    }

    /** How many brokers the cluster has. Also the cheapest way to learn that it is reachable. */
    public int brokerCount() {
        return get(admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs())).nodes(),
                "describe the cluster").size();
    }

    /**
     * Creates the missing topics with their partitions, replication factor and configs, waits until
     * they are visible, and reports how the others differ from the registry. Idempotent.
     *
     * @throws ConfigurationException if a missing topic needs more replicas than there are brokers
     *                                (nothing is created then)
     * @throws TopicAdminException    if the cluster cannot be reached or refuses the creation
     */
    public EnsureResult ensure(Topics topics) {
        Map<String, ObservedTopic> observed = observe(topics);
        List<TopicSpec<?>> missing = topics.all().stream().filter(t -> !observed.containsKey(t.name())).toList();
        List<String> created = missing.isEmpty() ? List.of() : create(missing);
        // Wait for all missing ones, also those a concurrent creator won, so they are compared like the rest.
        Map<String, ObservedTopic> now = missing.isEmpty()
                ? observed
                : awaitVisible(topics, missing.stream().map(TopicSpec::name).toList());
        return new EnsureResult(created, diff(topics, now));
    }

    /**
     * Compares the cluster with the registry without changing anything.
     *
     * @return every drift, in registry order, co-partitioning last; empty if the cluster matches
     */
    public List<Drift> check(Topics topics) {
        return diff(topics, observe(topics));
    }

    /**
     * Sets the managed topic configs named by {@link Drift.Kind#CONFIG} drifts to their expected
     * values; other drifts are ignored.
     *
     * @return the drifts that were fixed
     */
    public List<Drift> alterConfigs(Collection<Drift> drifts) {
        List<Drift> configDrifts = drifts.stream().filter(d -> d.kind() == Drift.Kind.CONFIG).toList();
        if (configDrifts.isEmpty()) {
            return List.of();
        }
        Map<ConfigResource, Collection<AlterConfigOp>> ops = new LinkedHashMap<>();
        for (Drift d : configDrifts) {
            ops.computeIfAbsent(new ConfigResource(ConfigResource.Type.TOPIC, d.topic()), r -> new ArrayList<>())
                    .add(new AlterConfigOp(new ConfigEntry(d.setting(), d.expected()), AlterConfigOp.OpType.SET));
        }
        get(admin.incrementalAlterConfigs(ops, new AlterConfigsOptions().timeoutMs(timeoutMs())).all(),
                "alter topic configs");
        // The controller has committed the change; wait until the brokers serve it, so a check right after agrees.
        poll("altered configs to be visible", () -> {
            Map<ConfigResource, Config> now = get(admin.describeConfigs(ops.keySet(),
                    new DescribeConfigsOptions().timeoutMs(timeoutMs())).all(), "describe topic configs");
            return configDrifts.stream().allMatch(d -> {
                ConfigEntry entry = now.get(new ConfigResource(ConfigResource.Type.TOPIC, d.topic())).get(d.setting());
                return entry != null && d.expected().equals(entry.value());
            });
        });
        configDrifts.forEach(d -> LOG.info("Set {} of topic {} to {} (was {})", d.setting(), d.topic(), d.expected(), d.actual()));
        return configDrifts;
    }

    private List<String> create(List<TopicSpec<?>> missing) {
        int brokers = brokerCount();
        for (TopicSpec<?> t : missing) {
            if (t.replicationFactor() > brokers) {
                throw new ConfigurationException("topic " + t.name() + " needs replication factor "
                        + t.replicationFactor() + " but the cluster has " + brokers + " broker(s); pass "
                        + "--replication-factor " + brokers + " (or 'auto') for a small dev cluster, or add brokers");
            }
        }
        List<NewTopic> newTopics = missing.stream()
                .map(t -> new NewTopic(t.name(), t.partitions(), t.replicationFactor()).configs(t.configs()))
                .toList();
        Map<String, KafkaFuture<Void>> results =
                admin.createTopics(newTopics, new CreateTopicsOptions().timeoutMs(timeoutMs())).values();
        List<String> created = new ArrayList<>();
        for (TopicSpec<?> t : missing) {
            try {
                get(results.get(t.name()), "create topic " + t.name());
                created.add(t.name());
                LOG.info("Created topic {}: {} partitions, replication factor {}, {}", t.name(), t.partitions(),
                        t.replicationFactor(), t.configs());
            } catch (TopicAdminException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
                // Someone else (another instance, an operator) created it meanwhile: compare it like any existing topic.
                LOG.info("Topic {} was created concurrently by someone else", t.name());
            }
        }
        return created;
    }

    /** Re-reads the topics until every one of {@code created} is visible: creation done means usable. */
    private Map<String, ObservedTopic> awaitVisible(Topics topics, List<String> created) {
        AtomicReference<Map<String, ObservedTopic>> observed = new AtomicReference<>();
        poll("created topics " + created + " to be visible", () -> {
            observed.set(observe(topics));
            return observed.get().keySet().containsAll(created);
        });
        return observed.get();
    }

    /** Evaluates {@code done} with growing pauses until it holds, at most the timeout. */
    private void poll(String what, BooleanSupplier done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long backoffMs = 50;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new TopicAdminException("timed out after " + timeout.toSeconds() + "s waiting for " + what, null);
            }
            try {
                Thread.sleep(backoffMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TopicAdminException("interrupted while waiting for " + what, e);
            }
            backoffMs = Math.min(backoffMs * 2, MAX_POLL_BACKOFF_MS);
        }
    }

    /**
     * Partition count, replica counts and managed configs of every registry topic that exists and whose
     * configs can be read.
     */
    private Map<String, ObservedTopic> observe(Topics topics) {
        List<String> names = topics.all().stream().map(TopicSpec::name).toList();
        Map<String, KafkaFuture<TopicDescription>> described =
                admin.describeTopics(names, new DescribeTopicsOptions().timeoutMs(timeoutMs())).topicNameValues();
        Map<String, TopicDescription> existing = new LinkedHashMap<>();
        for (String name : names) {
            try {
                existing.put(name, get(described.get(name), "describe topic " + name));
            } catch (TopicAdminException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
        }
        if (existing.isEmpty()) {
            return Map.of();
        }
        List<ConfigResource> resources = existing.keySet().stream()
                .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
        Map<ConfigResource, KafkaFuture<Config>> configs =
                admin.describeConfigs(resources, new DescribeConfigsOptions().timeoutMs(timeoutMs())).values();
        Map<String, ObservedTopic> observed = new HashMap<>();
        for (Map.Entry<String, TopicDescription> topic : existing.entrySet()) {
            String name = topic.getKey();
            KafkaFuture<Config> config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, name));
            try {
                observed.put(name, ObservedTopic.of(topic.getValue(),
                        get(config, "describe the configs of topic " + name)));
            } catch (TopicAdminException e) {
                // Just created: the broker asked for the configs may not know the topic yet, although the one
                // that described it did. Not visible yet, like a topic describeTopics does not know.
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
        }
        return observed;
    }

    private static List<Drift> diff(Topics topics, Map<String, ObservedTopic> observed) {
        List<Drift> drifts = new ArrayList<>();
        for (TopicSpec<?> spec : topics.all()) {
            ObservedTopic actual = observed.get(spec.name());
            if (actual == null) {
                drifts.add(Drift.missing(spec));
            } else {
                drifts.addAll(actual.diff(spec));
            }
        }
        Map<String, Integer> ingestPartitions = new LinkedHashMap<>();
        topics.ingest().stream().filter(t -> observed.containsKey(t.name()))
                .forEach(t -> ingestPartitions.put(t.name(), observed.get(t.name()).partitions()));
        if (new TreeSet<>(ingestPartitions.values()).size() > 1) {
            drifts.add(new Drift(topics.prefix() + "ingest.*", Drift.Kind.NOT_CO_PARTITIONED, "partitions",
                    "same partition count for every ingest topic",
                    ingestPartitions.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                            .collect(Collectors.joining(", "))));
        }
        return drifts;
    }

    private <T> T get(KafkaFuture<T> future, String what) {
        try {
            // The request carries the timeout; the extra second lets its own timeout error arrive first.
            return future.get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw new TopicAdminException("timed out after " + timeout.toSeconds() + "s trying to " + what
                        + "; is the cluster reachable?", cause);
            }
            throw new TopicAdminException("could not " + what + ": " + cause.getMessage(), cause);
        } catch (TimeoutException e) {
            throw new TopicAdminException("timed out after " + timeout.toSeconds() + "s trying to " + what
                    + "; is the cluster reachable?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TopicAdminException("interrupted while trying to " + what, e);
        }
    }

    private int timeoutMs() {
        return (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    }

    /** What the cluster has for one topic. */
    private record ObservedTopic(int partitions, Set<Integer> replicaCounts, Map<String, String> configs) {

        static ObservedTopic of(TopicDescription d, Config config) {
            Set<Integer> replicaCounts = d.partitions().stream().map(p -> p.replicas().size())
                    .collect(Collectors.toCollection(TreeSet::new));
            Map<String, String> values = new HashMap<>();
            config.entries().stream().filter(e -> e.value() != null).forEach(e -> values.put(e.name(), e.value()));
            return new ObservedTopic(d.partitions().size(), replicaCounts, values);
        }

        List<Drift> diff(TopicSpec<?> spec) {
            List<Drift> drifts = new ArrayList<>();
            if (partitions != spec.partitions()) {
                drifts.add(new Drift(spec.name(), Drift.Kind.PARTITIONS, "partitions",
                        Integer.toString(spec.partitions()), Integer.toString(partitions)));
            }
            if (!replicaCounts.equals(Set.of((int) spec.replicationFactor()))) {
                drifts.add(new Drift(spec.name(), Drift.Kind.REPLICATION_FACTOR, "replication.factor",
                        Short.toString(spec.replicationFactor()),
                        replicaCounts.stream().map(String::valueOf).collect(Collectors.joining("/"))));
            }
            spec.configs().forEach((key, expected) -> {
                String actual = configs.getOrDefault(key, "(unset)");
                if (!expected.equals(actual)) {
                    drifts.add(new Drift(spec.name(), Drift.Kind.CONFIG, key, expected, actual));
                }
            });
            return drifts;
        }
    }
}
