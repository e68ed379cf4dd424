package io.l2risk.engine;

import static io.l2risk.engine.Events.T0;
import static io.l2risk.engine.Events.batch;
import static io.l2risk.engine.Events.progress;
import static org.assertj.core.api.Assertions.assertThat;

import io.l2risk.avro.AlertCategory;
import io.l2risk.avro.Level;
import io.l2risk.avro.RollupRiskStatus;
import io.l2risk.avro.Severity;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The read-only views of a rollup's state that the status API shows: what they say, and that they change nothing. */
class RollupEngineViewsTest {

    private static final String ROLLUP = "base";
    private static final RollupProfile PROFILE = new RollupProfile(ROLLUP, "OP_STACK", true, false, null, null, null,
            null, null, null, null, null, Map.of("BATCH_LIVENESS", Map.of("warnAfter", "10m", "criticalAfter", "20m")));

    private final RiskEngine engine = new RiskEngine(id -> id.equals(ROLLUP) ? Optional.of(PROFILE) : Optional.empty(),
            EngineSettings.defaults());

    @Test
    void shouldShowTheEscalatedBatchAlertAndTheLevelsOfTheLastPublishedStatus() {
        RollupEngine rollup = engine.newRollup(ROLLUP);
        RollupRiskStatus published = null;
        published = run(rollup, batch(ROLLUP, T0, 1), published);
        for (int minute = 1; minute <= 21; minute++) {
            published = run(rollup, progress(ROLLUP, T0.plusSeconds(60L * minute), 2), published);
        }

        RollupRiskStatus current = rollup.currentStatus();

        Instant clock = T0.plusSeconds(21 * 60);
        assertThat(rollup.clock()).isEqualTo(clock);
        assertThat(current).isEqualTo(RollupRiskStatus.newBuilder(published).setUpdatedAt(clock).build());
        assertThat(current.getLevel()).isEqualTo(Level.CRITICAL);
        assertThat(current.getCategoryLevels().getLiveness()).isEqualTo(Level.CRITICAL);
        assertThat(current.getLastBatchAt()).isEqualTo(T0);
        assertThat(rollup.openAlerts()).containsExactly(new OpenAlertState(
                "base:BATCH_LIVENESS:" + T0.plusSeconds(660).toEpochMilli(), IndicatorKind.BATCH_LIVENESS, null,
                Severity.CRITICAL, Severity.CRITICAL, T0.plusSeconds(660), null, "No batch posted for 21m (threshold 20m)."));
        assertThat(rollup.indicatorLevels())
                .filteredOn(level -> level.kind() == IndicatorKind.BATCH_LIVENESS)
                .containsExactly(new IndicatorLevel(IndicatorKind.BATCH_LIVENESS, Level.CRITICAL, 1260.0, 1200.0, clock));
        assertThat(rollup.indicatorLevels()).extracting(IndicatorLevel::category).doesNotContainNull();
        assertThat(rollup.indicatorLevels().get(0).category()).isEqualTo(AlertCategory.LIVENESS);
    }

    @Test
    void shouldLeaveTheStateUnchangedWhenViewed() {
        RollupEngine rollup = engine.newRollup(ROLLUP);
        rollup.process(batch(ROLLUP, T0, 1), true);
        rollup.process(progress(ROLLUP, T0.plusSeconds(15 * 60), 2), true);
        byte[] before = rollup.save();

        rollup.currentStatus();
        rollup.indicatorLevels();
        rollup.openAlerts();

        assertThat(rollup.save()).isEqualTo(before);
        RollupEngine restored = engine.restore(ROLLUP, before);
        assertThat(restored.currentStatus()).isEqualTo(rollup.currentStatus());
        assertThat(restored.openAlerts()).isEqualTo(rollup.openAlerts());
        assertThat(restored.indicatorLevels()).isEqualTo(rollup.indicatorLevels());
    }

    @Test
    void shouldShowAnEmptyPictureAtTheEpochBeforeTheFirstRecord() {
        RollupEngine rollup = engine.newRollup(ROLLUP);

        assertThat(rollup.currentStatus().getUpdatedAt()).isEqualTo(Instant.EPOCH);
        assertThat(rollup.currentStatus().getLevel()).isEqualTo(Level.OK);
        assertThat(rollup.openAlerts()).isEmpty();
        assertThat(rollup.indicatorLevels()).isEmpty();
    }

    private static RollupRiskStatus run(RollupEngine rollup, org.apache.avro.specific.SpecificRecord event,
                                        RollupRiskStatus published) {
        EngineOutput output = rollup.process(event, true);
        return output.status() != null ? output.status() : published;
    }
}
