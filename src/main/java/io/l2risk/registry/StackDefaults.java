package io.l2risk.registry;

import java.time.Duration;

/**
 * Protocol parameters every rollup of a stack shares unless its registry entry says otherwise. They are
 * merged <em>under</em> a rollup's explicit values ({@link ProtocolParams#orElse}). Each value names its
 * source; a rollup whose chain was configured differently must say so in its own entry.
 */
public final class StackDefaults {

    /** L1 seconds per slot, used to turn block-denominated protocol parameters into durations. */
    public static final Duration L1_SLOT = Duration.ofSeconds(12);

    /**
     * Blob sidecars are served for {@code MIN_EPOCHS_FOR_BLOB_SIDECARS_REQUESTS} = 4096 epochs of 32 slots
     * (ethereum/consensus-specs, specs/deneb/p2p-interface.md), i.e. about 18.2 days. It is a property of
     * L1, so it applies to every stack, {@link Stack#GENERIC} included.
     */
    public static final Duration BLOB_RETENTION = L1_SLOT.multipliedBy(4096L * 32);

    /**
     * Arbitrum {@code confirmPeriodBlocks} = 45 818 L1 blocks, "~6.4 days"
     * (OffchainLabs/nitro-contracts scripts/files/configs/arb1.ts, the BoLD upgrade settings for Arbitrum
     * One; the same value the arbitrum-monitoring assertion monitor uses).
     */
    public static final Duration ARBITRUM_CHALLENGE_PERIOD = L1_SLOT.multipliedBy(45_818);

    /**
     * Arbitrum {@code SequencerInbox.maxTimeVariation}: delayBlocks 7 200 and delaySeconds 86 400; force
     * inclusion needs both to have elapsed, so the window is 24 h (L2BEAT
     * packages/config/src/projects/arbitrum/ethereum/discovered.json @cce6b55, block 22032270).
     */
    public static final Duration ARBITRUM_FORCE_INCLUSION = Duration.ofHours(24);

    /**
     * Slack before an Arbitrum assertion counts as not confirmed in time: arbitrum-monitoring's
     * {@code UNCONFIRMED_ASSERTION_GRACE_SECONDS} = 4 h (packages/assertion-monitor, see anchors.md A1).
     */
    public static final Duration ARBITRUM_FINALIZATION_GRACE = Duration.ofHours(4);

    /**
     * OP Stack withdrawal finality: {@code finalizationPeriodSeconds} and {@code proofMaturityDelaySeconds}
     * = 604 800 s (ethereum-optimism/optimism packages/contracts-bedrock/deploy-config/mainnet.json).
     */
    public static final Duration OP_CHALLENGE_PERIOD = Duration.ofDays(7);

    /**
     * OP Stack sequencing window: {@code seq_window_size} = 3 600 L1 blocks, 12 h, the standard
     * superchain value (ethereum-optimism/superchain-registry superchain/configs/mainnet/op.toml and
     * base.toml; deploy-config/mainnet.json {@code sequencerWindowSize}).
     */
    public static final Duration OP_FORCE_INCLUSION = L1_SLOT.multipliedBy(3_600);

    private StackDefaults() {
    }

    /** The defaults of {@code stack}. */
    public static ProtocolParams of(Stack stack) {
        ProtocolParams.Builder defaults = ProtocolParams.builder().blobRetention(BLOB_RETENTION);
        switch (stack) {
            case ARBITRUM_NITRO -> defaults.challengePeriod(ARBITRUM_CHALLENGE_PERIOD)
                    .forceInclusionWindow(ARBITRUM_FORCE_INCLUSION)
                    .finalizationGrace(ARBITRUM_FINALIZATION_GRACE);
            case OP_STACK -> defaults.challengePeriod(OP_CHALLENGE_PERIOD)
                    .forceInclusionWindow(OP_FORCE_INCLUSION);
            // Validity-proof stacks have no challenge period, and their escape hatches (zkSync priority
            // queue, Scroll enforced mode, Linea liveness recovery, Polygon forced batches) are per-chain
            // settings with no common value: their presets carry what is known.
            case ZKSYNC_ERA, SCROLL, LINEA, STARKNET, POLYGON_ZKEVM, GENERIC -> {
            }
        }
        return defaults.build();
    }
}
