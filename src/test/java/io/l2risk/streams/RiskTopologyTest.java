package io.l2risk.streams;

import static io.l2risk.engine.Events.T0;
import static io.l2risk.engine.Events.batch;
import static io.l2risk.engine.Events.progress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.l2risk.avro.AlertStatus;
import io.l2risk.avro.DeadLetter;
import io.l2risk.avro.DeadLetterStage;
import io.l2risk.avro.IndicatorSnapshot;
import io.l2risk.avro.Level;
import io.l2risk.avro.RiskAlert;
import io.l2risk.avro.RollupRiskStatus;
import io.l2risk.avro.Severity;
import io.l2risk.engine.EngineSettings;
import io.l2risk.engine.Events;
import io.l2risk.engine.RiskEngine;
import io.l2risk.engine.RollupProfile;
import io.l2risk.serde.MockSchemaRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole risk topology in a TopologyTestDriver: outputs, dead letters, the wall-clock stale check
 * and restart from the changelog. Fixtures: a rollup whose batches stop while heartbeats continue
 * (the Arbitrum One sequencer stall of 2023-12-15 in shape, with the thresholds scaled down to
 * 10/20 minutes so the tests stay short).
 */
class RiskTopologyTest {

    private static final String ROLLUP = "base";
    private static final RollupProfile PROFILE = new RollupProfile(ROLLUP, "OP_STACK", true, false, null, null, null,
            null, null, null, null, null, Map.of("BATCH_LIVENESS", Map.of("warnAfter", "10m", "criticalAfter", "20m")));
    private static final String FIRED_ID = "base:BATCH_LIVENESS:" + T0.plusSeconds(11 * 60).toEpochMilli();

    @TempDir
    Path stateDir;

    private final List<TopologyHarness> opened = new ArrayList<>();

    @AfterEach
    void closeDrivers() {
        opened.forEach(TopologyHarness::close);
    }

    @Test
    void shouldPublishTheAlertLifecycleKeyedByRollupIdAtTheL1TimeOfEachTransition() {
        TopologyHarness topology = open(engine(EngineSettings.defaults()));

        topology.pipeAll(stall(25));
        topology.pipe(batch(ROLLUP, T0.plusSeconds(25 * 60 + 30), 2));

        List<TestRecord<String, RiskAlert>> alerts = topology.alerts();
        assertThat(alerts).extracting(TestRecord::key, r -> r.value().getStatus(), r -> r.value().getSeverity(),
                        TestRecord::getRecordTime, r -> r.value().getAlertId())
                .containsExactly(
                        tuple(ROLLUP, AlertStatus.FIRING, Severity.WARNING, T0.plusSeconds(11 * 60), FIRED_ID),
                        tuple(ROLLUP, AlertStatus.ESCALATED, Severity.CRITICAL, T0.plusSeconds(21 * 60), FIRED_ID),
                        tuple(ROLLUP, AlertStatus.RESOLVED, Severity.CRITICAL, T0.plusSeconds(25 * 60 + 30), FIRED_ID));
        assertThat(alerts.get(0).value().getSummary()).isEqualTo("No batch posted for 11m (threshold 10m).");
        // Only the provenance header (shouldNameTheIngestRecordEachOutputCameFromInAHeader).
        assertThat(alerts.get(0).getHeaders().toArray()).extracting(h -> h.key())
                .containsExactly(RiskTopology.HEADER_SOURCE);
        assertThat(topology.deadLetters()).isEmpty();
    }

    @Test
    void shouldCountValidRecordsByTypeAndAlertTransitionsByIndicatorSeverityAndStatus() {
        TopologyHarness topology = open(engine(EngineSettings.defaults()));

        topology.pipeAll(stall(25));
        topology.pipe(batch(ROLLUP, T0.plusSeconds(25 * 60 + 30), 2));
        topology.pipe(Events.withdrawal(ROLLUP, T0.plusSeconds(26 * 60), "-5"));

        assertThat(topology.engineCounts.events()).isEqualTo(Map.of("BatchPosted", 2L, "IngestProgress", 25L));
        assertThat(topology.engineCounts.alerts()).isEqualTo(Map.of(
                new EngineCounts.AlertKey("BATCH_LIVENESS", Severity.WARNING, AlertStatus.FIRING), 1L,
                new EngineCounts.AlertKey("BATCH_LIVENESS", Severity.CRITICAL, AlertStatus.ESCALATED), 1L,
                new EngineCounts.AlertKey("BATCH_LIVENESS", Severity.CRITICAL, AlertStatus.RESOLVED), 1L));
        assertThat(topology.counts.deadLetters()).isEqualTo(Map.of("PROCESSING/INVALID_AMOUNT", 1L));
    }

