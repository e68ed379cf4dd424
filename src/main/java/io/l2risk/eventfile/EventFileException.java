package io.l2risk.eventfile;

/** An event or alert file cannot be read; the message is {@code file:line: reason}. */
public final class EventFileException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient BadLine badLine;

    public EventFileException(BadLine badLine) {
        super(badLine.toString());
        this.badLine = badLine;
    }

    /** The offending line. */
    public BadLine badLine() {
        return badLine;
    }
}
