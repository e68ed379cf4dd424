package io.l2risk.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ApicurioRegistryIT {

    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final String SCHEMA = "{\"type\":\"record\",\"name\":\"Ping\",\"namespace\":\"io.l2risk.avro\","
            + "\"fields\":[{\"name\":\"seq\",\"type\":\"long\"}]}";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void shouldServeConfluentApiAndLeaveNoProcessAfterClose() throws Exception {
        ApicurioRegistry registry = ApicurioRegistry.builder().build().start();
        ProcessHandle process = registry.process();
        Path logFile = registry.logFile();
        try {
            assertThat(registry.confluentApiUrl()).isEqualTo("http://127.0.0.1:" + registry.port() + "/apis/ccompat/v7");
            assertThat(registry.isRunning()).isTrue();

            HttpResponse<String> subjects = get(registry.confluentApiUrl() + "/subjects");
            assertThat(subjects.statusCode()).isEqualTo(200);
            assertThat(json.readTree(subjects.body())).isEqualTo(json.readTree("[]"));

            String body = json.writeValueAsString(Map.of("schema", SCHEMA));
            HttpResponse<String> registered = http.send(HttpRequest.newBuilder(
                            URI.create(registry.confluentApiUrl() + "/subjects/pings-value/versions"))
                    .header("Content-Type", CONTENT_TYPE)
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(registered.statusCode()).isEqualTo(200);
            long id = json.readTree(registered.body()).get("id").asLong();

            HttpResponse<String> byId = get(registry.confluentApiUrl() + "/schemas/ids/" + id);
            assertThat(byId.statusCode()).isEqualTo(200);
            JsonNode returned = json.readTree(json.readTree(byId.body()).get("schema").asText());
            assertThat(returned).isEqualTo(json.readTree(SCHEMA));

            HttpResponse<String> after = get(registry.confluentApiUrl() + "/subjects");
            assertThat(json.readTree(after.body())).isEqualTo(json.readTree("[\"pings-value\"]"));
        } finally {
            registry.close();
        }

        assertThat(process.isAlive()).isFalse();
        assertThat(ProcessHandle.of(process.pid()).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(ProcessHandle.current().descendants().map(ProcessHandle::pid).toList())
                .doesNotContain(process.pid());
        assertThat(registry.isRunning()).isFalse();
        assertThat(logFile).as("temp work dir removed on close").doesNotExist();
    }

    @Test
    void shouldReuseTheUnpackedDistributionOnTheNextStart() throws Exception {
        try (ApicurioRegistry first = ApicurioRegistry.builder().build().start();
                ApicurioRegistry second = ApicurioRegistry.builder().build().start()) {
            assertThat(second.port()).isNotEqualTo(first.port());
            assertThat(List.of(get(first.confluentApiUrl() + "/subjects").statusCode(),
                    get(second.confluentApiUrl() + "/subjects").statusCode())).containsExactly(200, 200);
            // Both run from the one unpacked dir.
            assertThat(runnerJarOf(first)).isEqualTo(runnerJarOf(second))
                    .endsWith("/2.6.13.Final/apicurio-registry-app-2.6.13.Final-runner.jar");
        }
    }

    @Test
    void shouldExplainAMissingDistribution() {
        Path missing = Path.of("does-not-exist.zip").toAbsolutePath();

        assertThatThrownBy(() -> ApicurioRegistry.builder().distribution(missing).build().start())
                .isInstanceOf(EmbeddedServiceException.class)
                .hasMessageContaining("configured at " + missing + " does not exist");
    }

    private static String runnerJarOf(ApicurioRegistry registry) {
        List<String> args = List.of(registry.process().info().arguments().orElseThrow());
        return args.get(args.indexOf("-jar") + 1);
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
