package io.l2risk.serde;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/** The Confluent compatibility levels, and the Avro check each one implies. */
public enum CompatibilityLevel {
    NONE(false, false, false),
    BACKWARD(true, false, false),
    BACKWARD_TRANSITIVE(true, false, true),
    FORWARD(false, true, false),
    FORWARD_TRANSITIVE(false, true, true),
    FULL(true, true, false),
    FULL_TRANSITIVE(true, true, true);

    private final boolean newReadsOld;
    private final boolean oldReadsNew;
    private final boolean transitive;

    CompatibilityLevel(boolean newReadsOld, boolean oldReadsNew, boolean transitive) {
        this.newReadsOld = newReadsOld;
        this.oldReadsNew = oldReadsNew;
        this.transitive = transitive;
    }

    /**
     * Parses a level name, case-insensitively.
     *
     * @throws IllegalArgumentException naming the valid levels
     */
    public static CompatibilityLevel parse(String level) {
        try {
            return valueOf(level.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("unknown compatibility level '" + level + "', expected one of "
                    + List.of(values()), e);
        }
    }

    /**
     * Why {@code candidate} may not follow {@code previous} (oldest first) under this level; empty when it may.
     * BACKWARD: the candidate reads data written with the latest schema; FORWARD: the latest schema reads
     * data written with the candidate; transitive levels check every earlier version.
     */
    public List<String> incompatibilities(Schema candidate, List<Schema> previous) {
        List<String> problems = new ArrayList<>();
        if (previous.isEmpty() || this == NONE) {
            return problems;
        }
        List<Schema> against = transitive ? previous : previous.subList(previous.size() - 1, previous.size());
        for (Schema old : against) {
            if (newReadsOld) {
                check(candidate, old, "new schema cannot read data written with an earlier version", problems);
            }
            if (oldReadsNew) {
                check(old, candidate, "an earlier version cannot read data written with the new schema", problems);
            }
        }
        return problems;
    }

    private static void check(Schema reader, Schema writer, String what, List<String> problems) {
        SchemaPairCompatibility result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        if (result.getType() != SchemaCompatibilityType.COMPATIBLE) {
            StringBuilder detail = new StringBuilder(what);
            result.getResult().getIncompatibilities().forEach(i -> detail.append("; ")
                    .append(i.getType()).append(" at ").append(i.getLocation())
                    .append(i.getMessage() == null ? "" : ": " + i.getMessage()));
            problems.add(detail.toString());
        }
    }
}
