package io.l2risk.ingest;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * A failed call to the L1 node, already classified. Its message names the method and the redacted
 * endpoint (see {@link RpcUrls#redact(String)}), never the secret part of the URL.
 */
public final class RpcException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What a caller should do about a failure. */
    public enum Kind {
        /** Transient (I/O, timeout, HTTP 429 or 5xx, provider rate limit): retry with backoff. */
        RETRIABLE,
        /** The provider refused an {@code eth_getLogs} range as too large: retry with a smaller range. */
        RANGE_TOO_LARGE,
        /** Retrying cannot help (auth, invalid params, unknown method): stop with this message. */
        PERMANENT
    }

    private final Kind kind;
    private final Integer rpcCode;

    /**
     * @param rpcCode the JSON-RPC error code, or {@code null} when the failure is not a JSON-RPC error
     */
    public RpcException(Kind kind, String message, Integer rpcCode, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.rpcCode = rpcCode;
    }

    public Kind kind() {
        return kind;
    }

    /** The JSON-RPC error code the node returned, if the failure was one. */
    public OptionalInt rpcCode() {
        return rpcCode == null ? OptionalInt.empty() : OptionalInt.of(rpcCode);
    }
}
