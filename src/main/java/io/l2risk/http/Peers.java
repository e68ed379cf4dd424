package io.l2risk.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * GET requests to the status servers of the other instances (interactive queries of keys and
 * partitions they own). Behind an interface so that routing is testable without sockets.
 */
interface Peers {

    /** Query parameter that marks a request from a peer: answer from the local store only, never forward. */
    String LOCAL = "local";

    /** What a peer answered. */
    record Reply(int status, byte[] body, Optional<String> retryAfter) {
    }

    /**
     * GET {@code pathAndQuery} (already encoded) from {@code peer}.
     *
     * @throws Unavailable if the peer does not answer in time or cannot be reached
     */
    Reply get(Endpoint peer, String pathAndQuery) throws Unavailable;

    /** GET from every peer; one reply per peer, in order. */
    default List<Reply> getAll(List<Endpoint> peers, String pathAndQuery) throws Unavailable {
        List<Reply> replies = new ArrayList<>(peers.size());
        for (Endpoint peer : peers) {
            replies.add(get(peer, pathAndQuery));
        }
        return replies;
    }
}
