package io.l2risk.embedded.sim;

import io.l2risk.engine.Text;
import java.time.Duration;
import java.util.Objects;

/**
 * One scripted incident: what, on which rollup, when (from the start of the scripted window) and for
 * how long. For events that are instantaneous (an upgrade) the duration is how long the rollup takes
 * to return to normal afterwards, zero when nothing follows; for a lost dispute it is the time from
 * the challenge to the resolution; for a state revert, the pause before the batches are committed again.
 *
 * @param kind     what happens
 * @param rollupId the rollup it happens to
 * @param offset   start, from the start of the scripted window
 * @param duration how long it lasts
 */
public record Incident(IncidentKind kind, String rollupId, Duration offset, Duration duration) {

    /** Validates the values. */
    public Incident {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(rollupId, "rollupId");
        if (offset.isNegative() || duration.isNegative()) {
            throw new IllegalArgumentException("offset and duration must not be negative");
        }
    }

    /** One line for the log, e.g. "sequencer stall of base for 40m". */
    public String describe() {
        String length = Text.duration(duration);
        return switch (kind) {
            case SEQUENCER_STALL, BRIDGE_DRAIN, L1_QUEUE_STUCK -> kind.title() + " of " + rollupId + " for " + length;
            case DAC_QUORUM_LOSS, DAC_FALLBACK -> kind.title() + " on " + rollupId + " for " + length;
            case DISPUTE_LOST -> kind.title() + " on " + rollupId + " (resolved " + length + " after the challenge)";
            case STATE_REVERT -> kind.title() + " on " + rollupId + " (batches committed again after " + length + ")";
            case PROXY_UPGRADE -> kind.title() + " on " + rollupId;
        };
    }
}
