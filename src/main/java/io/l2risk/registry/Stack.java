package io.l2risk.registry;

import java.util.Locale;
import java.util.Optional;

/**
 * The rollup software stack. It decides which L1 contracts and events the ingester decodes and which
 * {@link StackDefaults} apply; {@link #GENERIC} is for a rollup the monitor knows nothing about.
 */
public enum Stack {
    ARBITRUM_NITRO,
    OP_STACK,
    ZKSYNC_ERA,
    SCROLL,
    LINEA,
    STARKNET,
    POLYGON_ZKEVM,
    GENERIC;

    /**
     * The stack named by {@code text}: the constant's name in any case, with {@code -} accepted for
     * {@code _} ({@code op-stack}, {@code OP_STACK}).
     */
    public static Optional<Stack> parse(String text) {
        String normalized = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (Stack stack : values()) {
            if (stack.name().equals(normalized)) {
                return Optional.of(stack);
            }
        }
        return Optional.empty();
    }
}
