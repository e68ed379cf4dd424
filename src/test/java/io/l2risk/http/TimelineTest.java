package io.l2risk.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.l2risk.avro.AlertCategory;
import io.l2risk.avro.AlertStatus;
import io.l2risk.avro.IndicatorSnapshot;
import io.l2risk.avro.Level;
import io.l2risk.avro.RiskAlert;
import io.l2risk.avro.Severity;
import io.l2risk.http.Timeline.AlertSpan;
import io.l2risk.http.Timeline.GapPoint;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TimelineTest {

    private static final Instant T0 = Instant.parse("2024-06-20T12:00:11Z");

    @Test
    void shouldFollowOneAlertFromFiringToResolvedAsOneSpan() {
        Timeline timeline = new Timeline(Duration.ofHours(6), 10, 10, 10);
        String id = "base:BATCH_LIVENESS:" + T0.plusSeconds(660).toEpochMilli();

        timeline.add(alert("base", id, Severity.WARNING, AlertStatus.FIRING, 11, "No batch posted for 11m (threshold 10m)."));
        timeline.add(alert("base", id, Severity.CRITICAL, AlertStatus.ESCALATED, 21, "No batch posted for 21m (threshold 20m)."));
        Timeline.View open = timeline.view();
        timeline.add(alert("base", id, Severity.CRITICAL, AlertStatus.RESOLVED, 25, "Last batch 0s ago (threshold 10m)."));
        Timeline.View resolved = timeline.view();

        assertThat(open.rollups().get(0).alerts()).containsExactly(new AlertSpan(id, "BATCH_LIVENESS",
                AlertCategory.LIVENESS, null, Severity.CRITICAL, AlertStatus.ESCALATED, at(11), null,
                "No batch posted for 21m (threshold 20m)."));
        assertThat(resolved.rollups().get(0).alerts()).containsExactly(new AlertSpan(id, "BATCH_LIVENESS",
                AlertCategory.LIVENESS, null, Severity.CRITICAL, AlertStatus.RESOLVED, at(11), at(25),
                "Last batch 0s ago (threshold 10m)."));
        assertThat(resolved.latest()).isEqualTo(at(25));
        assertThat(resolved.window()).isEqualTo("PT6H");
        assertThat(timeline.recordsRead()).isEqualTo(3);
    }

    @Test
    void shouldKeepTheGapSeriesOfTheThreeLivenessIndicatorsOnly() {
        Timeline timeline = new Timeline(Duration.ofHours(6), 10, 10, 10);

        timeline.add(snapshot("base", "BATCH_LIVENESS", 1, 60, Level.OK, "seconds"));
        timeline.add(snapshot("base", "PROOF_LIVENESS", 1, 3600, Level.OK, "seconds"));
        timeline.add(snapshot("base", "STATE_LIVENESS", 2, 120, Level.OK, "seconds"));
        timeline.add(snapshot("base", "DAC_QUORUM", 2, 5, Level.WARNING, "signers"));
        timeline.add(snapshot("base", "BATCH_LIVENESS", 11, 660, Level.WARNING, "seconds"));

        assertThat(timeline.view().rollups().get(0).gaps()).isEqualTo(Map.of(
                "BATCH_LIVENESS", List.of(new GapPoint(at(1), 60.0, Level.OK), new GapPoint(at(11), 660.0, Level.WARNING)),
                "PROOF_LIVENESS", List.of(new GapPoint(at(1), 3600.0, Level.OK)),
                "STATE_LIVENESS", List.of(new GapPoint(at(2), 120.0, Level.OK))));
        assertThat(timeline.recordsRead()).isEqualTo(4);
    }

    @Test
    void shouldIgnoreAGapValueOlderThanTheLastOne() {
        Timeline timeline = new Timeline(Duration.ofHours(6), 10, 10, 10);

        timeline.add(snapshot("base", "BATCH_LIVENESS", 5, 300, Level.OK, "seconds"));
        timeline.add(snapshot("base", "BATCH_LIVENESS", 3, 180, Level.OK, "seconds"));

        assertThat(timeline.view().rollups().get(0).gaps().get("BATCH_LIVENESS"))
                .containsExactly(new GapPoint(at(5), 300.0, Level.OK));
    }

    @Test
    void shouldForgetWhatIsOlderThanTheWindowExceptOpenAlerts() {
        Timeline timeline = new Timeline(Duration.ofMinutes(60), 10, 10, 10);
        timeline.add(alert("base", "old-resolved", Severity.WARNING, AlertStatus.FIRING, 0, "a"));
        timeline.add(alert("base", "old-resolved", Severity.WARNING, AlertStatus.RESOLVED, 5, "b"));
        timeline.add(alert("base", "old-open", Severity.WARNING, AlertStatus.FIRING, 6, "c"));
        timeline.add(snapshot("base", "BATCH_LIVENESS", 6, 360, Level.OK, "seconds"));

        timeline.add(snapshot("base", "BATCH_LIVENESS", 100, 60, Level.OK, "seconds"));

        Timeline.Lane lane = timeline.view().rollups().get(0);
        assertThat(lane.alerts()).extracting(AlertSpan::alertId).containsExactly("old-open");
        assertThat(lane.gaps().get("BATCH_LIVENESS")).containsExactly(new GapPoint(at(100), 60.0, Level.OK));
    }

    @Test
    void shouldBoundPointsAlertsAndRollupsEvictingResolvedAlertsFirst() {
        Timeline timeline = new Timeline(Duration.ofHours(6), 1, 2, 3);
        for (int minute = 1; minute <= 5; minute++) {
            timeline.add(snapshot("base", "BATCH_LIVENESS", minute, 60.0 * minute, Level.OK, "seconds"));
        }
        timeline.add(alert("base", "open-1", Severity.WARNING, AlertStatus.FIRING, 1, "a"));
        timeline.add(alert("base", "resolved", Severity.WARNING, AlertStatus.FIRING, 2, "b"));
        timeline.add(alert("base", "resolved", Severity.WARNING, AlertStatus.RESOLVED, 3, "c"));
        timeline.add(alert("base", "open-2", Severity.CRITICAL, AlertStatus.FIRING, 4, "d"));
        timeline.add(alert("arbitrum-one", "other", Severity.CRITICAL, AlertStatus.FIRING, 4, "e"));

        Timeline.View view = timeline.view();
        assertThat(view.rollups()).extracting(Timeline.Lane::rollupId).containsExactly("base");
        assertThat(view.rollups().get(0).gaps().get("BATCH_LIVENESS")).extracting(GapPoint::at)
                .containsExactly(at(3), at(4), at(5));
        assertThat(view.rollups().get(0).alerts()).extracting(AlertSpan::alertId).containsExactly("open-1", "open-2");
        assertThat(timeline.recordsSkipped()).isEqualTo(1);
    }

    private static String at(int minutes) {
        return T0.plusSeconds(60L * minutes).toString();
    }

    private static RiskAlert alert(String rollupId, String id, Severity severity, AlertStatus status, int minute,
                                   String summary) {
        return RiskAlert.newBuilder().setAlertId(id).setRollupId(rollupId).setIndicator("BATCH_LIVENESS")
                .setCategory(AlertCategory.LIVENESS).setSeverity(severity).setStatus(status).setValue(1).setThreshold(1)
                .setUnit("seconds").setSummary(summary).setOpenedAt(T0.plusSeconds(660))
                .setEventTime(T0.plusSeconds(60L * minute)).build();
    }

    private static IndicatorSnapshot snapshot(String rollupId, String indicator, int minute, double value, Level level,
                                              String unit) {
        return IndicatorSnapshot.newBuilder().setRollupId(rollupId).setIndicator(indicator).setLevel(level)
                .setValue(value).setThreshold(600).setUnit(unit).setUpdatedAt(T0.plusSeconds(60L * minute)).build();
    }
}
