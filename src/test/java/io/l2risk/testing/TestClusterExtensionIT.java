package io.l2risk.testing;

import static io.l2risk.testing.KafkaTestClients.consume;
import static io.l2risk.testing.KafkaTestClients.createTopic;
import static io.l2risk.testing.KafkaTestClients.producer;
import static io.l2risk.testing.KafkaTestClients.values;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestClusterExtension.class)
class TestClusterExtensionIT {

    /** The first cluster any test here was given; every other test must get the very same one. */
    private static final AtomicReference<TestCluster> FIRST_SEEN = new AtomicReference<>();

    private static void assertIsTheSharedCluster(TestCluster cluster) {
        FIRST_SEEN.compareAndSet(null, cluster);
        assertThat(cluster).isSameAs(FIRST_SEEN.get());
    }

    @Test
    void shouldServeARealBrokerAndRegistry(TestCluster cluster) throws Exception {
        assertIsTheSharedCluster(cluster);
        String expectedKind = System.getProperty(TestClusterExtension.MODE_PROPERTY, "in-process");
        assertThat(cluster.kind()).isEqualTo(expectedKind.isBlank() ? "in-process" : expectedKind);
        assertThat(cluster.clientProperties()).isEqualTo(Map.of("bootstrap.servers", cluster.bootstrapServers()));

        String topic = cluster.uniqueName("extension-it");
        createTopic(cluster.bootstrapServers(), new NewTopic(topic, 1, (short) 1));
        try (KafkaProducer<String, String> producer = producer(cluster.bootstrapServers(), Map.of())) {
            producer.send(new ProducerRecord<>(topic, "k", "hello")).get();
        }
        assertThat(values(consume(cluster.bootstrapServers(), topic, 1, "read_committed"))).containsExactly("hello");

        HttpResponse<String> types = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(cluster.schemaRegistryUrl() + "/schemas/types")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(types.statusCode()).isEqualTo(200);
        assertThat(new ObjectMapper().readValue(types.body(), String[].class))
                .containsExactlyInAnyOrder("AVRO", "JSON", "PROTOBUF");
    }

    @Test
    void shouldHandOutDistinctNames(TestCluster cluster) {
        assertIsTheSharedCluster(cluster);

        String first = cluster.uniqueName("orders");
        String second = cluster.uniqueName("orders");

        assertThat(first).isNotEqualTo(second).matches("orders-\\d+-[0-9a-z]{6}");
        assertThat(second).matches("orders-\\d+-[0-9a-z]{6}");
    }

    @Nested
    class FirstUser {
        @Test
        void shouldGetTheSharedCluster(TestCluster cluster) {
            assertIsTheSharedCluster(cluster);
        }
    }

    @Nested
    class SecondUser {
        @Test
        void shouldGetTheSharedClusterToo(TestCluster first, TestCluster second) {
            assertThat(first).isSameAs(second);
            assertIsTheSharedCluster(first);
        }
    }
}
