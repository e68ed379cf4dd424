/**
 * The Kafka Streams side of the risk engine: {@link io.l2risk.streams.RiskTopology} (one source over
 * the five ingest topics, the {@code risk-engine} processor with its {@code rollup-state} store, sinks
 * to alerts, indicators, status and the DLQ), the serdes it uses, and the dead-letter design — the
 * processor dead-letters undecodable bytes and domain rejects itself, the deserialization, processing
 * and production handlers answer with KIP-1034 dead-letter records, and
 * {@link io.l2risk.streams.RiskUncaughtExceptionHandler} decides what a dying stream thread does.
 * Every dead letter is a {@code DeadLetter} Avro record with the original bytes and is counted in
 * {@link io.l2risk.streams.ErrorCounts}. The business logic lives in {@code io.l2risk.engine}.
 */
package io.l2risk.streams;
