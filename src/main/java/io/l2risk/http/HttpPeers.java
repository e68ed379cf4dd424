package io.l2risk.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link Peers} over {@link HttpClient}: short timeouts (a peer that does not answer quickly makes
 * the answer a 503, not a hang), requests to several peers in parallel, plain HTTP.
 */
final class HttpPeers implements Peers {

    private final HttpClient client;
    private final Duration timeout;

    HttpPeers(Duration connectTimeout, Duration timeout, Executor executor) {
        this.client = HttpClient.newBuilder().connectTimeout(connectTimeout).executor(executor)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.timeout = timeout;
    }

    @Override
    public Reply get(Endpoint peer, String pathAndQuery) throws Unavailable {
        return getAll(List.of(peer), pathAndQuery).get(0);
    }

    @Override
    public List<Reply> getAll(List<Endpoint> peers, String pathAndQuery) throws Unavailable {
        List<CompletableFuture<HttpResponse<byte[]>>> pending = new ArrayList<>(peers.size());
        for (Endpoint peer : peers) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + peer + pathAndQuery))
                    .timeout(timeout).header("Accept", "application/json").GET().build();
            pending.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()));
        }
        List<Reply> replies = new ArrayList<>(peers.size());
        for (int i = 0; i < peers.size(); i++) {
            try {
                HttpResponse<byte[]> response = pending.get(i).get(timeout.toMillis() + 500, TimeUnit.MILLISECONDS);
                replies.add(new Reply(response.statusCode(), response.body(),
                        response.headers().firstValue("Retry-After")));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                pending.forEach(f -> f.cancel(true));
                throw new Unavailable("interrupted while asking " + peers.get(i), e);
            } catch (ExecutionException | TimeoutException e) {
                pending.forEach(f -> f.cancel(true));
                Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                throw new Unavailable("instance " + peers.get(i) + " did not answer: " + describe(cause), e);
            }
        }
        return replies;
    }

    private static String describe(Throwable cause) {
        if (cause instanceof IOException || cause instanceof TimeoutException) {
            return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : " " + cause.getMessage());
        }
        return String.valueOf(cause);
    }
}
