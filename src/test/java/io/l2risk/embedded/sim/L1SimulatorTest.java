package io.l2risk.embedded.sim;

import static io.l2risk.embedded.sim.SimRuns.BUNDLED;
import static io.l2risk.embedded.sim.SimRuns.START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.l2risk.avro.BatchPosted;
import io.l2risk.avro.BridgeEvent;
import io.l2risk.avro.DaMode;
import io.l2risk.avro.DaObservation;
import io.l2risk.avro.IngestProgress;
import io.l2risk.avro.ProofEvent;
import io.l2risk.avro.ProofKind;
import io.l2risk.avro.Source;
import io.l2risk.records.IngestRecords;
import io.l2risk.registry.RollupConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class L1SimulatorTest {

    private static final SimulatorSettings TWELVE_HOURS = SimRuns.settings().withHistory(Duration.ofHours(10));

    @Test
    void shouldGenerateIdenticalRecordsForTheSameSeedAndStart() {
        List<SpecificRecord> first = SimRuns.records(BUNDLED, TWELVE_HOURS, Scenario.defaultIncidents(), START);
        List<SpecificRecord> second = SimRuns.records(BUNDLED, TWELVE_HOURS, Scenario.defaultIncidents(), START);

        assertThat(first).hasSizeGreaterThan(5_000);
        assertThat(second).isEqualTo(first);
    }

    @Test
    void shouldGenerateDifferentRecordsForAnotherSeed() {
        List<SpecificRecord> seed1 = SimRuns.records(BUNDLED, TWELVE_HOURS, Scenario.none(), START);
        List<SpecificRecord> seed2 = SimRuns.records(BUNDLED, TWELVE_HOURS.withSeed(2), Scenario.none(), START);

        assertThat(batchTimes(seed2, "base")).isNotEqualTo(batchTimes(seed1, "base"));
        assertThat(seed2.stream().filter(BatchPosted.class::isInstance).findFirst().orElseThrow())
                .isNotEqualTo(seed1.stream().filter(BatchPosted.class::isInstance).findFirst().orElseThrow());
    }

    @Test
    void shouldKeepL1TimeOrderFromTheHistoryStartAndStopBeforeTheEnd() {
        Instant end = START.plus(Duration.ofMinutes(30));
        L1Simulator simulator = L1Simulator.create(BUNDLED, TWELVE_HOURS, Scenario.defaultIncidents(), end);
        Instant previous = simulator.timeline().historyStart();
        Map<String, Instant> lastByRollup = new HashMap<>();
        long records = 0;
        while (simulator.hasNext()) {
            Instant peeked = simulator.peekTime();
            SpecificRecord record = simulator.next();
            Instant time = IngestRecords.eventTime(record);
            assertThat(time).isEqualTo(peeked).isAfterOrEqualTo(previous).isBefore(end);
            Instant rollupLast = lastByRollup.put(IngestRecords.rollupId(record), time);
            assertThat(rollupLast == null || !time.isBefore(rollupLast)).isTrue();
            previous = time;
            records++;
        }
        assertThat(records).isGreaterThan(5_000);
        assertThat(lastByRollup).hasSize(9);
        assertThat(simulator.peekTime()).isNull();
        assertThat(simulator.timeline().historyStart()).isEqualTo(START.minus(Duration.ofHours(12)));
    }

    @Test
    void shouldPostBatchesAtEachRollupsCadence() {
        List<SpecificRecord> records = SimRuns.records(BUNDLED, SimRuns.settings().withHistory(Duration.ofHours(22)),
                Scenario.none(), START);

        for (RollupConfig rollup : BUNDLED.all()) {
            RollupModel.Range cadence = RollupModel.of(rollup).batch();
            double median = median(intervals(batchTimes(records, rollup.id())));
            // Uniform draws between the bounds, moved to the next 12-second slot: median ≈ mean + 6 s.
            assertThat(median).as(rollup.id()).isBetween(cadence.mean() * 0.85, cadence.mean() * 1.15 + 12);
        }
        assertThat(median(intervals(batchTimes(records, "base")))).isBetween(80.0, 110.0);
    }

    @Test
    void shouldFollowTheRegistrysProtocolParameters() {
        List<SpecificRecord> records = SimRuns.records(BUNDLED, SimRuns.settings().withHistory(Duration.ofHours(22)),
                Scenario.none(), START);

        // op-mainnet: stateProposalInterval 1h; the proposer lands within two minutes of it.
        List<Long> proposals = intervals(proofTimes(records, "op-mainnet", ProofKind.STATE_PROPOSED));
        assertThat(proposals).isNotEmpty().allSatisfy(gap -> assertThat(gap).isBetween(3480L - 12, 3720L + 12));
        // zksync-era: executionDelay 3h between a batch's commit and its execution.
        Map<Long, Instant> committed = new HashMap<>();
        records.stream().filter(BatchPosted.class::isInstance).map(BatchPosted.class::cast)
                .filter(b -> b.getRollupId().equals("zksync-era"))
                .forEach(b -> committed.put(b.getBatchIndex(), b.getSource().getBlockTime()));
        List<ProofEvent> executions = proofs(records, "zksync-era", ProofKind.STATE_FINALIZED).stream()
                .filter(p -> committed.containsKey(p.getBatchIndexEnd())).toList();
        assertThat(executions).isNotEmpty().allSatisfy(p -> assertThat(Duration.between(
                committed.get(p.getBatchIndexEnd()), p.getSource().getBlockTime())).isGreaterThanOrEqualTo(Duration.ofHours(3)));
        // arbitrum-nova: DAC certificates of the 5-of-6 keyset.
        assertThat(records).filteredOn(BatchPosted.class::isInstance).map(BatchPosted.class::cast)
                .filteredOn(b -> b.getRollupId().equals("arbitrum-nova")).isNotEmpty()
                .allSatisfy(b -> {
                    assertThat(b.getDaMode()).isEqualTo(DaMode.DAC_CERTIFICATE);
                    assertThat(b.getDacSigners()).isEqualTo(6);
                    assertThat(b.getDacMembers()).isEqualTo(6);
                    assertThat(b.getDacThreshold()).isEqualTo(5);
                });
        // arbitrum-one: assertions carry the end of the 45 818-block challenge period.
        assertThat(proofs(records, "arbitrum-one", ProofKind.STATE_PROPOSED)).isNotEmpty().allSatisfy(p ->
                assertThat(Duration.between(p.getSource().getBlockTime(), p.getChallengePeriodEnd()))
                        .isEqualTo(Duration.ofSeconds(45_818 * 12)));
    }

    @Test
    void shouldGiveEveryRecordAConsistentL1PositionAndExactAmounts() {
        List<SpecificRecord> records = SimRuns.records(BUNDLED, TWELVE_HOURS, Scenario.defaultIncidents(),
                START.plus(Duration.ofHours(1)));
        Map<Long, String> hashes = new HashMap<>();
        for (SpecificRecord record : records) {
            Source source = source(record);
            if (source != null) {
                assertThat(source.getBlockNumber()).isEqualTo(L1Chain.block(source.getBlockTime()));
                assertThat(L1Chain.time(source.getBlockNumber())).isEqualTo(source.getBlockTime());
                assertThat(source.getTxHash()).matches("0x[0-9a-f]{64}");
                String known = hashes.putIfAbsent(source.getBlockNumber(), source.getBlockHash());
                assertThat(known == null || known.equals(source.getBlockHash())).isTrue();
            }
            if (record instanceof IngestProgress progress) {
                assertThat(progress.getL1HeadBlock() - progress.getScannedThroughBlock()).isEqualTo(2);
                assertThat(progress.getScannedThroughBlock()).isEqualTo(L1Chain.block(progress.getScannedThroughTime()));
            }
            if (record instanceof BridgeEvent bridge && bridge.getAmount() != null) {
                assertThat(bridge.getAmount()).matches("[1-9][0-9]*");
            }
            if (record instanceof BatchPosted batch) {
                assertThat(batch.getFeeWei()).matches("[1-9][0-9]*");
                assertThat(batch.getBlobVersionedHashes()).allSatisfy(h -> assertThat(h).matches("0x01[0-9a-f]{62}"));
            }
        }
    }

    @Test
    void shouldDeriveL1BlocksFromTheMerge() {
        assertThat(L1Chain.block(Instant.parse("2022-09-15T06:42:59Z"))).isEqualTo(15_537_394L);
        assertThat(L1Chain.block(Instant.parse("2022-09-15T06:43:11Z"))).isEqualTo(15_537_395L);
        assertThat(L1Chain.block(Instant.parse("2022-09-15T06:43:10Z"))).isEqualTo(15_537_394L);
        assertThat(L1Chain.slotAtOrAfter(Instant.parse("2022-09-15T06:43:00Z"))).isEqualTo(Instant.parse("2022-09-15T06:43:11Z"));
        // A block of epoch E is final at the start of epoch E+3: between 65 and 96 slots later.
        assertThat(Duration.between(L1Chain.time(15_537_394L), L1Chain.finalizedAt(15_537_394L))).isEqualTo(Duration.ofSeconds(96 * 12));
        assertThat(Duration.between(L1Chain.time(15_537_425L), L1Chain.finalizedAt(15_537_425L))).isEqualTo(Duration.ofSeconds(65 * 12));
    }

    @Test
    void shouldKeepItsMemoryBoundedOverLongRuns() {
        L1Simulator simulator = L1Simulator.create(SimRuns.only("arbitrum-one", "op-mainnet", "zksync-era"),
                SimRuns.settings().withHistory(Duration.ofDays(9)), Scenario.none(), START);
        int most = 0;
        while (simulator.hasNext()) {
            simulator.next();
            most = Math.max(most, simulator.pendingTasks());
        }
        // Per rollup a handful of actors, plus the confirmations and game resolutions still due within the
        // challenge period: one per hourly proposal (6.4 days for Arbitrum, 3.5 days for OP).
        assertThat(most).isLessThan(400);
    }

    @Test
    void shouldRejectAnIncidentOnARollupThatCannotHaveIt() {
        Scenario dacOnBase = Scenario.of(new Incident(IncidentKind.DAC_FALLBACK, "base", Duration.ZERO, Duration.ofMinutes(5)));
        Scenario unknown = Scenario.of(new Incident(IncidentKind.SEQUENCER_STALL, "nowhere", Duration.ZERO, Duration.ofMinutes(5)));

        assertThatThrownBy(() -> L1Simulator.create(BUNDLED, TWELVE_HOURS, dacOnBase, START))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid scenario: AnyTrust calldata fallback on base for 5m: not possible on a OP_STACK rollup");
        assertThatThrownBy(() -> L1Simulator.create(BUNDLED, TWELVE_HOURS, unknown, START))
                .hasMessage("invalid scenario: sequencer stall of nowhere for 5m: rollup nowhere is not in the registry");
        assertThatThrownBy(() -> L1Simulator.create(BUNDLED, SimulatorSettings.defaults(), Scenario.none(), START))
                .hasMessage("the simulator needs a start (settings.withStart)");
    }

    @Test
    void shouldCheckBlobsAndCertificatesAfterTheyArePosted() {
        List<SpecificRecord> records = SimRuns.records(SimRuns.only("base", "arbitrum-nova"), TWELVE_HOURS,
                Scenario.none(), START);
        Map<String, BatchPosted> byReference = new HashMap<>();
        records.stream().filter(BatchPosted.class::isInstance).map(BatchPosted.class::cast)
                .filter(b -> b.getDaMode() == DaMode.BLOB).forEach(b -> byReference.put(b.getBlobVersionedHashes().get(0), b));
        List<DaObservation> checks = records.stream().filter(DaObservation.class::isInstance)
                .map(DaObservation.class::cast).toList();

        assertThat(checks).isNotEmpty().allSatisfy(check -> {
            assertThat(check.getAvailable()).isTrue();
            assertThat(check.getObservedAt()).isAfter(check.getSource().getBlockTime());
        });
        assertThat(checks).filteredOn(c -> c.getRollupId().equals("base"))
                .allSatisfy(c -> assertThat(byReference).containsKey(c.getReference()));
    }

    // --- helpers ------------------------------------------------------------------------------------

    static List<Instant> batchTimes(List<SpecificRecord> records, String rollupId) {
        return records.stream().filter(BatchPosted.class::isInstance).map(BatchPosted.class::cast)
                .filter(b -> b.getRollupId().equals(rollupId)).map(b -> b.getSource().getBlockTime()).toList();
    }

    private static List<ProofEvent> proofs(List<SpecificRecord> records, String rollupId, ProofKind kind) {
        return records.stream().filter(ProofEvent.class::isInstance).map(ProofEvent.class::cast)
                .filter(p -> p.getRollupId().equals(rollupId) && p.getKind() == kind).toList();
    }

    private static List<Instant> proofTimes(List<SpecificRecord> records, String rollupId, ProofKind kind) {
        return proofs(records, rollupId, kind).stream().map(p -> p.getSource().getBlockTime()).toList();
    }

    static List<Long> intervals(List<Instant> times) {
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < times.size(); i++) {
            long gap = Duration.between(times.get(i - 1), times.get(i)).toSeconds();
            if (gap > 0) {
                gaps.add(gap);
            }
        }
        return gaps;
    }

    static double median(List<Long> values) {
        TreeMap<Long, Integer> sorted = new TreeMap<>();
        values.forEach(v -> sorted.merge(v, 1, Integer::sum));
        List<Long> flat = new ArrayList<>();
        sorted.forEach((v, n) -> {
            for (int i = 0; i < n; i++) {
                flat.add(v);
            }
        });
        int n = flat.size();
        return n % 2 == 1 ? flat.get(n / 2) : (flat.get(n / 2 - 1) + flat.get(n / 2)) / 2.0;
    }

    private static Source source(SpecificRecord record) {
        if (record instanceof BatchPosted r) {
            return r.getSource();
        } else if (record instanceof ProofEvent r) {
            return r.getSource();
        } else if (record instanceof BridgeEvent r) {
            return r.getSource();
        } else if (record instanceof DaObservation r) {
            return r.getSource();
        }
        return null;
    }
}
