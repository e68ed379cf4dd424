package io.l2risk.engine;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * What the engine needs to know about one rollup: its stack and the protocol parameters that give
 * static bounds, plus per-indicator threshold overrides. Built from the rollup registry; every
 * protocol value may be {@code null} when the protocol defines none (a zk rollup has no challenge period).
 *
 * @param rollupId              registry id, e.g. {@code arbitrum-one}
 * @param stack                 stack name (ARBITRUM_NITRO, OP_STACK, ..., GENERIC)
 * @param known                 false for a rollup that is not in the registry (GENERIC defaults)
 * @param anyTrust              true for a chain whose data is normally a DAC certificate (AnyTrust, validium)
 * @param challengePeriod       optimistic challenge window
 * @param forceInclusionWindow  delay after which users can force-include an L1→L2 message
 * @param maxBatchInterval      static bound on the gap between batches the protocol allows, if any
 * @param stateProposalInterval expected cadence of state proposals/commitments, if the protocol sets one
 * @param finalizationGrace     slack after the challenge period before a proposal counts as overdue
 * @param blobRetention         how long consensus clients keep blobs (≈18 days)
 * @param dacThreshold          DAC signatures required, if the chain has a DAC
 * @param dacMembers            DAC size, if known
 * @param thresholds            indicator id → parameter → value (strings, parsed by {@link Params})
 */
public record RollupProfile(String rollupId, String stack, boolean known, boolean anyTrust,
                            Duration challengePeriod, Duration forceInclusionWindow, Duration maxBatchInterval,
                            Duration stateProposalInterval, Duration finalizationGrace, Duration blobRetention,
                            Integer dacThreshold, Integer dacMembers,
                            Map<String, Map<String, String>> thresholds) {

    /** Blobs are kept 4096 epochs × 32 slots × 12 s ≈ 18.2 days (EIP-4844 MIN_EPOCHS_FOR_BLOB_SIDECARS_REQUESTS). */
    public static final Duration DEFAULT_BLOB_RETENTION = Duration.ofSeconds(4096L * 32 * 12);

    public RollupProfile {
        Objects.requireNonNull(rollupId, "rollupId");
        Objects.requireNonNull(stack, "stack");
        blobRetention = blobRetention == null ? DEFAULT_BLOB_RETENTION : blobRetention;
        thresholds = thresholds == null ? Map.of() : Map.copyOf(thresholds);
    }

    /** A rollup the registry does not know: GENERIC stack, no protocol bounds, adaptive thresholds only. */
    public static RollupProfile generic(String rollupId) {
        return new RollupProfile(rollupId, "GENERIC", false, false, null, null, null, null, null, null,
                null, null, Map.of());
    }

    /** The overrides for one indicator (empty when none). */
    public Params params(IndicatorKind kind) {
        return new Params(rollupId, kind, thresholds.getOrDefault(kind.name(), Map.of()));
    }
}
