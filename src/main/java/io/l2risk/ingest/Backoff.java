package io.l2risk.ingest;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter for {@link RpcException.Kind#RETRIABLE} failures: the cap doubles
 * from {@code initial} with each attempt up to {@code max}, and the delay is drawn uniformly from
 * the upper half of the cap ("equal jitter"), so that instances hit by the same 429 spread out
 * while each still waits at least half the cap.
 */
public final class Backoff {

    private final long initialMillis;
    private final long maxMillis;
    private final RandomGenerator random;

    public Backoff(Duration initial, Duration max, RandomGenerator random) {
        this.initialMillis = Objects.requireNonNull(initial, "initial").toMillis();
        this.maxMillis = Objects.requireNonNull(max, "max").toMillis();
        this.random = Objects.requireNonNull(random, "random");
        if (initialMillis < 1 || maxMillis < initialMillis) {
            throw new IllegalArgumentException("need 1 ms <= initial <= max, got " + initial + " and " + max);
        }
    }

    /** The wait before retry number {@code attempt} (1 for the first retry). */
    public Duration delay(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt starts at 1, got " + attempt);
        }
        // Shifting past 62 bits would overflow; by then the cap is max anyway.
        long cap = attempt > 40 ? maxMillis : Math.min(maxMillis, initialMillis << (attempt - 1));
        long half = cap / 2;
        return Duration.ofMillis(cap - half + random.nextLong(half + 1));
    }
}
