package io.l2risk.serde;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;

/** Creates the registry client that {@code schema.registry.url} asks for. */
public final class SchemaRegistryClients {

    private SchemaRegistryClients() {
    }

    /**
     * {@code mock://scope} → the shared {@link MockSchemaRegistry} of that scope (tests only);
     * {@code http(s)://...[,http(s)://...]} → a new {@link RestSchemaRegistryClient}.
     *
     * @throws ConfigException when the URL is missing or invalid
     */
    public static SchemaRegistryClient create(Map<String, ?> configs) {
        String mockUrl = mockUrl(configs.get(SchemaRegistryConfig.URL));
        if (mockUrl != null) {
            String scope = MockSchemaRegistry.scopeOf(mockUrl);
            if (scope.isEmpty()) {
                throw new ConfigException(SchemaRegistryConfig.URL, mockUrl, "mock:// URLs need a scope: mock://my-test");
            }
            return MockSchemaRegistry.forScope(scope);
        }
        return new RestSchemaRegistryClient(configs);
    }

    /** True when {@code configs} point at a {@code mock://} registry. */
    static boolean isMock(Map<String, ?> configs) {
        return mockUrl(configs.get(SchemaRegistryConfig.URL)) != null;
    }

    private static String mockUrl(Object value) {
        String first;
        if (value instanceof String s) {
            first = s.split(",", -1)[0].trim();
            if (first.toLowerCase(Locale.ROOT).startsWith("mock://") && s.contains(",")) {
                throw new ConfigException(SchemaRegistryConfig.URL, s, "a mock:// URL must be the only URL");
            }
        } else if (value instanceof List<?> list && list.size() == 1 && list.get(0) instanceof String s) {
            first = s.trim();
        } else {
            return null;
        }
        return first.toLowerCase(Locale.ROOT).startsWith("mock://") ? first : null;
    }
}
