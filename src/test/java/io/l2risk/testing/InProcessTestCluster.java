package io.l2risk.testing;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.l2risk.embedded.ApicurioRegistry;
import io.l2risk.embedded.EmbeddedKafkaCluster;

/**
 * The shared cluster without Docker: a single-node {@link EmbeddedKafkaCluster} in this JVM and an
 * {@link ApicurioRegistry} child process, started side by side.
 */
final class InProcessTestCluster implements TestCluster, AutoCloseable {

    static final String KIND = "in-process";

    private final EmbeddedKafkaCluster kafka;
    private final ApicurioRegistry registry;

    private InProcessTestCluster(EmbeddedKafkaCluster kafka, ApicurioRegistry registry) {
        this.kafka = kafka;
        this.registry = registry;
    }

    static InProcessTestCluster start() {
        ApicurioRegistry registry = ApicurioRegistry.builder().build();
        EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.builder().build();
        // The registry is another process: let it boot while this JVM starts the broker.
        CompletableFuture<ApicurioRegistry> registryStart = CompletableFuture.supplyAsync(registry::start);
        try {
            kafka.start();
        } catch (RuntimeException e) {
            try {
                registryStart.join();
            } catch (CompletionException ignored) {
                // The broker's failure is the one to report.
            }
            registry.close();
            throw e;
        }
        try {
            registryStart.join();
        } catch (CompletionException e) {
            registry.close();
            kafka.close();
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        return new InProcessTestCluster(kafka, registry);
    }

    @Override
    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    @Override
    public String schemaRegistryUrl() {
        return registry.confluentApiUrl();
    }

    @Override
    public Map<String, Object> clientProperties() {
        return kafka.clientProperties();
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void close() {
        try {
            registry.close();
        } finally {
            kafka.close();
        }
    }

    @Override
    public String toString() {
        return "TestCluster[" + KIND + ", kafka=" + bootstrapServers() + ", registry=" + schemaRegistryUrl() + "]";
    }
}
