package io.l2risk.records;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.AvroRuntimeException;

/**
 * Guards schema evolution: the schemas in {@code schemas/*.avsc} must be able to read data written
 * with every released version kept in {@code schemas/released/<version>/} (BACKWARD compatibility,
 * checked transitively against all releases), so a consumer upgraded to the current schemas can
 * still read every record already on the topics. Uses Avro's own {@link SchemaCompatibility}.
 *
 * <p>Releasing a version = copying {@code schemas/*.avsc} to a new {@code schemas/released/vN/}.
 * A released type may never disappear.
 */
public final class SchemaEvolutionGuard {

    private SchemaEvolutionGuard() {
    }

    /** One incompatibility between the current schemas and a released version. */
    public record Problem(String release, String type, String message) {
        @Override
        public String toString() {
            return type + " is not BACKWARD compatible with release " + release + ": " + message;
        }
    }

    /**
     * Checks the current schemas in {@code schemasDir} against every release under
     * {@code releasedRoot}. Returns no problems when all are compatible.
     */
    public static List<Problem> check(Path schemasDir, Path releasedRoot) {
        Map<String, Schema> current = parseDirectory(schemasDir);
        List<Problem> problems = new ArrayList<>();
        for (Path release : releases(releasedRoot)) {
            String version = release.getFileName().toString();
            for (Map.Entry<String, Schema> old : parseDirectory(release).entrySet()) {
                Schema now = current.get(old.getKey());
                if (now == null) {
                    problems.add(new Problem(version, old.getKey(), "the type was removed"));
                    continue;
                }
                SchemaCompatibility.SchemaPairCompatibility result =
                        SchemaCompatibility.checkReaderWriterCompatibility(now, old.getValue());
                if (result.getType() != SchemaCompatibilityType.COMPATIBLE) {
                    for (Incompatibility incompatibility : result.getResult().getIncompatibilities()) {
                        problems.add(new Problem(version, old.getKey(), incompatibility.getType() + " at "
                                + incompatibility.getLocation() + ": " + incompatibility.getMessage()));
                    }
                }
            }
        }
        return problems;
    }

    /** The release directories under {@code releasedRoot}, in name order; none if it does not exist. */
    static List<Path> releases(Path releasedRoot) {
        if (!Files.isDirectory(releasedRoot)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(releasedRoot)) {
            return dirs.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses every {@code *.avsc} directly in {@code dir}, in whatever order their references
     * allow, and returns the named types by full name.
     *
     * @throws IllegalArgumentException naming the file when a schema is invalid or refers to a
     *                                  type no file defines
     */
    public static Map<String, Schema> parseDirectory(Path dir) {
        List<Path> pending;
        try (Stream<Path> files = Files.list(dir)) {
            pending = new ArrayList<>(files.filter(p -> p.getFileName().toString().endsWith(".avsc")).sorted().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Schema> known = new LinkedHashMap<>();
        Map<Path, String> lastError = new TreeMap<>();
        boolean progress = true;
        while (!pending.isEmpty() && progress) {
            progress = false;
            for (var it = pending.iterator(); it.hasNext(); ) {
                Path file = it.next();
                Schema.Parser parser = new Schema.Parser().addTypes(known.values());
                try {
                    parser.parse(file.toFile());
                    known.putAll(parser.getTypes());
                    it.remove();
                    progress = true;
                } catch (AvroRuntimeException e) {
                    // Undefined names (another file not parsed yet) and real errors look alike here; real ones remain at the end.
                    lastError.put(file, e.getMessage());
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + file, e);
                }
            }
        }
        if (!pending.isEmpty()) {
            Path first = pending.get(0);
            throw new IllegalArgumentException("cannot parse " + first + ": " + lastError.get(first));
        }
        return known;
    }
}
