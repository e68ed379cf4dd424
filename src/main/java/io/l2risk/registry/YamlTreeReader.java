package io.l2risk.registry;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/** Reads a YAML document into {@link YamlNode}s, keeping the line of every key and value. */
final class YamlTreeReader {

    private static final YAMLFactory YAML = new YAMLFactory();

    private YamlTreeReader() {
    }

    /**
     * The document in {@code in}, or null for an empty document. Duplicate keys are reported to
     * {@code problems} (the first one wins).
     *
     * @throws RollupRegistryException on a YAML syntax error or an unreadable stream
     */
    static YamlNode read(String file, InputStream in, Problems problems) {
        try (JsonParser parser = YAML.createParser(in)) {
            JsonToken first = parser.nextToken();
            return first == null ? null : readValue(parser, file, "", problems);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            int line = at == null ? 0 : at.getLineNr();
            throw new RollupRegistryException(List.of(file + ":" + line + ": YAML syntax error: "
                    + condense(e.getOriginalMessage())));
        } catch (IOException e) {
            throw new RollupRegistryException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * SnakeYAML's multi-line message without its source excerpts and caret lines:
     * {@code while parsing a flow sequence; expected ',' or ']', but got <stream end>}.
     */
    private static String condense(String message) {
        return message.lines()
                .filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0)))
                .map(String::strip)
                .collect(Collectors.joining("; "));
    }

    private static YamlNode readValue(JsonParser parser, String file, String path, Problems problems)
            throws IOException {
        int line = parser.currentTokenLocation().getLineNr();
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            Map<String, YamlNode.Field> fields = new LinkedHashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                int keyLine = parser.currentTokenLocation().getLineNr();
                String keyPath = path.isEmpty() ? key : path + "." + key;
                parser.nextToken();
                YamlNode value = readValue(parser, file, keyPath, problems);
                YamlNode.Field previous = fields.putIfAbsent(key, new YamlNode.Field(key, keyLine, value));
                if (previous != null) {
                    problems.add(new Provenance(file, keyLine, keyPath),
                            "duplicate key (first at line " + previous.keyLine() + ")");
                }
            }
            return new YamlNode.Mapping(fields, line);
        }
        if (token == JsonToken.START_ARRAY) {
            List<YamlNode> items = new ArrayList<>();
            int index = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                items.add(readValue(parser, file, path + "[" + index++ + "]", problems));
            }
            return new YamlNode.Sequence(items, line);
        }
        return new YamlNode.Scalar(token == JsonToken.VALUE_NULL ? null : parser.getText(), line);
    }
}
