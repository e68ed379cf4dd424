package io.l2risk.serde;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * Serde settings, with Confluent's key names. Registry connection keys ({@code schema.registry.url},
 * {@code basic.auth.*}, {@code schema.registry.ssl.*}) are documented in {@link SchemaRegistryConfig}.
 */
public final class AvroSerdeConfig {

    /** Register the record's schema when it is not yet under the subject. Default true. */
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    /**
     * Write with the subject's latest registered schema instead of the record's own; the record's schema
     * must be readable by it. Default false.
     */
    public static final String USE_LATEST_VERSION = "use.latest.version";
    /** How long {@link #USE_LATEST_VERSION} trusts its copy of the latest schema; -1 = for ever. Default -1. */
    public static final String LATEST_CACHE_TTL_SEC = "latest.cache.ttl.sec";
    /** Deserialize into generated SpecificRecord classes instead of GenericRecord. Default false. */
    public static final String SPECIFIC_AVRO_READER = "specific.avro.reader";
    /** Subject naming for keys; only TopicNameStrategy is supported. */
    public static final String KEY_SUBJECT_NAME_STRATEGY = "key.subject.name.strategy";
    /** Subject naming for values; only TopicNameStrategy is supported. */
    public static final String VALUE_SUBJECT_NAME_STRATEGY = "value.subject.name.strategy";

    private static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(AUTO_REGISTER_SCHEMAS, Type.BOOLEAN, true, Importance.MEDIUM, "Register schemas.")
            .define(USE_LATEST_VERSION, Type.BOOLEAN, false, Importance.MEDIUM, "Write with the latest version.")
            .define(LATEST_CACHE_TTL_SEC, Type.LONG, -1L, Importance.LOW, "Latest schema cache TTL.")
            .define(SPECIFIC_AVRO_READER, Type.BOOLEAN, false, Importance.MEDIUM, "Read SpecificRecords.");

    /**
     * Every serde key, registry connection keys ({@link SchemaRegistryConfig#keys()}) included: what a
     * caller separates from Kafka client settings.
     */
    public static java.util.Set<String> keys() {
        java.util.Set<String> keys = new java.util.TreeSet<>(CONFIG_DEF.names());
        keys.add(KEY_SUBJECT_NAME_STRATEGY);
        keys.add(VALUE_SUBJECT_NAME_STRATEGY);
        keys.addAll(SchemaRegistryConfig.keys());
        return java.util.Collections.unmodifiableSet(keys);
    }

    private final boolean autoRegisterSchemas;
    private final boolean useLatestVersion;
    private final Duration latestCacheTtl;
    private final boolean specificAvroReader;
    private final SubjectNameStrategy subjectNameStrategy;

    /** The defaults (auto-register, record's own schema, GenericRecord reader, TopicNameStrategy). */
    static AvroSerdeConfig defaults() {
        return new AvroSerdeConfig(Map.of(), false);
    }

    /**
     * Reads the serde settings for the key ({@code isKey}) or value side.
     *
     * @throws ConfigException for an invalid value or an unsupported subject name strategy
     */
    public AvroSerdeConfig(Map<String, ?> configs, boolean isKey) {
        Map<String, Object> parsed = CONFIG_DEF.parse(configs);
        this.autoRegisterSchemas = (Boolean) parsed.get(AUTO_REGISTER_SCHEMAS);
        this.useLatestVersion = (Boolean) parsed.get(USE_LATEST_VERSION);
        long ttl = (Long) parsed.get(LATEST_CACHE_TTL_SEC);
        this.latestCacheTtl = ttl < 0 ? null : Duration.ofSeconds(ttl);
        this.specificAvroReader = (Boolean) parsed.get(SPECIFIC_AVRO_READER);
        String strategyKey = isKey ? KEY_SUBJECT_NAME_STRATEGY : VALUE_SUBJECT_NAME_STRATEGY;
        this.subjectNameStrategy = strategy(strategyKey, configs.get(strategyKey));
    }

    /**
     * Fails with a clear message when no registry URL is configured.
     *
     * @throws ConfigException when {@code schema.registry.url} is missing or blank
     */
    static void requireUrl(Map<String, ?> configs) {
        Object url = configs.get(SchemaRegistryConfig.URL);
        if (url == null || url.toString().isBlank() || url.toString().equals("[]")) {
            throw new ConfigException("Missing required configuration \"" + SchemaRegistryConfig.URL
                    + "\": the Avro serdes need a Confluent-compatible schema registry, e.g. "
                    + "http://localhost:8081 or, in topology unit tests, mock://<scope>");
        }
    }

    public boolean autoRegisterSchemas() {
        return autoRegisterSchemas;
    }

    public boolean useLatestVersion() {
        return useLatestVersion;
    }

    /** TTL of the cached latest schema, or {@code null} for no expiry. */
    public Duration latestCacheTtl() {
        return latestCacheTtl;
    }

    public boolean specificAvroReader() {
        return specificAvroReader;
    }

    public SubjectNameStrategy subjectNameStrategy() {
        return subjectNameStrategy;
    }

    @Override
    public String toString() {
        return "AvroSerdeConfig{autoRegisterSchemas=" + autoRegisterSchemas + ", useLatestVersion=" + useLatestVersion
                + ", latestCacheTtl=" + (latestCacheTtl == null ? "none" : latestCacheTtl)
                + ", specificAvroReader=" + specificAvroReader + ", subjectNameStrategy=" + subjectNameStrategy + "}";
    }

    private static SubjectNameStrategy strategy(String key, Object value) {
        if (value == null) {
            return TopicNameStrategy.INSTANCE;
        }
        String name = value instanceof Class<?> c ? c.getName() : value.toString().trim();
        if (value instanceof TopicNameStrategy || name.isEmpty() || TopicNameStrategy.NAMES.contains(name)) {
            return TopicNameStrategy.INSTANCE;
        }
        throw new ConfigException(key, name, "only TopicNameStrategy (subjects <topic>-key and <topic>-value) "
                + "is supported; RecordNameStrategy and TopicRecordNameStrategy are not implemented");
    }
}
