package io.l2risk.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Picks free TCP ports on the loopback interface for servers that must be told their port up front
 * (KRaft controller listeners cannot use port 0 because the voters have to know each other's
 * address before they start).
 *
 * <p>A port found free can still be taken by another process before our server binds it, so every
 * caller retries on {@link BindException}. Within this JVM a port is never handed out twice, which
 * rules out the common race of two embedded servers started side by side.
 */
final class FreePorts {

    static final String LOOPBACK = "127.0.0.1";

    private static final int MAX_TRIES = 50;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePorts() {
    }

    /** A port that was free on 127.0.0.1 a moment ago and that this JVM has not handed out before. */
    static int next() {
        for (int i = 0; i < MAX_TRIES; i++) {
            int port = probe();
            if (HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("No free TCP port found on " + LOOPBACK + " after " + MAX_TRIES + " tries");
    }

    private static int probe() {
        try (ServerSocket socket = new ServerSocket()) {
            // Without SO_REUSEADDR a port in TIME_WAIT would look taken; the server we start sets it too.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open a probe socket on " + LOOPBACK, e);
        }
    }

    /** Whether {@code port} of 127.0.0.1 can be bound right now (for ports the user fixed). */
    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether {@code failure} or one of its causes says an address was already in use. */
    static boolean isBindConflict(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return true;
            }
            String message = t.getMessage();
            if (message != null && message.contains("Address already in use")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
