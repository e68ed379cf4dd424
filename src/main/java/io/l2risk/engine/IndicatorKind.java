package io.l2risk.engine;

import io.l2risk.avro.AlertCategory;

/** Every indicator of design.md §4, with its category and the unit of its value. */
public enum IndicatorKind {
    BATCH_LIVENESS(AlertCategory.LIVENESS, "seconds"),
    STATE_LIVENESS(AlertCategory.LIVENESS, "seconds"),
    PROOF_LIVENESS(AlertCategory.STATE_VALIDATION, "seconds"),
    PROOF_BACKLOG(AlertCategory.STATE_VALIDATION, "seconds"),
    L1_QUEUE_STARVATION(AlertCategory.LIVENESS, "seconds"),
    DA_FALLBACK(AlertCategory.DATA_AVAILABILITY, "batches"),
    DA_MODE_CHANGE(AlertCategory.DATA_AVAILABILITY, "changes"),
    DAC_QUORUM(AlertCategory.DATA_AVAILABILITY, "signers"),
    DATA_WITHHELD(AlertCategory.DATA_AVAILABILITY, "seconds"),
    BLOB_RETENTION(AlertCategory.DATA_AVAILABILITY, "batches"),
    STATE_REVERTED(AlertCategory.STATE_VALIDATION, "batches"),
    DISPUTE(AlertCategory.STATE_VALIDATION, "disputes"),
    FINALIZATION_OVERDUE(AlertCategory.STATE_VALIDATION, "seconds"),
    BRIDGE_OUTFLOW(AlertCategory.BRIDGE, "ratio"),
    FORGED_WITHDRAWAL(AlertCategory.BRIDGE, "withdrawals"),
    BRIDGE_PAUSED(AlertCategory.BRIDGE, "seconds"),
    GOVERNANCE_CHANGE(AlertCategory.GOVERNANCE, "changes"),
    MONITOR_STALE(AlertCategory.MONITOR, "seconds");

    private final AlertCategory category;
    private final String unit;

    IndicatorKind(AlertCategory category, String unit) {
        this.category = category;
        this.unit = unit;
    }

    public AlertCategory category() {
        return category;
    }

    /** Default unit of the indicator's value; an evaluation may state another. */
    public String unit() {
        return unit;
    }
}
