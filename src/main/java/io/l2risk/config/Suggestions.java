package io.l2risk.config;

import java.util.Optional;

/** "Did you mean ...?" for a misspelt setting name: the closest known name by edit distance. */
public final class Suggestions {

    private Suggestions() {
    }

    /**
     * The candidate closest to {@code unknown}, if one is near enough to be a typo: at most
     * {@code max(2, length / 6)} edits away.
     */
    public static Optional<String> closest(String unknown, Iterable<String> candidates) {
        String best = null;
        int bestDistance = Math.max(2, unknown.length() / 6) + 1;
        for (String candidate : candidates) {
            int d = levenshtein(unknown, candidate, bestDistance);
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Edit distance, giving up (returning {@code limit}) once it cannot be below {@code limit}. */
    private static int levenshtein(String a, String b, int limit) {
        if (Math.abs(a.length() - b.length()) >= limit) {
            return limit;
        }
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            int rowMin = cur[0];
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
                rowMin = Math.min(rowMin, cur[j]);
            }
            if (rowMin >= limit) {
                return limit;
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return Math.min(prev[b.length()], limit);
    }
}
