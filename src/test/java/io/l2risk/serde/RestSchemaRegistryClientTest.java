package io.l2risk.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.l2risk.serde.FakeRegistryServer.Reply;
import io.l2risk.serde.FakeRegistryServer.Request;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RestSchemaRegistryClientTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String V1_JSON_STRING = quote(TestSchemas.V1.toString());

    private final List<FakeRegistryServer> servers = new ArrayList<>();
    private final List<Long> sleeps = new ArrayList<>();

    @AfterEach
    void stopServers() {
        servers.forEach(FakeRegistryServer::close);
    }

    @Test
    void shouldRegisterWithTheConfluentContentTypeAndSchemaBody() throws Exception {
        FakeRegistryServer server = server(r -> Reply.json("{\"id\":21}"));
        RestSchemaRegistryClient client = client(server.url());

        int id = client.register("l2risk.ingest.batches-value", TestSchemas.V1);

        assertThat(id).isEqualTo(21);
        Request request = server.requests().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.rawPath()).isEqualTo("/subjects/l2risk.ingest.batches-value/versions");
        assertThat(request.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
        assertThat(JSON.readTree(request.body()).get("schema").asText()).isEqualTo(TestSchemas.V1.toString());
        assertThat(request.authorization()).isNull();
    }

    @Test
    void shouldKeepTheBasePathOfTheUrlAndEncodeSubjects() {
        FakeRegistryServer server = server(r -> Reply.json("{\"id\":1}"));
        RestSchemaRegistryClient client = client(server.url() + "/apis/ccompat/v7/");

        client.register("a/b c+d-value", TestSchemas.V1);

        assertThat(server.requests().get(0).rawPath()).isEqualTo("/apis/ccompat/v7/subjects/a%2Fb%20c%2Bd-value/versions");
    }

    @Test
    void shouldAnswerRepeatedCallsFromTheCacheWithoutHttp() {
        FakeRegistryServer server = server(r -> r.rawPath().startsWith("/schemas/ids/")
                ? Reply.json("{\"schema\":" + V1_JSON_STRING + "}")
                : Reply.json("{\"id\":3,\"version\":1,\"subject\":\"t-value\",\"schema\":" + V1_JSON_STRING + "}"));
        RestSchemaRegistryClient client = client(server.url());

        for (int i = 0; i < 3; i++) {
            assertThat(client.getById(8)).isEqualTo(TestSchemas.V1);
            assertThat(client.register("t-value", TestSchemas.V1)).isEqualTo(3);
            assertThat(client.lookupId("t-value", TestSchemas.V1)).isEqualTo(3);
        }

        assertThat(server.requests()).extracting(Request::pathAndQuery)
                .containsExactly("/schemas/ids/8", "/subjects/t-value/versions");
    }

    @Test
    void shouldForgetTheLeastRecentlyUsedEntryBeyondTheCacheCapacity() {
        FakeRegistryServer server = server(r -> Reply.json("{\"schema\":" + V1_JSON_STRING + "}"));
        RestSchemaRegistryClient client = client(server.url(), Map.of(SchemaRegistryConfig.CACHE_CAPACITY, 2));

        client.getById(1);
        client.getById(2);
        client.getById(1);
        client.getById(3);
        client.getById(1);
        client.getById(2);

        assertThat(server.requests()).extracting(Request::rawPath)
                .containsExactly("/schemas/ids/1", "/schemas/ids/2", "/schemas/ids/3", "/schemas/ids/2");
    }

    @Test
    void shouldLookUpAnAlreadyRegisteredSchemaAndReadTheLatestVersion() {
        FakeRegistryServer server = server(r -> Reply.json(
                "{\"id\":5,\"version\":2,\"subject\":\"t-value\",\"schema\":" + V1_JSON_STRING + ",\"references\":[]}"));
        RestSchemaRegistryClient client = client(server.url());

        assertThat(client.lookupId("t-value", TestSchemas.V1)).isEqualTo(5);
        assertThat(client.getLatest("t-value")).isEqualTo(new RegisteredSchema("t-value", 5, 2, TestSchemas.V1));
        assertThat(server.requests()).extracting(r -> r.method() + " " + r.rawPath())
                .containsExactly("POST /subjects/t-value", "GET /subjects/t-value/versions/latest");
    }

    @Test
    void shouldTestCompatibilityAndTreatAMissingSubjectAsCompatible() {
        FakeRegistryServer server = server(r -> switch (r.rawPath()) {
            case "/compatibility/subjects/ok-value/versions/latest" -> Reply.json("{\"is_compatible\":true}");
            case "/compatibility/subjects/bad-value/versions/latest" -> Reply.json("{\"is_compatible\":false,\"reason\":null}");
            default -> new Reply(404, "{\"error_code\":40402,\"message\":\"No version 'latest' found\"}");
        });
        RestSchemaRegistryClient client = client(server.url());

        assertThat(client.testCompatibility("ok-value", TestSchemas.V1)).isTrue();
        assertThat(client.testCompatibility("bad-value", TestSchemas.V1)).isFalse();
        assertThat(client.testCompatibility("new-value", TestSchemas.V1)).isTrue();
    }

    @Test
    void shouldSetAndReadCompatibilityFallingBackToTheGlobalLevel() throws Exception {
        FakeRegistryServer server = server(r -> {
            if (r.method().equals("PUT")) {
                return Reply.json(r.body());
            }
            if (r.rawPath().equals("/config/known-value")) {
                return Reply.json("{\"compatibilityLevel\":\"FULL\"}");
            }
            if (r.rawPath().equals("/config")) {
                return Reply.json("{\"compatibilityLevel\":\"NONE\"}");
            }
            return new Reply(404, "{\"error_code\":40401,\"message\":\"No artifact with ID 'x'\"}");
        });
        RestSchemaRegistryClient client = client(server.url());

        client.setCompatibility("t-value", "backward");

        assertThat(JSON.readTree(server.requests().get(0).body()).get("compatibility").asText()).isEqualTo("BACKWARD");
        assertThat(server.requests().get(0).rawPath()).isEqualTo("/config/t-value");
        assertThat(client.getCompatibility("known-value")).isEqualTo("FULL");
        assertThat(client.getCompatibility("unknown-value")).isEqualTo("NONE");
        assertThatThrownBy(() -> client.setCompatibility("t-value", "SOMETIMES"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown compatibility level");
    }

    @Test
    void shouldRetryServerErrorsAndSucceed() {
        AtomicInteger calls = new AtomicInteger();
        FakeRegistryServer server = server(r -> calls.incrementAndGet() <= 2
                ? new Reply(503, "{\"error_code\":50301,\"message\":\"busy\"}")
                : Reply.json("{\"id\":4}"));
        RestSchemaRegistryClient client = client(server.url());

        assertThat(client.register("t-value", TestSchemas.V1)).isEqualTo(4);
        assertThat(server.requests()).hasSize(3);
        assertThat(sleeps).hasSize(2);
        assertThat(sleeps.get(0)).isBetween(50L, 100L);
        assertThat(sleeps.get(1)).isBetween(100L, 200L);
    }

    @Test
    void shouldRetryTooManyRequests() {
        AtomicInteger calls = new AtomicInteger();
        FakeRegistryServer server = server(r -> calls.incrementAndGet() == 1
                ? new Reply(429, "slow down") : Reply.json("{\"schema\":" + V1_JSON_STRING + "}"));

        assertThat(client(server.url()).getById(1)).isEqualTo(TestSchemas.V1);
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void shouldGiveUpOnServerErrorsAfterMaxRetriesWithStatusAndCode() {
        FakeRegistryServer server = server(r -> new Reply(500, "{\"error_code\":50001,\"message\":\"store failure\"}"));

        assertThatThrownBy(() -> client(server.url()).getById(1))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(500);
                    assertThat(e.errorCode()).isEqualTo(50001);
                    assertThat(e.isRetriable()).isTrue();
                })
                .hasMessageContaining("HTTP 500 error_code 50001: store failure")
                .hasMessageContaining("after 4 attempts");
        assertThat(server.requests()).hasSize(4);
    }

    @Test
    void shouldSurfaceClientErrorsWithCodeAndMessageWithoutRetrying() {
        FakeRegistryServer server = server(r -> new Reply(404, "{\"error_code\":40403,\"message\":\"Schema not found\"}"));

        assertThatThrownBy(() -> client(server.url()).getById(12345))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(404);
                    assertThat(e.errorCode()).isEqualTo(40403);
                    assertThat(e.registryMessage()).isEqualTo("Schema not found");
                    assertThat(e.isRetriable()).isFalse();
                    assertThat(e.isNotFound()).isTrue();
                })
                .hasMessage("schema registry error: HTTP 404 error_code 40403: Schema not found (GET "
                        + server.url() + "/schemas/ids/12345)");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void shouldSurfaceIncompatibleAndInvalidSchemaErrors() {
        FakeRegistryServer server = server(r -> r.rawPath().startsWith("/subjects/incompatible")
                ? new Reply(409, "{\"error_code\":409,\"message\":\"Incompatible artifact\"}")
                : new Reply(422, "{\"error_code\":42201,\"message\":\"Invalid schema\"}"));
        RestSchemaRegistryClient client = client(server.url());

        assertThatThrownBy(() -> client.register("incompatible-value", TestSchemas.V1))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.isIncompatible()).isTrue())
                .hasMessageContaining("HTTP 409 error_code 409: Incompatible artifact");
        assertThatThrownBy(() -> client.register("invalid-value", TestSchemas.V1))
                .isInstanceOfSatisfying(SchemaRegistryException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.INVALID_SCHEMA))
                .hasMessageContaining("HTTP 422 error_code 42201: Invalid schema");
    }

    @Test
    void shouldAnswerTheIdOfTheSameSchemaRegisteredConcurrentlyWhenARegistrationGetsAConflict() {
        // Apicurio 2.6.13 to the second of two clients registering a subject's first schema at once.
        FakeRegistryServer server = server(r -> r.rawPath().endsWith("/versions")
                ? new Reply(409, "{\"error_code\":409,\"message\":\"An artifact with ID 's-value' in group 'null' "
                        + "already exists.\"}")
                : Reply.json("{\"subject\":\"s-value\",\"id\":7,\"version\":1,\"schema\":" + V1_JSON_STRING + "}"));
        RestSchemaRegistryClient client = client(server.url());

        assertThat(client.register("s-value", TestSchemas.V1)).isEqualTo(7);
        assertThat(server.requests()).extracting(Request::method, Request::rawPath).containsExactly(
                tuple("POST", "/subjects/s-value/versions"),
                tuple("POST", "/subjects/s-value"));
    }

    @Test
    void shouldKeepTheConflictOfAnIncompatibleSchemaThatIsNotRegistered() {
        FakeRegistryServer server = server(r -> r.rawPath().endsWith("/versions")
                ? new Reply(409, "{\"error_code\":409,\"message\":\"Incompatible artifact\"}")
                : new Reply(404, "{\"error_code\":40403,\"message\":\"Schema not found\"}"));
        RestSchemaRegistryClient client = client(server.url());

        assertThatThrownBy(() -> client.register("s-value", TestSchemas.V1))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.isIncompatible()).isTrue();
                    assertThat(e.getSuppressed()).singleElement().isInstanceOfSatisfying(SchemaRegistryException.class,
                            lookup -> assertThat(lookup.errorCode()).isEqualTo(SchemaRegistryException.SCHEMA_NOT_FOUND));
                })
                .hasMessageContaining("HTTP 409 error_code 409: Incompatible artifact");
    }

    @Test
    void shouldReportAnErrorBodyThatIsNotJson() {
        FakeRegistryServer server = server(r -> new Reply(400, "Not able to deserialize data provided."));

        assertThatThrownBy(() -> client(server.url()).setCompatibility("t-value", "FULL"))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(400);
                    assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.NO_ERROR_CODE);
                })
                .hasMessageContaining("HTTP 400: Not able to deserialize data provided.");
    }

    @Test
    void shouldRetryARefusedConnectionThenFailWithAClearMessage() {
        String url = "http://127.0.0.1:" + FakeRegistryServer.closedPort();

        assertThatThrownBy(() -> client(url).getById(1))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(SchemaRegistryException.NO_RESPONSE);
                    assertThat(e.isRetriable()).isTrue();
                })
                .hasMessage("schema registry unreachable at " + url + " after 4 attempts: Connection refused");
        assertThat(sleeps).hasSize(3);
    }

    @Test
    void shouldFailOverToTheNextUrlAndStayThere() {
        FakeRegistryServer server = server(r -> Reply.json("{\"schema\":" + V1_JSON_STRING + "}"));
        String dead = "http://127.0.0.1:" + FakeRegistryServer.closedPort();
        RestSchemaRegistryClient client = client(dead + " , " + server.url());

        assertThat(client.getById(1)).isEqualTo(TestSchemas.V1);
        int sleepsAfterFirstCall = sleeps.size();
        assertThat(client.getById(2)).isEqualTo(TestSchemas.V1);

        assertThat(server.requests()).hasSize(2);
        assertThat(sleeps).hasSize(sleepsAfterFirstCall);
    }

    @Test
    void shouldTimeOutASlowRegistryAndRetry() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        FakeRegistryServer server = server(r -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Reply.json("{\"id\":1}");
        });
        try {
            RestSchemaRegistryClient client = client(server.url(), Map.of(
                    SchemaRegistryConfig.REQUEST_TIMEOUT_MS, 200, SchemaRegistryConfig.MAX_RETRIES, 1));

            assertThatThrownBy(() -> client.register("t-value", TestSchemas.V1))
                    .isInstanceOf(SchemaRegistryException.class)
                    .hasMessage("schema registry unreachable at " + server.url() + " after 2 attempts: request timed out");
        } finally {
            release.countDown();
        }
    }

    @Test
    void shouldSendBasicAuthFromUserInfo() {
        FakeRegistryServer server = server(r -> Reply.json("{\"id\":1}"));
        RestSchemaRegistryClient client = client(server.url(), Map.of(
                SchemaRegistryConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO",
                SchemaRegistryConfig.USER_INFO, "alice:s3cret:with:colons"));

        client.register("t-value", TestSchemas.V1);

        assertThat(server.requests().get(0).authorization()).isEqualTo(basic("alice:s3cret:with:colons"));
    }

    @Test
    void shouldSendBasicAuthFromTheUrlWithoutPuttingCredentialsInTheRequestUrl() {
        FakeRegistryServer server = server(r -> Reply.json("{\"id\":1}"));
        String url = server.url().replace("http://", "http://bob:p%40ss@");
        RestSchemaRegistryClient client = client(url, Map.of(SchemaRegistryConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "URL"));

        client.register("t-value", TestSchemas.V1);

        assertThat(server.requests().get(0).authorization()).isEqualTo(basic("bob:p@ss"));
    }

    @Test
    void shouldRejectAnAnswerThatIsNotAnAvroSchema() {
        FakeRegistryServer server = server(r -> Reply.json("{\"schemaType\":\"PROTOBUF\",\"schema\":\"syntax = 'proto3';\"}"));

        assertThatThrownBy(() -> client(server.url()).getById(1))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("schema type PROTOBUF is not Avro");
    }

    private FakeRegistryServer server(Function<Request, Reply> handler) {
        FakeRegistryServer server = FakeRegistryServer.start(handler);
        servers.add(server);
        return server;
    }

    private RestSchemaRegistryClient client(String url) {
        return client(url, Map.of());
    }

    private RestSchemaRegistryClient client(String url, Map<String, ?> extra) {
        Map<String, Object> configs = new HashMap<>(extra);
        configs.put(SchemaRegistryConfig.URL, url);
        return new RestSchemaRegistryClient(new SchemaRegistryConfig(configs), sleeps::add);
    }

    private static String basic(String userInfo) {
        return "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
    }

    private static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
