package io.l2risk.eventfile;

/** A JSON value does not match its Avro schema; the message starts with the field path. */
final class AvroJsonException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    AvroJsonException(String path, String message) {
        super(path.isEmpty() ? message : path + ": " + message);
    }
}
