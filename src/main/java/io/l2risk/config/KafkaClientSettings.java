package io.l2risk.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Kafka client properties assembled from four layers, each later layer overriding the earlier:
 * <ol>
 *   <li>defaults in code,</li>
 *   <li>a properties file ({@code --kafka-config FILE}),</li>
 *   <li>the environment: {@code KAFKA_SASL_JAAS_CONFIG} becomes {@code sasl.jaas.config} (strip
 *       {@code KAFKA_}, lower-case, {@code _} to {@code .}),</li>
 *   <li>command-line flags.</li>
 * </ol>
 * Every key and value is checked when its layer is added: a key no Kafka client knows, or a value
 * Kafka would reject, fails with a {@link ConfigurationException} naming the key and where it came
 * from. Secret values ({@link Secrets#isSecret}) appear as {@value Secrets#HIDDEN} in
 * {@link #toString()} and in every message.
 *
 * <p>Instances are immutable.
 */
public final class KafkaClientSettings {

    private static final String ENV_PREFIX = "KAFKA_";

    /**
     * {@code KAFKA_*} variables that are not client settings: the Kafka launch scripts' JVM options,
     * and the variables Kubernetes injects for a Service named {@code kafka}. Anything else under
     * {@code KAFKA_} must map to a known setting, so a typo fails instead of being ignored.
     */
    private static final Pattern ENV_NOT_CLIENT_SETTINGS = Pattern.compile(
            "KAFKA_(HEAP_OPTS|OPTS|JVM_PERFORMANCE_OPTS|LOG4J_OPTS|JMX_OPTS|GC_LOG_OPTS|DEBUG|HOME"
                    + "|SERVICE_HOST|SERVICE_PORT(_\\w+)?|PORT(_\\w+)?)");

    private final Map<String, Setting> settings;

    private KafkaClientSettings(Map<String, Setting> settings) {
        this.settings = Collections.unmodifiableMap(new TreeMap<>(settings));
    }

    /** Starts an empty set of layers. */
    public static Builder builder() {
        return new Builder();
    }

    /** The winning value of {@code key}, if any layer set it. */
    public Optional<String> get(String key) {
        return Optional.ofNullable(settings.get(key)).map(Setting::value);
    }

    /** Where the winning value of {@code key} came from, e.g. {@code environment KAFKA_ACKS}. */
    public Optional<String> origin(String key) {
        return Optional.ofNullable(settings.get(key)).map(Setting::origin);
    }

    /** A fresh mutable map for Kafka client constructors. Contains secrets: never log it. */
    public Map<String, Object> toClientProperties() {
        return settings.entrySet().stream().collect(
                Collectors.toMap(Map.Entry::getKey, e -> e.getValue().value(), (a, b) -> b, HashMap::new));
    }

    /**
     * The settings whose key is in {@code keys}, e.g. the schema-registry settings that share the
     * file and environment with the Kafka ones. Contains secrets: never log it.
     */
    public Map<String, Object> select(Collection<String> keys) {
        Map<String, Object> selected = new HashMap<>();
        settings.forEach((key, setting) -> {
            if (keys.contains(key)) {
                selected.put(key, setting.value());
            }
        });
        return selected;
    }

    /** These settings without the keys in {@code keys}. */
    public KafkaClientSettings without(Collection<String> keys) {
        Map<String, Setting> kept = new HashMap<>(settings);
        kept.keySet().removeAll(Set.copyOf(keys));
        return new KafkaClientSettings(kept);
    }

    /** Keys and values with their origins, secrets shown as {@value Secrets#HIDDEN}. */
    @Override
    public String toString() {
        return settings.entrySet().stream()
                .map(e -> e.getKey() + "=" + Secrets.redact(e.getKey(), e.getValue().value())
                        + " (" + e.getValue().origin() + ")")
                .collect(Collectors.joining(", ", "KafkaClientSettings{", "}"));
    }

    private record Setting(String value, String origin) {
    }

    /** Collects the layers; call the methods in layer order (defaults, file, environment, flags). */
    public static final class Builder {

        private final Map<String, Setting> settings = new LinkedHashMap<>();
        private final Set<String> extraKeys = new HashSet<>();

        private Builder() {
        }

        /**
         * Accepts these keys although Kafka does not know them, for settings read from the same
         * file by our own code (e.g. {@code schema.registry.url}). Call before adding layers.
         */
        public Builder allowKeys(Collection<String> keys) {
            extraKeys.addAll(keys);
            return this;
        }

        /** Layer 1: defaults in code. */
        public Builder defaults(Map<String, String> defaults) {
            defaults.forEach((k, v) -> put(k, v, "default"));
            return this;
        }

        /** Layer 2: a Java properties file (UTF-8); {@code null} means no file. */
        public Builder propertiesFile(Path file) {
            if (file == null) {
                return this;
            }
            Properties props = new Properties();
            try (Reader in = Files.newBufferedReader(file)) {
                props.load(in);
            } catch (NoSuchFileException e) {
                throw new ConfigurationException("Kafka config file " + file + " does not exist");
            } catch (IOException | IllegalArgumentException e) {
                throw new ConfigurationException("cannot read Kafka config file " + file + ": " + e.getMessage(), e);
            }
            String origin = "file " + file;
            new TreeMap<>(props).forEach((k, v) -> put(((String) k).trim(), ((String) v).trim(), origin));
            return this;
        }

        /**
         * Layer 3: {@code KAFKA_*} variables of {@code environment} (pass {@code System.getenv()}).
         * Empty values count as unset. Launcher and Kubernetes service variables are skipped.
         */
        public Builder environment(Map<String, String> environment) {
            new TreeMap<>(environment).forEach((name, value) -> {
                if (name.startsWith(ENV_PREFIX) && name.length() > ENV_PREFIX.length()
                        && !ENV_NOT_CLIENT_SETTINGS.matcher(name).matches() && !value.isEmpty()) {
                    put(environmentKey(name), value, "environment " + name);
                }
            });
            return this;
        }

        /** Layer 4: a command-line flag; a {@code null} value means the flag was not given. */
        public Builder flag(String flagName, String key, String value) {
            if (value != null) {
                put(key, value, "flag " + flagName);
            }
            return this;
        }

        /** The merged, validated settings. */
        public KafkaClientSettings build() {
            return new KafkaClientSettings(settings);
        }

        private void put(String key, String value, String origin) {
            if (!extraKeys.contains(key) && !KafkaClientKeys.isKnown(key)) {
                String hint = KafkaClientKeys.suggestionFor(key).map(s -> "; did you mean '" + s + "'?").orElse("");
                throw new ConfigurationException(
                        "unknown Kafka client setting '" + key + "' (from " + origin + ")" + hint);
            }
            KafkaClientKeys.problemWith(key, value).ifPresent(problem -> {
                throw new ConfigurationException("invalid value '" + Secrets.redact(key, value)
                        + "' for Kafka client setting '" + key + "' (from " + origin + "): " + problem);
            });
            settings.put(key, new Setting(value, origin));
        }
    }

    /** {@code KAFKA_SASL_JAAS_CONFIG} becomes {@code sasl.jaas.config}. */
    static String environmentKey(String variable) {
        return variable.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
    }
}
