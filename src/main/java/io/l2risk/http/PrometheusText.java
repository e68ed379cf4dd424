package io.l2risk.http;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The Prometheus text exposition format 0.0.4: per metric family one {@code # HELP} and one
 * {@code # TYPE} line, then {@code name{label="value",...} value} per sample. Names and label names
 * are sanitized to {@code [a-zA-Z_:][a-zA-Z0-9_:]*} / {@code [a-zA-Z_][a-zA-Z0-9_]*}; label values
 * and help texts are escaped; a sample whose label set repeats one already written is dropped.
 */
final class PrometheusText {

    /** One sample of a family. */
    record Sample(Map<String, String> labels, double value) {
        Sample {
            labels = labels == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        }

        static Sample of(double value) {
            return new Sample(Map.of(), value);
        }
    }

    /** One metric family: {@code type} is {@code counter} or {@code gauge}. */
    record Family(String name, String type, String help, List<Sample> samples) {
        Family {
            name = PrometheusText.name(Objects.requireNonNull(name, "name"));
            Objects.requireNonNull(type, "type");
            help = help == null ? "" : help;
            samples = List.copyOf(samples);
        }
    }

    private PrometheusText() {
    }

    /** The exposition of {@code families}, in order; families with no samples are left out. */
    static String write(Collection<Family> families) {
        StringBuilder out = new StringBuilder(8192);
        for (Family family : families) {
            if (family.samples().isEmpty()) {
                continue;
            }
            out.append("# HELP ").append(family.name());
            if (!family.help().isEmpty()) {
                out.append(' ').append(escapeHelp(family.help()));
            }
            out.append('\n');
            out.append("# TYPE ").append(family.name()).append(' ').append(family.type()).append('\n');
            Set<String> written = new HashSet<>();
            for (Sample sample : family.samples()) {
                String labels = labels(sample.labels());
                if (written.add(labels)) {
                    out.append(family.name()).append(labels).append(' ').append(value(sample.value())).append('\n');
                }
            }
        }
        return out.toString();
    }

    /** A valid metric name: characters outside {@code [a-zA-Z0-9_:]} become {@code _}, a leading digit gets {@code _}. */
    static String name(String raw) {
        return sanitize(raw, true);
    }

    /** A valid label name: like {@link #name} without {@code :}. */
    static String labelName(String raw) {
        return sanitize(raw, false);
    }

    /** A label value with {@code \}, {@code "} and newlines escaped. */
    static String escapeLabelValue(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    /** A help text with {@code \} and newlines escaped. */
    static String escapeHelp(String help) {
        return help.replace("\\", "\\\\").replace("\n", "\\n");
    }

    /** Integral values without a fraction, {@code NaN}, {@code +Inf}, {@code -Inf}, else Java's shortest form. */
    static String value(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    private static String labels(Map<String, String> labels) {
        if (labels.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder().append('{');
        Set<String> names = new HashSet<>();
        for (Map.Entry<String, String> label : labels.entrySet()) {
            String name = labelName(label.getKey());
            if (!names.add(name) || name.startsWith("__")) {
                continue;
            }
            if (out.length() > 1) {
                out.append(',');
            }
            out.append(name).append("=\"").append(escapeLabelValue(String.valueOf(label.getValue()))).append('"');
        }
        return out.append('}').toString();
    }

    private static String sanitize(String raw, boolean colon) {
        if (raw.isEmpty()) {
            return "_";
        }
        StringBuilder out = new StringBuilder(raw.length() + 1);
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || colon && c == ':'
                    || i > 0 && c >= '0' && c <= '9';
            if (!ok && i == 0 && c >= '0' && c <= '9') {
                out.append('_').append(c);
            } else {
                out.append(ok ? c : '_');
            }
        }
        return out.toString();
    }
}
