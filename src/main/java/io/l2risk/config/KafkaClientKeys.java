package io.l2risk.config;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The Kafka client settings we accept, and their type checks, taken from Kafka's own
 * {@link ConfigDef}s so they follow the Kafka version on the class path.
 *
 * <p>Accepted: any admin, producer, consumer or Streams key; the same with a Streams client prefix
 * ({@code producer.}, {@code consumer.}, {@code main.consumer.}, {@code restore.consumer.},
 * {@code global.consumer.}, {@code admin.}); {@code topic.} + a topic config; {@code client.tag.*}.
 * One file can then serve every command of the tool.
 */
final class KafkaClientKeys {

    private static final ConfigDef ADMIN = AdminClientConfig.configDef();
    private static final ConfigDef PRODUCER = ProducerConfig.configDef();
    private static final ConfigDef CONSUMER = ConsumerConfig.configDef();
    private static final ConfigDef STREAMS = StreamsConfig.configDef();
    private static final List<ConfigDef> UNPREFIXED = List.of(ADMIN, PRODUCER, CONSUMER, STREAMS);

    private static final Map<String, ConfigDef> PREFIXES = prefixes();
    private static final Set<String> TOPIC_CONFIGS = topicConfigNames();

    private KafkaClientKeys() {
    }

    /** Whether Kafka knows {@code key} for some client. */
    static boolean isKnown(String key) {
        return configKey(key).isPresent()
                || key.startsWith(StreamsConfig.CLIENT_TAG_PREFIX) && key.length() > StreamsConfig.CLIENT_TAG_PREFIX.length()
                || key.startsWith(StreamsConfig.TOPIC_PREFIX)
                        && TOPIC_CONFIGS.contains(key.substring(StreamsConfig.TOPIC_PREFIX.length()));
    }

    /**
     * Checks {@code value} against the key's Kafka type and validator, if Kafka declares one.
     *
     * @return empty if valid, else why not (never containing the value)
     */
    static Optional<String> problemWith(String key, String value) {
        Optional<ConfigDef.ConfigKey> def = configKey(key);
        if (def.isEmpty()) {
            return Optional.empty();
        }
        ConfigDef.ConfigKey k = def.get();
        try {
            Object parsed = ConfigDef.parseType(key, value, k.type);
            if (k.validator != null) {
                k.validator.ensureValid(k.name, parsed);
            }
            return Optional.empty();
        } catch (ConfigException e) {
            // Kafka's message embeds the value; say what is expected instead.
            String type = k.type.name().toLowerCase(Locale.ROOT);
            return Optional.of(k.validator != null ? "expected " + type + ", " + k.validator : "expected " + type);
        }
    }

    /** The known key closest to {@code unknown}, if any is close enough to be a typo. */
    static Optional<String> suggestionFor(String unknown) {
        return Suggestions.closest(unknown, allNames());
    }

    private static Optional<ConfigDef.ConfigKey> configKey(String key) {
        for (ConfigDef def : UNPREFIXED) {
            ConfigDef.ConfigKey k = def.configKeys().get(key);
            if (k != null) {
                return Optional.of(k);
            }
        }
        for (Map.Entry<String, ConfigDef> prefix : PREFIXES.entrySet()) {
            if (key.startsWith(prefix.getKey())) {
                return Optional.ofNullable(prefix.getValue().configKeys().get(key.substring(prefix.getKey().length())));
            }
        }
        return Optional.empty();
    }

    private static Set<String> allNames() {
        return UNPREFIXED.stream().flatMap(d -> d.names().stream()).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Map<String, ConfigDef> prefixes() {
        // Longest first: "main.consumer." must win over "consumer.".
        Map<String, ConfigDef> p = new LinkedHashMap<>();
        p.put(StreamsConfig.MAIN_CONSUMER_PREFIX, CONSUMER);
        p.put(StreamsConfig.RESTORE_CONSUMER_PREFIX, CONSUMER);
        p.put(StreamsConfig.GLOBAL_CONSUMER_PREFIX, CONSUMER);
        p.put(StreamsConfig.CONSUMER_PREFIX, CONSUMER);
        p.put(StreamsConfig.PRODUCER_PREFIX, PRODUCER);
        p.put(StreamsConfig.ADMIN_CLIENT_PREFIX, ADMIN);
        return p;
    }

    private static Set<String> topicConfigNames() {
        // TopicConfig is the public list of topic configs; it has constants only, no name set.
        return Arrays.stream(TopicConfig.class.getFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getName().endsWith("_CONFIG"))
                .flatMap(KafkaClientKeys::stringValue)
                .collect(Collectors.toUnmodifiableSet());
    }

    private static Stream<String> stringValue(Field f) {
        try {
            return f.get(null) instanceof String s ? Stream.of(s) : Stream.empty();
        } catch (IllegalAccessException e) {
            return Stream.empty();
        }
    }
}
