package io.l2risk.ingest;

/**
 * The ingester cannot go on: a permanent RPC failure (authentication, invalid parameters), a
 * configuration that does not fit the chain, or a reorg deeper than it remembers. The message says
 * what happened and what to do; it never contains the RPC URL's secret part.
 */
public final class IngestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public IngestException(String message) {
        super(message);
    }

    public IngestException(String message, Throwable cause) {
        super(message, cause);
    }
}
