package io.l2risk.engine;

import static io.l2risk.engine.Events.T0;
import static io.l2risk.engine.Events.batch;
import static io.l2risk.engine.Events.progress;
import static org.assertj.core.api.Assertions.assertThat;

import io.l2risk.avro.AlertStatus;
import io.l2risk.avro.Level;
import io.l2risk.avro.RiskAlert;
import io.l2risk.avro.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class RollupEngineTest {

    private static final String ROLLUP = "base";
    private static final long WALL = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

    private final RollupProfile profile = new RollupProfile(ROLLUP, "OP_STACK", true, false, null, null, null,
            null, null, null, null, null,
            Map.of("BATCH_LIVENESS", Map.of("warnAfter", "10m", "criticalAfter", "20m")));
    private final RiskEngine engine = new RiskEngine(id -> id.equals(ROLLUP) ? Optional.of(profile) : Optional.empty(),
            EngineSettings.defaults());

    @Test
    void shouldFireEscalateAndResolveOneBatchAlertWithAStableIdDetectedOnHeartbeats() {
        List<SpecificRecord> events = new ArrayList<>();
        events.add(batch(ROLLUP, T0, 1));
        // 25 minutes of heartbeats every minute, no batch.
        for (int minute = 1; minute <= 25; minute++) {
            events.add(progress(ROLLUP, T0.plusSeconds(60L * minute), 2));
        }
        events.add(batch(ROLLUP, T0.plusSeconds(25 * 60 + 30), 2));

        List<RiskAlert> alerts = run(engine.newRollup(ROLLUP), events);

        assertThat(alerts).extracting(RiskAlert::getStatus, RiskAlert::getSeverity, RiskAlert::getEventTime)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(AlertStatus.FIRING, Severity.WARNING, T0.plusSeconds(11 * 60)),
                        org.assertj.core.groups.Tuple.tuple(AlertStatus.ESCALATED, Severity.CRITICAL, T0.plusSeconds(21 * 60)),
                        org.assertj.core.groups.Tuple.tuple(AlertStatus.RESOLVED, Severity.CRITICAL, T0.plusSeconds(25 * 60 + 30)));
        assertThat(alerts).extracting(RiskAlert::getAlertId).containsOnly("base:BATCH_LIVENESS:" + T0.plusSeconds(660).toEpochMilli());
        assertThat(alerts.get(0).getSummary()).isEqualTo("No batch posted for 11m (threshold 10m).");
        assertThat(alerts.get(0).getValue()).isEqualTo(660.0);
        assertThat(alerts.get(0).getThreshold()).isEqualTo(600.0);
        assertThat(alerts.get(0).getEvidence()).containsEntry("lastBatchIndex", "1");
        assertThat(alerts.get(1).getSummary()).isEqualTo("No batch posted for 21m (threshold 20m).");
    }

    @Test
    void shouldPauseLivenessWhileTheIngesterLagsAndRaiseMonitorStaleInstead() {
        List<SpecificRecord> events = new ArrayList<>();
        events.add(batch(ROLLUP, T0, 1));
        // The ingester falls 100 blocks behind head from minute 5: the batch gap is not the rollup's fault.
        for (int minute = 1; minute <= 30; minute++) {
            events.add(progress(ROLLUP, T0.plusSeconds(60L * minute), minute >= 5 ? 100 : 2));
        }

        List<RiskAlert> alerts = run(engine.newRollup(ROLLUP), events);

        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).getIndicator()).isEqualTo("MONITOR_STALE");
        assertThat(alerts.get(0).getStatus()).isEqualTo(AlertStatus.FIRING);
        assertThat(alerts.get(0).getSeverity()).isEqualTo(Severity.WARNING);
        assertThat(alerts.get(0).getSummary()).isEqualTo("The ingester is 100 blocks (about 20m) behind L1 head "
                + "(threshold 50 blocks); liveness indicators are paused until it catches up.");
    }

    @Test
    void shouldProcessARecordFromThePastWithoutMovingTheClockBack() {
        RollupEngine rollup = engine.newRollup(ROLLUP);
        run(rollup, List.of(batch(ROLLUP, T0, 1), progress(ROLLUP, T0.plusSeconds(300), 1)));

        EngineOutput late = engine.process(rollup, batch(ROLLUP, T0.plusSeconds(60), 2));

        assertThat(late.outOfOrder()).isTrue();
        assertThat(rollup.clock()).isEqualTo(T0.plusSeconds(300));
        assertThat(rollup.outOfOrderRecords()).isEqualTo(1);
    }

    @Test
    void shouldContinueExactlyTheSameAfterSaveAndRestore() {
        List<SpecificRecord> events = new ArrayList<>();
        events.add(batch(ROLLUP, T0, 1));
        for (int minute = 1; minute <= 25; minute++) {
            events.add(progress(ROLLUP, T0.plusSeconds(60L * minute), 2));
        }
        events.add(batch(ROLLUP, T0.plusSeconds(1600), 2));
        List<RiskAlert> uninterrupted = run(engine.newRollup(ROLLUP), events);

        List<RiskAlert> resumed = new ArrayList<>();
        RollupEngine rollup = engine.newRollup(ROLLUP);
        for (SpecificRecord event : events) {
            rollup = engine.restore(ROLLUP, engine.save(rollup));
            resumed.addAll(engine.process(rollup, event).alerts());
        }

        assertThat(resumed).isEqualTo(uninterrupted).hasSize(3);
    }

    @Test
    void shouldPublishStatusWithCategoryLevelsAndOpenAlerts() {
        RollupEngine rollup = engine.newRollup(ROLLUP);
        run(rollup, List.of(batch(ROLLUP, T0, 1)));

        EngineOutput output = engine.process(rollup, progress(ROLLUP, T0.plusSeconds(21 * 60), 2));

        assertThat(output.status()).isNotNull();
        assertThat(output.status().getLevel()).isEqualTo(Level.CRITICAL);
        assertThat(output.status().getCategoryLevels().getLiveness()).isEqualTo(Level.CRITICAL);
        assertThat(output.status().getCategoryLevels().getMonitor()).isEqualTo(Level.OK);
        assertThat(output.status().getOpenAlerts()).singleElement()
                .satisfies(a -> assertThat(a.getIndicator()).isEqualTo("BATCH_LIVENESS"));
        assertThat(output.status().getLastBatchAt()).isEqualTo(T0);
        assertThat(output.snapshots()).extracting(s -> s.getIndicator() + "=" + s.getLevel())
                .containsExactly("MONITOR_STALE=OK", "BATCH_LIVENESS=CRITICAL");
    }

    @Test
    void shouldRejectInvalidRecordsWithACodeAndMessage() {
        assertThat(engine.validate(Events.withdrawal(ROLLUP, T0, "-5"), WALL)).get()
                .isEqualTo(new Reject("INVALID_AMOUNT", "amount \"-5\" is not an unsigned base-10 integer (wei) within uint256"));
        assertThat(engine.validate(Events.withdrawal(ROLLUP, T0, "12.5"), WALL)).get()
                .extracting(Reject::code).isEqualTo("INVALID_AMOUNT");
        assertThat(engine.validate(batch(" ", T0, 1), WALL)).get()
                .extracting(Reject::code).isEqualTo("MISSING_ROLLUP_ID");
        assertThat(engine.validate(batch(ROLLUP, Instant.parse("1999-01-01T00:00:00Z"), 1), WALL)).get()
                .extracting(Reject::code).isEqualTo("TIME_TOO_OLD");
        assertThat(engine.validate(batch(ROLLUP, Instant.ofEpochMilli(WALL).plus(Duration.ofDays(2)), 1), WALL)).get()
                .extracting(Reject::code).isEqualTo("TIME_IN_FUTURE");
        assertThat(engine.validate(batch(ROLLUP, T0, 1), WALL)).isEmpty();
        assertThat(engine.validate(batch("mystery-chain", T0, 1), WALL)).isEmpty();
    }

    @Test
    void shouldRejectUnknownRollupsOnlyWhenStrict() {
        RiskEngine strict = new RiskEngine(id -> Optional.empty(), EngineSettings.defaults().withStrictRollups(true));

        assertThat(strict.validate(batch("mystery-chain", T0, 1), WALL)).get()
                .isEqualTo(new Reject("UNKNOWN_ROLLUP", "rollup mystery-chain is not in the rollup registry (--strict-rollups)"));
    }

    @Test
    void shouldFailAtStartOnAMalformedThresholdOverride() {
        RollupProfile bad = new RollupProfile("x", "GENERIC", true, false, null, null, null, null, null, null, null,
                null, Map.of("BATCH_LIVENESS", Map.of("warnAfter", "soon")));
        RiskEngine withBad = new RiskEngine(id -> Optional.of(bad), EngineSettings.defaults());

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> withBad.checkProfiles(List.of("x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("rollup x, thresholds.BATCH_LIVENESS.warnAfter: \"soon\" is not a duration");
    }

    @Test
    void shouldFailAtStartOnAnOverrideForAnIndicatorThatDoesNotExist() {
        RollupProfile bad = new RollupProfile("x", "GENERIC", true, false, null, null, null, null, null, null, null,
                null, Map.of("BATCH_LIVELINESS", Map.of("warnAfter", "10m")));
        RiskEngine withBad = new RiskEngine(id -> Optional.of(bad), EngineSettings.defaults());

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> withBad.checkProfiles(List.of("x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("rollup x, thresholds.BATCH_LIVELINESS: no such indicator; known: [BATCH_LIVENESS,");
    }

    @Test
    void shouldRecordWhichParametersTheIndicatorsOfARollupRead() {
        java.util.Set<String> read = Params.recordingReads(() -> engine.newRollup(ROLLUP));

        assertThat(read).contains("BATCH_LIVENESS.warnAfter", "BATCH_LIVENESS.criticalAfter",
                "MONITOR_STALE.maxLagBlocks", "MONITOR_STALE.staleAfter");
        assertThat(read).noneMatch(name -> name.endsWith(".nonsense"));
    }

    private List<RiskAlert> run(RollupEngine rollup, List<SpecificRecord> events) {
        List<RiskAlert> alerts = new ArrayList<>();
        for (SpecificRecord event : events) {
            assertThat(engine.validate(event, WALL)).isEmpty();
            alerts.addAll(engine.process(rollup, event).alerts());
        }
        return alerts;
    }
}
