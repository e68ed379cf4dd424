package io.l2risk.topics;

/** The cluster could not be reached or refused a topic operation. */
public class TopicAdminException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TopicAdminException(String message, Throwable cause) {
        super(message, cause);
    }
}
