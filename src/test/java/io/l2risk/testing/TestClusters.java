package io.l2risk.testing;

import java.util.Map;

import io.l2risk.embedded.EmbeddedKafkaCluster;

/**
 * Clusters a test owns, for what the shared {@link TestCluster} cannot do: replication and failover
 * tests that stop brokers must not disturb the cluster every other test uses.
 *
 * <p>These are always in-process ({@link EmbeddedKafkaCluster}): stopping and restarting single
 * brokers is needed, and it runs with or without a Docker engine. Close them in the test
 * (try-with-resources).
 */
public final class TestClusters {

    private TestClusters() {
    }

    /** A started cluster of {@code brokers} brokers (plus one controller), internal topics RF {@code min(brokers,3)}. */
    public static EmbeddedKafkaCluster startMultiBroker(int brokers) {
        return startMultiBroker(brokers, Map.of());
    }

    /** As {@link #startMultiBroker(int)}, with broker settings on top of the cluster's defaults. */
    public static EmbeddedKafkaCluster startMultiBroker(int brokers, Map<String, String> brokerProperties) {
        return EmbeddedKafkaCluster.builder()
                .brokers(brokers)
                .brokerProperties(brokerProperties)
                .build()
                .start();
    }
}
