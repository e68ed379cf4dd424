package io.l2risk.streams;

import io.l2risk.engine.RiskEngine;
import java.time.Duration;
import java.util.Objects;
import org.apache.kafka.streams.StreamsConfig;

/**
 * What {@link RiskTopology#build} needs besides topics and serdes.
 *
 * @param streams            the application's Streams config (application id, processing guarantee,
 *                           caching...), from which the topology's own config is derived
 * @param engine             the risk engine with its rollup registry and engine settings
 * @param staleCheckInterval how often (wall clock) MONITOR_STALE is re-evaluated for every rollup
 * @param deadLetters        builds and counts the dead letters; its topic must be the registry's DLQ
 * @param counts             where the processor counts the records it processed and the alerts it emitted
 */
public record RiskTopologyConfig(StreamsConfig streams, RiskEngine engine, Duration staleCheckInterval,
                                 DeadLetters deadLetters, EngineCounts counts) {

    /** Often enough to notice a stopped ingester well within MONITOR_STALE's default 5 minutes. */
    public static final Duration DEFAULT_STALE_CHECK_INTERVAL = Duration.ofSeconds(30);

    public RiskTopologyConfig {
        Objects.requireNonNull(streams, "streams");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(deadLetters, "deadLetters");
        Objects.requireNonNull(counts, "counts");
        Objects.requireNonNull(staleCheckInterval, "staleCheckInterval");
        if (staleCheckInterval.isNegative() || staleCheckInterval.isZero()) {
            throw new IllegalArgumentException("staleCheckInterval must be positive, not " + staleCheckInterval);
        }
    }

    /** With counts nobody reads (tests, {@code print-topology}). */
    public RiskTopologyConfig(StreamsConfig streams, RiskEngine engine, Duration staleCheckInterval,
                              DeadLetters deadLetters) {
        this(streams, engine, staleCheckInterval, deadLetters, new EngineCounts());
    }
}
