package io.l2risk.serde;

import org.apache.avro.Schema;

/**
 * The subset of the Confluent Schema Registry API the serdes and the tooling need.
 *
 * <p>Implementations are thread-safe. Ids are the registry's global schema ids, as written into the
 * Confluent wire format. Failures raise {@link SchemaRegistryException}.
 */
public interface SchemaRegistryClient extends AutoCloseable {

    /**
     * Registers {@code schema} under {@code subject} ({@code POST /subjects/{subject}/versions}), or
     * returns the id it already has there.
     *
     * @throws SchemaRegistryException e.g. {@link SchemaRegistryException#isIncompatible()} when the
     *     subject's compatibility rule rejects it
     */
    int register(String subject, Schema schema);

    /** The schema with global id {@code id} ({@code GET /schemas/ids/{id}}); 40403 when unknown. */
    Schema getById(int id);

    /** The newest version of {@code subject} ({@code GET /subjects/{subject}/versions/latest}); 40401 when unknown. */
    RegisteredSchema getLatest(String subject);

    /**
     * The id of {@code schema} if it is already registered under {@code subject}
     * ({@code POST /subjects/{subject}}); 40401 (no subject) or 40403 (schema not there) otherwise.
     */
    int lookupId(String subject, Schema schema);

    /**
     * Whether {@code schema} could be registered under {@code subject} given its compatibility rule
     * ({@code POST /compatibility/subjects/{subject}/versions/latest}). A subject without versions
     * accepts anything, so this is {@code true} for it.
     */
    boolean testCompatibility(String subject, Schema schema);

    /** Sets the subject's compatibility level ({@code PUT /config/{subject}}), e.g. {@code BACKWARD}. */
    void setCompatibility(String subject, String level);

    /**
     * The compatibility level that applies to {@code subject}: its own, or the registry's global level
     * when it has none. (Apicurio reports {@code NONE} for an existing subject without its own level,
     * whatever the global level; see {@link RestSchemaRegistryClient}.)
     */
    String getCompatibility(String subject);

    /** Releases resources; the client must not be used afterwards. */
    @Override
    default void close() {
    }
}
