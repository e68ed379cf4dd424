package io.l2risk.serde;

/** Sorts registry failures into "this record's schema is the problem" and "the registry is". */
final class RegistryErrors {

    private RegistryErrors() {
    }

    /**
     * True for answers about the schema itself — subject, version or schema not found (404 with error
     * code 40401/40402/40403), incompatible (409), invalid (422) — which a serde reports as a
     * {@code SerializationException}. Unreachable, 5xx, 401, 403 and a 404 without such a code (a wrong
     * base URL: Apicurio answers error_code 0, Confluent 404) are not the record's fault and must not
     * send good records to a dead-letter topic.
     */
    static boolean isAboutTheSchema(SchemaRegistryException e) {
        int status = e.httpStatus();
        if (status == 404) {
            int code = e.errorCode();
            return code == SchemaRegistryException.SUBJECT_NOT_FOUND || code == SchemaRegistryException.VERSION_NOT_FOUND
                    || code == SchemaRegistryException.SCHEMA_NOT_FOUND;
        }
        return status == 409 || status == 422;
    }
}
