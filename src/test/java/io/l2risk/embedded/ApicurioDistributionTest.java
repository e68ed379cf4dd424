package io.l2risk.embedded;

import static io.l2risk.embedded.ApicurioDistribution.MARKER;
import static io.l2risk.embedded.ApicurioDistribution.RUNNER_JAR;
import static io.l2risk.embedded.ApicurioDistribution.VERSION;
import static io.l2risk.embedded.ApicurioDistribution.ZIP_ENV;
import static io.l2risk.embedded.ApicurioDistribution.ZIP_NAME;
import static io.l2risk.embedded.ApicurioDistribution.ZIP_PROPERTY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApicurioDistributionTest {

    @TempDir
    Path tmp;

    private final UnaryOperator<String> none = key -> null;

    @Test
    void shouldPreferSystemPropertyOverEnvironmentAndBuildOutput() throws IOException {
        Path fromProperty = fakeZip(tmp.resolve("prop").resolve(ZIP_NAME));
        Path fromEnv = fakeZip(tmp.resolve("env").resolve(ZIP_NAME));
        Path workingDir = tmp.resolve("project");
        fakeZip(workingDir.resolve("target/apicurio").resolve(ZIP_NAME));

        ApicurioDistribution.Located located = ApicurioDistribution.locate(null,
                lookup(ZIP_PROPERTY, fromProperty.toString()), lookup(ZIP_ENV, fromEnv.toString()), workingDir, tmp);

        assertThat(located.path()).isEqualTo(fromProperty);
        assertThat(located.source()).isEqualTo("system property " + ZIP_PROPERTY);
        assertThat(located.defaultCacheDir()).isEqualTo(fromProperty.resolveSibling(VERSION));
    }

    @Test
    void shouldFallBackFromMissingPropertyToEnvironment() throws IOException {
        Path fromEnv = fakeZip(tmp.resolve("env").resolve(ZIP_NAME));

        ApicurioDistribution.Located located = ApicurioDistribution.locate(null,
                lookup(ZIP_PROPERTY, tmp.resolve("nowhere.zip").toString()), lookup(ZIP_ENV, fromEnv.toString()),
                tmp, tmp);

        assertThat(located.path()).isEqualTo(fromEnv);
    }

    @Test
    void shouldFindBuildOutputThenLocalMavenRepositoryWithUserCache() throws IOException {
        Path home = tmp.resolve("home");
        Path m2Zip = fakeZip(home.resolve(".m2/repository/io/apicurio/apicurio-registry-app")
                .resolve(VERSION).resolve(ZIP_NAME));
        Path workingDir = tmp.resolve("project");

        ApicurioDistribution.Located fromM2 = ApicurioDistribution.locate(null, none, none, workingDir, home);
        assertThat(fromM2.path()).isEqualTo(m2Zip);
        assertThat(fromM2.defaultCacheDir()).isEqualTo(home.resolve(".cache/l2-risk-monitor/apicurio").resolve(VERSION));

        Path targetZip = fakeZip(workingDir.resolve("target/apicurio").resolve(ZIP_NAME));
        ApicurioDistribution.Located fromTarget = ApicurioDistribution.locate(null, none, none, workingDir, home);
        assertThat(fromTarget.path()).isEqualTo(targetZip.toAbsolutePath());
        assertThat(fromTarget.defaultCacheDir()).isEqualTo(workingDir.resolve("target/apicurio").resolve(VERSION));
    }

    @Test
    void shouldListEverythingTriedWhenNothingIsFound() {
        assertThatThrownBy(() -> ApicurioDistribution.locate(null, none, none, tmp.resolve("project"), tmp.resolve("home")))
                .isInstanceOf(EmbeddedServiceException.class)
                .hasMessageStartingWith("Apicurio Registry " + VERSION + " distribution not found. Run `mvn package` first")
                .hasMessageContaining("system property " + ZIP_PROPERTY + " (not set)")
                .hasMessageContaining("environment " + ZIP_ENV + " (not set)")
                .hasMessageContaining(tmp.resolve("project/target/apicurio").resolve(ZIP_NAME) + " (missing)")
                .hasMessageContaining(tmp.resolve("home/.m2/repository/io/apicurio/apicurio-registry-app")
                        .resolve(VERSION).resolve(ZIP_NAME) + " (missing)");
    }

    @Test
    void shouldRejectMissingExplicitPath() {
        Path missing = tmp.resolve("missing.zip");

        assertThatThrownBy(() -> ApicurioDistribution.locate(missing, none, none, tmp, tmp))
                .isInstanceOf(EmbeddedServiceException.class)
                .hasMessageContaining("configured at " + missing + " does not exist");
    }

    @Test
    void shouldUnpackOnceAndRedoWhenMarkerIsMissing() throws IOException {
        Path zip = fakeZip(tmp.resolve(ZIP_NAME));
        Path target = tmp.resolve(VERSION);

        assertThat(ApicurioDistribution.ensureUnpacked(zip, target)).isEqualTo(target);
        assertThat(ApicurioDistribution.runnerJar(target)).hasContent("runner");
        assertThat(target.resolve(MARKER)).exists();

        Path sentinel = Files.writeString(target.resolve("sentinel"), "kept");
        ApicurioDistribution.ensureUnpacked(zip, target);
        assertThat(sentinel).as("a complete unpack is reused").exists();

        Files.delete(target.resolve(MARKER)); // as after an interrupted unpack
        ApicurioDistribution.ensureUnpacked(zip, target);
        assertThat(sentinel).as("an incomplete unpack is redone").doesNotExist();
        assertThat(target.resolve(MARKER)).exists();
        try (var siblings = Files.list(tmp)) {
            assertThat(siblings.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder(ZIP_NAME, VERSION, VERSION + ".lock");
        }
    }

    @Test
    void shouldUnpackOnceWhenManyThreadsAskAtTheSameTime() throws Exception {
        Path zip = fakeZip(tmp.resolve(ZIP_NAME));
        Path target = tmp.resolve(VERSION);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Path>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> ApicurioDistribution.ensureUnpacked(zip, target));
            }
            for (Future<Path> result : pool.invokeAll(calls)) {
                assertThat(result.get()).isEqualTo(target);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(ApicurioDistribution.runnerJar(target)).hasContent("runner");
    }

    @Test
    void shouldRefuseZipEntriesThatEscapeTheTargetDir() throws IOException {
        Path zip = tmp.resolve("evil.zip");
        writeZip(zip, Map.of(RUNNER_JAR, "runner", "lib/a.jar", "a", "../escaped.txt", "evil"));
        Path target = tmp.resolve("unpacked").resolve(VERSION);

        Path parent = tmp.resolve("unpacked").toAbsolutePath();
        assertThatThrownBy(() -> ApicurioDistribution.ensureUnpacked(zip, target))
                .isInstanceOf(EmbeddedServiceException.class)
                .rootCause()
                .hasMessageMatching(Pattern.quote("Refusing zip entry '../escaped.txt' of " + zip
                        + ": it would be written outside " + parent.resolve(VERSION + ".unpacking-")) + "\\d+");
        assertThat(tmp.resolve("unpacked/escaped.txt")).doesNotExist();
        assertThat(target).doesNotExist();
    }

    @Test
    void shouldRejectADirWithoutRunnerJar() {
        assertThatThrownBy(() -> ApicurioDistribution.runnerJar(tmp))
                .isInstanceOf(EmbeddedServiceException.class)
                .hasMessageContaining("no " + RUNNER_JAR);
    }

    private static UnaryOperator<String> lookup(String key, String value) {
        return k -> k.equals(key) ? value : null;
    }

    private static Path fakeZip(Path zip) throws IOException {
        Files.createDirectories(zip.getParent());
        writeZip(zip, Map.of(RUNNER_JAR, "runner", "lib/", "", "lib/dep.jar", "dep"));
        return zip;
    }

    private static void writeZip(Path zip, Map<String, String> entries) throws IOException {
        try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(file)) {
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(entry.getKey()));
                out.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
    }
}
