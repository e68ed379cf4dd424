/**
 * Typed, validated settings. {@link io.l2risk.config.KafkaClientSettings} layers Kafka client
 * properties (defaults &lt; file &lt; {@code KAFKA_*} environment &lt; flags); {@link io.l2risk.config.Secrets}
 * keeps secret values out of everything people read.
 */
package io.l2risk.config;
