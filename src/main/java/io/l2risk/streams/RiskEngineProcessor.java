package io.l2risk.streams;

import io.l2risk.avro.DeadLetter;
import io.l2risk.avro.DeadLetterStage;
import io.l2risk.avro.IndicatorSnapshot;
import io.l2risk.avro.IngestProgress;
import io.l2risk.avro.RiskAlert;
import io.l2risk.avro.RollupRiskStatus;
import io.l2risk.engine.EngineOutput;
import io.l2risk.engine.Reject;
import io.l2risk.engine.RiskEngine;
import io.l2risk.engine.RollupEngine;
import io.l2risk.records.IngestRecords;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code risk-engine}: runs every ingest record through its rollup's {@link RollupEngine}, kept by
 * the {@link RollupStateStore}.
 *
 * <p><b>Input</b>: the five ingest topics (co-partitioned), key = rollupId as UTF-8 bytes, value =
 * Confluent-wire-format Avro bytes, both <em>raw</em>: this processor decodes the value itself, so
 * every dead letter — undecodable bytes as much as a domain reject — carries the exact original bytes.
 * <br><b>Per record</b>: decode (bad bytes → DLQ, DESERIALIZATION, error class = exception class);
 * validate with {@link RiskEngine#validate} against the task's wall clock (reject → DLQ, PROCESSING,
 * error class = reject code); key ≠ rollupId → DLQ KEY_MISMATCH (the record sits on another rollup's
 * partition); otherwise take the rollup's engine from the store, note a heartbeat's wall-clock
 * arrival, process, tell the store the rollup changed (it writes the state at the next commit), forward
 * the outputs. If the engine throws, the store rolls the rollup back to its state before the record,
 * which the processing handler dead-letters. A schema-registry outage is thrown, never dead-lettered.
 * <br><b>Outputs</b> (record timestamp = the L1 time of the change):
 * {@code alerts-sink} → risk.alerts, key rollupId, timestamp = {@code eventTime};
 * {@code indicators-sink} → risk.indicators, key {@code rollupId/indicator}, timestamp = {@code updatedAt};
 * {@code status-sink} → risk.status, key rollupId, timestamp = {@code updatedAt};
 * {@code dlq-sink} → dlq, key = original key bytes, timestamp = the original record's.
 * An alert, snapshot or status caused by an ingest record carries the header {@value RiskTopology#HEADER_SOURCE}
 * = {@code topic-partition@offset} of that record (UTF-8), so topic tooling can trace any output to
 * the record that caused it ({@code kcat -C -t l2risk.risk.alerts -f '%h %s\n'}); outputs of the
 * wall-clock punctuation have none.
 * <br><b>Store</b>: {@value RiskTopology#STORE_ROLLUP_STATE}, a {@link RollupStateStore}: live
 * engines, written at each commit to a persistent key-value store (RocksDB), key rollupId → {@link
 * RiskEngine#save} bytes (bounded, ≤ 64 KiB per rollup), one entry per rollup ever seen, kept for
 * ever, backed by a compacted changelog.
 * <br><b>Counts</b> ({@link EngineCounts}): every valid record by type, every alert transition emitted.
 * <br><b>Punctuation</b>: every {@code staleCheckInterval} of WALL_CLOCK_TIME, every rollup in the
 * store is given {@link RiskEngine#onWallClock} (MONITOR_STALE when its heartbeats stop arriving);
 * what it emits is forwarded like the outputs above, and its state written at the next commit.
 */
final class RiskEngineProcessor implements Processor<byte[], byte[], Object, SpecificRecord> {

    private static final Logger log = LoggerFactory.getLogger(RiskEngineProcessor.class);

    private final RiskEngine engine;
    private final Deserializer<SpecificRecord> values;
    private final DeadLetters deadLetters;
    private final Duration staleCheckInterval;
    private final EngineCounts counts;

    private ProcessorContext<Object, SpecificRecord> context;
    private RollupStateStore store;

    RiskEngineProcessor(RiskEngine engine, Deserializer<SpecificRecord> values, DeadLetters deadLetters,
                        Duration staleCheckInterval, EngineCounts counts) {
        this.engine = engine;
        this.values = values;
        this.deadLetters = deadLetters;
        this.staleCheckInterval = staleCheckInterval;
        this.counts = counts;
    }

    @Override
    public void init(ProcessorContext<Object, SpecificRecord> context) {
        this.context = context;
        this.store = context.getStateStore(RiskTopology.STORE_ROLLUP_STATE);
        context.schedule(staleCheckInterval, PunctuationType.WALL_CLOCK_TIME, this::checkStale);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        RecordMetadata source = context.recordMetadata().orElseThrow();
        SpecificRecord event;
        try {
            event = values.deserialize(source.topic(), record.headers(), record.value());
        } catch (SerializationException e) {
            deadLetter(record, source, DeadLetterStage.DESERIALIZATION, e.getClass().getName(), DeadLetters.describe(e));
            return;
        }
        if (event == null) {
            deadLetter(record, source, DeadLetterStage.PROCESSING, "NOT_AN_INGEST_RECORD",
                    "the value is null (a tombstone); ingest topics carry no tombstones");
            return;
        }
        long wallMillis = context.currentSystemTimeMs();
        Optional<Reject> reject = engine.validate(event, wallMillis);
        if (reject.isPresent()) {
            deadLetter(record, source, DeadLetterStage.PROCESSING, reject.get().code(), reject.get().message());
            return;
        }
        String rollupId = IngestRecords.rollupId(event);
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        if (!rollupId.equals(key)) {
            deadLetter(record, source, DeadLetterStage.PROCESSING, "KEY_MISMATCH", "record key "
                    + (key == null ? "null" : "\"" + key + "\"") + " is not the record's rollupId \"" + rollupId
                    + "\": the record is on another rollup's partition");
            return;
        }
        RollupEngine rollup = store.engine(rollupId);
        EngineOutput output;
        try {
            output = apply(rollup, event, wallMillis, true);
        } catch (RuntimeException e) {
            // The record is dead-lettered by the processing handler; the rollup must not keep half of it.
            store.rollBack(rollupId);
            throw e;
        }
        store.changed(rollupId, again -> apply(again, event, wallMillis, false));
        counts.event(event.getSchema().getName());
        if (output.outOfOrder()) {
            log.debug("{} of rollup {} at {}-{}@{} is earlier than the rollup's clock {}; processed anyway",
                    event.getSchema().getName(), rollupId, source.topic(), source.partition(), source.offset(),
                    rollup.clock());
        }
        forward(output, source);
    }

    /**
     * One record on a rollup's engine: a heartbeat's wall-clock arrival, then the record; with
     * {@code views} the snapshots and status too (the first time; the store's replays need only the state).
     */
    private EngineOutput apply(RollupEngine rollup, SpecificRecord event, long wallMillis, boolean views) {
        if (event instanceof IngestProgress) {
            engine.noteProgressArrival(rollup, wallMillis);
        }
        return views ? engine.process(rollup, event) : engine.processForAlerts(rollup, event);
    }

    /** Wall-clock punctuation: MONITOR_STALE for every rollup of this task whose heartbeats stopped. */
    private void checkStale(long wallMillis) {
        for (String rollupId : store.rollupIds()) {
            EngineOutput output;
            try {
                output = engine.onWallClock(store.engine(rollupId), wallMillis);
                store.changed(rollupId, again -> engine.onWallClock(again, wallMillis));
            } catch (RuntimeException e) {
                // One rollup's broken state must not stop the stale check of the others; its records
                // are dead-lettered by the processing handler until the state is repaired.
                store.rollBack(rollupId);
                deadLetters.counts().staleCheckFailed();
                log.error("stale check of rollup {} failed", rollupId, e);
                continue;
            }
            forward(output, null);
        }
    }

    /**
     * Forwards the outputs, each with the {@link RiskTopology#HEADER_SOURCE} header naming {@code record}
     * (none when it is null: the wall-clock stale check).
     */
    private void forward(EngineOutput output, RecordMetadata record) {
        if (output.alerts().isEmpty() && output.snapshots().isEmpty() && output.status() == null) {
            return; // a record that publishes nothing needs no header built
        }
        byte[] source = record == null ? null
                : (record.topic() + "-" + record.partition() + "@" + record.offset()).getBytes(StandardCharsets.UTF_8);
        for (RiskAlert alert : output.alerts()) {
            counts.alert(alert);
            context.forward(sourced(new Record<>(alert.getRollupId(), alert, alert.getEventTime().toEpochMilli()),
                    source), RiskTopology.SINK_ALERTS);
        }
        for (IndicatorSnapshot snapshot : output.snapshots()) {
            context.forward(sourced(new Record<>(snapshot.getRollupId() + "/" + snapshot.getIndicator(), snapshot,
                    snapshot.getUpdatedAt().toEpochMilli()), source), RiskTopology.SINK_INDICATORS);
        }
        RollupRiskStatus status = output.status();
        if (status != null) {
            context.forward(sourced(new Record<>(status.getRollupId(), status, status.getUpdatedAt().toEpochMilli()),
                    source), RiskTopology.SINK_STATUS);
        }
    }

    private static <V> Record<Object, V> sourced(Record<Object, V> record, byte[] source) {
        if (source != null) {
            record.headers().add(RiskTopology.HEADER_SOURCE, source);
        }
        return record;
    }

    private void deadLetter(Record<byte[], byte[]> record, RecordMetadata source, DeadLetterStage stage, String code,
                            String message) {
        Provenance provenance = new Provenance(source.topic(), source.partition(), source.offset(), record.key(),
                record.value(), record.headers(), record.timestamp());
        DeadLetter deadLetter = deadLetters.create(provenance, stage, code, message, context.currentSystemTimeMs());
        context.forward(new Record<>(record.key(), deadLetter, record.timestamp()), RiskTopology.SINK_DLQ);
    }
}
