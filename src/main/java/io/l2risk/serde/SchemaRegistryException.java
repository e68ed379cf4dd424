package io.l2risk.serde;

/**
 * A schema registry call failed: the registry answered with an error, or could not be reached.
 *
 * <p>Unchecked on purpose: Kafka's {@code Serializer}/{@code Deserializer} methods cannot throw
 * checked exceptions, so every caller would only wrap it; callers that care decide with
 * {@link #isRetriable()} and the registry's {@link #errorCode()} instead of by exception type.
 *
 * <p>The message never contains credentials: URLs in it are redacted by {@link Redaction}.
 */
public class SchemaRegistryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** {@link #httpStatus()} when no HTTP response was received (I/O error, timeout). */
    public static final int NO_RESPONSE = -1;
    /** {@link #errorCode()} when the registry sent no {@code error_code}. */
    public static final int NO_ERROR_CODE = -1;

    /** Confluent error code: subject not found. */
    public static final int SUBJECT_NOT_FOUND = 40401;
    /** Confluent error code: version not found. */
    public static final int VERSION_NOT_FOUND = 40402;
    /** Confluent error code: schema not found. */
    public static final int SCHEMA_NOT_FOUND = 40403;
    /** Confluent error code: schema incompatible with an earlier version (some registries send plain 409). */
    public static final int INCOMPATIBLE_SCHEMA = 409;
    /** Confluent error code: invalid schema. */
    public static final int INVALID_SCHEMA = 42201;
    /** Confluent error code: invalid compatibility level. */
    public static final int INVALID_COMPATIBILITY_LEVEL = 42203;

    private final int httpStatus;
    private final int errorCode;
    private final String registryMessage;

    public SchemaRegistryException(String message, int httpStatus, int errorCode, String registryMessage,
            Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
        this.registryMessage = registryMessage;
    }

    /** A failure without an HTTP response (I/O error, timeout, invalid answer). */
    public SchemaRegistryException(String message, Throwable cause) {
        this(message, NO_RESPONSE, NO_ERROR_CODE, null, cause);
    }

    /** HTTP status of the registry's answer, or {@link #NO_RESPONSE}. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The registry's {@code error_code} (e.g. 40403), or {@link #NO_ERROR_CODE}. */
    public int errorCode() {
        return errorCode;
    }

    /** The registry's {@code message}, or {@code null}. */
    public String registryMessage() {
        return registryMessage;
    }

    /** True when repeating the call later may succeed: no response, HTTP 5xx or 429. */
    public boolean isRetriable() {
        return httpStatus == NO_RESPONSE || httpStatus >= 500 || httpStatus == 429;
    }

    /** True for HTTP 404 (subject, version or schema not found). */
    public boolean isNotFound() {
        return httpStatus == 404;
    }

    /** True when the registry rejected a schema as incompatible (HTTP 409, error code 409 or 409xx). */
    public boolean isIncompatible() {
        return httpStatus == 409 || errorCode == INCOMPATIBLE_SCHEMA || errorCode / 100 == 409;
    }
}
