package io.l2risk.topics;

import java.util.List;

/**
 * What {@link TopicManager#ensure} did.
 *
 * @param created names of the topics it created
 * @param drifts  how topics that already existed differ from the registry; they were not altered
 */
public record EnsureResult(List<String> created, List<Drift> drifts) {

    public EnsureResult {
        created = List.copyOf(created);
        drifts = List.copyOf(drifts);
    }

    /** Whether every topic now exists as the registry describes it. */
    public boolean matches() {
        return drifts.isEmpty();
    }
}
