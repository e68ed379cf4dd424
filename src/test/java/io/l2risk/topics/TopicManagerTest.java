package io.l2risk.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeConfigsResult;
import org.apache.kafka.clients.admin.DescribeTopicsResult;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.Test;

/**
 * {@link TopicManager} against a scripted {@link Admin}: the moments of a multi-broker cluster that a
 * real one shows only by chance.
 */
class TopicManagerTest {

    private static final Node BROKER = new Node(0, "127.0.0.1", 9092);

    @Test
    void shouldReportATopicAsMissingWhileTheBrokerAskedForItsConfigsDoesNotKnowItYet() {
        // Right after creation, describeTopics may be answered by a broker that has the new metadata and
        // describeConfigs by one that has not (seen on a 3-broker cluster in ScaleOutFailoverIT).
        Topics topics = Topics.from(TopicSettings.defaults().withPartitions(2).withReplicationFactor((short) 1));
        Admin admin = scriptedAdmin(topics, topics.alerts().name());

        List<Drift> drifts = new TopicManager(admin, Duration.ofSeconds(5)).check(topics);

        assertThat(drifts).containsExactly(Drift.missing(topics.alerts()));
    }

    /** Every topic of {@code topics} exists as specified; the configs of {@code unknownForConfigs} are not found. */
    private static Admin scriptedAdmin(Topics topics, String unknownForConfigs) {
        return (Admin) Proxy.newProxyInstance(Admin.class.getClassLoader(), new Class<?>[] {Admin.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "describeTopics" -> describeTopics(topics, (Collection<?>) args[0]);
                    case "describeConfigs" -> describeConfigs(topics, unknownForConfigs);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static DescribeTopicsResult describeTopics(Topics topics, Collection<?> names) {
        Map<String, KafkaFuture<TopicDescription>> described = new LinkedHashMap<>();
        for (Object name : names) {
            TopicSpec<?> spec = topics.byName((String) name).orElseThrow();
            List<TopicPartitionInfo> partitions = IntStream.range(0, spec.partitions())
                    .mapToObj(p -> new TopicPartitionInfo(p, BROKER, List.of(BROKER), List.of(BROKER))).toList();
            described.put(spec.name(), KafkaFuture.completedFuture(new TopicDescription(spec.name(), false, partitions)));
        }
        return new DescribeTopicsResult(null, described) { };
    }

    private static DescribeConfigsResult describeConfigs(Topics topics, String unknown) {
        Map<ConfigResource, KafkaFuture<Config>> configs = new LinkedHashMap<>();
        for (TopicSpec<?> spec : topics.all()) {
            Config config = new Config(spec.configs().entrySet().stream()
                    .map(e -> new ConfigEntry(e.getKey(), e.getValue())).toList());
            configs.put(new ConfigResource(ConfigResource.Type.TOPIC, spec.name()), spec.name().equals(unknown)
                    ? KafkaFuture.completedFuture(config).thenApply(c -> {
                        throw new UnknownTopicOrPartitionException("This server does not host this topic-partition.");
                    })
                    : KafkaFuture.completedFuture(config));
        }
        return new DescribeConfigsResult(configs) { };
    }
}
