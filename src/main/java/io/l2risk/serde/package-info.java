/**
 * Client side of the Confluent Schema Registry REST API and Kafka serdes for the Confluent Avro wire
 * format (magic byte {@code 0x00}, 4-byte big-endian schema id, Avro binary).
 *
 * <p>Entry points: {@link io.l2risk.serde.AvroSerde} (with {@link io.l2risk.serde.AvroSerializer} and
 * {@link io.l2risk.serde.AvroDeserializer}) for Kafka clients and Kafka Streams, and
 * {@link io.l2risk.serde.SchemaRegistryClients#create(java.util.Map)} for a registry client chosen from
 * {@code schema.registry.url}: {@code http(s)://} gives a {@link io.l2risk.serde.RestSchemaRegistryClient},
 * {@code mock://scope} the in-memory {@link io.l2risk.serde.MockSchemaRegistry} (topology unit tests only).
 *
 * <p>Nothing in this package logs or reports registry credentials: URLs are shown without their user
 * info and passwords are masked ({@link io.l2risk.serde.Redaction}).
 */
package io.l2risk.serde;