    @Test
    void shouldPublishIndicatorSnapshotsKeyedByRollupAndIndicatorOnChangeAndOncePerIntervalWhileTheValueMoves() {
        TopologyHarness topology = open(engine(EngineSettings.defaults().withSnapshotInterval(Duration.ofMinutes(1))));

        List<TestRecord<String, IndicatorSnapshot>> snapshots = stallSnapshots(topology);
        assertThat(snapshots).extracting(TestRecord::key, r -> r.value().getLevel(), TestRecord::getRecordTime)
                .containsExactly(
                        tuple("base/MONITOR_STALE", Level.OK, T0),
                        tuple("base/BATCH_LIVENESS", Level.OK, T0),
                        // The first heartbeat moves the ingester lag from 0 to 2 blocks, a minute later.
                        tuple("base/MONITOR_STALE", Level.OK, T0.plusSeconds(60)),
                        tuple("base/BATCH_LIVENESS", Level.OK, T0.plusSeconds(60)),
                        tuple("base/BATCH_LIVENESS", Level.OK, T0.plusSeconds(120)),
                        tuple("base/BATCH_LIVENESS", Level.OK, T0.plusSeconds(180)),
                        tuple("base/BATCH_LIVENESS", Level.OK, T0.plusSeconds(240)),
                        tuple("base/BATCH_LIVENESS", Level.OK, T0.plusSeconds(300)),
                        tuple("base/BATCH_LIVENESS", Level.OK, T0.plusSeconds(360)),
                        tuple("base/BATCH_LIVENESS", Level.OK, T0.plusSeconds(420)),
                        tuple("base/BATCH_LIVENESS", Level.OK, T0.plusSeconds(480)),
                        tuple("base/BATCH_LIVENESS", Level.OK, T0.plusSeconds(540)),
                        tuple("base/BATCH_LIVENESS", Level.OK, T0.plusSeconds(600)),
                        tuple("base/BATCH_LIVENESS", Level.WARNING, T0.plusSeconds(660)),
                        tuple("base/BATCH_LIVENESS", Level.WARNING, T0.plusSeconds(720)));
        assertThat(snapshots.get(13).value().getValue()).isEqualTo(660.0);
        assertThat(snapshots.get(13).value().getThreshold()).isEqualTo(600.0);
        assertThat(snapshots.get(13).value().getSummary()).isEqualTo("No batch posted for 11m (threshold 10m).");
    }

    @Test
    void shouldRefreshAMovingValueEveryFiveMinutesByDefaultButPublishALevelChangeAtOnce() {
        TopologyHarness topology = open(engine(EngineSettings.defaults()));

        List<TestRecord<String, IndicatorSnapshot>> snapshots = stallSnapshots(topology);
        assertThat(snapshots).extracting(TestRecord::key, r -> r.value().getLevel(), TestRecord::getRecordTime)
                .containsExactly(
                        tuple("base/MONITOR_STALE", Level.OK, T0),
                        tuple("base/BATCH_LIVENESS", Level.OK, T0),
                        // The lag moved from 0 to 2 blocks at T0 + 1m; it goes out with the 5-minute refresh.
                        tuple("base/MONITOR_STALE", Level.OK, T0.plusSeconds(300)),
                        tuple("base/BATCH_LIVENESS", Level.OK, T0.plusSeconds(300)),
                        tuple("base/BATCH_LIVENESS", Level.OK, T0.plusSeconds(600)),
                        tuple("base/BATCH_LIVENESS", Level.WARNING, T0.plusSeconds(660)));
        assertThat(snapshots).extracting(r -> r.value().getValue()).containsExactly(0.0, 0.0, 2.0, 300.0, 600.0, 660.0);
    }

