package io.l2risk.topics;

import java.util.Locale;

/** Kafka's {@code cleanup.policy} as used by our topics. */
public enum CleanupPolicy {
    /** Keep records for the topic's retention time. */
    DELETE,
    /** Keep the latest record per key. */
    COMPACT;

    /** The value of the {@code cleanup.policy} topic config. */
    public String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
