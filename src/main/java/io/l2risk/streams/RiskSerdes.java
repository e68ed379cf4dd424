package io.l2risk.streams;

import io.l2risk.avro.DeadLetter;
import io.l2risk.avro.IndicatorSnapshot;
import io.l2risk.avro.RiskAlert;
import io.l2risk.avro.RollupRiskStatus;
import io.l2risk.serde.AvroDeserializer;
import io.l2risk.serde.AvroSerdeConfig;
import io.l2risk.serde.AvroSerializer;
import io.l2risk.serde.SchemaRegistryClient;
import io.l2risk.serde.SchemaRegistryClients;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The value serializers and deserializers of the risk topology, all on one schema-registry client
 * (each client holds its own HTTP client and caches). Keys are plain strings (or, on the DLQ, the
 * original key bytes) and need no registry.
 *
 * <p>Ingest values are read as the generated SpecificRecord class named by their writer schema
 * ({@code specific.avro.reader=true}), whichever of the five ingest topics they come from.
 */
public final class RiskSerdes implements AutoCloseable {

    private final SchemaRegistryClient client;
    private final boolean ownsClient;
    private final AvroDeserializer<SpecificRecord> ingestValues;
    private final AvroSerializer<RiskAlert> alerts;
    private final AvroSerializer<IndicatorSnapshot> indicators;
    private final AvroSerializer<RollupRiskStatus> status;
    private final AvroSerializer<DeadLetter> deadLetters;

    private RiskSerdes(SchemaRegistryClient client, boolean ownsClient, Map<String, ?> configs) {
        this.client = Objects.requireNonNull(client, "client");
        this.ownsClient = ownsClient;
        Map<String, Object> reader = new HashMap<>(configs);
        reader.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, true);
        this.ingestValues = new AvroDeserializer<>(client);
        this.ingestValues.configure(reader, false);
        this.alerts = serializer(client, configs);
        this.indicators = serializer(client, configs);
        this.status = serializer(client, configs);
        this.deadLetters = serializer(client, configs);
    }

    /**
     * Serdes on a new registry client chosen by {@code schema.registry.url} (closed with this object);
     * the other keys are the usual serde settings ({@code auto.register.schemas}, ...).
     */
    public static RiskSerdes create(Map<String, ?> configs) {
        return new RiskSerdes(SchemaRegistryClients.create(configs), true, configs);
    }

    /** Serdes on a client owned by the caller. */
    public static RiskSerdes withClient(SchemaRegistryClient client, Map<String, ?> configs) {
        return new RiskSerdes(client, false, configs);
    }

    /** Reads the value of any ingest topic as its SpecificRecord class. */
    public Deserializer<SpecificRecord> ingestValues() {
        return ingestValues;
    }

    public Serializer<RiskAlert> alerts() {
        return alerts;
    }

    public Serializer<IndicatorSnapshot> indicators() {
        return indicators;
    }

    public Serializer<RollupRiskStatus> status() {
        return status;
    }

    public Serializer<DeadLetter> deadLetters() {
        return deadLetters;
    }

    @Override
    public void close() {
        if (ownsClient) {
            client.close();
        }
    }

    private static <T extends SpecificRecord> AvroSerializer<T> serializer(SchemaRegistryClient client,
                                                                           Map<String, ?> configs) {
        AvroSerializer<T> serializer = new AvroSerializer<>(client);
        serializer.configure(configs, false);
        return serializer;
    }
}
