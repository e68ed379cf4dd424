package io.l2risk.topics;

/** What a topic is for; its name is the configured prefix followed by {@link #suffix()}. */
public enum TopicRole {
    INGEST_BATCHES("ingest.batches"),
    INGEST_PROOFS("ingest.proofs"),
    INGEST_BRIDGE("ingest.bridge"),
    INGEST_DA("ingest.da"),
    INGEST_PROGRESS("ingest.progress"),
    /** The ingester's own position per L1 chain; written by the ingester only, never read by the engine. */
    INGEST_CURSOR("ingest.cursor"),
    RISK_ALERTS("risk.alerts"),
    RISK_INDICATORS("risk.indicators"),
    RISK_STATUS("risk.status"),
    DLQ("dlq");

    private final String suffix;

    TopicRole(String suffix) {
        this.suffix = suffix;
    }

    /** The topic name without the prefix, e.g. {@code ingest.batches}. */
    public String suffix() {
        return suffix;
    }

    /** Ingest topics are keyed by rollupId, co-partitioned, and read by the engine. */
    public boolean isIngest() {
        return suffix.startsWith("ingest.") && this != INGEST_CURSOR;
    }
}
