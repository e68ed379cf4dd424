package io.l2risk.registry;

import java.util.Locale;
import java.util.Optional;

/** Where a rollup's transaction data is made available. */
public enum DaKind {
    /** Calldata or blobs on Ethereum L1. */
    ETHEREUM,
    /**
     * Arbitrum AnyTrust: a data-availability committee signs certificates, with a fallback to posting
     * the data on L1 when the committee does not sign.
     */
    ANYTRUST,
    /** A validium-style committee with no L1 fallback. */
    DAC,
    /** Another data-availability layer (Celestia, EigenDA, ...). */
    EXTERNAL;

    /** The kind named by {@code text} in any case ({@code anytrust}, {@code ANYTRUST}). */
    public static Optional<DaKind> parse(String text) {
        String normalized = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (DaKind kind : values()) {
            if (kind.name().equals(normalized)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    /** Whether batches are vouched for by a committee, so DAC quorum indicators apply. */
    public boolean hasCommittee() {
        return this == ANYTRUST || this == DAC;
    }
}
