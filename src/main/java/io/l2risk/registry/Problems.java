package io.l2risk.registry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects registry problems so one start reports all of them, then fails. They are reported in file
 * order (files in the order they were loaded, then by line), whatever order the checks ran in.
 */
final class Problems {

    private final List<Entry> entries = new ArrayList<>();
    private final Map<String, Integer> fileOrder = new LinkedHashMap<>();

    void add(Provenance at, String reason) {
        fileOrder.putIfAbsent(at.file(), fileOrder.size());
        entries.add(new Entry(at, at.problem(reason)));
    }

    /** How many problems were added so far; a parser compares counts to tell whether a part was clean. */
    int count() {
        return entries.size();
    }

    /** @throws RollupRegistryException if any problem was added */
    void throwIfAny() {
        if (!entries.isEmpty()) {
            throw new RollupRegistryException(entries.stream()
                    .sorted(Comparator.comparingInt((Entry e) -> fileOrder.get(e.at().file()))
                            .thenComparingInt(e -> e.at().line()))
                    .map(Entry::message)
                    .toList());
        }
    }

    private record Entry(Provenance at, String message) {
    }
}
