package io.l2risk.engine;

import io.l2risk.engine.indicators.BatchLivenessIndicator;
import io.l2risk.engine.indicators.FinalizationOverdueIndicator;
import io.l2risk.engine.indicators.ForgedWithdrawalIndicator;
import io.l2risk.engine.indicators.GovernanceChangeIndicator;
import io.l2risk.engine.indicators.L1QueueStarvationIndicator;
import io.l2risk.engine.indicators.ProofBacklogIndicator;
import io.l2risk.engine.indicators.ProofLivenessIndicator;
import io.l2risk.engine.indicators.StateLivenessIndicator;
import io.l2risk.engine.indicators.BlobRetentionIndicator;
import io.l2risk.engine.indicators.BridgeOutflowIndicator;
import io.l2risk.engine.indicators.BridgePausedIndicator;
import io.l2risk.engine.indicators.DaFallbackIndicator;
import io.l2risk.engine.indicators.DaModeChangeIndicator;
import io.l2risk.engine.indicators.DacQuorumIndicator;
import io.l2risk.engine.indicators.DataWithheldIndicator;
import io.l2risk.engine.indicators.DisputeIndicator;
import io.l2risk.engine.indicators.StateRevertedIndicator;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The indicators the engine runs for every rollup, created from the rollup's profile (which may
 * override their parameters; a malformed override fails here, at start). MONITOR_STALE is part of
 * {@link RollupEngine} itself because every absence-based indicator depends on it.
 */
public final class Indicators {

    private static final Map<IndicatorKind, Function<RollupProfile, Indicator>> FACTORIES = new EnumMap<>(IndicatorKind.class);

    static {
        FACTORIES.put(IndicatorKind.BATCH_LIVENESS, BatchLivenessIndicator::new);
        FACTORIES.put(IndicatorKind.STATE_LIVENESS, StateLivenessIndicator::new);
        FACTORIES.put(IndicatorKind.PROOF_LIVENESS, ProofLivenessIndicator::new);
        FACTORIES.put(IndicatorKind.PROOF_BACKLOG, ProofBacklogIndicator::new);
        FACTORIES.put(IndicatorKind.L1_QUEUE_STARVATION, L1QueueStarvationIndicator::new);
        FACTORIES.put(IndicatorKind.FINALIZATION_OVERDUE, FinalizationOverdueIndicator::new);
        FACTORIES.put(IndicatorKind.DA_FALLBACK, DaFallbackIndicator::new);
        FACTORIES.put(IndicatorKind.DA_MODE_CHANGE, DaModeChangeIndicator::new);
        FACTORIES.put(IndicatorKind.DAC_QUORUM, DacQuorumIndicator::new);
        FACTORIES.put(IndicatorKind.DATA_WITHHELD, DataWithheldIndicator::new);
        FACTORIES.put(IndicatorKind.BLOB_RETENTION, BlobRetentionIndicator::new);
        FACTORIES.put(IndicatorKind.STATE_REVERTED, StateRevertedIndicator::new);
        FACTORIES.put(IndicatorKind.DISPUTE, DisputeIndicator::new);
        FACTORIES.put(IndicatorKind.BRIDGE_OUTFLOW, BridgeOutflowIndicator::new);
        FACTORIES.put(IndicatorKind.BRIDGE_PAUSED, BridgePausedIndicator::new);
        FACTORIES.put(IndicatorKind.GOVERNANCE_CHANGE, GovernanceChangeIndicator::new);
        FACTORIES.put(IndicatorKind.FORGED_WITHDRAWAL, ForgedWithdrawalIndicator::new);
    }

    private Indicators() {
    }

    /** One fresh indicator of every implemented kind, in {@link IndicatorKind} order. */
    public static List<Indicator> create(RollupProfile profile) {
        List<Indicator> indicators = new ArrayList<>(FACTORIES.size());
        FACTORIES.forEach((kind, factory) -> indicators.add(factory.apply(profile)));
        return indicators;
    }
}
