package io.l2risk.embedded.sim;

import io.l2risk.avro.DaMode;
import io.l2risk.registry.ProtocolParams;
import io.l2risk.registry.RollupConfig;
import java.time.Duration;
import java.time.Instant;

/**
 * The cadences and volumes one simulated rollup follows. Protocol parameters come from the rollup
 * registry where it has them (OP Mainnet's proposal interval, Arbitrum's challenge period, Nova's DAC,
 * zkSync Era's execution delay); the rest are typical values of each chain, stated per rollup in
 * {@link #of} with where they come from. Where no public source fixed a number it is marked as our
 * assumption: the point is a plausible rhythm with realistic spread, not a replica of one day of
 * mainnet. Intervals are drawn uniformly between their bounds, which keeps every gap well inside the
 * learned thresholds (2 × p99.9 and more) — ordinary traffic must not page.
 *
 * @param batch            seconds between batch postings (min, max)
 * @param daMode           how batch data is posted
 * @param blobs            blobs per batch (min, max); ignored unless {@code daMode} is BLOB
 * @param dataBytes        bytes of calldata per batch (min, max) when {@code daMode} is CALLDATA
 * @param proposal         seconds between state proposals (OP dispute games, Arbitrum assertions);
 *                         null where each commit is the state commitment
 * @param prove            seconds between proof transactions; null without a separate proof step
 * @param proveAfter       a committed batch is proven once it is this old
 * @param finalization     seconds between finalization transactions; null without one
 * @param finalizeAfter    a batch is finalized once it is this old (and proven, with a proof step)
 * @param challengePeriod  optimistic challenge window (confirmations, game resolutions), else null
 * @param depositsPerHour  L1→L2 deposits and messages per hour (mean; a diurnal rhythm on top)
 * @param withdrawalsPerHour withdrawals finalized on L1 per hour (mean)
 * @param queue            how the L1→L2 queue's consumption shows on L1
 * @param queueDelay       seconds after enqueueing (or L1 finality) before a batch may consume a message
 * @param l2BlockAtRef     L2 block number at {@link #REF}
 * @param l2BlocksPerSecond L2 block rate
 * @param batchIndexAtRef  batch index at {@link #REF}
 * @param queueIndexAtRef  L1→L2 queue position at {@link #REF}
 * @param executionGas     L1 gas of a batch transaction besides its data, for {@code feeWei}
 */
