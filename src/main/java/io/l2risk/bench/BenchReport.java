package io.l2risk.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark's results: one printed table and the same figures as JSON, so that runs can be
 * compared across commits ({@code jq '.results[] | select(.key=="topology.recordsPerSecond")'}).
 * Each row has a stable key, a value with its unit and, where the issue sets one, the target and
 * whether it was met.
 */
public final class BenchReport {

    /**
     * One figure.
     *
     * @param key    stable identifier, e.g. {@code topology.recordsPerSecond}
     * @param label  what the table shows
     * @param value  the measured value
     * @param unit   its unit, e.g. {@code records/s}
     * @param target the target in words, or {@code null}
     * @param met    whether the target is met, {@code null} without a target
     */
    public record Row(String key, String label, double value, String unit, String target, Boolean met) {
    }

    private final Map<String, Object> settings = new LinkedHashMap<>();
    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    /** Records a setting of the run (shown in the header and the JSON). */
    public BenchReport setting(String key, Object value) {
        settings.put(key, value);
        return this;
    }

    /** Adds a figure without a target. */
    public BenchReport add(String key, String label, double value, String unit) {
        rows.add(new Row(key, label, value, unit, null, null));
        return this;
    }

    /** Adds a figure with its target. */
    public BenchReport add(String key, String label, double value, String unit, String target, boolean met) {
        rows.add(new Row(key, label, value, unit, target, met));
        return this;
    }

    /** Adds a line printed under the table (and kept in the JSON). */
    public BenchReport note(String note) {
        notes.add(note);
        return this;
    }

    public List<Row> rows() {
        return List.copyOf(rows);
    }

    /** The value of the row with {@code key}. */
    public double value(String key) {
        return rows.stream().filter(r -> r.key().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no figure " + key)).value();
    }

    /** Prints the settings, the table and the notes. */
    public void print(PrintWriter out) {
        out.println("l2-risk-monitor bench");
        settings.forEach((key, value) -> out.printf(Locale.ROOT, "  %-22s %s%n", key, value));
        out.println();
        int labelWidth = Math.max(10, rows.stream().mapToInt(r -> r.label().length()).max().orElse(10));
        out.printf(Locale.ROOT, "  %-" + labelWidth + "s  %15s %-10s  %s%n", "measure", "value", "unit", "target");
        for (Row row : rows) {
            String target = row.target() == null ? "" : row.target() + (row.met() ? "  met" : "  MISSED");
            out.printf(Locale.ROOT, "  %-" + labelWidth + "s  %15s %-10s  %s%n", row.label(), format(row.value()),
                    row.unit(), target);
        }
        if (!notes.isEmpty()) {
            out.println();
            notes.forEach(note -> out.println("  " + note));
        }
        out.flush();
    }

    /** Writes settings, rows and notes as one JSON document. */
    public void writeJson(Path file) throws IOException {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("settings", settings);
        List<Map<String, Object>> results = new ArrayList<>();
        for (Row row : rows) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("key", row.key());
            result.put("label", row.label());
            result.put("value", Double.isFinite(row.value()) ? row.value() : null);
            result.put("unit", row.unit());
            if (row.target() != null) {
                result.put("target", row.target());
                result.put("met", row.met());
            }
            results.add(result);
        }
        document.put("results", results);
        document.put("notes", notes);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), document);
    }

    private static String format(double value) {
        if (!Double.isFinite(value)) {
            return "n/a";
        }
        if (Math.abs(value) >= 100 || value == Math.rint(value)) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return String.format(Locale.ROOT, "%,.2f", value);
    }
}
