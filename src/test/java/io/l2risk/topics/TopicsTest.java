package io.l2risk.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.l2risk.avro.BatchPosted;
import io.l2risk.avro.BridgeEvent;
import io.l2risk.avro.DaObservation;
import io.l2risk.avro.DeadLetter;
import io.l2risk.avro.IndicatorSnapshot;
import io.l2risk.avro.IngestCursor;
import io.l2risk.avro.IngestProgress;
import io.l2risk.avro.ProofEvent;
import io.l2risk.avro.RiskAlert;
import io.l2risk.avro.RollupRiskStatus;
import io.l2risk.config.ConfigurationException;

class TopicsTest {

    private final Topics defaults = Topics.from(TopicSettings.defaults());

    @Test
    void shouldNameEveryTopicOfTheDesignWithDefaultPrefix() {
        assertThat(defaults.all()).extracting(TopicSpec::name).containsExactly(
                "l2risk.ingest.batches", "l2risk.ingest.proofs", "l2risk.ingest.bridge", "l2risk.ingest.da",
                "l2risk.ingest.progress", "l2risk.ingest.cursor", "l2risk.risk.alerts", "l2risk.risk.indicators",
                "l2risk.risk.status", "l2risk.dlq");
    }

    @Test
    void shouldPutConfiguredPrefixInFrontOfEveryName() {
        Topics topics = Topics.from(TopicSettings.defaults().withPrefix("staging-"));

        assertThat(topics.prefix()).isEqualTo("staging-");
        assertThat(topics.batches().name()).isEqualTo("staging-ingest.batches");
        assertThat(topics.dlq().name()).isEqualTo("staging-dlq");
        assertThat(topics.all()).allSatisfy(t -> assertThat(t.name()).startsWith("staging-"));
    }

    @Test
    void shouldCoPartitionAllIngestTopics() {
        Topics topics = Topics.from(TopicSettings.defaults().withPartitions(12));

        assertThat(topics.ingest()).extracting(TopicSpec::name).containsExactly(
                "l2risk.ingest.batches", "l2risk.ingest.proofs", "l2risk.ingest.bridge", "l2risk.ingest.da",
                "l2risk.ingest.progress");
        assertThat(topics.ingest()).extracting(TopicSpec::partitions).containsOnly(12);
        assertThat(topics.ingest()).extracting(TopicSpec::keyDescription).containsOnly("rollupId");
    }

    @Test
    void shouldCompactIndicatorsAndStatusAndDeleteTheRest() {
        assertThat(defaults.all()).filteredOn(t -> t.cleanupPolicy() == CleanupPolicy.COMPACT)
                .extracting(TopicSpec::name)
                .containsExactly("l2risk.ingest.cursor", "l2risk.risk.indicators", "l2risk.risk.status");
        assertThat(defaults.indicators().configs()).isEqualTo(Map.of(
                "cleanup.policy", "compact", "min.compaction.lag.ms", "3600000", "min.insync.replicas", "2"));
        assertThat(defaults.batches().configs()).containsEntry("cleanup.policy", "delete");
        assertThat(defaults.dlq().configs()).containsEntry("cleanup.policy", "delete");
    }

    @Test
    void shouldKeepIngestAndDlqThirtyDaysAndAlertsNinetyDays() {
        assertThat(defaults.ingest()).allSatisfy(t -> assertThat(t.configs()).isEqualTo(Map.of(
                "cleanup.policy", "delete", "retention.ms", "2592000000", "min.insync.replicas", "2")));
        assertThat(defaults.alerts().retention()).contains(Duration.ofDays(90));
        assertThat(defaults.dlq().retention()).contains(Duration.ofDays(30));
        assertThat(defaults.status().retention()).isEmpty();
    }

    @Test
    void shouldDefaultToSixPartitionsAndReplicationThree() {
        assertThat(defaults.all()).extracting(TopicSpec::partitions).containsOnly(6);
        assertThat(defaults.all()).extracting(TopicSpec::replicationFactor).containsOnly((short) 3);
    }

    @Test
    void shouldRequireTwoInSyncReplicasOnlyWhenReplicated() {
        Topics single = Topics.from(TopicSettings.defaults().withReplicationFactor((short) 1));
        Topics two = Topics.from(TopicSettings.defaults().withReplicationFactor((short) 2));

        assertThat(single.all()).allSatisfy(t -> assertThat(t.configs()).containsEntry("min.insync.replicas", "1"));
        assertThat(two.all()).allSatisfy(t -> assertThat(t.configs()).containsEntry("min.insync.replicas", "2"));
    }

    @Test
    void shouldTypeEveryTopicWithItsAvroRecord() {
        assertThat(defaults.all()).<Object>extracting(TopicSpec::valueType).containsExactly(
                BatchPosted.class, ProofEvent.class, BridgeEvent.class, DaObservation.class, IngestProgress.class,
                IngestCursor.class, RiskAlert.class, IndicatorSnapshot.class, RollupRiskStatus.class, DeadLetter.class);
        TopicSpec<RiskAlert> alerts = defaults.alerts();
        assertThat(alerts.valueType()).isEqualTo(RiskAlert.class);
        assertThat(defaults.indicators().keyDescription()).isEqualTo("rollupId/indicator");
        assertThat(defaults.cursor().keyDescription()).isEqualTo("l1ChainId/ingesterId");
    }

    @Test
    void shouldFindTopicsByRoleAndName() {
        assertThat(defaults.get(TopicRole.RISK_STATUS)).isSameAs(defaults.status());
        assertThat(defaults.byName("l2risk.ingest.da")).containsSame(defaults.da());
        assertThat(defaults.byName("l2risk.other")).isEmpty();
    }

    @Test
    void shouldBeImmutable() {
        assertThatThrownBy(() -> defaults.all().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> defaults.batches().configs().put("retention.ms", "1"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void shouldRejectIllegalSettingsNamingThem() {
        assertThatThrownBy(() -> TopicSettings.defaults().withPrefix("bad prefix/"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("topic prefix 'bad prefix/' is not allowed: use at most 234 of a-z A-Z 0-9 . _ -");
        assertThatThrownBy(() -> TopicSettings.defaults().withPartitions(0))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("partitions must be at least 1, not 0");
        assertThatThrownBy(() -> TopicSettings.defaults().withIngestRetention(Duration.ZERO))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("ingest retention must be positive, not PT0S");
    }
}