    @Test
    void shouldPublishTheRollupStatusKeyedByRollupIdOnChangeAndOncePerIntervalOfL1Time() {
        TopologyHarness topology = open(engine(EngineSettings.defaults().withSnapshotInterval(Duration.ofMinutes(1))));

        topology.pipeAll(stall(11));

        List<TestRecord<String, RollupRiskStatus>> status = topology.status();
        TestRecord<String, RollupRiskStatus> last = status.get(status.size() - 1);
        assertThat(last.key()).isEqualTo(ROLLUP);
        assertThat(last.getRecordTime()).isEqualTo(T0.plusSeconds(11 * 60));
        assertThat(last.value().getLevel()).isEqualTo(Level.WARNING);
        assertThat(last.value().getCategoryLevels().getLiveness()).isEqualTo(Level.WARNING);
        assertThat(last.value().getOpenAlerts()).extracting(a -> a.getAlertId()).containsExactly(FIRED_ID);
        assertThat(last.value().getLastBatchAt()).isEqualTo(T0);
        assertThat(status).extracting(r -> r.value().getLevel()).containsExactly(Level.OK, Level.OK, Level.OK,
                Level.OK, Level.OK, Level.OK, Level.OK, Level.OK, Level.OK, Level.OK, Level.OK, Level.WARNING);
    }

    @Test
    void shouldNameTheIngestRecordEachOutputCameFromInAHeader() {
        TopologyHarness topology = open(engine(EngineSettings.defaults()));

        topology.pipeAll(stall(11));

        // The batch at T0 is batches-0@0; the heartbeat of minute m is progress-0@(m - 1).
        String progress = topology.topics.progress().name();
        TestRecord<String, RiskAlert> fired = topology.alerts().get(0);
        assertThat(fired.value().getStatus()).isEqualTo(AlertStatus.FIRING);
        assertThat(new String(fired.headers().lastHeader(RiskTopology.HEADER_SOURCE).value(),
                StandardCharsets.UTF_8)).isEqualTo(progress + "-0@10");
        assertThat(topology.status()).extracting(r -> new String(r.headers().lastHeader(RiskTopology.HEADER_SOURCE)
                .value(), StandardCharsets.UTF_8)).containsExactly(topology.topics.batches().name() + "-0@0",
                progress + "-0@4", progress + "-0@9", progress + "-0@10");
    }

