package io.l2risk.streams;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens when a stream thread dies — the explicit choice:
 * <ul>
 *   <li><b>REPLACE_THREAD</b> for transient failures (schema registry unreachable or overloaded, Kafka
 *       timeouts and retriable errors). The new thread resumes from the last committed offsets; with
 *       exactly-once the aborted transaction left no output, so nothing is duplicated or lost — this
 *       is how a record that failed during a registry outage is retried instead of dead-lettered.</li>
 *   <li><b>SHUTDOWN_CLIENT</b> for everything else (a permanent registry error such as bad
 *       credentials, a dead letter that cannot be written, corrupted state, a bug outside any one
 *       record), and when transient failures keep coming: more than {@code maxReplacements} within
 *       {@code window}. This instance stops and reports ERROR (health turns not-ready, the process
 *       exits non-zero, the orchestrator restarts it); its partitions move to the other instances.
 *       Not SHUTDOWN_APPLICATION: one instance's problem (its network, its disk) must not stop the
 *       healthy ones, and a deterministic failure stops each of them anyway.</li>
 * </ul>
 * Thread-safe.
 */
public final class RiskUncaughtExceptionHandler implements StreamsUncaughtExceptionHandler {

    /** Replacements tolerated per {@link #DEFAULT_WINDOW} before giving up. */
    public static final int DEFAULT_MAX_REPLACEMENTS = 5;
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(10);

    private static final Logger log = LoggerFactory.getLogger(RiskUncaughtExceptionHandler.class);

    private final int maxReplacements;
    private final long windowMillis;
    private final LongSupplier clock;
    private final Deque<Long> replacements = new ArrayDeque<>();

    /** The defaults, on the system clock. */
    public RiskUncaughtExceptionHandler() {
        this(DEFAULT_MAX_REPLACEMENTS, DEFAULT_WINDOW, System::currentTimeMillis);
    }

    public RiskUncaughtExceptionHandler(int maxReplacements, Duration window, LongSupplier clock) {
        this.maxReplacements = maxReplacements;
        this.windowMillis = window.toMillis();
        this.clock = clock;
    }

    @Override
    public synchronized StreamThreadExceptionResponse handle(Throwable exception) {
        if (!Failures.isTransient(exception)) {
            log.error("stream thread failed permanently; shutting this instance down (its partitions move to the "
                    + "other instances)", exception);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        long now = clock.getAsLong();
        while (!replacements.isEmpty() && replacements.peekFirst() <= now - windowMillis) {
            replacements.removeFirst();
        }
        if (replacements.size() >= maxReplacements) {
            log.error("stream thread failed transiently for the {}th time within {} s; shutting this instance down",
                    replacements.size() + 1, windowMillis / 1000, exception);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        replacements.addLast(now);
        log.warn("stream thread failed transiently; replacing it (it resumes from the last commit): {}",
                DeadLetters.describe(exception));
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }
}
