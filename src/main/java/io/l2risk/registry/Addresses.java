package io.l2risk.registry;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** L1 account addresses as the registry stores them: {@code 0x} and 40 lower-case hex digits. */
public final class Addresses {

    private static final Pattern ADDRESS = Pattern.compile("0[xX][0-9a-fA-F]{40}");

    private Addresses() {
    }

    /** Whether {@code text} is {@code 0x} followed by exactly 40 hex digits, in any case. */
    public static boolean isAddress(String text) {
        return text != null && ADDRESS.matcher(text).matches();
    }

    /**
     * {@code text} in lower case when it is an address. The EIP-55 checksum of mixed-case input is not
     * verified (that needs Keccak-256, which this package does not carry).
     */
    public static Optional<String> normalize(String text) {
        return isAddress(text) ? Optional.of(text.toLowerCase(Locale.ROOT)) : Optional.empty();
    }

    /**
     * {@code text} in lower case.
     *
     * @throws IllegalArgumentException if it is not an address
     */
    public static String require(String text) {
        return normalize(text).orElseThrow(
                () -> new IllegalArgumentException("\"" + text + "\" is not a 20-byte address"));
    }
}
