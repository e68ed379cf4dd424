package io.l2risk.ingest;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Classifies RPC failures as retriable, range-too-large or permanent by walking the cause chain, the
 * way a Debezium source decides between retry and stop. The first link that says something definite
 * (an {@link RpcException}, an HTTP status, a provider's range complaint, a timeout) wins, so a
 * wrapper around a timeout is still a timeout and an I/O wrapper around an HTTP 403 is still an auth
 * failure. Only when no link is definite does any {@link IOException} in the chain make it retriable.
 */
public final class RpcErrors {

    /** JSON-RPC: invalid params. */
    public static final int INVALID_PARAMS = -32602;
    /** JSON-RPC: method not found. */
    public static final int METHOD_NOT_FOUND = -32601;
    /** JSON-RPC: internal error. */
    public static final int INTERNAL_ERROR = -32603;
    /** EIP-1474: limit exceeded (rate limits; Infura also uses it for too many log results). */
    public static final int LIMIT_EXCEEDED = -32005;

    // web3j's HttpService reports a non-2xx answer as "Invalid response received: <status>; <body>".
    private static final Pattern HTTP_STATUS = Pattern.compile("Invalid response received: (\\d{3})");

    // Wordings of providers that cap eth_getLogs (geth/Infura, Alchemy, QuickNode, Erigon, others).
    private static final String[] RANGE_TOO_LARGE_PHRASES = {
        "query returned more than",
        "too many results",
        "response size exceeded",
        "log response size exceeded",
        "block range is too wide",
        "block range too large",
        "exceed maximum block range",
        "range too large",
    };

    private static final String[] TRANSIENT_PHRASES = {
        "rate limit",
        "too many requests",
        "header not found",
        "request timed out",
        "timeout",
    };

    private RpcErrors() {
    }

    /** The kind of {@code failure}: the first definite answer along its cause chain; PERMANENT if none. */
    public static RpcException.Kind classify(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        boolean io = false;
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            RpcException.Kind kind = classifyOne(t);
            if (kind != null) {
                return kind;
            }
            io |= t instanceof IOException;
        }
        // Nothing recognisably transient is a bug or a misconfiguration: fail loudly.
        return io ? RpcException.Kind.RETRIABLE : RpcException.Kind.PERMANENT;
    }

    /** True when retrying the same call after a backoff may succeed. */
    public static boolean isRetriable(Throwable failure) {
        return classify(failure) == RpcException.Kind.RETRIABLE;
    }

    /** True when the provider refused a log query's block range as too large. */
    public static boolean isRangeTooLarge(Throwable failure) {
        return classify(failure) == RpcException.Kind.RANGE_TOO_LARGE;
    }

    /**
     * The kind of a JSON-RPC error object the node returned.
     *
     * @param message the error's message (may be {@code null})
     */
    public static RpcException.Kind classifyRpcError(int code, String message) {
        String text = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if (containsAny(text, RANGE_TOO_LARGE_PHRASES)) {
            // Checked before the code: Infura answers -32005 both for rate limits and for this.
            return RpcException.Kind.RANGE_TOO_LARGE;
        }
        if (code == INVALID_PARAMS || code == METHOD_NOT_FOUND) {
            return RpcException.Kind.PERMANENT;
        }
        if (code == LIMIT_EXCEEDED || code == INTERNAL_ERROR || code == 429) {
            return RpcException.Kind.RETRIABLE;
        }
        if (containsAny(text, TRANSIENT_PHRASES)) {
            return RpcException.Kind.RETRIABLE;
        }
        return RpcException.Kind.PERMANENT;
    }

    /** The kind of an HTTP status other than 2xx. */
    public static RpcException.Kind classifyHttpStatus(int status) {
        if (status == 429 || status == 408 || status >= 500) {
            return RpcException.Kind.RETRIABLE;
        }
        return RpcException.Kind.PERMANENT;
    }

    private static RpcException.Kind classifyOne(Throwable t) {
        if (t instanceof RpcException rpc) {
            return rpc.kind();
        }
        if (t instanceof TimeoutException || t instanceof InterruptedIOException) {
            return RpcException.Kind.RETRIABLE;
        }
        String message = t.getMessage();
        if (message != null) {
            Matcher status = HTTP_STATUS.matcher(message);
            if (status.find()) {
                return classifyHttpStatus(Integer.parseInt(status.group(1)));
            }
            if (containsAny(message.toLowerCase(Locale.ROOT), RANGE_TOO_LARGE_PHRASES)) {
                return RpcException.Kind.RANGE_TOO_LARGE;
            }
        }
        return null;
    }

    private static boolean containsAny(String text, String[] phrases) {
        for (String phrase : phrases) {
            if (text.contains(phrase)) {
                return true;
            }
        }
        return false;
    }
}
