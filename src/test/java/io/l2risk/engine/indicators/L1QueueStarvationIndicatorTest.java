package io.l2risk.engine.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.l2risk.avro.AlertStatus;
import io.l2risk.avro.RiskAlert;
import io.l2risk.avro.Severity;
import io.l2risk.engine.IndicatorKind;
import io.l2risk.engine.RollupProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class L1QueueStarvationIndicatorTest {

    private static final String ARBITRUM = "arbitrum-one";

    /** Arbitrum One: delayed messages can be force-included after maxTimeVariation.delaySeconds = 86 400 s. */
    private final RollupProfile arbitrum = new RollupProfile(ARBITRUM, "ARBITRUM_NITRO", true, false, null,
            Duration.ofHours(24), Duration.ofHours(24), null, null, null, null, null, Map.of());

    /**
     * Arbitrum One, 2023-12-15 (incidents.md #1, measured in public data): from 13:29 the sequencer
     * stalled under an inscription surge; the hourly mean wait of delayed messages went from ≈900 s
     * (normal) to 6 588 s (13:00), 10 272 s (14:00) and stayed near 10 000 s until 17:00; the sequencer
     * was back at 16:57. Modelled (cadences are our assumptions) as a delayed message every 2–6
     * minutes and a batch every 1–3 minutes that consumes every message at least 12 minutes old
     * (waits of 12–15 minutes, close to the measured ≈900 s), three days of history; from 13:29 to
     * 16:57 batches still land but consume nothing; heartbeats every 2 minutes.
     */
    @Test
    void shouldFlagDelayedMessagesWaitingHoursWithTheForceInclusionCountdown() {
        EngineDriver driver = new EngineDriver(arbitrum);
        LivenessRecords records = new LivenessRecords(ARBITRUM);
        Instant stall = Instant.parse("2023-12-15T13:29:00Z");
        Instant back = Instant.parse("2023-12-15T16:57:00Z");
        Instant start = stall.minus(Duration.ofDays(3));
        Instant end = Instant.parse("2023-12-15T18:00:00Z");
        Random random = new Random(15);
        TreeMap<Instant, Long> queued = new TreeMap<>();
        long message = 1_500_000;
        for (Instant t = start; t.isBefore(end); t = t.plusSeconds(120 + random.nextInt(241))) {
            records.queued(t, message);
            queued.put(t, message++);
        }
        long batch = 560_000;
        long consumed = 1_500_000;
        for (Instant t = start.plusSeconds(30); t.isBefore(end); t = t.plusSeconds(60 + random.nextInt(121))) {
            boolean stalled = !t.isBefore(stall) && t.isBefore(back);
            Map.Entry<Instant, Long> due = queued.floorEntry(t.minus(Duration.ofMinutes(12)));
            if (!stalled && due != null) {
                consumed = Math.max(consumed, due.getValue() + 1);
            }
            records.batch(t, batch++, consumed);
        }
        records.heartbeats(start, end, Duration.ofMinutes(2));

        driver.send(records.drain());

        assertThat(driver.alerts(IndicatorKind.L1_QUEUE_STARVATION))
                .extracting(RiskAlert::getStatus, RiskAlert::getSeverity, RiskAlert::getEventTime)
                .containsExactly(
                        tuple(AlertStatus.FIRING, Severity.WARNING, Instant.parse("2023-12-15T13:57:52Z")),
                        tuple(AlertStatus.ESCALATED, Severity.CRITICAL, Instant.parse("2023-12-15T14:21:00Z")),
                        tuple(AlertStatus.RESOLVED, Severity.CRITICAL, Instant.parse("2023-12-15T16:58:53Z")));
        assertThat(driver.alerts(IndicatorKind.L1_QUEUE_STARVATION)).extracting(RiskAlert::getSummary)
                .containsExactly(
                        "Oldest L1→L2 message (queue index 1501079) waiting 36m 59s, 9 pending; users can force-include in "
                                + "23h 23m (threshold 36m 45s from 3d of history: typical wait 12m 59s, p99.9 14m 59s).",
                        "Oldest L1→L2 message (queue index 1501079) waiting 1h, 16 pending; users can force-include in "
                                + "22h 59m (threshold 59m 57s from 3d of history: typical wait 12m 59s, p99.9 14m 59s).",
                        "Oldest L1→L2 message (queue index 1501130) waiting 9m 15s, 3 pending; users can force-include in "
                                + "23h 50m (threshold 36m 46s from 3d 3h of history: typical wait 12m 59s, p99.9 14m 59s).");
        assertThat(driver.alerts(IndicatorKind.L1_QUEUE_STARVATION).get(1).getEvidence())
                .containsEntry("oldestQueueIndex", "1501079")
                .containsEntry("consumedThroughQueueIndex", "1501078")
                .containsEntry("forceInclusionAt", "2023-12-16T13:20:53Z")
                .containsEntry("pendingMessages", "16");
        // Batches kept landing (in bursts in reality): only the queue shows the sequencer's stall.
        assertThat(driver.alerts()).hasSize(3);
    }

    /**
     * A message carrying its own deadline (zkSync priority operations have an expiration timestamp) is
     * counted down to it, and the summary says when force inclusion is already open.
     */
    @Test
    void shouldCountDownToTheMessagesOwnDeadlineAndSayWhenForceInclusionIsOpen() {
        RollupProfile noWindow = RollupProfile.generic("zk-chain");
        EngineDriver driver = new EngineDriver(noWindow);
        LivenessRecords records = new LivenessRecords("zk-chain");
        Instant start = Instant.parse("2025-01-10T00:00:00Z");
        Instant deadline = start.plus(Duration.ofHours(2));
        Instant consumedAt = start.plus(Duration.ofMinutes(150));
        records.queued(start.minusSeconds(60), 41).consumed(start, 41).queued(start, 42, deadline)
                .heartbeats(start, consumedAt.minusSeconds(60), Duration.ofMinutes(1))
                .consumed(consumedAt, 42);

        driver.send(records.drain());

        assertThat(driver.alerts()).extracting(RiskAlert::getStatus, RiskAlert::getEventTime, RiskAlert::getSummary)
                .containsExactly(
                        tuple(AlertStatus.FIRING, start.plus(Duration.ofMinutes(61)),
                                "Oldest L1→L2 message (queue index 42) waiting 1h 1m, 1 pending; users can force-include "
                                        + "in 59m (threshold 1h, default until 2d of history)."),
                        tuple(AlertStatus.RESOLVED, consumedAt,
                                "No L1→L2 message waiting; consumed through queue index 42 (threshold 1h, default until 2d "
                                        + "of history)."));
        assertThat(driver.alerts().get(0).getEvidence()).containsEntry("forceInclusionAt", deadline.toString())
                .doesNotContainKey("forceInclusionWindowSeconds");
    }

    @Test
    void shouldSayWhenUsersCanAlreadyForceIncludeAndWhenNoWindowIsKnown() {
        RollupProfile shortWindow = new RollupProfile("small", "GENERIC", true, false, null, Duration.ofHours(2), null,
                null, null, null, null, null, Map.of());
        EngineDriver withWindow = new EngineDriver(shortWindow);
        EngineDriver withoutWindow = new EngineDriver(RollupProfile.generic("small"));
        Instant start = Instant.parse("2025-01-10T00:00:00Z");
        LivenessRecords records = new LivenessRecords("small");
        records.consumed(start, 6).queued(start, 7).heartbeats(start, start.plus(Duration.ofMinutes(130)),
                Duration.ofMinutes(10));
        var sequence = records.drain();

        withWindow.send(sequence);
        withoutWindow.send(sequence);

        assertThat(withWindow.snapshot(IndicatorKind.L1_QUEUE_STARVATION).getSummary()).isEqualTo(
                "Oldest L1→L2 message (queue index 7) waiting 2h 10m, 1 pending; users have been able to force-include "
                        + "it for 10m (threshold 1h, half the 2h force-inclusion window).");
        assertThat(withWindow.alerts()).extracting(RiskAlert::getStatus, RiskAlert::getSeverity)
                .containsExactly(tuple(AlertStatus.FIRING, Severity.WARNING), tuple(AlertStatus.ESCALATED, Severity.CRITICAL));
        assertThat(withoutWindow.snapshot(IndicatorKind.L1_QUEUE_STARVATION).getSummary()).isEqualTo(
                "Oldest L1→L2 message (queue index 7) waiting 2h 10m, 1 pending; no force-inclusion window is known for "
                        + "this rollup (threshold 1h, default until 2d of history).");
    }

    /** Enqueues without any consumption report must not look like starvation forever. */
    @Test
    void shouldNotJudgeTheQueueBeforeTheFirstConsumption() {
        EngineDriver driver = new EngineDriver(arbitrum);
        Instant start = Instant.parse("2025-01-10T00:00:00Z");
        driver.send(new LivenessRecords(ARBITRUM).queued(start, 1).queued(start.plusSeconds(60), 2)
                .heartbeats(start, start.plus(Duration.ofHours(8)), Duration.ofMinutes(30)).drain());

        assertThat(driver.snapshot(IndicatorKind.L1_QUEUE_STARVATION)).isNull();
        assertThat(driver.alerts()).isEmpty();
    }
}
