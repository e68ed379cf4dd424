/**
 * Real infrastructure in a box, for the {@code run} command's embedded default and for the
 * integration tests: {@link io.l2risk.embedded.EmbeddedKafkaCluster} (Kafka's own KRaft server in
 * this JVM) and {@link io.l2risk.embedded.ApicurioRegistry} (the Apicurio Registry server as a
 * child process, with its Confluent-compatible API). Both bind 127.0.0.1 on free ports, start with
 * {@code start()} once ready, and stop cleanly with {@code close()}; failures are
 * {@link io.l2risk.embedded.EmbeddedServiceException}s that say what to do.
 */
package io.l2risk.embedded;
