package io.l2risk.testing;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.CommonClientConfigs;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.utility.DockerImageName;

/**
 * The shared cluster where a Docker engine runs: Kafka in {@link KafkaContainer} (image from system
 * property {@value #KAFKA_IMAGE_PROPERTY}, default {@value #DEFAULT_KAFKA_IMAGE}) and Apicurio
 * Registry in a {@link GenericContainer} (image from {@value #REGISTRY_IMAGE_PROPERTY}, default
 * {@value #DEFAULT_REGISTRY_IMAGE}), both pinned, never {@code latest}.
 *
 * <p>Not run on the project's build machine and CI, which have no Docker engine (they use
 * {@link InProcessTestCluster}); this path compiles there and is exercised on developer machines
 * with Docker, or anywhere with {@code -Dl2risk.test.cluster=testcontainers}.
 */
final class ContainerTestCluster implements TestCluster, AutoCloseable {

    static final String KIND = "testcontainers";
    static final String KAFKA_IMAGE_PROPERTY = "l2risk.testcontainers.kafka.image";
    static final String REGISTRY_IMAGE_PROPERTY = "l2risk.testcontainers.registry.image";
    static final String DEFAULT_KAFKA_IMAGE = "apache/kafka:4.1.1";
    static final String DEFAULT_REGISTRY_IMAGE = "apicurio/apicurio-registry-mem:2.6.13.Final";

    private static final int REGISTRY_PORT = 8080;
    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(3);

    private final KafkaContainer kafka;
    private final GenericContainer<?> registry;

    private ContainerTestCluster(KafkaContainer kafka, GenericContainer<?> registry) {
        this.kafka = kafka;
        this.registry = registry;
    }

    static ContainerTestCluster start() {
        KafkaContainer kafka = new KafkaContainer(DockerImageName.parse(
                System.getProperty(KAFKA_IMAGE_PROPERTY, DEFAULT_KAFKA_IMAGE)))
                // Same test-friendly defaults as the in-process broker (the container's own
                // defaults already size the internal topics for one broker).
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0")
                .withStartupTimeout(STARTUP_TIMEOUT);
        GenericContainer<?> registry = new GenericContainer<>(DockerImageName.parse(
                System.getProperty(REGISTRY_IMAGE_PROPERTY, DEFAULT_REGISTRY_IMAGE)))
                .withExposedPorts(REGISTRY_PORT)
                .waitingFor(Wait.forHttp("/apis/ccompat/v7/subjects")
                        .forPort(REGISTRY_PORT)
                        .forStatusCode(200)
                        .withStartupTimeout(STARTUP_TIMEOUT));
        try {
            Startables.deepStart(kafka, registry).join();
        } catch (RuntimeException e) {
            registry.stop();
            kafka.stop();
            throw e;
        }
        return new ContainerTestCluster(kafka, registry);
    }

    @Override
    public String bootstrapServers() {
        return kafka.getBootstrapServers();
    }

    @Override
    public String schemaRegistryUrl() {
        return "http://" + registry.getHost() + ":" + registry.getMappedPort(REGISTRY_PORT) + "/apis/ccompat/v7";
    }

    @Override
    public Map<String, Object> clientProperties() {
        return Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void close() {
        try {
            registry.stop();
        } finally {
            kafka.stop();
        }
    }

    @Override
    public String toString() {
        return "TestCluster[" + KIND + ", kafka=" + bootstrapServers() + ", registry=" + schemaRegistryUrl() + "]";
    }
}