    @Test
    void shouldDeadLetterUndecodableBytesWithTheOriginalBytesAndProvenance() {
        TopologyHarness topology = open(engine(EngineSettings.defaults()));
        byte[] key = ROLLUP.getBytes(StandardCharsets.UTF_8);
        byte[] value = "{\"rollupId\":\"base\"}".getBytes(StandardCharsets.UTF_8);
        String topic = topology.topics.batches().name();

        topology.pipeRaw(topic, key, value, T0);
        topology.pipe(batch(ROLLUP, T0.plusSeconds(12), 1));

        List<TestRecord<byte[], DeadLetter>> dead = topology.deadLetters();
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).key()).isEqualTo(key);
        assertThat(dead.get(0).getRecordTime()).isEqualTo(T0);
        DeadLetter letter = dead.get(0).value();
        assertThat(letter.getStage()).isEqualTo(DeadLetterStage.DESERIALIZATION);
        assertThat(letter.getErrorClass()).isEqualTo("org.apache.kafka.common.errors.SerializationException");
        assertThat(letter.getErrorMessage()).startsWith("Unknown magic byte 0x7b (expected 0x00) in a 19-byte record");
        assertThat(letter.getTopic()).isEqualTo(topic);
        assertThat(letter.getPartition()).isZero();
        assertThat(letter.getOffset()).isZero();
        assertThat(letter.getKey()).isEqualTo(ByteBuffer.wrap(key));
        assertThat(letter.getValue()).isEqualTo(ByteBuffer.wrap(value));
        assertThat(letter.getApplicationId()).isEqualTo(TopologyHarness.APPLICATION_ID);
        assertThat(letter.getFailedAt()).isEqualTo(TopologyHarness.WALL);
        assertThat(topology.counts.deadLettered(DeadLetterStage.DESERIALIZATION,
                "org.apache.kafka.common.errors.SerializationException")).isEqualTo(1);
        assertThat(topology.status()).hasSize(1);
    }

    @Test
    void shouldDeadLetterANegativeAmountAsAProcessingRejectWithTheOriginalBytes() {
        TopologyHarness topology = open(engine(EngineSettings.defaults()));
        SpecificRecord withdrawal = Events.withdrawal(ROLLUP, T0, "-5");
        byte[] bytes = topology.serialize(withdrawal);
        RecordHeaders headers = new RecordHeaders();
        headers.add("trace", "abc".getBytes(StandardCharsets.UTF_8));
        headers.add("binary", new byte[] {(byte) 0xff, 0x00});

        topology.pipeRaw(topology.topics.bridge().name(), ROLLUP.getBytes(StandardCharsets.UTF_8), bytes, T0, headers);

        DeadLetter letter = topology.deadLetters().get(0).value();
        assertThat(letter.getStage()).isEqualTo(DeadLetterStage.PROCESSING);
        assertThat(letter.getErrorClass()).isEqualTo("INVALID_AMOUNT");
        assertThat(letter.getErrorMessage())
                .isEqualTo("amount \"-5\" is not an unsigned base-10 integer (wei) within uint256");
        assertThat(letter.getTopic()).isEqualTo(topology.topics.bridge().name());
        assertThat(letter.getValue()).isEqualTo(ByteBuffer.wrap(bytes));
        assertThat(letter.getHeaders()).isEqualTo(Map.of("trace", "abc"));
        assertThat(topology.counts.deadLetters()).isEqualTo(Map.of("PROCESSING/INVALID_AMOUNT", 1L));
        assertThat(topology.status()).isEmpty();
        assertThat(topology.store().get(ROLLUP)).isNull();
    }

    @Test
    void shouldDeadLetterARecordWhoseKeyIsNotItsRollupId() {
        TopologyHarness topology = open(engine(EngineSettings.defaults()));

        topology.pipe("arbitrum-one", batch(ROLLUP, T0, 1));

        List<TestRecord<byte[], DeadLetter>> dead = topology.deadLetters();
        assertThat(dead).extracting(r -> new String(r.key(), StandardCharsets.UTF_8), r -> r.value().getErrorClass(),
                        r -> r.value().getErrorMessage())
                .containsExactly(tuple("arbitrum-one", "KEY_MISMATCH", "record key \"arbitrum-one\" is not the record's "
                        + "rollupId \"base\": the record is on another rollup's partition"));
        assertThat(topology.store().approximateNumEntries()).isZero();
    }

    @Test
    void shouldDeadLetterUnknownRollupsOnlyWithStrictRollups() {
        TopologyHarness strict = open(engine(EngineSettings.defaults().withStrictRollups(true)));

        strict.pipe(batch("mystery-chain", T0, 1));
        strict.pipe(batch(ROLLUP, T0, 1));

        assertThat(strict.deadLetters()).extracting(r -> r.value().getErrorClass(), r -> r.value().getErrorMessage())
                .containsExactly(tuple("UNKNOWN_ROLLUP",
                        "rollup mystery-chain is not in the rollup registry (--strict-rollups)"));
        assertThat(strict.status()).extracting(TestRecord::key).containsExactly(ROLLUP);
    }

    @Test
    void shouldDeadLetterARecordTheEngineFailsOnAndGoOnWithTheOtherRollups() {
        // A malformed override makes the engine of rollup "broken" throw whenever it is created.
        RollupProfile broken = new RollupProfile("broken", "GENERIC", true, false, null, null, null, null, null, null,
                null, null, Map.of("BATCH_LIVENESS", Map.of("warnAfter", "soon")));
        RiskEngine engine = new RiskEngine(id -> Optional.of(id.equals("broken") ? broken : PROFILE),
                EngineSettings.defaults());
        TopologyHarness topology = open(engine);
        SpecificRecord bad = batch("broken", T0, 1);

        topology.pipe(bad);
        topology.pipe(batch(ROLLUP, T0, 1));

        List<TestRecord<byte[], DeadLetter>> dead = topology.deadLetters();
        assertThat(dead).hasSize(1);
        DeadLetter letter = dead.get(0).value();
        assertThat(letter.getStage()).isEqualTo(DeadLetterStage.PROCESSING);
        assertThat(letter.getErrorClass()).isEqualTo("java.lang.IllegalArgumentException");
        assertThat(letter.getErrorMessage()).startsWith("rollup broken, thresholds.BATCH_LIVENESS.warnAfter: \"soon\"");
        assertThat(letter.getValue()).isEqualTo(ByteBuffer.wrap(topology.serialize(bad)));
        assertThat(new String(dead.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("broken");
        assertThat(topology.status()).extracting(TestRecord::key).containsExactly(ROLLUP);
    }

    @Test
    void shouldFailTheThreadInsteadOfDeadLetteringAGoodRecordWhileTheRegistryIsUnreachable() {
        FlakyRegistry registry = new FlakyRegistry(MockSchemaRegistry.forScope("flaky-registry"));
        TopologyHarness topology = new TopologyHarness(engine(EngineSettings.defaults()), stateDir.resolve("flaky"),
                registry);
        opened.add(topology);
        byte[] good = topology.serialize(batch(ROLLUP, T0, 1));
        registry.down = true;

        assertThatThrownBy(() -> topology.pipeRaw(topology.topics.batches().name(),
                ROLLUP.getBytes(StandardCharsets.UTF_8), good, T0))
                .isInstanceOf(StreamsException.class)
                .hasRootCauseInstanceOf(java.net.ConnectException.class);
        assertThat(topology.counts.deadLetteredTotal()).isZero();
        MockSchemaRegistry.drop("flaky-registry");
    }

    @Test
    void shouldRaiseMonitorStaleWhenHeartbeatsStopArrivingOnTheWallClockAndResolveOnTheNextOne() {
        TopologyHarness topology = open(engine(EngineSettings.defaults()));
        topology.pipeAll(List.of(batch(ROLLUP, T0, 1), progress(ROLLUP, T0.plusSeconds(60), 1)));

        topology.advanceWallClock(Duration.ofMinutes(5)); // exactly the 5-minute threshold: not yet stale
        List<RiskAlert> afterFive = topology.alertValues();
        topology.advanceWallClock(Duration.ofSeconds(30));
        List<RiskAlert> afterFiveAndAHalf = topology.alertValues();
        topology.advanceWallClock(Duration.ofMinutes(10));
        List<RiskAlert> afterFifteen = topology.alertValues();
        topology.pipe(progress(ROLLUP, T0.plusSeconds(120), 1));
        List<RiskAlert> afterHeartbeat = topology.alertValues();

        assertThat(afterFive).isEmpty();
        // L1 time stands still while nothing arrives: the transitions carry the rollup's clock.
        assertThat(afterFiveAndAHalf).extracting(RiskAlert::getIndicator, RiskAlert::getStatus, RiskAlert::getSeverity,
                        RiskAlert::getEventTime, RiskAlert::getSummary)
                .containsExactly(tuple("MONITOR_STALE", AlertStatus.FIRING, Severity.WARNING, T0.plusSeconds(60),
                        "No ingest heartbeat for 5m 30s of wall-clock time (threshold 5m); liveness indicators are "
                                + "paused until data flows again."));
        assertThat(afterFifteen).extracting(RiskAlert::getStatus, RiskAlert::getSeverity, RiskAlert::getValue)
                .containsExactly(tuple(AlertStatus.ESCALATED, Severity.CRITICAL, 930.0));
        assertThat(afterHeartbeat).extracting(RiskAlert::getIndicator, RiskAlert::getStatus, RiskAlert::getEventTime)
                .containsExactly(tuple("MONITOR_STALE", AlertStatus.RESOLVED, T0.plusSeconds(120)));
        assertThat(afterFiveAndAHalf.get(0).getAlertId()).isEqualTo(afterHeartbeat.get(0).getAlertId());
    }

    @Test
    void shouldContinueTheAlertLifecycleWithTheSameAlertIdAfterRestoringTheStoreFromItsChangelog(@TempDir Path other) {
        List<SpecificRecord> events = new ArrayList<>(stall(25));
        events.add(batch(ROLLUP, T0.plusSeconds(25 * 60 + 30), 2));
        TopologyHarness uninterrupted = open(engine(EngineSettings.defaults()));
        uninterrupted.pipeAll(events);
        List<RiskAlert> expected = uninterrupted.alertValues();

        TopologyHarness first = open(engine(EngineSettings.defaults()), other);
        first.pipeAll(events.subList(0, 16)); // through minute 15: FIRING only
        List<RiskAlert> beforeRestart = first.alertValues();
        Map<String, byte[]> changelog = new LinkedHashMap<>();
        first.changelog().forEach(r -> changelog.put(r.key(), r.value()));
        first.close();
        opened.remove(first);

        TopologyHarness second = open(engine(EngineSettings.defaults()), other);
        changelog.forEach(second.store()::put);
        second.pipeAll(events.subList(16, events.size()));
        List<RiskAlert> afterRestart = second.alertValues();

        assertThat(beforeRestart).extracting(RiskAlert::getStatus).containsExactly(AlertStatus.FIRING);
        assertThat(afterRestart).extracting(RiskAlert::getStatus, RiskAlert::getAlertId)
                .containsExactly(tuple(AlertStatus.ESCALATED, FIRED_ID), tuple(AlertStatus.RESOLVED, FIRED_ID));
        List<RiskAlert> resumed = new ArrayList<>(beforeRestart);
        resumed.addAll(afterRestart);
        assertThat(resumed).isEqualTo(expected).hasSize(3);
        assertThat(changelog).containsOnlyKeys(ROLLUP);
    }

    @Test
    void shouldNameEveryNodeAndStoreAndReadAllFiveIngestTopicsInOneSubtopology() {
        TopologyHarness topology = open(engine(EngineSettings.defaults()));

        TopologyDescription description = topology.description();

        assertThat(description.subtopologies()).hasSize(1);
        assertThat(description.subtopologies().iterator().next().nodes()).extracting(TopologyDescription.Node::name)
                .containsExactlyInAnyOrder(RiskTopology.SOURCE_INGEST, RiskTopology.PROCESSOR_RISK_ENGINE,
                        RiskTopology.SINK_ALERTS, RiskTopology.SINK_INDICATORS, RiskTopology.SINK_STATUS,
                        RiskTopology.SINK_DLQ);
        TopologyDescription.Source source = (TopologyDescription.Source) description.subtopologies().iterator().next()
                .nodes().stream().filter(n -> n.name().equals(RiskTopology.SOURCE_INGEST)).findFirst().orElseThrow();
        assertThat(source.topicSet()).containsExactlyInAnyOrder("l2risk.ingest.batches", "l2risk.ingest.proofs",
                "l2risk.ingest.bridge", "l2risk.ingest.da", "l2risk.ingest.progress");
        assertThat(description.toString()).contains("Processor: risk-engine (stores: [rollup-state])");
        assertThat(description.globalStores()).isEmpty();
    }

    /** A batch at T0, then a heartbeat every minute for {@code minutes} minutes and no batch. */
    /**
     * Pipes a 12-minute stall and returns the snapshots of the two indicators it is about; others (as
     * they are added) publish their own OK snapshots.
     */
    private static List<TestRecord<String, IndicatorSnapshot>> stallSnapshots(TopologyHarness topology) {
        topology.pipeAll(stall(12));
        return topology.indicators().stream()
                .filter(r -> r.key().equals("base/BATCH_LIVENESS") || r.key().equals("base/MONITOR_STALE")).toList();
    }

    static List<SpecificRecord> stall(int minutes) {
        List<SpecificRecord> events = new ArrayList<>();
        events.add(batch(ROLLUP, T0, 1));
        for (int minute = 1; minute <= minutes; minute++) {
            events.add(progress(ROLLUP, T0.plusSeconds(60L * minute), 2));
        }
        return events;
    }

    private static RiskEngine engine(EngineSettings settings) {
        return new RiskEngine(id -> id.equals(ROLLUP) ? Optional.of(PROFILE) : Optional.empty(), settings);
    }

    private TopologyHarness open(RiskEngine engine) {
        return open(engine, stateDir.resolve("driver-" + opened.size()));
    }

    private TopologyHarness open(RiskEngine engine, Path dir) {
        TopologyHarness harness = new TopologyHarness(engine, dir);
        opened.add(harness);
        return harness;
    }
}
