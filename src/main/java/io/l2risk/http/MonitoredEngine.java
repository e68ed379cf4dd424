package io.l2risk.http;

import io.l2risk.engine.RiskEngine;
import io.l2risk.streams.EngineCounts;
import io.l2risk.streams.ErrorCounts;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;

/**
 * What the {@link StatusServer} reads from the running risk engine (implemented by
 * {@code io.l2risk.app.RiskApp}). Every method must be safe to call from any thread at any time.
 */
public interface MonitoredEngine {

    /** The Streams state: CREATED before start, RUNNING when processing. */
    KafkaStreams.State state();

    /** The running Kafka Streams client (interactive queries, client metrics); empty before start. */
    Optional<KafkaStreams> kafkaStreams();

    /** The engine whose state the {@code rollup-state} store holds (to read it back). */
    RiskEngine engine();

    /** Dead letters and failed stale checks. */
    ErrorCounts errorCounts();

    /** Records processed and alerts emitted by the risk-engine processor. */
    EngineCounts engineCounts();

    /** This instance's Streams {@code application.server} ({@code host:port}), if set. */
    Optional<String> applicationServer();
}
