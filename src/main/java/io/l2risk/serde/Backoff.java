package io.l2risk.serde;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: retry {@code n} (0-based) waits a random time between half and all
 * of {@code min(max, initial * 2^n)}, so clients that failed together do not retry together.
 */
record Backoff(Duration initial, Duration max) {

    Backoff {
        if (initial.isNegative() || max.isNegative()) {
            throw new IllegalArgumentException("backoff must not be negative");
        }
    }

    /** Upper bound of the wait before retry {@code retry} (0-based). */
    long ceilingMillis(int retry) {
        long initialMs = initial.toMillis();
        long maxMs = Math.max(initialMs, max.toMillis());
        int shift = Math.min(retry, 30);
        long exponential = initialMs << shift;
        return exponential < 0 || exponential > maxMs ? maxMs : exponential;
    }

    /** The jittered wait before retry {@code retry} (0-based). */
    long delayMillis(int retry) {
        long ceiling = ceilingMillis(retry);
        long half = ceiling / 2;
        return half + ThreadLocalRandom.current().nextLong(ceiling - half + 1);
    }
}
