package io.l2risk.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.l2risk.avro.BatchPosted;
import io.l2risk.avro.DeadLetter;
import io.l2risk.avro.IndicatorSnapshot;
import io.l2risk.avro.RiskAlert;
import io.l2risk.avro.RollupRiskStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build's guard on schema evolution: this test fails {@code mvn verify} when a change to
 * {@code schemas/*.avsc} cannot read data written with a released version.
 */
class SchemaEvolutionGuardTest {

    private static final Path SCHEMAS = Path.of("schemas");
    private static final Path RELEASED = SCHEMAS.resolve("released");

    @Test
    void currentSchemasShouldReadDataOfEveryReleasedVersion() {
        assertThat(SchemaEvolutionGuard.releases(RELEASED)).isNotEmpty();

        assertThat(SchemaEvolutionGuard.check(SCHEMAS, RELEASED)).isEmpty();
    }

    @Test
    void schemaFilesShouldBeWhatTheGeneratedClassesWereBuiltFrom() {
        Map<String, Schema> parsed = SchemaEvolutionGuard.parseDirectory(SCHEMAS);

        for (Schema generated : List.of(BatchPosted.getClassSchema(), RiskAlert.getClassSchema(),
                IndicatorSnapshot.getClassSchema(), RollupRiskStatus.getClassSchema(), DeadLetter.getClassSchema())) {
            // Generated classes carry avro.java.string properties; compare the canonical parsing form.
            assertThat(SchemaNormalization.toParsingForm(parsed.get(generated.getFullName())))
                    .isEqualTo(SchemaNormalization.toParsingForm(generated));
        }
        assertThat(parsed.keySet()).contains("io.l2risk.avro.Source", "io.l2risk.avro.IngestProgress",
                "io.l2risk.avro.ProofEvent", "io.l2risk.avro.BridgeEvent", "io.l2risk.avro.DaObservation");
    }

    @Test
    void everyFieldOfEverySchemaShouldHaveADocAndEveryNullableFieldADefaultOfNull() {
        for (Schema schema : SchemaEvolutionGuard.parseDirectory(SCHEMAS).values()) {
            if (schema.getType() != Schema.Type.RECORD) {
                continue;
            }
            assertThat(schema.getDoc()).as(schema.getFullName() + " doc").isNotBlank();
            for (Schema.Field field : schema.getFields()) {
                String name = schema.getName() + "." + field.name();
                assertThat(field.doc()).as(name + " doc").isNotBlank();
                if (field.schema().isNullable()) {
                    assertThat(field.schema().getTypes().get(0).getType()).as(name + " null first").isEqualTo(Schema.Type.NULL);
                    assertThat(field.hasDefaultValue()).as(name + " default").isTrue();
                }
            }
        }
    }

    @Test
    void shouldAcceptANewOptionalFieldWithADefault(@TempDir Path dir) throws IOException {
        Path release = copyRelease(dir);
        Path current = dir.resolve("current");
        copyCurrent(current);
        replaceIn(current.resolve("IngestProgress.avsc"),
                "{\"name\": \"ingesterId\"",
                "{\"name\": \"note\", \"type\": [\"null\", \"string\"], \"default\": null, \"doc\": \"d\"},\n    {\"name\": \"ingesterId\"");

        assertThat(SchemaEvolutionGuard.check(current, release.getParent())).isEmpty();
    }

    @Test
    void shouldRejectANewRequiredFieldWithoutDefault(@TempDir Path dir) throws IOException {
        Path release = copyRelease(dir);
        Path current = dir.resolve("current");
        copyCurrent(current);
        replaceIn(current.resolve("IngestProgress.avsc"),
                "{\"name\": \"ingesterId\"",
                "{\"name\": \"region\", \"type\": \"string\", \"doc\": \"d\"},\n    {\"name\": \"ingesterId\"");

        List<SchemaEvolutionGuard.Problem> problems = SchemaEvolutionGuard.check(current, release.getParent());

        assertThat(problems).hasSize(1);
        assertThat(problems.get(0).toString()).isEqualTo("io.l2risk.avro.IngestProgress is not BACKWARD compatible "
                + "with release v1: READER_FIELD_MISSING_DEFAULT_VALUE at /fields/5: region");
    }

    @Test
    void shouldRejectARemovedEnumSymbolAndAChangedFieldType(@TempDir Path dir) throws IOException {
        Path release = copyRelease(dir);
        Path current = dir.resolve("current");
        copyCurrent(current);
        replaceIn(current.resolve("Severity.avsc"), "\"INFO\", ", "");
        replaceIn(current.resolve("IngestProgress.avsc"),
                "{\"name\": \"l1HeadBlock\", \"type\": \"long\"", "{\"name\": \"l1HeadBlock\", \"type\": \"int\"");

        List<SchemaEvolutionGuard.Problem> problems = SchemaEvolutionGuard.check(current, release.getParent());

        assertThat(problems).extracting(SchemaEvolutionGuard.Problem::type)
                .contains("io.l2risk.avro.Severity", "io.l2risk.avro.RiskAlert", "io.l2risk.avro.IngestProgress");
        assertThat(problems).anySatisfy(p -> assertThat(p.message()).startsWith("MISSING_ENUM_SYMBOLS"));
        assertThat(problems).anySatisfy(p -> assertThat(p.message()).startsWith("TYPE_MISMATCH at /fields/4/type"));
    }

    @Test
    void shouldRejectARemovedType(@TempDir Path dir) throws IOException {
        Path release = copyRelease(dir);
        Path current = dir.resolve("current");
        copyCurrent(current);
        Files.delete(current.resolve("DaObservation.avsc"));

        assertThat(SchemaEvolutionGuard.check(current, release.getParent()))
                .containsExactly(
                        new SchemaEvolutionGuard.Problem("v1", "io.l2risk.avro.DaMethod", "the type was removed"),
                        new SchemaEvolutionGuard.Problem("v1", "io.l2risk.avro.DaObservation", "the type was removed"));
    }

    @Test
    void shouldNameTheFileWhenASchemaCannotBeParsed(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("Broken.avsc"),
                "{\"type\": \"record\", \"name\": \"Broken\", \"fields\": [{\"name\": \"x\", \"type\": \"io.nowhere.Missing\"}]}");

        assertThatThrownBy(() -> SchemaEvolutionGuard.parseDirectory(dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Broken.avsc")
                .hasMessageContaining("io.nowhere.Missing");
    }

    private static Path copyRelease(Path dir) throws IOException {
        Path release = dir.resolve("released").resolve("v1");
        copyCurrent(release);
        return release;
    }

    private static void copyCurrent(Path target) throws IOException {
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(SCHEMAS)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".avsc")).toList()) {
                Files.copy(file, target.resolve(file.getFileName()));
            }
        }
    }

    private static void replaceIn(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        assertThat(text).contains(from);
        Files.writeString(file, text.replace(from, to));
    }
}
