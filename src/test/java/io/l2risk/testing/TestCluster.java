package io.l2risk.testing;

import java.util.Map;

/**
 * A real Kafka cluster and a real Confluent-API schema registry for an integration test.
 *
 * <p>Obtained as a JUnit 5 parameter from {@link TestClusterExtension}. It is started once per test
 * JVM and shared, so tests must use {@link #uniqueName(String)} for topics, groups and subjects.
 */
public interface TestCluster {

    /** {@code host:port[,host:port]} of the brokers. */
    String bootstrapServers();

    /** Base URL of the Confluent-compatible registry API, e.g. {@code http://127.0.0.1:41234/apis/ccompat/v7}. */
    String schemaRegistryUrl();

    /** A name no other test in this JVM has been given: {@code prefix-<n>-<random>}. */
    default String uniqueName(String prefix) {
        return UniqueNames.next(prefix);
    }

    /** Base client properties ({@code bootstrap.servers}) for producers, consumers and admin clients. */
    Map<String, Object> clientProperties();

    /** Which implementation runs the cluster: {@code in-process} or {@code testcontainers}. */
    String kind();
}
