package io.l2risk.bench;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** The bench's one way of waiting for a condition: poll at an interval until an answer or a deadline. */
final class Poll {

    /** One look at the condition: the answer, or {@code null} to look again after the interval. */
    @FunctionalInterface
    interface Attempt<T> {
        T get() throws InterruptedException;
    }

    private Poll() {
    }

    /**
     * Calls {@code attempt} every {@code interval} until it answers (not {@code null}) and returns the
     * answer. An exception from {@code attempt} ends the wait at once.
     *
     * @param onTimeout the message of the {@link IllegalStateException} thrown once {@code timeout} passes
     */
    static <T> T until(Duration timeout, Duration interval, Supplier<String> onTimeout, Attempt<T> attempt)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            T answer = attempt.get();
            if (answer != null) {
                return answer;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException(onTimeout.get());
            }
            TimeUnit.NANOSECONDS.sleep(interval.toNanos());
        }
    }
}
