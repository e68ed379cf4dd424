package io.l2risk.serde;

import java.util.Map;

/**
 * The registry client of one serializer or deserializer, and whether it owns it: a client the serde
 * created from its configs is closed with it; one handed in (by a caller or by {@link AvroSerde},
 * which shares one between its two halves) is not.
 */
final class RegistryClientSlot {

    private SchemaRegistryClient client;
    private boolean owned;

    /** An empty slot ({@link #configure} fills it) or one holding a caller's client. */
    RegistryClientSlot(SchemaRegistryClient given) {
        this.client = given;
    }

    /** Creates an owned client from {@code configs}, unless the slot holds a caller's client. */
    void configure(Map<String, ?> configs) {
        if (client == null || owned) {
            AvroSerdeConfig.requireUrl(configs);
            close();
            client = SchemaRegistryClients.create(configs);
            owned = true;
        }
    }

    /** Uses {@code shared}, which someone else closes. */
    void share(SchemaRegistryClient shared) {
        close();
        client = shared;
    }

    /** The client, or {@code null} before configuration. */
    SchemaRegistryClient get() {
        return client;
    }

    /** Closes the client if this slot created it. */
    void close() {
        if (owned && client != null) {
            client.close();
            client = null;
        }
        owned = false;
    }
}
