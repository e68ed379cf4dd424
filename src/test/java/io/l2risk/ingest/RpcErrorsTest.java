package io.l2risk.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.l2risk.ingest.RpcException.Kind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.exceptions.ClientConnectionException;

class RpcErrorsTest {

    @Test
    void shouldRetryIoFailuresAndTimeouts() {
        assertThat(RpcErrors.classify(new ConnectException("Connection refused"))).isEqualTo(Kind.RETRIABLE);
        assertThat(RpcErrors.classify(new SocketTimeoutException("timeout"))).isEqualTo(Kind.RETRIABLE);
        assertThat(RpcErrors.classify(new TimeoutException())).isEqualTo(Kind.RETRIABLE);
    }

    @Test
    void shouldFindTimeoutDeepInTheCauseChain() {
        Throwable wrapped = new IllegalStateException("poll failed",
                new CompletionException(new UncheckedIOException(new SocketTimeoutException("read timed out"))));
        assertThat(RpcErrors.isRetriable(wrapped)).isTrue();
    }

    @Test
    void shouldRetryHttp429And5xxFromWeb3j() {
        assertThat(RpcErrors.classify(new ClientConnectionException("Invalid response received: 429; slow down")))
                .isEqualTo(Kind.RETRIABLE);
        assertThat(RpcErrors.classify(new ClientConnectionException("Invalid response received: 503; N/A")))
                .isEqualTo(Kind.RETRIABLE);
        assertThat(RpcErrors.classify(new ClientConnectionException("Invalid response received: 502; N/A")))
                .isEqualTo(Kind.RETRIABLE);
    }

    @Test
    void shouldStopOnHttpAuthFailures() {
        assertThat(RpcErrors.classify(new ClientConnectionException("Invalid response received: 401; Unauthorized")))
                .isEqualTo(Kind.PERMANENT);
        assertThat(RpcErrors.classify(new IOException("x", new ClientConnectionException(
                "Invalid response received: 403; Forbidden")))).isEqualTo(Kind.PERMANENT);
    }

    @Test
    void shouldStopOnInvalidParamsAndUnknownMethod() {
        assertThat(RpcErrors.classifyRpcError(-32602, "invalid argument 0: hex string has length 4"))
                .isEqualTo(Kind.PERMANENT);
        assertThat(RpcErrors.classifyRpcError(-32601, "the method eth_foo does not exist/is not available"))
                .isEqualTo(Kind.PERMANENT);
    }

    @Test
    void shouldRetryLimitExceededAndInternalErrors() {
        assertThat(RpcErrors.classifyRpcError(-32005, "daily request count exceeded, request rate limited"))
                .isEqualTo(Kind.RETRIABLE);
        assertThat(RpcErrors.classifyRpcError(-32603, "internal error")).isEqualTo(Kind.RETRIABLE);
        assertThat(RpcErrors.classifyRpcError(-32000, "header not found")).isEqualTo(Kind.RETRIABLE);
    }

    @Test
    void shouldSignalRangeTooLargeBeforeLookingAtTheCode() {
        // Infura uses -32005 for both rate limits and oversized log queries.
        assertThat(RpcErrors.classifyRpcError(-32005, "query returned more than 10000 results"))
                .isEqualTo(Kind.RANGE_TOO_LARGE);
        assertThat(RpcErrors.classifyRpcError(-32602,
                "Log response size exceeded. You can make eth_getLogs requests with up to a 2K block range"))
                .isEqualTo(Kind.RANGE_TOO_LARGE);
        assertThat(RpcErrors.classifyRpcError(-32000, "too many results")).isEqualTo(Kind.RANGE_TOO_LARGE);
    }

    @Test
    void shouldKeepKindOfAWrappedRpcException() {
        RpcException tooLarge = new RpcException(Kind.RANGE_TOO_LARGE, "eth_getLogs failed", -32005, null);
        assertThat(RpcErrors.isRangeTooLarge(new RuntimeException("scan failed", tooLarge))).isTrue();
        assertThat(RpcErrors.isRetriable(tooLarge)).isFalse();
    }

    @Test
    void shouldTreatUnknownFailuresAsPermanent() {
        assertThat(RpcErrors.classify(new IllegalArgumentException("bad"))).isEqualTo(Kind.PERMANENT);
        assertThat(RpcErrors.classifyRpcError(-32000, "execution reverted")).isEqualTo(Kind.PERMANENT);
    }

    @Test
    void shouldStopOnACyclicCauseChain() {
        IllegalStateException a = new IllegalStateException("a");
        IllegalStateException b = new IllegalStateException("b", a);
        a.initCause(b);
        assertThat(RpcErrors.classify(a)).isEqualTo(Kind.PERMANENT);
    }
}
