package io.l2risk.engine;

import io.l2risk.avro.IndicatorSnapshot;
import io.l2risk.avro.RiskAlert;
import io.l2risk.avro.RollupRiskStatus;
import java.util.ArrayList;
import java.util.List;

/** What the engine emits for one input: alert transitions, snapshots, at most one status, or a reject. */
public final class EngineOutput {

    final List<RiskAlert> alerts = new ArrayList<>();
    final List<IndicatorSnapshot> snapshots = new ArrayList<>();
    RollupRiskStatus status;
    Reject reject;
    boolean outOfOrder;
    /** Whether snapshots and status are built (see {@link RollupEngine#process}). */
    final boolean views;

    EngineOutput(boolean views) {
        this.views = views;
    }

    static EngineOutput rejected(Reject reject) {
        EngineOutput output = new EngineOutput(true);
        output.reject = reject;
        return output;
    }

    public List<RiskAlert> alerts() {
        return alerts;
    }

    public List<IndicatorSnapshot> snapshots() {
        return snapshots;
    }

    /** The rollup's status when it changed, else {@code null}. */
    public RollupRiskStatus status() {
        return status;
    }

    /** Why the record was refused, or {@code null} when it was processed. */
    public Reject reject() {
        return reject;
    }

    /** True when the record's L1 time was earlier than the rollup's clock (processed anyway). */
    public boolean outOfOrder() {
        return outOfOrder;
    }
}
