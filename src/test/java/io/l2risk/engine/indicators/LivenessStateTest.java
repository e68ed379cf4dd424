package io.l2risk.engine.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import io.l2risk.avro.ProofKind;
import io.l2risk.avro.RiskAlert;
import io.l2risk.engine.Indicator;
import io.l2risk.engine.IndicatorKind;
import io.l2risk.engine.Indicators;
import io.l2risk.engine.RollupProfile;
import io.l2risk.records.IngestRecords;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/** State of the six liveness indicators through the engine: save/restore is invisible, and the state stays small. */
class LivenessStateTest {

    private static final String ROLLUP = "busy";
    private static final Duration CHALLENGE = Duration.ofSeconds(45_818L * 12);
    private static final Instant START = Instant.parse("2024-05-01T00:00:00Z");

    /** Arbitrum-like: every liveness indicator has something to watch. */
    private final RollupProfile profile = new RollupProfile(ROLLUP, "ARBITRUM_NITRO", true, false, CHALLENGE,
            Duration.ofHours(24), Duration.ofHours(24), Duration.ofHours(1), null, null, null, null, Map.of());

    @Test
    void shouldEmitTheSameAlertsWhenTheStateIsSavedAndRestoredBeforeEveryRecord() {
        // A one-day challenge period, so every incident fits in five days.
        RollupProfile quick = new RollupProfile(ROLLUP, "ARBITRUM_NITRO", true, false, Duration.ofDays(1),
                Duration.ofHours(24), Duration.ofHours(24), Duration.ofHours(1), null, null, null, null, Map.of());
        List<SpecificRecord> records = synthetic(5, Duration.ofDays(1));

        List<RiskAlert> uninterrupted = new EngineDriver(quick).send(records).alerts();
        List<RiskAlert> resumed = new EngineDriver(quick).restoringBeforeEachRecord().send(records).alerts();

        assertThat(resumed).isEqualTo(uninterrupted);
        assertThat(uninterrupted).extracting(RiskAlert::getIndicator).contains(
                IndicatorKind.BATCH_LIVENESS.name(), IndicatorKind.STATE_LIVENESS.name(),
                IndicatorKind.L1_QUEUE_STARVATION.name(), IndicatorKind.FINALIZATION_OVERDUE.name());
    }

    /** The whole rollup state (framework and every registered indicator): flat after 10 days, far below 64 KiB. */
    @Test
    void shouldKeepTheRollupStateSmallAndFlatOverThirtyDays() {
        EngineDriver driver = new EngineDriver(profile);
        List<Integer> sizes = new ArrayList<>();
        Instant nextCheck = START.plus(Duration.ofDays(10));
        for (SpecificRecord record : synthetic(30, CHALLENGE)) {
            if (IngestRecords.eventTime(record).isAfter(nextCheck)) {
                sizes.add(driver.state().length);
                nextCheck = nextCheck.plus(Duration.ofDays(10));
            }
            driver.send(record);
        }

        assertThat(sizes).hasSize(2);
        sizes.add(driver.state().length);
        assertThat(sizes).allSatisfy(size -> assertThat(size).isLessThan(16 * 1024));
        assertThat(sizes.get(2)).isLessThanOrEqualTo(sizes.get(0) + 512);
    }

