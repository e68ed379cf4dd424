package io.l2risk.ingest.decode;

import io.l2risk.ingest.L1Log;
import io.l2risk.ingest.L1Transaction;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.web3j.crypto.Hash;

/**
 * Function-call helpers for decoders that read a log's transaction input or make an {@code eth_call}:
 * 4-byte selectors computed from canonical signatures (never copied hex), argument decoding behind a
 * selector, and the hex words of a call.
 */
final class Calls {

    private static final int SELECTOR = 4;

    private Calls() {
    }

    /** The 4-byte selector of a canonical function signature, as {@code 0x} and 8 hex digits. */
    static String selector(String canonicalSignature) {
        return Hash.sha3String(canonicalSignature).substring(0, 2 + 2 * SELECTOR);
    }

    /** The selector of {@code input} ({@code 0x} hex), lower case; empty when the input is shorter than 4 bytes. */
    static Optional<String> selectorOf(String input) {
        String digits = input.startsWith("0x") || input.startsWith("0X") ? input.substring(2) : input;
        return digits.length() < 2 * SELECTOR ? Optional.empty()
                : Optional.of("0x" + digits.substring(0, 2 * SELECTOR).toLowerCase(Locale.ROOT));
    }

    /**
     * The leading arguments {@code types} of a call's input (the selector already checked): a prefix of
     * the parameter list decodes alone, because every parameter has a fixed-size head.
     *
     * @throws AbiDecodingException when the input does not decode
     */
    static List<Object> arguments(String input, List<String> types) {
        byte[] bytes = AbiDecoder.bytes(input);
        return AbiDecoder.decodeArguments(types, Arrays.copyOfRange(bytes, SELECTOR, bytes.length));
    }

    /** Whether {@code tx} is a direct call of {@code to} with one of {@code selectors}. */
    static boolean calls(Optional<L1Transaction> tx, String to, List<String> selectors) {
        return tx.isPresent() && tx.get().to() != null && tx.get().to().equalsIgnoreCase(to)
                && selectorOf(tx.get().input()).map(selectors::contains).orElse(false);
    }

    /** {@code selector} followed by one 32-byte argument ({@code 0x} and 64 hex digits). */
    static String callData(String selector, String word) {
        return selector + strip(word);
    }

    /** {@code value} as one ABI word, {@code 0x} and 64 hex digits (two's complement for negatives). */
    static String word(BigInteger value) {
        return AbiDecoder.hex(ValidityDecoding.word(value));
    }

    /** The log's {@code index}-th topic after topic0, as a {@code 0x} word, or null when it has none. */
    static String topic(L1Log log, int index) {
        return log.topics().size() > index ? log.topics().get(index).toLowerCase(Locale.ROOT) : null;
    }

    /** Whether a bytes32 value ({@code 0x} hex) is all zeros. */
    static boolean isZero(String bytes32) {
        return strip(bytes32).chars().allMatch(c -> c == '0');
    }

    /** The address held in the low 20 bytes of a word. */
    static String addressOf(String word) {
        String digits = strip(word);
        return "0x" + digits.substring(digits.length() - 40).toLowerCase(Locale.ROOT);
    }

    /**
     * {@code value} as a {@code long}.
     *
     * @throws AbiDecodingException when it does not fit (no real block number or timestamp does)
     */
    static long toLong(BigInteger value) {
        if (value.bitLength() > 63) {
            throw new AbiDecodingException(value + " does not fit a long");
        }
        return value.longValue();
    }

    private static String strip(String hex) {
        return hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
    }
}
