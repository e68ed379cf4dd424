package io.l2risk.engine;

import static io.l2risk.engine.Events.T0;
import static io.l2risk.engine.Events.batch;
import static io.l2risk.engine.Events.progress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.l2risk.avro.BatchPosted;
import io.l2risk.avro.IndicatorSnapshot;
import io.l2risk.avro.Level;
import java.io.DataInput;
import java.io.DataOutput;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/**
 * The engine skips the evaluations an indicator says would repeat themselves ({@link Indicator#quietUntil}),
 * and no more: a record that changes the indicator, the end of its quiet time and a due snapshot refresh
 * of a moving value each bring it back, and the checking engine catches an indicator that was wrong.
 * An indicator is given only the record types it {@linkplain Indicator#consumes consumes}.
 * (That a skipping engine saves the same state as one restored on every record, which never skips on
 * its first record, is {@code EngineEquivalenceTest}'s.)
 */
class QuietEvaluationTest {

    private static final String ROLLUP = "base";
    private static final RollupProfile PROFILE = RollupProfile.generic(ROLLUP);

    @Test
    void shouldEvaluateAQuietIndicatorAgainOnlyWhenARecordChangesItOrItsQuietTimeEnds() {
        Probe probe = new Probe(T0.plus(Duration.ofMinutes(10)), false, false);
        RollupEngine rollup = new RollupEngine(PROFILE, EngineSettings.defaults(), List.of(probe), false);

        rollup.process(batch(ROLLUP, T0, 1), false);
        for (int minute = 1; minute <= 12; minute++) {
            rollup.process(progress(ROLLUP, T0.plus(Duration.ofMinutes(minute)), 1), false);
        }
        rollup.process(batch(ROLLUP, T0.plus(Duration.ofSeconds(12 * 60 + 30)), 2), false);

        // The batch at T0, the end of the quiet time at minute 10 (after which the probe has nothing to
        // promise), minutes 11 and 12, and the batch that changed it.
        assertThat(probe.evaluatedAt).containsExactly(T0, T0.plus(Duration.ofMinutes(10)),
                T0.plus(Duration.ofMinutes(11)), T0.plus(Duration.ofMinutes(12)), T0.plus(Duration.ofSeconds(750)));
    }

    @Test
    void shouldStillRefreshTheSnapshotOfAValueThatFollowsTheClock() {
        Probe probe = new Probe(Instant.MAX, true, true);
        RollupEngine rollup = new RollupEngine(PROFILE, EngineSettings.defaults(), List.of(probe), false);
        List<IndicatorSnapshot> snapshots = new ArrayList<>();

        snapshots.addAll(rollup.process(batch(ROLLUP, T0, 1), true).snapshots());
        for (int minute = 1; minute <= 11; minute++) {
            snapshots.addAll(rollup.process(progress(ROLLUP, T0.plus(Duration.ofMinutes(minute)), 1), true).snapshots());
        }

        // Refreshed every 5 minutes (the default interval), evaluated only then.
        List<IndicatorSnapshot> probes = snapshots.stream().filter(s -> s.getIndicator().equals(probe.kind().name())).toList();
        assertThat(probes).extracting(IndicatorSnapshot::getValue).containsExactly(0.0, 300.0, 600.0);
        assertThat(probe.evaluatedAt).containsExactly(T0, T0.plus(Duration.ofMinutes(5)), T0.plus(Duration.ofMinutes(10)));
    }

