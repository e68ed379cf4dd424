package io.l2risk.embedded;

/**
 * An embedded service (the in-process Kafka cluster or the Apicurio registry process) could not be
 * prepared, started or stopped. The message says what was attempted and, where there is one, where
 * to look (data dir, log file).
 */
public class EmbeddedServiceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public EmbeddedServiceException(String message) {
        super(message);
    }

    public EmbeddedServiceException(String message, Throwable cause) {
        super(message, cause);
    }
}
