package io.l2risk.http;

import java.util.Objects;

/**
 * The {@code host:port} where an instance's status server answers: what it advertises as Kafka
 * Streams' {@code application.server}, so that every instance can find the owner of a rollup.
 */
record Endpoint(String host, int port) {

    Endpoint {
        Objects.requireNonNull(host, "host");
        if (host.isBlank() || port < 1 || port > 65_535) {
            throw new IllegalArgumentException("not an endpoint: " + host + ":" + port);
        }
    }

    /**
     * Parses {@code host:port}.
     *
     * @throws IllegalArgumentException if it is not one
     */
    static Endpoint parse(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0 || colon == hostPort.length() - 1) {
            throw new IllegalArgumentException("expected host:port, not \"" + hostPort + "\"");
        }
        try {
            return new Endpoint(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected host:port, not \"" + hostPort + "\"", e);
        }
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
