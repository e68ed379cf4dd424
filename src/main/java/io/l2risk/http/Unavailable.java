package io.l2risk.http;

/**
 * The current state cannot be answered correctly right now — the engine is not running or is
 * rebalancing, a store partition is restoring or has moved, the owner of a key is unknown or does not
 * answer. Becomes {@code 503 Service Unavailable} with {@code Retry-After}: the API never serves
 * partial or stale data as if it were complete.
 */
final class Unavailable extends Exception {

    private static final long serialVersionUID = 1L;

    Unavailable(String message) {
        super(message);
    }

    Unavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
