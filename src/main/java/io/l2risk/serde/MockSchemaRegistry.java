package io.l2risk.serde;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.avro.Schema;

/**
 * An in-memory schema registry behind {@code mock://scope} URLs, for the pure topology-test tier only
 * (TopologyTestDriver, single-processor tests). Integration tests and anything that runs against a
 * broker use a real registry: this class has no HTTP, no persistence, and only approximates the real
 * registries' rules.
 *
 * <p>One instance per scope, shared by every serde configured with the same {@code mock://scope} URL
 * in this JVM, so a test's serializer and deserializer see the same ids. Tests should use a unique
 * scope or call {@link #drop(String)} afterwards.
 *
 * <p>Behaviour: ids are assigned 1, 2, 3... per scope and are global like Confluent's (the same schema
 * text has one id, under any subject); registering a schema already under a subject returns its id
 * without a new version; each subject's compatibility level defaults to {@code BACKWARD} and is checked
 * with Avro's {@code SchemaCompatibility} on every new version ({@code NONE} disables the check).
 * Errors carry the Confluent error codes (40401, 40403, 409, 42203).
 */
public final class MockSchemaRegistry implements SchemaRegistryClient {

    private static final Map<String, MockSchemaRegistry> SCOPES = new ConcurrentHashMap<>();

    private final String scope;
    private final Map<String, Integer> idsBySchemaText = new HashMap<>();
    private final Map<Integer, Schema> schemasById = new HashMap<>();
    private final Map<String, List<RegisteredSchema>> versionsBySubject = new HashMap<>();
    private final Map<String, CompatibilityLevel> levelBySubject = new HashMap<>();
    private CompatibilityLevel globalLevel = CompatibilityLevel.BACKWARD;
    private int nextId = 1;

    private MockSchemaRegistry(String scope) {
        this.scope = scope;
    }

    /** The registry of {@code scope}, created empty on first use. */
    public static MockSchemaRegistry forScope(String scope) {
        Objects.requireNonNull(scope, "scope");
        return SCOPES.computeIfAbsent(scope, MockSchemaRegistry::new);
    }

    /** Forgets the registry of {@code scope}; the next {@link #forScope} starts empty. */
    public static void drop(String scope) {
        SCOPES.remove(scope);
    }

    /** The scope of a {@code mock://scope} URL. */
    static String scopeOf(String url) {
        String scope = url.trim().substring("mock://".length());
        int slash = scope.indexOf('/');
        return slash < 0 ? scope : scope.substring(0, slash);
    }

    @Override
    public synchronized int register(String subject, Schema schema) {
        List<RegisteredSchema> versions = versionsBySubject.computeIfAbsent(subject, s -> new ArrayList<>());
        Integer existing = findInSubject(versions, schema);
        if (existing != null) {
            return existing;
        }
        List<String> problems = levelOf(subject).incompatibilities(schema,
                versions.stream().map(RegisteredSchema::schema).collect(Collectors.toList()));
        if (!problems.isEmpty()) {
            if (versions.isEmpty()) {
                versionsBySubject.remove(subject);
            }
            throw error(409, SchemaRegistryException.INCOMPATIBLE_SCHEMA,
                    "Schema being registered is incompatible with an earlier schema for subject \"" + subject
                            + "\" (" + levelOf(subject) + "): " + String.join(" | ", problems));
        }
        String text = schema.toString();
        int id = idsBySchemaText.computeIfAbsent(text, t -> nextId++);
        // A parsed copy, as a REST client would get it: callers cannot mutate what the registry holds.
        Schema stored = schemasById.computeIfAbsent(id, i -> new Schema.Parser().parse(text));
        versions.add(new RegisteredSchema(subject, id, versions.size() + 1, stored));
        return id;
    }

    @Override
    public synchronized Schema getById(int id) {
        Schema schema = schemasById.get(id);
        if (schema == null) {
            throw error(404, SchemaRegistryException.SCHEMA_NOT_FOUND, "Schema " + id + " not found");
        }
        return schema;
    }

    @Override
    public synchronized RegisteredSchema getLatest(String subject) {
        List<RegisteredSchema> versions = existingVersions(subject);
        return versions.get(versions.size() - 1);
    }

    @Override
    public synchronized int lookupId(String subject, Schema schema) {
        Integer id = findInSubject(existingVersions(subject), schema);
        if (id == null) {
            throw error(404, SchemaRegistryException.SCHEMA_NOT_FOUND, "Schema not found under subject " + subject);
        }
        return id;
    }

    @Override
    public synchronized boolean testCompatibility(String subject, Schema schema) {
        List<RegisteredSchema> versions = versionsBySubject.getOrDefault(subject, List.of());
        return levelOf(subject).incompatibilities(schema,
                versions.stream().map(RegisteredSchema::schema).collect(Collectors.toList())).isEmpty();
    }

    @Override
    public synchronized void setCompatibility(String subject, String level) {
        levelBySubject.put(subject, parseLevel(level));
    }

    /** Sets the level of subjects without their own. */
    public synchronized void setGlobalCompatibility(String level) {
        globalLevel = parseLevel(level);
    }

    @Override
    public synchronized String getCompatibility(String subject) {
        return levelOf(subject).name();
    }

    /** The registered versions of {@code subject}, oldest first; empty when unknown. */
    public synchronized List<RegisteredSchema> versions(String subject) {
        return List.copyOf(versionsBySubject.getOrDefault(subject, List.of()));
    }

    @Override
    public String toString() {
        return "MockSchemaRegistry[mock://" + scope + "]";
    }

    private CompatibilityLevel levelOf(String subject) {
        return levelBySubject.getOrDefault(subject, globalLevel);
    }

    private List<RegisteredSchema> existingVersions(String subject) {
        List<RegisteredSchema> versions = versionsBySubject.get(subject);
        if (versions == null || versions.isEmpty()) {
            throw error(404, SchemaRegistryException.SUBJECT_NOT_FOUND, "Subject '" + subject + "' not found");
        }
        return versions;
    }

    private Integer findInSubject(List<RegisteredSchema> versions, Schema schema) {
        Integer id = idsBySchemaText.get(schema.toString());
        if (id == null) {
            return null;
        }
        return versions.stream().anyMatch(v -> v.id() == id) ? id : null;
    }

    private CompatibilityLevel parseLevel(String level) {
        try {
            return CompatibilityLevel.parse(level);
        } catch (IllegalArgumentException e) {
            throw error(422, SchemaRegistryException.INVALID_COMPATIBILITY_LEVEL, e.getMessage());
        }
    }

    private SchemaRegistryException error(int status, int code, String message) {
        return new SchemaRegistryException("schema registry error: HTTP " + status + " error_code " + code + ": "
                + message + " (mock://" + scope + ")", status, code, message, null);
    }
}
