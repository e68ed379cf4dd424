package io.l2risk.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SchemaRegistryClient} over the Confluent Schema Registry REST API (Confluent, Karapace,
 * Redpanda, Apicurio's {@code /apis/ccompat/v7}), on {@code java.net.http}.
 *
 * <p>Answers that cannot change are cached (bounded LRU, {@link SchemaRegistryConfig#CACHE_CAPACITY}):
 * id → schema and (subject, schema) → id, so a steady stream of records causes no HTTP at all.
 * {@link #getLatest}, {@link #testCompatibility} and the config calls always ask the registry.
 *
 * <p>Schemas are always sent as {@link Schema#toString()}. That matters: some registries (Apicurio)
 * compare schema text byte for byte, so the same schema formatted differently would be a new version.
 * Schema references are not supported.
 *
 * <p>Apicurio Registry 2.6.13 ({@code /apis/ccompat/v7}), checked by hand:
 * <ul>
 *   <li>ids are content ids, shared by every subject holding the same schema text;</li>
 *   <li>a differently formatted copy of a registered schema is a new version with a new id, and looking
 *       it up answers 40403;</li>
 *   <li>{@code GET /config/{subject}} answers {@code NONE} for a subject without its own level even
 *       though the global level is enforced, and 40401 for a subject without versions
 *       ({@link #getCompatibility} then reads {@code GET /config});</li>
 *   <li>a compatibility test against a subject without versions answers 404 / 40402 (reported here as
 *       compatible); an incompatible registration answers 409 with error code 409;</li>
 *   <li>of two clients registering the first schema of a subject at the same moment, one may get 409
 *       "An artifact with ID '...' already exists" (seen with three engine instances starting together);
 *       {@link #register} then looks the schema up.</li>
 *   <li>an invalid level in {@code PUT /config} gets a plain-text 400 (levels are validated here first);
 *       an unknown path gets 404 with error code 0.</li>
 * </ul>
 */
public final class RestSchemaRegistryClient implements SchemaRegistryClient {

    private static final Logger log = LoggerFactory.getLogger(RestSchemaRegistryClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SchemaRegistryConfig config;
    private final RegistryTransport transport;
    private final LruCache<Integer, Schema> schemasById;
    private final LruCache<SubjectSchema, Integer> idsBySubjectSchema;

    private record SubjectSchema(String subject, Schema schema) {
    }

    /** A client for {@code configs} (see {@link SchemaRegistryConfig} for the keys). */
    public RestSchemaRegistryClient(Map<String, ?> configs) {
        this(new SchemaRegistryConfig(configs));
    }

    public RestSchemaRegistryClient(SchemaRegistryConfig config) {
        this(config, Thread::sleep);
    }

    RestSchemaRegistryClient(SchemaRegistryConfig config, RegistryTransport.Sleeper sleeper) {
        this.config = config;
        this.transport = new RegistryTransport(config, JSON, sleeper);
        this.schemasById = new LruCache<>(config.cacheCapacity());
        this.idsBySubjectSchema = new LruCache<>(config.cacheCapacity());
        log.info("schema registry client for {}", config);
    }

    @Override
    public int register(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer cached = idsBySubjectSchema.get(key);
        if (cached != null) {
            return cached;
        }
        String path = "/subjects/" + encode(subject) + "/versions";
        JsonNode answer;
        try {
            answer = call("POST", path, schemaBody(schema));
        } catch (SchemaRegistryException e) {
            if (e.httpStatus() != 409) {
                throw e;
            }
            return registeredMeanwhile(subject, schema, e);
        }
        int id = requiredInt(answer, "id", path);
        log.debug("registered schema {} under subject {} with id {}", schema.getFullName(), subject, id);
        remember(subject, schema, id);
        return id;
    }

    /**
     * After a 409 to a registration: Apicurio answers 409 "artifact already exists" to the loser of two
     * clients registering the first schema of a subject at once (several engine instances starting
     * together). If the schema is registered now, that is what was asked; otherwise the 409 stands
     * (an incompatible schema).
     */
    private int registeredMeanwhile(String subject, Schema schema, SchemaRegistryException conflict) {
        try {
            int id = lookupId(subject, schema);
            log.debug("schema {} of subject {} was registered concurrently with id {}", schema.getFullName(), subject,
                    id);
            return id;
        } catch (SchemaRegistryException lookup) {
            conflict.addSuppressed(lookup);
            throw conflict;
        }
    }

    @Override
    public int lookupId(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer cached = idsBySubjectSchema.get(key);
        if (cached != null) {
            return cached;
        }
        String path = "/subjects/" + encode(subject);
        JsonNode answer = call("POST", path, schemaBody(schema));
        int id = requiredInt(answer, "id", path);
        remember(subject, schema, id);
        return id;
    }

    @Override
    public Schema getById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        String path = "/schemas/ids/" + id;
        Schema schema = parse(call("GET", path, null), path);
        schemasById.put(id, schema);
        return schema;
    }

    @Override
    public RegisteredSchema getLatest(String subject) {
        String path = "/subjects/" + encode(subject) + "/versions/latest";
        JsonNode answer = call("GET", path, null);
        int id = requiredInt(answer, "id", path);
        Schema schema = schemasById.get(id);
        if (schema == null) {
            schema = parse(answer, path);
            schemasById.put(id, schema);
        }
        return new RegisteredSchema(answer.path("subject").asText(subject), id,
                requiredInt(answer, "version", path), schema);
    }

    @Override
    public boolean testCompatibility(String subject, Schema schema) {
        String path = "/compatibility/subjects/" + encode(subject) + "/versions/latest";
        RegistryTransport.Response response = transport.send("POST", path, schemaBody(schema));
        if (response.status() == 404 && isMissingSubjectOrVersion(response, path)) {
            // Nothing registered yet: anything is compatible (newer Confluent versions answer so too).
            return true;
        }
        JsonNode answer = body("POST", path, response);
        JsonNode flag = answer.get("is_compatible");
        if (flag == null || !flag.isBoolean()) {
            throw invalidAnswer(path, "no boolean is_compatible");
        }
        return flag.booleanValue();
    }

    @Override
    public void setCompatibility(String subject, String level) {
        ObjectNode body = JSON.createObjectNode().put("compatibility", CompatibilityLevel.parse(level).name());
        call("PUT", "/config/" + encode(subject), body);
    }

    @Override
    public String getCompatibility(String subject) {
        String path = "/config/" + encode(subject) + "?defaultToGlobal=true";
        RegistryTransport.Response response = transport.send("GET", path, null);
        if (response.status() == 404) {
            // Confluent (40408) and Apicurio (40401) answer 404 for a subject without its own level.
            path = "/config";
            response = transport.send("GET", path, null);
        }
        JsonNode answer = body("GET", path, response);
        // GET answers "compatibilityLevel"; some registries use the PUT spelling "compatibility".
        JsonNode level = answer.hasNonNull("compatibilityLevel") ? answer.get("compatibilityLevel")
                : answer.get("compatibility");
        if (level == null || !level.isTextual()) {
            throw invalidAnswer(path, "no compatibilityLevel");
        }
        return level.asText();
    }

    /** The validated settings this client runs with. */
    public SchemaRegistryConfig config() {
        return config;
    }

    @Override
    public String toString() {
        return "RestSchemaRegistryClient" + config.displayUrls();
    }

    private void remember(String subject, Schema schema, int id) {
        idsBySubjectSchema.put(new SubjectSchema(subject, schema), id);
        if (schemasById.get(id) == null) {
            schemasById.put(id, schema);
        }
    }

    private JsonNode call(String method, String path, JsonNode body) {
        return body(method, path, transport.send(method, path, body));
    }

    private JsonNode body(String method, String path, RegistryTransport.Response response) {
        if (!response.isSuccess()) {
            throw transport.error(method, path, response, "");
        }
        try {
            JsonNode node = JSON.readTree(response.body());
            if (node == null || !node.isObject()) {
                throw invalidAnswer(path, "expected a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw invalidAnswer(path, "not JSON: " + RegistryTransport.describe(e));
        }
    }

    private boolean isMissingSubjectOrVersion(RegistryTransport.Response response, String path) {
        int code = transport.error("POST", path, response, "").errorCode();
        return code == SchemaRegistryException.SUBJECT_NOT_FOUND || code == SchemaRegistryException.VERSION_NOT_FOUND;
    }

    private static ObjectNode schemaBody(Schema schema) {
        // schemaType is left out: AVRO is the default, and registries older than Confluent 5.5 reject the field.
        return JSON.createObjectNode().put("schema", schema.toString());
    }

    private Schema parse(JsonNode answer, String path) {
        String type = answer.path("schemaType").asText("AVRO");
        if (!"AVRO".equalsIgnoreCase(type)) {
            throw invalidAnswer(path, "schema type " + type + " is not Avro");
        }
        JsonNode references = answer.get("references");
        if (references != null && references.isArray() && references.size() > 0) {
            throw invalidAnswer(path, "the schema uses schema references, which this client does not support");
        }
        JsonNode text = answer.get("schema");
        if (text == null || !text.isTextual()) {
            throw invalidAnswer(path, "no schema text");
        }
        try {
            return new Schema.Parser().parse(text.asText());
        } catch (SchemaParseException e) {
            throw invalidAnswer(path, "invalid Avro schema: " + e.getMessage());
        }
    }

    private int requiredInt(JsonNode answer, String field, String path) {
        JsonNode value = answer.get(field);
        if (value == null || !value.canConvertToInt()) {
            throw invalidAnswer(path, "no integer " + field);
        }
        return value.intValue();
    }

    private SchemaRegistryException invalidAnswer(String path, String problem) {
        // Status 200: the registry did answer, so waiting and retrying would not help.
        return new SchemaRegistryException("unexpected schema registry answer from " + config.displayUrls()
                + " to " + path + ": " + problem, 200, SchemaRegistryException.NO_ERROR_CODE, null, null);
    }

    /** Percent-encodes a subject for a URL path (URLEncoder targets forms, where a space is '+'). */
    static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
