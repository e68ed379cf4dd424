package io.l2risk.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MockSchemaRegistryTest {

    // A new required field: old readers skip it (FORWARD holds), new readers lack a default (BACKWARD fails).
    private static final Schema REQUIRED_ADDED = reading("{\"name\":\"sensor\",\"type\":\"string\"},"
            + "{\"name\":\"value\",\"type\":\"long\"},"
            + "{\"name\":\"observedAt\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"}},"
            + "{\"name\":\"extra\",\"type\":\"int\"}");

    private final String scope = "mock-test-" + UUID.randomUUID();
    private final MockSchemaRegistry registry = MockSchemaRegistry.forScope(scope);

    @AfterEach
    void drop() {
        MockSchemaRegistry.drop(scope);
    }

    @Test
    void shouldAssignSequentialIdsAndReturnTheSameIdForTheSameSchema() {
        int v1 = registry.register("a-value", TestSchemas.V1);
        int v2 = registry.register("a-value", TestSchemas.V2);
        int again = registry.register("a-value", TestSchemas.V1);
        int otherSubject = registry.register("b-value", TestSchemas.V1);

        assertThat(v1).isEqualTo(1);
        assertThat(v2).isEqualTo(2);
        assertThat(again).isEqualTo(1);
        assertThat(otherSubject).isEqualTo(1);
        assertThat(registry.versions("a-value")).extracting(RegisteredSchema::version, RegisteredSchema::id)
                .containsExactly(tuple(1, 1), tuple(2, 2));
    }

    @Test
    void shouldServeSchemasByIdLatestVersionAndLookup() {
        registry.register("a-value", TestSchemas.V1);
        registry.register("a-value", TestSchemas.V2);

        assertThat(registry.getById(1)).isEqualTo(TestSchemas.V1);
        assertThat(registry.getLatest("a-value")).isEqualTo(new RegisteredSchema("a-value", 2, 2, TestSchemas.V2));
        assertThat(registry.lookupId("a-value", TestSchemas.V1)).isEqualTo(1);
    }

    @Test
    void shouldAnswerUnknownIdsSubjectsAndSchemasWithConfluentErrorCodes() {
        registry.register("a-value", TestSchemas.V1);

        assertThatThrownBy(() -> registry.getById(12345)).isInstanceOfSatisfying(SchemaRegistryException.class,
                e -> assertThat(e.errorCode()).isEqualTo(40403)).hasMessageContaining("error_code 40403");
        assertThatThrownBy(() -> registry.getLatest("nope-value")).isInstanceOfSatisfying(SchemaRegistryException.class,
                e -> assertThat(e.errorCode()).isEqualTo(40401));
        assertThatThrownBy(() -> registry.lookupId("nope-value", TestSchemas.V1))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(40401));
        assertThatThrownBy(() -> registry.lookupId("a-value", TestSchemas.V3))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(40403));
    }

    @Test
    void shouldRejectABackwardIncompatibleSchemaByDefault() {
        registry.register("a-value", TestSchemas.V1);

        assertThat(registry.getCompatibility("a-value")).isEqualTo("BACKWARD");
        assertThat(registry.testCompatibility("a-value", REQUIRED_ADDED)).isFalse();
        assertThatThrownBy(() -> registry.register("a-value", REQUIRED_ADDED))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(409);
                    assertThat(e.isIncompatible()).isTrue();
                })
                .hasMessageContaining("incompatible with an earlier schema for subject \"a-value\" (BACKWARD)")
                .hasMessageContaining("READER_FIELD_MISSING_DEFAULT_VALUE");
        assertThat(registry.versions("a-value")).hasSize(1);
    }

    @Test
    void shouldAcceptAnyChangeUnderNone() {
        registry.register("a-value", TestSchemas.V1);
        registry.setCompatibility("a-value", "NONE");

        assertThat(registry.testCompatibility("a-value", REQUIRED_ADDED)).isTrue();
        assertThat(registry.register("a-value", REQUIRED_ADDED)).isEqualTo(2);
    }

    @Test
    void shouldCheckTheDirectionTheLevelAsksFor() {
        for (String level : new String[] {"BACKWARD", "FORWARD", "FULL"}) {
            registry.register(level + "-value", TestSchemas.V1);
            registry.setCompatibility(level + "-value", level);
        }

        assertThat(registry.testCompatibility("BACKWARD-value", REQUIRED_ADDED)).isFalse();
        assertThat(registry.testCompatibility("FORWARD-value", REQUIRED_ADDED)).isTrue();
        assertThat(registry.testCompatibility("FULL-value", REQUIRED_ADDED)).isFalse();
        assertThat(registry.testCompatibility("FULL-value", TestSchemas.V2)).isTrue();
    }

    @Test
    void shouldCheckEveryEarlierVersionOnlyWhenTransitive() {
        registry.setCompatibility("t-value", "NONE");
        registry.register("t-value", TestSchemas.V1);
        registry.register("t-value", TestSchemas.INCOMPATIBLE);
        // Reads the latest version (sensor only) through the default, but not V1's long "value".
        Schema valueAsText = reading("{\"name\":\"sensor\",\"type\":\"string\"},"
                + "{\"name\":\"value\",\"type\":\"string\",\"default\":\"\"}");

        registry.setCompatibility("t-value", "BACKWARD");
        assertThat(registry.testCompatibility("t-value", valueAsText)).isTrue();
        registry.setCompatibility("t-value", "BACKWARD_TRANSITIVE");
        assertThat(registry.testCompatibility("t-value", valueAsText)).isFalse();
    }

    private static Schema reading(String fields) {
        return new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"Reading\","
                + "\"namespace\":\"io.l2risk.serde.testdata\",\"fields\":[" + fields + "]}");
    }

    @Test
    void shouldRejectAnUnknownCompatibilityLevel() {
        assertThatThrownBy(() -> registry.setCompatibility("a-value", "SOMETIMES"))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(42203));
    }

    @Test
    void shouldShareOneRegistryPerScopeAndForgetItOnDrop() {
        SchemaRegistryClient viaFactory = SchemaRegistryClients.create(Map.of(SchemaRegistryConfig.URL, "mock://" + scope));
        registry.register("a-value", TestSchemas.V1);

        assertThat(viaFactory).isSameAs(registry);
        MockSchemaRegistry.drop(scope);
        assertThat(MockSchemaRegistry.forScope(scope)).isNotSameAs(registry);
        assertThat(MockSchemaRegistry.forScope(scope).versions("a-value")).isEmpty();
    }

    @Test
    void shouldPickRestForHttpUrlsAndRejectAMockUrlWithoutScope() {
        assertThat(SchemaRegistryClients.create(Map.of(SchemaRegistryConfig.URL, "http://localhost:8081")))
                .isInstanceOf(RestSchemaRegistryClient.class);
        assertThatThrownBy(() -> SchemaRegistryClients.create(Map.of(SchemaRegistryConfig.URL, "mock://")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("mock:// URLs need a scope");
        assertThatThrownBy(() -> SchemaRegistryClients.create(Map.of(SchemaRegistryConfig.URL, "mock://a,http://b:1")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("must be the only URL");
    }
}
