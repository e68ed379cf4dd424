package io.l2risk.embedded;

import static io.l2risk.testing.KafkaTestClients.TIMEOUT;
import static io.l2risk.testing.KafkaTestClients.consume;
import static io.l2risk.testing.KafkaTestClients.createTopic;
import static io.l2risk.testing.KafkaTestClients.producer;
import static io.l2risk.testing.KafkaTestClients.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.l2risk.testing.KafkaTestClients;
import io.l2risk.testing.TestClusters;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaClusterIT {

    @Test
    void shouldDeliverOnlyCommittedTransactionsToReadCommittedConsumer() throws Exception {
        try (EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.builder().build().start()) {
            String topic = "tx-topic";
            createTopic(cluster.bootstrapServers(), new NewTopic(topic, 1, (short) 1));

            try (KafkaProducer<String, String> producer = producer(cluster.bootstrapServers(),
                    Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tx-it"))) {
                producer.initTransactions();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>(topic, "k", "committed-1"));
                producer.send(new ProducerRecord<>(topic, "k", "committed-2"));
                producer.commitTransaction();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>(topic, "k", "aborted"));
                producer.flush();
                producer.abortTransaction();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>(topic, "k", "committed-3"));
                producer.commitTransaction();
            }

            assertThat(values(consume(cluster.bootstrapServers(), topic, 3, "read_committed")))
                    .containsExactly("committed-1", "committed-2", "committed-3");
            assertThat(values(consume(cluster.bootstrapServers(), topic, 4, "read_uncommitted")))
                    .containsExactly("committed-1", "committed-2", "aborted", "committed-3");
        }
    }

    @Test
    void shouldKeepAcceptingAcksAllWritesWhenOneOfThreeBrokersStops() throws Exception {
        try (EmbeddedKafkaCluster cluster = TestClusters.startMultiBroker(3)) {
            String topic = "replicated";
            String bootstrap = cluster.bootstrapServers();
            createTopic(bootstrap, new NewTopic(topic, 3, (short) 3).configs(Map.of("min.insync.replicas", "2")));
            awaitIsrSizes(bootstrap, topic, 3);

            try (KafkaProducer<String, String> producer = producer(bootstrap, Map.of())) {
                sendAll(producer, topic, IntStream.range(0, 10));

                cluster.stopBroker(1);
                assertThat(cluster.isBrokerRunning(1)).isFalse();
                awaitIsrSizes(bootstrap, topic, 2);
                // acks=all with min.insync.replicas=2: still accepted by the two remaining replicas.
                sendAll(producer, topic, IntStream.range(10, 20));

                cluster.restartBroker(1);
                assertThat(cluster.isBrokerRunning(1)).isTrue();
                awaitIsrSizes(bootstrap, topic, 3);
                sendAll(producer, topic, IntStream.range(20, 30));
            }

            Set<String> read = values(consume(bootstrap, topic, 30, "read_committed")).stream()
                    .collect(Collectors.toSet());
            assertThat(read).hasSize(30)
                    .isEqualTo(IntStream.range(0, 30).mapToObj(i -> "v" + i).collect(Collectors.toSet()));
        }
    }

    @Test
    void shouldServeTheSameDataOnTheSamePortsAfterRestartingASingleNode() throws Exception {
        try (EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.builder().build().start()) {
            String bootstrap = cluster.bootstrapServers();
            createTopic(bootstrap, new NewTopic("restarted", 1, (short) 1));
            try (KafkaProducer<String, String> producer = producer(bootstrap, Map.of())) {
                sendAll(producer, "restarted", IntStream.range(0, 3));
            }

            cluster.restartBroker(0);

            assertThat(cluster.bootstrapServers()).isEqualTo(bootstrap);
            try (KafkaProducer<String, String> producer = producer(bootstrap, Map.of())) {
                sendAll(producer, "restarted", IntStream.range(3, 5));
            }
            assertThat(values(consume(bootstrap, "restarted", 5, "read_committed")))
                    .containsExactly("v0", "v1", "v2", "v3", "v4");
        }
    }

    @Test
    void shouldKeepClusterIdTopicsAndRecordsWhenRestartedOnSameDataDir(@TempDir Path dataDir) throws Exception {
        String topic = "durable";
        String clusterId;
        try (EmbeddedKafkaCluster first = EmbeddedKafkaCluster.builder().dataDir(dataDir).build().start()) {
            clusterId = first.clusterId();
            createTopic(first.bootstrapServers(), new NewTopic(topic, 2, (short) 1));
            try (KafkaProducer<String, String> producer = producer(first.bootstrapServers(), Map.of())) {
                sendAll(producer, topic, IntStream.range(0, 5));
            }
        }
        assertThat(dataDir.resolve(EmbeddedKafkaCluster.CLUSTER_FILE)).exists();

        try (EmbeddedKafkaCluster second = EmbeddedKafkaCluster.builder().dataDir(dataDir).build().start();
                Admin admin = KafkaTestClients.admin(second.bootstrapServers())) {
            assertThat(second.clusterId()).isEqualTo(clusterId);
            assertThat(admin.describeCluster().clusterId().get()).isEqualTo(clusterId);
            assertThat(admin.listTopics().names().get()).containsExactly(topic);
            assertThat(values(consume(second.bootstrapServers(), topic, 5, "read_committed")))
                    .containsExactlyInAnyOrder("v0", "v1", "v2", "v3", "v4");
        }
    }

    @Test
    void shouldRefuseDataDirFormattedForAnotherBrokerCount(@TempDir Path dataDir) throws Exception {
        Files.writeString(dataDir.resolve(EmbeddedKafkaCluster.CLUSTER_FILE), "cluster.id=abc\nbrokers=3\n");

        assertThatThrownBy(() -> EmbeddedKafkaCluster.builder().dataDir(dataDir).build().start())
                .isInstanceOf(EmbeddedServiceException.class)
                .hasMessageContaining("holds a cluster of 3 broker(s) but 1 were asked for");
    }

    @Test
    void shouldDeleteItsTempDataDirOnClose() {
        EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.builder().build().start();
        Path dataDir = cluster.dataDir();
        assertThat(dataDir.resolve("node-0").resolve("meta.properties")).exists();

        cluster.close();

        assertThat(dataDir).doesNotExist();
        assertThatThrownBy(() -> cluster.stopBroker(0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldRejectSettingsTheClusterManages() {
        assertThatThrownBy(() -> EmbeddedKafkaCluster.builder().brokerProperty("listeners", "PLAINTEXT://:9092"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'listeners' is managed by EmbeddedKafkaCluster and cannot be set");
    }

    private static void sendAll(KafkaProducer<String, String> producer, String topic, IntStream ids) throws Exception {
        List<Future<RecordMetadata>> sends = ids
                .mapToObj(i -> producer.send(new ProducerRecord<>(topic, "k" + i, "v" + i)))
                .toList();
        for (Future<RecordMetadata> send : sends) {
            send.get();
        }
    }

    private static void awaitIsrSizes(String bootstrap, String topic, int isrSize) {
        try (Admin admin = KafkaTestClients.admin(bootstrap)) {
            await().atMost(TIMEOUT).untilAsserted(() -> {
                TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
                assertThat(description.partitions()).extracting(TopicPartitionInfo::isr)
                        .allSatisfy(isr -> assertThat(isr).hasSize(isrSize));
            });
        }
    }
}
