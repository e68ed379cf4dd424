package io.l2risk.testing;

import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Names no other caller in this JVM gets: {@code prefix-<n>-<random>}. The counter makes them
 * unique in the JVM; the random part keeps them apart from names an earlier run left in a
 * long-lived cluster. Valid as topic, group, transactional id and subject names.
 */
final class UniqueNames {

    private static final Pattern VALID_PREFIX = Pattern.compile("[a-zA-Z0-9._-]{1,200}");
    private static final AtomicLong COUNTER = new AtomicLong();
    private static final int RANDOM_CHARS = 6;
    private static final long RANDOM_BOUND = (long) Math.pow(36, RANDOM_CHARS);

    private UniqueNames() {
    }

    static String next(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        if (!VALID_PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("prefix must be 1-200 of [a-zA-Z0-9._-] (a legal topic name), got '"
                    + prefix + "'");
        }
        String random = Long.toString(ThreadLocalRandom.current().nextLong(RANDOM_BOUND), 36);
        return prefix + "-" + COUNTER.incrementAndGet() + "-" + "0".repeat(RANDOM_CHARS - random.length()) + random;
    }
}
