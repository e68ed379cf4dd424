package io.l2risk.eventfile;

import org.slf4j.Logger;

/** Receives the {@link BadLine}s of a reader, in file order. */
@FunctionalInterface
public interface BadLineListener {

    void onBadLine(BadLine badLine);

    /** Logs every bad line as a warning (the reader also counts them). */
    static BadLineListener logTo(Logger log) {
        return badLine -> log.warn("{} ({})", badLine, badLine.kind() == BadLine.Kind.INVALID ? "skipped" : "read anyway");
    }

    /** Stops reading at the first invalid line with an {@link EventFileException}; out-of-order lines are ignored. */
    static BadLineListener failOnInvalid() {
        return badLine -> {
            if (badLine.kind() == BadLine.Kind.INVALID) {
                throw new EventFileException(badLine);
            }
        };
    }
}