    /**
     * Each liveness indicator's own serialized state over 30 days (measured: see the report); it
     * round-trips byte for byte.
     */
    @Test
    void shouldKeepEachIndicatorsStateBoundedAndRoundTripIt() throws IOException {
        List<Indicator> indicators = List.of(new BatchLivenessIndicator(profile), new StateLivenessIndicator(profile),
                new ProofLivenessIndicator(profile), new ProofBacklogIndicator(profile),
                new L1QueueStarvationIndicator(profile), new FinalizationOverdueIndicator(profile));
        TestContext context = new TestContext(profile, Instant.EPOCH);
        Map<IndicatorKind, List<Integer>> sizes = new TreeMap<>();
        Instant nextCheck = START.plus(Duration.ofDays(10));
        for (SpecificRecord record : synthetic(30, CHALLENGE)) {
            Instant time = IngestRecords.eventTime(record);
            if (time.isAfter(nextCheck)) {
                indicators.forEach(i -> sizes.computeIfAbsent(i.kind(), k -> new ArrayList<>()).add(state(i).length));
                nextCheck = nextCheck.plus(Duration.ofDays(10));
            }
            context.now = time.isAfter(context.now) ? time : context.now;
            for (Indicator indicator : indicators) {
                indicator.onEvent(record, context);
                indicator.evaluate(context, new ArrayList<>());
            }
        }
        indicators.forEach(i -> sizes.get(i.kind()).add(state(i).length));

        for (Indicator indicator : indicators) {
            Indicator copy = Indicators.create(profile).stream().filter(i -> i.kind() == indicator.kind()).findFirst()
                    .orElseThrow();
            copy.readState(new DataInputStream(new ByteArrayInputStream(state(indicator))));
            assertThat(state(copy)).as(indicator.kind().name()).isEqualTo(state(indicator));
        }
        // Measured at days 10, 20, 30: BATCH 237/276/301 bytes (its 30-day window filling), STATE 196/200/203,
        // PROOF 198/203/207, PROOF_BACKLOG 753/755/760, L1_QUEUE 169/181/196, FINALIZATION 1868/1904/1904
        // (≈170 proposals inside the 6.4-day challenge period, 256 checkpoints at most).
        assertThat(sizes).allSatisfy((kind, measured) -> {
            int bound = kind == IndicatorKind.FINALIZATION_OVERDUE ? 3 * 1024 : 1024;
            assertThat(measured).as(kind.name()).allSatisfy(size -> assertThat(size).isLessThan(bound));
            assertThat(measured.get(2)).as(kind.name()).isLessThanOrEqualTo(measured.get(0) + 128);
        });
    }

    private static byte[] state(Indicator indicator) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            indicator.writeState(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** What the engine gives indicators, without the engine. */

    /**
     * {@code days} of an Arbitrum-like rollup (seeded): batches every 60–120 s consuming the delayed
     * messages at least 12 minutes old, a delayed message every 2–6 minutes, an assertion every hour
     * confirmed 30 minutes after its challenge period, heartbeats every 5 minutes. Incidents: a
     * 25-minute batch stall at day 2.5, delayed messages not consumed for 3 hours at day 3, assertions
     * missing for 3 hours at day 3.5, confirmations stopped for 12 hours a challenge period + 3 days in.
     */
    static List<SpecificRecord> synthetic(int days, Duration challenge) {
        LivenessRecords records = new LivenessRecords(ROLLUP);
        Instant end = START.plus(Duration.ofDays(days));
        Random random = new Random(days);
        TreeMap<Instant, Long> queued = new TreeMap<>();
        long message = 0;
        for (Instant t = START; t.isBefore(end); t = t.plusSeconds(120 + random.nextInt(241))) {
            records.queued(t, message);
            queued.put(t, message++);
        }
        Instant batchStall = START.plus(Duration.ofHours(60));
        Instant queueStall = START.plus(Duration.ofDays(3));
        long batch = 0;
        long consumed = 0;
        TreeMap<Instant, Long> batches = new TreeMap<>();
        for (Instant t = START.plusSeconds(30); t.isBefore(end); t = t.plusSeconds(60 + random.nextInt(61))) {
            if (!t.isBefore(batchStall) && t.isBefore(batchStall.plus(Duration.ofMinutes(25)))) {
                continue;
            }
            boolean starving = !t.isBefore(queueStall) && t.isBefore(queueStall.plus(Duration.ofHours(3)));
            var due = queued.floorEntry(t.minus(Duration.ofMinutes(12)));
            if (!starving && due != null) {
                consumed = Math.max(consumed, due.getValue() + 1);
            }
            records.batch(t, batch, consumed);
            batches.put(t, batch++);
        }
        Instant stateGap = START.plus(Duration.ofHours(84));
        Instant confirmStop = START.plus(challenge).plus(Duration.ofDays(3));
        long l2Block = 0;
        for (Instant t = START.plus(Duration.ofMinutes(20)); t.isBefore(end); t = t.plus(Duration.ofHours(1))) {
            if (!t.isBefore(stateGap) && t.isBefore(stateGap.plus(Duration.ofHours(3)))) {
                continue;
            }
            long through = batches.floorEntry(t).getValue();
            records.proof(ProofKind.STATE_PROPOSED, t, null, through, l2Block);
            Instant confirm = t.plus(challenge).plus(Duration.ofMinutes(30));
            if (!confirm.isBefore(confirmStop) && confirm.isBefore(confirmStop.plus(Duration.ofHours(12)))) {
                confirm = confirmStop.plus(Duration.ofHours(12));
            }
            if (confirm.isBefore(end)) {
                records.proof(ProofKind.STATE_FINALIZED, confirm, null, through, l2Block);
            }
            l2Block += 14_400;
        }
        records.heartbeats(START, end, Duration.ofMinutes(5));
        return records.drain();
    }
}
