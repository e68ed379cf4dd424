package io.l2risk.registry;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Protocol parameters of a rollup that the indicators turn into bounds. Every value is optional: an
 * absent one means "the protocol defines none" or "not known", and the indicator falls back to the
 * rollup's own history. Durations are wall-clock on L1; block-denominated parameters are converted at
 * 12 s per L1 slot.
 *
 * @param challengePeriod       optimistic rollups: how long a state commitment can be disputed before it
 *                              is final (Arbitrum {@code confirmPeriodBlocks}, OP proof maturity delay)
 * @param forceInclusionWindow  how long the sequencer may ignore an L1-queued transaction before users can
 *                              force it in (Arbitrum {@code maxTimeVariation}, OP {@code seq_window_size})
 * @param maxBatchInterval      an explicit static bound on the gap between batches; when absent the engine
 *                              derives one from {@code forceInclusionWindow}
 * @param stateProposalInterval the expected cadence of state commitments (e.g. OP output proposals)
 * @param dacThreshold          committee signatures a data-availability certificate needs
 * @param dacMembers            committee size
 * @param blobRetention         how long consensus clients must serve blob sidecars
 * @param finalizationGrace     slack on top of {@code challengePeriod} before a proposal counts as overdue
 * @param executionDelay        ZK stacks: the timelock between proof and execution (zkSync
 *                              {@code ValidatorTimelock.executionDelay})
 */
public record ProtocolParams(
        Optional<Duration> challengePeriod,
        Optional<Duration> forceInclusionWindow,
        Optional<Duration> maxBatchInterval,
        Optional<Duration> stateProposalInterval,
        Optional<Integer> dacThreshold,
        Optional<Integer> dacMembers,
        Optional<Duration> blobRetention,
        Optional<Duration> finalizationGrace,
        Optional<Duration> executionDelay) {

    /** The YAML keys under {@code params}, in declaration order. */
    public static final List<String> KEYS = List.of("challengePeriod", "forceInclusionWindow", "maxBatchInterval",
            "stateProposalInterval", "dacThreshold", "dacMembers", "blobRetention", "finalizationGrace",
            "executionDelay");

    /** No parameter known. */
    public static final ProtocolParams NONE = builder().build();

    /**
     * Rejects negative values and a threshold above the committee size.
     *
     * @throws IllegalArgumentException naming the offending parameter
     */
    public ProtocolParams {
        requireNonNegative("challengePeriod", challengePeriod);
        requireNonNegative("forceInclusionWindow", forceInclusionWindow);
        requireNonNegative("maxBatchInterval", maxBatchInterval);
        requireNonNegative("stateProposalInterval", stateProposalInterval);
        requireNonNegative("blobRetention", blobRetention);
        requireNonNegative("finalizationGrace", finalizationGrace);
        requireNonNegative("executionDelay", executionDelay);
        Objects.requireNonNull(dacThreshold, "dacThreshold");
        Objects.requireNonNull(dacMembers, "dacMembers");
        dacThreshold.filter(n -> n < 0).ifPresent(n -> {
            throw new IllegalArgumentException("dacThreshold must not be negative, not " + n);
        });
        dacMembers.filter(n -> n < 0).ifPresent(n -> {
            throw new IllegalArgumentException("dacMembers must not be negative, not " + n);
        });
        if (dacThreshold.isPresent() && dacMembers.isPresent() && dacThreshold.get() > dacMembers.get()) {
            throw new IllegalArgumentException(
                    "dacThreshold " + dacThreshold.get() + " exceeds dacMembers " + dacMembers.get());
        }
    }

    /** A builder with nothing set. */
    public static Builder builder() {
        return new Builder();
    }

    /** Each value of this, or of {@code fallback} where this has none. */
    public ProtocolParams orElse(ProtocolParams fallback) {
        return new ProtocolParams(
                or(challengePeriod, fallback.challengePeriod),
                or(forceInclusionWindow, fallback.forceInclusionWindow),
                or(maxBatchInterval, fallback.maxBatchInterval),
                or(stateProposalInterval, fallback.stateProposalInterval),
                or(dacThreshold, fallback.dacThreshold),
                or(dacMembers, fallback.dacMembers),
                or(blobRetention, fallback.blobRetention),
                or(finalizationGrace, fallback.finalizationGrace),
                or(executionDelay, fallback.executionDelay));
    }

    private static <T> Optional<T> or(Optional<T> value, Optional<T> fallback) {
        return value.isPresent() ? value : fallback;
    }

    private static void requireNonNegative(String name, Optional<Duration> value) {
        Objects.requireNonNull(value, name);
        value.filter(Duration::isNegative).ifPresent(d -> {
            throw new IllegalArgumentException(name + " must not be negative, not " + d);
        });
    }

    /** Sets values one by one; unset ones stay absent. */
    public static final class Builder {
        private Duration challengePeriod;
        private Duration forceInclusionWindow;
        private Duration maxBatchInterval;
        private Duration stateProposalInterval;
        private Integer dacThreshold;
        private Integer dacMembers;
        private Duration blobRetention;
        private Duration finalizationGrace;
        private Duration executionDelay;

        private Builder() {
        }

        public Builder challengePeriod(Duration value) {
            this.challengePeriod = value;
            return this;
        }

        public Builder forceInclusionWindow(Duration value) {
            this.forceInclusionWindow = value;
            return this;
        }

        public Builder maxBatchInterval(Duration value) {
            this.maxBatchInterval = value;
            return this;
        }

        public Builder stateProposalInterval(Duration value) {
            this.stateProposalInterval = value;
            return this;
        }

        public Builder dacThreshold(Integer value) {
            this.dacThreshold = value;
            return this;
        }

        public Builder dacMembers(Integer value) {
            this.dacMembers = value;
            return this;
        }

        public Builder blobRetention(Duration value) {
            this.blobRetention = value;
            return this;
        }

        public Builder finalizationGrace(Duration value) {
            this.finalizationGrace = value;
            return this;
        }

        public Builder executionDelay(Duration value) {
            this.executionDelay = value;
            return this;
        }

        /** @throws IllegalArgumentException as {@link ProtocolParams#ProtocolParams} does */
        public ProtocolParams build() {
            return new ProtocolParams(Optional.ofNullable(challengePeriod), Optional.ofNullable(forceInclusionWindow),
                    Optional.ofNullable(maxBatchInterval), Optional.ofNullable(stateProposalInterval),
                    Optional.ofNullable(dacThreshold), Optional.ofNullable(dacMembers),
                    Optional.ofNullable(blobRetention), Optional.ofNullable(finalizationGrace),
                    Optional.ofNullable(executionDelay));
        }
    }
}
