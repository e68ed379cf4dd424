package io.l2risk.registry;

import java.util.List;
import java.util.Map;

/**
 * A YAML value with the 1-based line it starts on. Jackson's tree model drops locations, so the
 * registry reads its own small tree ({@link YamlTreeReader}) to point every problem at a line.
 */
sealed interface YamlNode permits YamlNode.Mapping, YamlNode.Sequence, YamlNode.Scalar {

    /** The 1-based line the value starts on. */
    int line();

    /** What the value is, for "expected a mapping, found a list" messages. */
    String kind();

    /** A mapping; keys keep file order. */
    record Mapping(Map<String, Field> fields, int line) implements YamlNode {
        @Override
        public String kind() {
            return "a mapping";
        }
    }

    /** A key of a mapping with the line it is written on, and its value. */
    record Field(String key, int keyLine, YamlNode value) {
    }

    /** A list. */
    record Sequence(List<YamlNode> items, int line) implements YamlNode {
        @Override
        public String kind() {
            return "a list";
        }
    }

    /**
     * A single value as written ({@code 0xff00…10} stays text even though YAML 1.1 reads it as a
     * number); {@code text} is null for an empty value or {@code ~}.
     */
    record Scalar(String text, int line) implements YamlNode {
        @Override
        public String kind() {
            return text == null ? "an empty value" : "a single value";
        }
    }
}
