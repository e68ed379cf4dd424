package io.l2risk.engine;

/**
 * An ingest record the engine refuses: data, not an exception. It goes to the dead-letter topic
 * with this code and message.
 *
 * @param code    a stable code: MISSING_ROLLUP_ID, UNKNOWN_ROLLUP, INVALID_AMOUNT, INVALID_FIELD,
 *                TIME_IN_FUTURE, TIME_TOO_OLD, KEY_MISMATCH, NOT_AN_INGEST_RECORD
 * @param message one sentence naming the field and value
 */
public record Reject(String code, String message) {
}
