package io.l2risk.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.l2risk.avro.AlertStatus;
import io.l2risk.avro.DeadLetterStage;
import io.l2risk.avro.RiskAlert;
import io.l2risk.avro.Severity;
import io.l2risk.backtest.Backtest;
import io.l2risk.engine.EngineSettings;
import io.l2risk.engine.RiskEngine;
import io.l2risk.eventfile.AvroJsonLinesReader;
import io.l2risk.eventfile.AvroJsonLinesWriter;
import io.l2risk.eventfile.BadLineListener;
import io.l2risk.testing.MultiRollupEvents;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * design.md §4: the backtest gives exactly the alerts the Kafka Streams topology gives for the same
 * event file — same transitions, same order, same ids, summaries and evidence — whatever indicators
 * {@code Indicators.create} runs. The fixture has every ingest record type, three rollups, an outage,
 * a non-event, a monitor lag, invalid and out-of-order records ({@link MultiRollupEvents}).
 */
class BacktestEquivalenceTest {

    @TempDir
    Path dir;

    @Test
    void shouldEmitExactlyTheTopologysAlertsForTheSameEventFile() throws IOException {
        Path events = dir.resolve("events.jsonl");
        try (AvroJsonLinesWriter<SpecificRecord> writer = AvroJsonLinesWriter.createEvents(events)) {
            for (SpecificRecord event : MultiRollupEvents.events()) {
                writer.write(event);
            }
        }

        List<RiskAlert> backtest = backtest(events, dir.resolve("alerts.jsonl"));
        List<RiskAlert> topology = topology(events);

        assertThat(backtest).isEqualTo(topology);
        // What the fixture is built to show, with the indicators implemented so far.
        assertThat(backtest).extracting(RiskAlert::getRollupId, RiskAlert::getIndicator, RiskAlert::getStatus,
                        RiskAlert::getSeverity)
                .containsSubsequence(
                        tuple("zksync-era", "MONITOR_STALE", AlertStatus.FIRING, Severity.WARNING),
                        tuple("base", "BATCH_LIVENESS", AlertStatus.FIRING, Severity.WARNING),
                        tuple("base", "BATCH_LIVENESS", AlertStatus.ESCALATED, Severity.CRITICAL),
                        tuple("zksync-era", "MONITOR_STALE", AlertStatus.RESOLVED, Severity.WARNING),
                        tuple("base", "BATCH_LIVENESS", AlertStatus.RESOLVED, Severity.CRITICAL));
        assertThat(backtest).noneMatch(a -> a.getRollupId().equals("arbitrum-one")
                && a.getIndicator().equals("BATCH_LIVENESS"));
    }

    private List<RiskAlert> backtest(Path events, Path out) throws IOException {
        Backtest backtest = new Backtest(engine(), TopologyHarness.WALL.toEpochMilli());
        try (AvroJsonLinesReader<SpecificRecord> reader = AvroJsonLinesReader.openEvents(events, badLine -> { });
             AvroJsonLinesWriter<RiskAlert> writer = AvroJsonLinesWriter.createAlerts(out)) {
            SpecificRecord event;
            while ((event = reader.next()) != null) {
                backtest.process(event, writer::write);
            }
        }
        assertThat(backtest.summary().rejectedByCode()).containsExactlyEntriesOf(java.util.Map.of("INVALID_AMOUNT", 2L));
        assertThat(backtest.summary().outOfOrder()).isEqualTo(1);
        List<RiskAlert> alerts = new ArrayList<>();
        try (AvroJsonLinesReader<RiskAlert> reader = AvroJsonLinesReader.openAlerts(out, BadLineListener.failOnInvalid())) {
            RiskAlert alert;
            while ((alert = reader.next()) != null) {
                alerts.add(alert);
            }
        }
        return alerts;
    }

    private List<RiskAlert> topology(Path events) throws IOException {
        try (TopologyHarness topology = new TopologyHarness(engine(), dir.resolve("state"));
             AvroJsonLinesReader<SpecificRecord> reader = AvroJsonLinesReader.openEvents(events, badLine -> { })) {
            SpecificRecord event;
            while ((event = reader.next()) != null) {
                topology.pipe(event);
            }
            assertThat(topology.counts.deadLetters()).isEqualTo(java.util.Map.of("PROCESSING/INVALID_AMOUNT", 2L));
            assertThat(topology.counts.deadLettered(DeadLetterStage.PROCESSING, "INVALID_AMOUNT")).isEqualTo(2);
            return topology.alertValues();
        }
    }

    private static RiskEngine engine() {
        return new RiskEngine(MultiRollupEvents::profile, EngineSettings.defaults());
    }
}
