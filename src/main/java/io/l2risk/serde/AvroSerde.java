package io.l2risk.serde;

import java.util.Map;
import java.util.Objects;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * {@link Serde} of an {@link AvroSerializer} and an {@link AvroDeserializer} sharing one registry client.
 *
 * <p>Kafka Streams does not configure serdes passed to {@code Consumed}/{@code Produced}: call
 * {@link #configure(Map, boolean)} yourself, or pass a client to the constructor. Prefer one client per
 * application passed to every serde: each client holds its own HTTP client and caches.
 *
 * <pre>{@code
 * AvroSerde<BatchPosted> serde = new AvroSerde<>(BatchPosted.class);
 * serde.configure(Map.of("schema.registry.url", "http://registry:8081"), false);
 * }</pre>
 *
 * @param <T> the record type
 */
public class AvroSerde<T extends IndexedRecord> implements Serde<T> {

    private final SchemaRegistryClient injectedClient;
    private SchemaRegistryClient ownedClient;
    private final AvroSerializer<T> serializer;
    private final AvroDeserializer<T> deserializer;

    /** GenericRecord (or {@code specific.avro.reader}) serde; {@link #configure} must follow. */
    public AvroSerde() {
        this(null, null);
    }

    /** Serde reading records as {@code readerClass}; {@link #configure} must follow. */
    public AvroSerde(Class<? extends T> readerClass) {
        this(null, readerClass);
    }

    /** Serde on a given client with the default settings (value side); usable at once. */
    public AvroSerde(SchemaRegistryClient client) {
        this(Objects.requireNonNull(client, "client"), null);
    }

    /** Serde on a given client reading records as {@code readerClass}; usable at once. */
    public AvroSerde(SchemaRegistryClient client, Class<? extends T> readerClass) {
        this.injectedClient = client;
        this.serializer = client == null ? new AvroSerializer<>() : new AvroSerializer<>(client);
        this.deserializer = new AvroDeserializer<>(client, readerClass);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        SchemaRegistryClient client = injectedClient;
        if (client == null) {
            AvroSerdeConfig.requireUrl(configs);
            closeOwnedClient();
            ownedClient = SchemaRegistryClients.create(configs);
            client = ownedClient;
        }
        serializer.configure(configs, isKey, client);
        deserializer.configure(configs, isKey, client);
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }

    @Override
    public void close() {
        serializer.close();
        deserializer.close();
        closeOwnedClient();
    }

    private void closeOwnedClient() {
        if (ownedClient != null) {
            ownedClient.close();
            ownedClient = null;
        }
    }
}
