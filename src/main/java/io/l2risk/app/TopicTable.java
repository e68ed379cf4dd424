package io.l2risk.app;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.l2risk.config.Durations;
import io.l2risk.topics.TopicSpec;

/** The {@code topics} command's table: one line per topic, columns padded to the widest cell. */
final class TopicTable {

    private static final List<String> HEADER = List.of("TOPIC", "PARTITIONS", "RF", "CLEANUP", "RETENTION", "STATUS");

    private TopicTable() {
    }

    static void print(PrintWriter out, List<TopicSpec<?>> topics, Function<TopicSpec<?>, String> status) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        for (TopicSpec<?> t : topics) {
            rows.add(List.of(t.name(), Integer.toString(t.partitions()), Short.toString(t.replicationFactor()),
                    t.cleanupPolicy().configValue(), t.retention().map(Durations::format).orElse("-"),
                    status.apply(t)));
        }
        int[] widths = new int[HEADER.size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(i == row.size() - 1 ? row.get(i) : String.format("%-" + widths[i] + "s  ", row.get(i)));
            }
            out.println(line);
        }
    }
}