    @Test
    void shouldFailTheCheckingEngineWhenAQuietIndicatorChangesItsValue() {
        Probe liar = new Probe(Instant.MAX, true, false); // its value is the time since the batch
        RollupEngine rollup = new RollupEngine(PROFILE, EngineSettings.defaults(), List.of(liar), true);
        rollup.process(batch(ROLLUP, T0, 1), false);

        assertThatThrownBy(() -> rollup.process(progress(ROLLUP, T0.plus(Duration.ofMinutes(1)), 1), false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("DAC_QUORUM of rollup base was quiet until a record changed it, but at "
                        + "2024-06-20T12:01:11Z evaluated [null=OK 60.0/100.0] instead of [null=OK 0.0/100.0]");
    }

    @Test
    void shouldGiveAnIndicatorOnlyTheRecordTypesItConsumes() {
        Picky batchesOnly = new Picky(Indicator.BATCHES, false);
        RollupEngine rollup = new RollupEngine(PROFILE, EngineSettings.defaults(), List.of(batchesOnly), false);

        rollup.process(batch(ROLLUP, T0, 1), false);
        for (int minute = 1; minute <= 3; minute++) {
            rollup.process(progress(ROLLUP, T0.plus(Duration.ofMinutes(minute)), 1), false);
        }
        rollup.process(batch(ROLLUP, T0.plus(Duration.ofMinutes(4)), 2), false);

        assertThat(batchesOnly.seen).containsExactly("BatchPosted", "BatchPosted");
    }

    @Test
    void shouldFailTheCheckingEngineWhenAnIndicatorChangesOnARecordTypeItDoesNotConsume() {
        Picky wrong = new Picky(Indicator.BATCHES, true); // says it changed on every record
        RollupEngine rollup = new RollupEngine(PROFILE, EngineSettings.defaults(), List.of(wrong), true);
        rollup.process(batch(ROLLUP, T0, 1), false);

        assertThatThrownBy(() -> rollup.process(progress(ROLLUP, T0.plus(Duration.ofMinutes(1)), 1), false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("DAC_QUORUM of rollup base changed on a record of type IngestProgress, which it does not consume");
        assertThat(wrong.seen).containsExactly("BatchPosted", "IngestProgress");
    }

    /** A test indicator that consumes the given record types and notes each record it is given. */
    private static final class Picky extends Indicator {
        private final int consumes;
        private final boolean alwaysChanged;
        final List<String> seen = new ArrayList<>();

        Picky(int consumes, boolean alwaysChanged) {
            super(IndicatorKind.DAC_QUORUM);
            this.consumes = consumes;
            this.alwaysChanged = alwaysChanged;
        }

        @Override
        public int consumes() {
            return consumes;
        }

        @Override
        public boolean onEvent(SpecificRecord event, RollupContext ctx) {
            seen.add(event.getSchema().getName());
            return alwaysChanged || event instanceof BatchPosted;
        }

        @Override
        public void evaluate(RollupContext ctx, List<Evaluation> out) {
            out.add(Evaluation.of(kind(), null, Level.OK, 0, 100, "picky", Map.of(), ctx.l1Block()));
        }

        @Override
        public void writeState(DataOutput out) {
        }

        @Override
        public void readState(DataInput in) {
        }
    }

    /**
     * A test indicator: OK, its value the seconds since the last batch or 0, quiet until a given time
     * (or, with {@link Instant#MAX}, until a batch comes); records each evaluation.
     */
    private static final class Probe extends Indicator {
        private final Instant quietUntil;
        private final boolean moving;
        private final boolean saysMoving;
        private Instant lastBatch;
        final List<Instant> evaluatedAt = new ArrayList<>();

        Probe(Instant quietUntil, boolean moving, boolean saysMoving) {
            super(IndicatorKind.DAC_QUORUM);
            this.quietUntil = quietUntil;
            this.moving = moving;
            this.saysMoving = saysMoving;
        }

        @Override
        public boolean onEvent(SpecificRecord event, RollupContext ctx) {
            if (event instanceof BatchPosted batch) {
                lastBatch = batch.getSource().getBlockTime();
                return true;
            }
            return false;
        }

        @Override
        public void evaluate(RollupContext ctx, List<Evaluation> out) {
            evaluatedAt.add(ctx.now());
            double value = moving ? Duration.between(lastBatch, ctx.now()).toSeconds() : 0;
            out.add(Evaluation.of(kind(), null, Level.OK, value, 100, "probe", Map.of(), ctx.l1Block()));
        }

        @Override
        public long quietUntil(RollupContext ctx) {
            return quietUntil.equals(Instant.MAX) ? Long.MAX_VALUE : quietUntil.toEpochMilli();
        }

        @Override
        public boolean valuesFollowClock() {
            return saysMoving;
        }

        @Override
        public void writeState(DataOutput out) {
        }

        @Override
        public void readState(DataInput in) {
        }
    }
}
