package io.l2risk.engine.indicators;

import java.util.Map;

/** Small wording and evidence helpers shared by the data-availability and state-validation indicators. */
final class DaSupport {

    private DaSupport() {
    }

    /** Adds {@code value.toString()} under {@code key} unless the value is unknown. */
    static void put(Map<String, String> evidence, String key, Object value) {
        if (value != null) {
            evidence.put(key, value.toString());
        }
    }

    /** {@code batch 812}, or {@code a batch} when the stack does not number batches. */
    static String batch(Long index) {
        return index == null ? "a batch" : "batch " + index;
    }

    /** The first letter in upper case, to start a sentence with a generated phrase. */
    static String capitalize(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** {@code 0x1234abcd…ef01}: a hash short enough for a sentence (evidence carries it in full). */
    static String shortHex(String hex) {
        return hex.length() > 14 ? hex.substring(0, 10) + "…" + hex.substring(hex.length() - 4) : hex;
    }

    /** {@code 1 batch}, {@code 3 batches}. */
    static String count(long n, String singular, String plural) {
        return n + " " + (n == 1 ? singular : plural);
    }
}
