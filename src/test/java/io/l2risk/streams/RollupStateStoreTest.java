package io.l2risk.streams;

import static io.l2risk.engine.Events.T0;
import static io.l2risk.engine.Events.batch;
import static io.l2risk.engine.Events.progress;
import static org.assertj.core.api.Assertions.assertThat;

import io.l2risk.engine.EngineSettings;
import io.l2risk.engine.RiskEngine;
import io.l2risk.engine.RollupEngine;
import io.l2risk.engine.RollupProfile;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The live-engine store: writes at commit, rolls a failed record back, bounds what it holds. */
class RollupStateStoreTest {

    private static final String ROLLUP = "base";
    private static final RollupProfile PROFILE = new RollupProfile(ROLLUP, "OP_STACK", true, false, null, null, null,
            null, null, null, null, null, Map.of("BATCH_LIVENESS", Map.of("warnAfter", "10m", "criticalAfter", "20m")));
    private static final RiskEngine ENGINE = new RiskEngine(id -> Optional.of(PROFILE), EngineSettings.defaults());

    private RollupStateStore store;

    @BeforeEach
    void open() {
        store = new RollupStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("rollup-state"),
                Serdes.String(), Serdes.ByteArray()).withLoggingDisabled().withCachingDisabled().build(), ENGINE);
        MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
        store.init(context.getStateStoreContext(), store);
    }

    @Test
    void shouldWriteAChangedRollupOnlyWhenStreamsFlushesBeforeCommitting() {
        apply(batch(ROLLUP, T0, 1));

        assertThat(store.get(ROLLUP)).isNull();
        store.flushCache();

        assertThat(store.get(ROLLUP)).isEqualTo(ENGINE.save(reference(batch(ROLLUP, T0, 1))));
        assertThat(store.rollupIds()).containsExactly(ROLLUP);
    }

    @Test
    void shouldRollAFailedRecordBackToTheStateBeforeIt() {
        apply(batch(ROLLUP, T0, 1));
        store.flushCache();
        apply(progress(ROLLUP, T0.plusSeconds(60), 0));
        // The engine takes the next record, then "fails": its changes must go.
        ENGINE.process(store.engine(ROLLUP), batch(ROLLUP, T0.plusSeconds(120), 2));
        store.rollBack(ROLLUP);

        assertThat(ENGINE.save(store.engine(ROLLUP)))
                .isEqualTo(ENGINE.save(reference(batch(ROLLUP, T0, 1), progress(ROLLUP, T0.plusSeconds(60), 0))));
    }

    @Test
    void shouldWriteEarlyOnceAMaximumOfStepsIsKeptForRollingBack() {
        SpecificRecord[] records = new SpecificRecord[RollupStateStore.MAX_STEPS];
        for (int i = 0; i < records.length; i++) {
            records[i] = progress(ROLLUP, T0.plusSeconds(60L * i), 0);
            apply(records[i]);
        }

        assertThat(store.get(ROLLUP)).isEqualTo(ENGINE.save(reference(records)));
    }

    @Test
    void shouldForgetUnwrittenEnginesWhenTheCacheIsCleared() {
        apply(batch(ROLLUP, T0, 1));
        store.flushCache();
        apply(batch(ROLLUP, T0.plusSeconds(60), 2));

        store.clearCache();

        assertThat(ENGINE.save(store.engine(ROLLUP))).isEqualTo(ENGINE.save(reference(batch(ROLLUP, T0, 1))));
    }

    private void apply(SpecificRecord record) {
        ENGINE.process(store.engine(ROLLUP), record);
        store.changed(ROLLUP, again -> ENGINE.processForAlerts(again, record));
    }

    private static RollupEngine reference(SpecificRecord... records) {
        RollupEngine rollup = ENGINE.newRollup(ROLLUP);
        for (SpecificRecord record : records) {
            ENGINE.process(rollup, record);
        }
        return rollup;
    }
}
