package io.l2risk.backtest;

import io.l2risk.avro.AlertStatus;
import io.l2risk.avro.RiskAlert;
import io.l2risk.avro.Severity;
import io.l2risk.engine.EngineOutput;
import io.l2risk.engine.Reject;
import io.l2risk.engine.RiskEngine;
import io.l2risk.engine.RollupEngine;
import io.l2risk.records.IngestRecords;
import java.io.IOException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;

/**
 * The risk engine over a stream of ingest records, in-process, with each rollup's engine in memory —
 * the same calls in the same order as the Kafka Streams processor (validate, engine per rollup,
 * process), so the same records give the same alert transitions. Memory is one engine per rollup
 * (bounded state each) plus a few counters; the records themselves are not kept.
 *
 * <p>Deterministic: validation compares L1 times with one wall-clock instant fixed at construction
 * (records more than a day ahead of it are rejected, as live). There is no wall-clock stale check:
 * MONITOR_STALE fires in a backtest only from the ingester's lag in the heartbeats. Not thread-safe.
 */
public final class Backtest {

    /** Receives alert transitions in the order the engine produces them. */
    @FunctionalInterface
    public interface AlertSink {
        void accept(RiskAlert alert) throws IOException;
    }

    private final RiskEngine engine;
    private final long wallMillis;
    private final Map<String, RollupEngine> rollups = new HashMap<>();
    private final Map<String, Long> rejectedByCode = new TreeMap<>();
    private final Map<String, EnumMap<Severity, Long>> alertsByIndicator = new TreeMap<>();
    private final EnumMap<AlertStatus, Long> alertsByStatus = new EnumMap<>(AlertStatus.class);
    private long events;
    private long outOfOrder;
    private long alerts;

    /**
     * @param engine     the engine, with its rollup registry and settings
     * @param wallMillis the wall-clock instant records are validated against
     */
    public Backtest(RiskEngine engine, long wallMillis) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.wallMillis = wallMillis;
    }

    /** Runs one ingest record; its alert transitions go to {@code sink}. */
    public void process(SpecificRecord event, AlertSink sink) throws IOException {
        events++;
        Optional<Reject> reject = engine.validate(event, wallMillis);
        if (reject.isPresent()) {
            rejectedByCode.merge(reject.get().code(), 1L, Long::sum);
            return;
        }
        RollupEngine rollup = rollups.computeIfAbsent(IngestRecords.rollupId(event), engine::newRollup);
        EngineOutput output = engine.processForAlerts(rollup, event);
        if (output.outOfOrder()) {
            outOfOrder++;
        }
        for (RiskAlert alert : output.alerts()) {
            alerts++;
            alertsByIndicator.computeIfAbsent(alert.getIndicator(), i -> new EnumMap<>(Severity.class))
                    .merge(alert.getSeverity(), 1L, Long::sum);
            alertsByStatus.merge(alert.getStatus(), 1L, Long::sum);
            sink.accept(alert);
        }
    }

    /** What has happened so far. */
    public Summary summary() {
        Map<String, Map<Severity, Long>> byIndicator = new TreeMap<>();
        alertsByIndicator.forEach((indicator, counts) -> byIndicator.put(indicator, Map.copyOf(counts)));
        return new Summary(events, rollups.size(), Map.copyOf(rejectedByCode), outOfOrder, alerts,
                Map.copyOf(alertsByStatus), java.util.Collections.unmodifiableMap(byIndicator));
    }

    /**
     * Counts of a backtest.
     *
     * @param events             ingest records processed (valid or not)
     * @param rollups            rollups seen in valid records
     * @param rejectedByCode     records the engine refused, by reject code (in the topology: the DLQ)
     * @param outOfOrder         valid records earlier in L1 time than their rollup's clock (processed)
     * @param alerts             alert transitions written
     * @param alertsByStatus     transitions by FIRING / ESCALATED / RESOLVED
     * @param alertsByIndicator  transitions by indicator and severity
     */
    public record Summary(long events, int rollups, Map<String, Long> rejectedByCode, long outOfOrder, long alerts,
                          Map<AlertStatus, Long> alertsByStatus, Map<String, Map<Severity, Long>> alertsByIndicator) {

        /** Records rejected, all codes together. */
        public long rejected() {
            return rejectedByCode.values().stream().mapToLong(Long::longValue).sum();
        }
    }
}
