package io.l2risk.topics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DriftTest {

    @Test
    void shouldShowMillisecondValuesAlsoAsDurations() {
        Drift drift = new Drift("l2risk.dlq", Drift.Kind.CONFIG, "retention.ms", "2592000000", "3600000");

        assertThat(drift.describe()).isEqualTo("l2risk.dlq: retention.ms is 3600000 (1h), expected 2592000000 (30d)");
    }

    @Test
    void shouldHintThatPartitionsCanOnlyGrow() {
        Drift more = new Drift("l2risk.ingest.da", Drift.Kind.PARTITIONS, "partitions", "6", "8");
        Drift fewer = new Drift("l2risk.ingest.da", Drift.Kind.PARTITIONS, "partitions", "6", "4");

        assertThat(more.describe()).isEqualTo("l2risk.ingest.da: partitions is 8, expected 6");
        assertThat(more.hint()).isEqualTo("partitions can never be decreased: recreate the topic, or pass --partitions 8");
        assertThat(fewer.hint()).isEqualTo("add partitions with kafka-topics --alter (moves rollupIds to other "
                + "partitions), or pass --partitions 4");
    }

    @Test
    void shouldDescribeMissingTopic() {
        Drift missing = new Drift("l2risk.dlq", Drift.Kind.MISSING, "topic", "exists", "missing");

        assertThat(missing.describe()).isEqualTo("l2risk.dlq: missing");
    }
}
