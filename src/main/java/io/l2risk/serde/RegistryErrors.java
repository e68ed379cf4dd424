package io.l2risk.serde;

/** Sorts registry failures into "this record's schema is the problem" and "the registry is". */
final class RegistryErrors {

    private RegistryErrors() {
    }

    /**
     * True for answers about the schema itself — not found (404), incompatible (409), invalid (422) —
     * which a serde reports as a {@code SerializationException}. Unreachable, 5xx, 401 and 403 are not the
     * record's fault and must not send good records to a dead-letter topic.
     */
    static boolean isAboutTheSchema(SchemaRegistryException e) {
        int status = e.httpStatus();
        return status == 404 || status == 409 || status == 422;
    }
}
