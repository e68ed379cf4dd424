package io.l2risk.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.l2risk.avro.AlertStatus;
import io.l2risk.avro.DeadLetterStage;
import io.l2risk.avro.RiskAlert;
import io.l2risk.avro.Severity;
import io.l2risk.engine.Events;
import io.l2risk.engine.RiskEngine;
import io.l2risk.streams.EngineCounts;
import io.l2risk.streams.ErrorCounts;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

class MetricsScrapeTest {

    private static final Endpoint SELF = new Endpoint("monitor-a", 8081);

    @Test
    void shouldExposeTheCountsAndOneLagAndLevelPerLocalRollup() {
        EngineCounts counts = new EngineCounts();
        counts.event("BatchPosted");
        counts.event("IngestProgress");
        counts.event("IngestProgress");
        counts.alert(alert(Severity.WARNING, AlertStatus.FIRING));
        counts.alert(alert(Severity.CRITICAL, AlertStatus.ESCALATED));
        ErrorCounts errors = new ErrorCounts();
        errors.addDeadLetter(DeadLetterStage.PROCESSING, "INVALID_AMOUNT");
        errors.addDeadLetter(DeadLetterStage.DESERIALIZATION, "org.apache.kafka.common.errors.SerializationException");
        errors.addDeadLetter(DeadLetterStage.PROCESSING, "INVALID_AMOUNT");
        FakeCluster cluster = new FakeCluster(2, id -> 0);
        cluster.put("base", EngineStates.stateWithoutBatchFor("base", 21));
        cluster.instance(SELF, 0, 1);
        Timeline timeline = new Timeline(Duration.ofHours(6), 10, 10, 10);
        timeline.skipped();
        Clock clock = Clock.fixed(Events.T0.plusSeconds(21 * 60 + 90), ZoneOffset.UTC);
        MetricsScrape scrape = new MetricsScrape(new FakeEngine(counts, errors), cluster.new Store(SELF), timeline, clock);

        String text = scrape.scrape();

        assertThat(text).isEqualTo("""
                # HELP l2risk_events_total Valid ingest records processed by the risk engine, by record type.
                # TYPE l2risk_events_total counter
                l2risk_events_total{type="BatchPosted"} 1
                l2risk_events_total{type="BridgeEvent"} 0
                l2risk_events_total{type="DaObservation"} 0
                l2risk_events_total{type="IngestProgress"} 2
                l2risk_events_total{type="ProofEvent"} 0
                # HELP l2risk_alerts_total Alert transitions emitted to risk.alerts, by indicator, severity and status.
                # TYPE l2risk_alerts_total counter
                l2risk_alerts_total{indicator="BATCH_LIVENESS",severity="WARNING",status="FIRING"} 1
                l2risk_alerts_total{indicator="BATCH_LIVENESS",severity="CRITICAL",status="ESCALATED"} 1
                # HELP l2risk_dead_letters_total Records sent to the dead-letter topic, by stage and code (reject code or exception class).
                # TYPE l2risk_dead_letters_total counter
                l2risk_dead_letters_total{stage="DESERIALIZATION",code="org.apache.kafka.common.errors.SerializationException"} 1
                l2risk_dead_letters_total{stage="PROCESSING",code="INVALID_AMOUNT"} 2
                # HELP l2risk_stale_check_failures_total Rollups whose wall-clock stale check failed (their state could not be restored).
                # TYPE l2risk_stale_check_failures_total counter
                l2risk_stale_check_failures_total 0
                # HELP l2risk_streams_state 1 for the current Kafka Streams state, else 0.
                # TYPE l2risk_streams_state gauge
                l2risk_streams_state{state="CREATED"} 0
                l2risk_streams_state{state="REBALANCING"} 0
                l2risk_streams_state{state="RUNNING"} 1
                l2risk_streams_state{state="PENDING_SHUTDOWN"} 0
                l2risk_streams_state{state="NOT_RUNNING"} 0
                l2risk_streams_state{state="PENDING_ERROR"} 0
                l2risk_streams_state{state="ERROR"} 0
                # HELP l2risk_engine_lag_seconds Wall clock minus the rollup's L1 clock (the L1 time of its latest record), in seconds.
                # TYPE l2risk_engine_lag_seconds gauge
                l2risk_engine_lag_seconds{rollup="base"} 90
                # HELP l2risk_rollup_level Risk level of the rollup per category: 0 OK, 1 WARNING, 2 CRITICAL; OVERALL is the worst.
                # TYPE l2risk_rollup_level gauge
                l2risk_rollup_level{rollup="base",category="OVERALL"} 2
                l2risk_rollup_level{rollup="base",category="LIVENESS"} 2
                l2risk_rollup_level{rollup="base",category="DATA_AVAILABILITY"} 0
                l2risk_rollup_level{rollup="base",category="STATE_VALIDATION"} 0
                l2risk_rollup_level{rollup="base",category="BRIDGE"} 0
                l2risk_rollup_level{rollup="base",category="GOVERNANCE"} 0
                l2risk_rollup_level{rollup="base",category="MONITOR"} 0
                # HELP l2risk_open_alerts Open (FIRING or ESCALATED) alerts of the rollup.
                # TYPE l2risk_open_alerts gauge
                l2risk_open_alerts{rollup="base"} 1
                # HELP l2risk_timeline_records_total Records of risk.alerts and risk.indicators read into the status page timeline, or skipped (unreadable).
                # TYPE l2risk_timeline_records_total counter
                l2risk_timeline_records_total{result="read"} 0
                l2risk_timeline_records_total{result="skipped"} 1
                """);
    }

    @Test
    void shouldLeaveThePerRollupGaugesOutWhileTheStoreIsNotQueryable() {
        FakeCluster cluster = new FakeCluster(1, id -> 0);
        cluster.put("base", EngineStates.stateWithoutBatchFor("base", 21));
        cluster.instance(SELF, 0);
        cluster.unavailable.put(SELF, "the risk engine is REBALANCING");
        MetricsScrape scrape = new MetricsScrape(new FakeEngine(new EngineCounts(), new ErrorCounts()),
                cluster.new Store(SELF), new Timeline(Duration.ofHours(1), 1, 1, 1), Clock.systemUTC());

        String text = scrape.scrape();

        assertThat(text).contains("l2risk_events_total{type=\"BatchPosted\"} 0\n")
                .doesNotContain("l2risk_engine_lag_seconds", "l2risk_rollup_level", "l2risk_open_alerts");
    }

    private static RiskAlert alert(Severity severity, AlertStatus status) {
        return RiskAlert.newBuilder().setAlertId("base:BATCH_LIVENESS:1").setRollupId("base")
                .setIndicator("BATCH_LIVENESS").setCategory(io.l2risk.avro.AlertCategory.LIVENESS).setSeverity(severity)
                .setStatus(status).setValue(1).setThreshold(1).setUnit("seconds").setSummary("s")
                .setOpenedAt(Events.T0).setEventTime(Events.T0).build();
    }

    /** A RUNNING engine without a Kafka Streams client (no Kafka metrics). */
    record FakeEngine(EngineCounts engineCounts, ErrorCounts errorCounts) implements MonitoredEngine {
        @Override
        public KafkaStreams.State state() {
            return KafkaStreams.State.RUNNING;
        }

        @Override
        public Optional<KafkaStreams> kafkaStreams() {
            return Optional.empty();
        }

        @Override
        public RiskEngine engine() {
            return EngineStates.ENGINE;
        }

        @Override
        public Optional<String> applicationServer() {
            return Optional.of(SELF.toString());
        }
    }
}
