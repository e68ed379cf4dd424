package io.l2risk.streams;

import io.l2risk.avro.DeadLetterStage;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts of everything the topology did not process normally, so nothing is lost silently:
 * dead-lettered records per stage and code (reject code or exception class), and stale checks that
 * failed for a rollup. One instance per application, shared by the processor and the error handlers;
 * thread-safe. Prometheus exposes these later; until then they are read with {@link #deadLetters()}.
 *
 * <p>Bounded: codes are the engine's reject codes and exception class names, a small fixed set.
 */
public final class ErrorCounts {

    private final ConcurrentMap<String, LongAdder> deadLetters = new ConcurrentHashMap<>();
    private final LongAdder staleCheckFailures = new LongAdder();

    /** Counts one record sent to the dead-letter topic; returns how many have been with this stage and code. */
    public long addDeadLetter(DeadLetterStage stage, String code) {
        LongAdder count = deadLetters.computeIfAbsent(key(stage, code), k -> new LongAdder());
        count.increment();
        return count.sum();
    }

    /** Records dead-lettered at {@code stage} with {@code code}. */
    public long deadLettered(DeadLetterStage stage, String code) {
        LongAdder count = deadLetters.get(key(stage, code));
        return count == null ? 0 : count.sum();
    }

    /** Every count so far as {@code STAGE/code → n}, sorted. */
    public Map<String, Long> deadLetters() {
        Map<String, Long> snapshot = new TreeMap<>();
        deadLetters.forEach((key, count) -> snapshot.put(key, count.sum()));
        return snapshot;
    }

    /** Records dead-lettered in total. */
    public long deadLetteredTotal() {
        return deadLetters.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Counts one rollup whose wall-clock stale check failed (its state could not be restored, say). */
    public void staleCheckFailed() {
        staleCheckFailures.increment();
    }

    public long staleCheckFailures() {
        return staleCheckFailures.sum();
    }

    @Override
    public String toString() {
        return "ErrorCounts{deadLetters=" + deadLetters() + ", staleCheckFailures=" + staleCheckFailures() + "}";
    }

    private static String key(DeadLetterStage stage, String code) {
        return Objects.requireNonNull(stage, "stage") + "/" + Objects.requireNonNull(code, "code");
    }
}
