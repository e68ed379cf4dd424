package io.l2risk.eventfile;

/**
 * A line of an event or alert file that could not be read, or that breaks the file's time order.
 *
 * @param source     the file name (or another label for the stream) the line came from
 * @param lineNumber 1-based line number
 * @param kind       {@link Kind#INVALID} lines are skipped; {@link Kind#OUT_OF_ORDER} lines are still read
 * @param message    what is wrong, starting with the field path where there is one
 */
public record BadLine(String source, long lineNumber, Kind kind, String message) {

    /** Why the line is reported. */
    public enum Kind {
        /** Not JSON, or not a record of the file's schema. The line is skipped. */
        INVALID,
        /** Valid, but earlier in L1 time than the previous line of the same rollup. The line is still read. */
        OUT_OF_ORDER
    }

    @Override
    public String toString() {
        return source + ":" + lineNumber + ": " + message;
    }
}
