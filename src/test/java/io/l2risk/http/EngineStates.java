package io.l2risk.http;

import static io.l2risk.engine.Events.T0;
import static io.l2risk.engine.Events.batch;
import static io.l2risk.engine.Events.progress;

import io.l2risk.engine.EngineSettings;
import io.l2risk.engine.RiskEngine;
import io.l2risk.engine.RollupEngine;
import io.l2risk.engine.RollupProfile;
import java.util.Map;
import java.util.Optional;

/**
 * Engine states for the HTTP tests, made by the real engine: a rollup whose last batch was at
 * {@code T0} and which has heard heartbeats every minute for {@code minutes} minutes since. Every
 * rollup uses the thresholds of {@code RiskAppIT} (BATCH_LIVENESS warns after 10m, critical after 20m).
 */
final class EngineStates {

    static final RiskEngine ENGINE = new RiskEngine(EngineStates::profile, EngineSettings.defaults());

    private EngineStates() {
    }

    static Optional<RollupProfile> profile(String rollupId) {
        return Optional.of(new RollupProfile(rollupId, "OP_STACK", true, false, null, null, null, null, null, null,
                null, null, Map.of("BATCH_LIVENESS", Map.of("warnAfter", "10m", "criticalAfter", "20m"))));
    }

    /** {@code minutes} minutes without a batch: OK below 11, WARNING from 11, CRITICAL from 21. */
    static RollupEngine withoutBatchFor(String rollupId, int minutes) {
        RollupEngine rollup = ENGINE.newRollup(rollupId);
        ENGINE.process(rollup, batch(rollupId, T0, 1));
        for (int minute = 1; minute <= minutes; minute++) {
            ENGINE.process(rollup, progress(rollupId, T0.plusSeconds(60L * minute), 2));
        }
        return rollup;
    }

    static byte[] stateWithoutBatchFor(String rollupId, int minutes) {
        return ENGINE.save(withoutBatchFor(rollupId, minutes));
    }
}
