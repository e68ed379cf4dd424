package io.l2risk.bench;

import io.l2risk.app.RollupProfiles;
import io.l2risk.backtest.Backtest;
import io.l2risk.embedded.sim.L1Simulator;
import io.l2risk.engine.EngineSettings;
import io.l2risk.engine.RiskEngine;
import io.l2risk.engine.RollupEngine;
import io.l2risk.records.IngestRecords;
import io.l2risk.registry.RollupRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * The engine without Kafka: the backtest's in-memory loop ({@link Backtest#process}) on one thread,
 * and the engine state each rollup keeps.
 */
public final class EngineBench {

    private EngineBench() {
    }

    /** A risk engine over {@code registry} with default settings (what {@code backtest} builds). */
    public static RiskEngine engine(RollupRegistry registry) {
        return new RiskEngine(RollupProfiles.of(registry), EngineSettings.defaults());
    }

    /** Every record of {@code traffic}, in order, held in memory. */
    public static List<SpecificRecord> materialize(L1Simulator traffic) {
        List<SpecificRecord> records = new ArrayList<>();
        traffic.forEachRemaining(records::add);
        return records;
    }

    /**
     * Result of the engine-alone run.
     *
     * @param events  records processed
     * @param alerts  alert transitions produced
     * @param seconds wall time of the timed pass
     */
    public record Throughput(long events, long alerts, double seconds) {
        public double perSecond() {
            return events / seconds;
        }
    }

    /**
     * Runs {@code records} through a fresh backtest {@code passes} times (the first passes warm the JIT
     * up and are not timed) and times the last.
     */
    public static Throughput throughput(RollupRegistry registry, List<SpecificRecord> records, int passes, long wallMillis) {
        Throughput last = null;
        for (int pass = 0; pass < passes; pass++) {
            Backtest backtest = new Backtest(engine(registry), wallMillis);
            long alerts = 0;
            long start = System.nanoTime();
            try {
                long[] count = new long[1];
                for (SpecificRecord record : records) {
                    backtest.process(record, alert -> count[0]++);
                }
                alerts = count[0];
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            last = new Throughput(records.size(), alerts, (System.nanoTime() - start) / 1e9);
        }
        return last;
    }

    /**
     * The state of {@code rollups} rollups after {@code history} (plus the incident window) of traffic.
     *
     * @param rollups        number of rollups
     * @param history        simulated history before the window
     * @param events         records processed
     * @param bytesPerRollup mean serialized state ({@link RiskEngine#save}: the store value) per rollup
     * @param maxBytes       largest serialized state of one rollup
     * @param heapPerRollup  heap after GC taken by the engines, per rollup
     */
    public record StateSize(int rollups, Duration history, long events, long bytesPerRollup, long maxBytes,
                     long heapPerRollup) {
    }

    /**
     * Streams {@code history} of traffic for {@code rollups} rollups through in-memory engines (records
     * are not kept), then measures the engines' serialized state and their heap after a GC.
     */
    public static StateSize stateSize(int rollups, Duration history, Instant end, long seed) {
        RollupRegistry registry = BenchData.registry(rollups);
        RiskEngine engine = engine(registry);
        long heapBefore = heapAfterGc();
        Map<String, RollupEngine> engines = new HashMap<>();
        L1Simulator traffic = BenchData.traffic(registry, history, end, seed, true);
        long events = 0;
        long wallMillis = end.toEpochMilli();
        while (traffic.hasNext()) {
            SpecificRecord record = traffic.next();
            events++;
            if (engine.validate(record, wallMillis).isPresent()) {
                continue;
            }
            RollupEngine rollup = engines.computeIfAbsent(IngestRecords.rollupId(record),
                    engine::newRollup);
            engine.process(rollup, record);
        }
        long heapAfter = heapAfterGc();
        long total = 0;
        long max = 0;
        for (RollupEngine rollup : engines.values()) {
            int size = engine.save(rollup).length;
            total += size;
            max = Math.max(max, size);
        }
        long heap = Math.max(0, heapAfter - heapBefore) / rollups;
        return new StateSize(rollups, history, events, total / engines.size(), max, heap);
    }

    /** Heap in use after a full GC (best effort: {@code System.gc()} twice). */
    static long heapAfterGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