record RollupModel(Range batch, DaMode daMode, Range blobs, Range dataBytes, Range proposal, Range prove,
                   Duration proveAfter, Range finalization, Duration finalizeAfter, Duration challengePeriod,
                   double depositsPerHour, double withdrawalsPerHour, Queue queue, Range queueDelay,
                   long l2BlockAtRef, double l2BlocksPerSecond, long batchIndexAtRef, long queueIndexAtRef,
                   long executionGas) {

    /** The reference instant of the counters: 2025-01-01T00:00:00Z. */
    static final Instant REF = Instant.parse("2025-01-01T00:00:00Z");

    /** How consumption of the L1→L2 queue is visible in the batches. */
    enum Queue {
        /** Not per batch (consumed at a later state update, or not on L1): deposits carry no queue index. */
        NONE,
        /** The sequencer reads a message once its L1 block is final, plus {@code queueDelay}. */
        FINALITY,
        /** The sequencer reads a message {@code queueDelay} after it was enqueued. */
        DELAY
    }

    /** A closed range of seconds (or counts). */
    record Range(long min, long max) {
        Range {
            if (min < 0 || max < min) {
                throw new IllegalArgumentException("bad range " + min + ".." + max);
            }
        }

        static Range minutes(long min, long max) {
            return new Range(min * 60, max * 60);
        }

        double mean() {
            return (min + max) / 2.0;
        }
    }

    /** L2 block number at {@code time}. */
    long l2Block(Instant time) {
        return l2BlockAtRef + (long) Math.floor((time.getEpochSecond() - REF.getEpochSecond()) * l2BlocksPerSecond);
    }

    /** Batch index the rollup had reached at {@code time}, from its mean cadence. */
    long batchIndex(Instant time) {
        return batchIndexAtRef + Math.floorDiv(time.getEpochSecond() - REF.getEpochSecond(), Math.round(batch.mean()));
    }

    /** Queue position the rollup had reached at {@code time}, from its mean deposit rate. */
    long queueIndex(Instant time) {
        return queueIndexAtRef + (long) Math.floor((time.getEpochSecond() - REF.getEpochSecond()) / 3600.0 * depositsPerHour);
    }

    /** The model of {@code rollup}: its own numbers for the bundled presets, else its stack's. */
    static RollupModel of(RollupConfig rollup) {
        ProtocolParams p = rollup.params();
        Duration challenge = p.challengePeriod().orElse(null);
        return switch (rollup.id()) {
            // Arbitrum One. Batches: blob batches every few minutes — during the 2023-12-15 outage the gaps of
            // 9–17 minutes were the anomaly (incidents.md #1, measured); 2–6 minutes is our assumption for normal
            // days. Assertions about hourly (assumption; arbitrum-monitoring alerts at max(4 h, 2 × interval),
            // anchors.md A1), confirmed after confirmPeriodBlocks (registry). Delayed-inbox messages are read
            // once their L1 block is final (Nitro's delayed sequencer follows finality) and posted with the next
            // batch: ≈13–25 minutes, matching the ≈900 s normal wait measured in incidents.md #1.
            case "arbitrum-one" -> new RollupModel(new Range(120, 360), DaMode.BLOB, new Range(3, 6), null,
                    Range.minutes(57, 63), null, null, null, null, challenge, 40, 12, Queue.FINALITY, new Range(0, 30),
                    290_000_000L, 4, 720_000, 1_800_000, 160_000);
            // Arbitrum Nova: the same software with DAC certificates (registry: da ANYTRUST, 5 of 6); far less
            // traffic, so batches are further apart (assumption: 3–10 minutes).
            case "arbitrum-nova" -> new RollupModel(new Range(180, 600), DaMode.DAC_CERTIFICATE, null, null,
                    Range.minutes(57, 63), null, null, null, null, challenge, 4, 1.5, Queue.FINALITY, new Range(0, 30),
                    80_000_000L, 1, 250_000, 160_000, 120_000);
            // OP Mainnet: blob batches every 2–5 minutes (assumption); a dispute game per stateProposalInterval
            // (registry, 1 h), resolved for the defender after the 3.5-day game clock.
            case "op-mainnet" -> new RollupModel(new Range(120, 300), DaMode.BLOB, new Range(1, 3), null,
                    proposalRange(p.stateProposalInterval().orElse(Duration.ofHours(1))), null, null, null, null,
                    challenge, 15, 5, Queue.NONE, null, 130_200_000L, 0.5, 0, 0, 21_000);
            // Base: batches every 60–120 s with several blobs (the cadence assumed by BaseStallIncidentTest;
            // incidents.md gives none); proposals hourly like OP Mainnet (assumption, the registry has no value).
            case "base" -> new RollupModel(new Range(60, 120), DaMode.BLOB, new Range(4, 6), null,
                    proposalRange(p.stateProposalInterval().orElse(Duration.ofHours(1))), null, null, null, null,
                    challenge, 30, 10, Queue.NONE, null, 24_400_000L, 0.5, 0, 0, 21_000);
            // zkSync Era: commit every 3–8 minutes, proofs batched every 15–45 minutes for batches committed
            // 40+ minutes earlier, execution held back by the ValidatorTimelock's executionDelay (registry, 3 h).
            // Priority operations are included within minutes and committed with the next batch (assumption).
            case "zksync-era" -> new RollupModel(new Range(180, 480), DaMode.BLOB, new Range(1, 2), null, null,
                    Range.minutes(15, 45), Duration.ofMinutes(40), Range.minutes(15, 45),
                    p.executionDelay().orElse(Duration.ofHours(3)), null, 10, 5, Queue.DELAY, new Range(120, 420),
                    52_000_000L, 1, 500_000, 3_000_000, 250_000);
            // Scroll: commit every 1.5–4 minutes, bundles finalized with their proof every 20–40 minutes for
            // batches at least 30 minutes old (assumption); L1 messages read from finalized L1 blocks.
            case "scroll" -> new RollupModel(new Range(90, 240), DaMode.BLOB, new Range(1, 1), null, null, null, null,
                    Range.minutes(20, 40), Duration.ofMinutes(30), null, 8, 4, Queue.FINALITY, new Range(0, 60),
                    12_000_000L, 1 / 3.0, 330_000, 1_000_000, 200_000);
            // Linea: blob submissions every 5–15 minutes, finalization with the aggregated proof every 40–100
            // minutes (assumption); L1→L2 messages are anchored off the batches, so no queue is visible per batch.
            case "linea" -> new RollupModel(new Range(300, 900), DaMode.BLOB, new Range(1, 3), null, null, null, null,
                    Range.minutes(40, 100), Duration.ofMinutes(30), null, 10, 6, Queue.NONE, null,
                    14_000_000L, 0.5, 0, 0, 150_000);
            // Starknet: a state update with its blobs every 8–25 minutes, final at once (its SHARP proof is
            // verified before updateState) — assumption; L1→L2 messages are consumed at state updates.
            case "starknet" -> new RollupModel(new Range(480, 1500), DaMode.BLOB, new Range(1, 2), null, null, null,
                    null, null, null, null, 6, 3, Queue.NONE, null, 1_000_000L, 0.05, 0, 0, 400_000);
            // Polygon zkEVM: calldata sequences every 3–12 minutes and trusted-aggregator verifications every
            // 20–60 minutes (assumption; the chain is being sunset, so traffic is low).
            case "polygon-zkevm" -> new RollupModel(new Range(180, 720), DaMode.CALLDATA, null, new Range(20_000, 60_000),
                    null, Range.minutes(20, 60), Duration.ofMinutes(15), null, null, null, 1, 0.6, Queue.NONE, null,
                    18_000_000L, 0.2, 2_400_000, 0, 21_000);
            default -> byStack(rollup, challenge);
        };
    }

    private static RollupModel byStack(RollupConfig rollup, Duration challenge) {
        ProtocolParams p = rollup.params();
        return switch (rollup.stack()) {
            case ARBITRUM_NITRO -> new RollupModel(new Range(180, 600),
                    rollup.anyTrust() ? DaMode.DAC_CERTIFICATE : DaMode.BLOB, new Range(1, 3), null,
                    Range.minutes(57, 63), null, null, null, null, challenge, 5, 2, Queue.FINALITY, new Range(0, 30),
                    10_000_000L, 1, 10_000, 10_000, 160_000);
            case OP_STACK -> new RollupModel(new Range(120, 300), DaMode.BLOB, new Range(1, 2), null,
                    proposalRange(p.stateProposalInterval().orElse(Duration.ofHours(1))), null, null, null, null,
                    challenge, 5, 2, Queue.NONE, null, 10_000_000L, 0.5, 0, 0, 21_000);
            case ZKSYNC_ERA, SCROLL, POLYGON_ZKEVM -> new RollupModel(new Range(180, 600), DaMode.BLOB, new Range(1, 1),
                    null, null, Range.minutes(20, 40), Duration.ofMinutes(30), Range.minutes(20, 40),
                    p.executionDelay().orElse(Duration.ofHours(1)), null, 3, 1, Queue.NONE, null, 1_000_000L, 1,
                    10_000, 0, 200_000);
            case LINEA, STARKNET -> new RollupModel(new Range(300, 900), DaMode.BLOB, new Range(1, 1), null, null, null,
                    null, Range.minutes(40, 100), Duration.ofMinutes(30), null, 3, 1, Queue.NONE, null, 1_000_000L, 0.5,
                    0, 0, 150_000);
            case GENERIC -> new RollupModel(new Range(120, 600), DaMode.CALLDATA, null, new Range(5_000, 50_000), null,
                    null, null, null, null, challenge, 2, 1, Queue.NONE, null, 1_000_000L, 0.5, 0, 0, 21_000);
        };
    }

    /** A proposer that posts on the interval, give or take two minutes of L1 inclusion. */
    private static Range proposalRange(Duration interval) {
        return new Range(Math.max(60, interval.toSeconds() - 120), interval.toSeconds() + 120);
    }
}
