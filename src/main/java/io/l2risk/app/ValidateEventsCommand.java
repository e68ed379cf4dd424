package io.l2risk.app;

import io.l2risk.eventfile.AvroJsonLinesReader;
import io.l2risk.eventfile.BadLine;
import io.l2risk.records.IngestRecords;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.avro.specific.SpecificRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code validate-events FILE...}: reads event files (design.md §3) and reports every bad line with
 * its number, then a count of records per type. Exit code 0 when every line is valid, 1 when some
 * line is invalid, 2 when a file cannot be read. Out-of-order lines are reported but do not fail
 * the check unless {@code --strict-order} is given.
 */
@Command(name = "validate-events", mixinStandardHelpOptions = true,
        description = "Check event files (JSON Lines, Avro JSON encoding of the ingest union) and report bad lines.")
final class ValidateEventsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Event files to check.")
    List<Path> files;

    @Option(names = "--strict-order", description = "Also fail when a rollup's L1 time goes backwards.")
    boolean strictOrder;

    @Option(names = "--max-reported", defaultValue = "50",
            description = "Bad lines printed per file before only counting (default: ${DEFAULT-VALUE}).")
    int maxReported;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean failed = false;
        for (Path file : files) {
            if (!Files.isReadable(file)) {
                err.println(file + ": cannot read the file");
                return 2;
            }
            long[] reported = {0};
            Map<String, Long> byType = new TreeMap<>();
            try (AvroJsonLinesReader<SpecificRecord> reader = AvroJsonLinesReader.openEvents(file, badLine -> {
                if (reported[0]++ < maxReported) {
                    err.println(badLine + (badLine.kind() == BadLine.Kind.OUT_OF_ORDER ? " (out of order)" : ""));
                }
            })) {
                SpecificRecord record;
                while ((record = reader.next()) != null) {
                    byType.merge(record.getSchema().getName(), 1L, Long::sum);
                }
                out.printf("%s: %d lines, %d records, %d invalid, %d out of order%n", file, reader.lineNumber(),
                        reader.records(), reader.invalidLines(), reader.outOfOrderLines());
                for (Class<? extends SpecificRecord> type : IngestRecords.TYPES) {
                    out.printf("  %-15s %d%n", type.getSimpleName(), byType.getOrDefault(type.getSimpleName(), 0L));
                }
                failed |= reader.invalidLines() > 0 || (strictOrder && reader.outOfOrderLines() > 0);
            } catch (IOException e) {
                err.println(file + ": " + e.getMessage());
                return 2;
            }
        }
        out.flush();
        return failed ? 1 : 0;
    }
}
