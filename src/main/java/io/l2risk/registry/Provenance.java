package io.l2risk.registry;

import java.util.Objects;

/**
 * Where a value came from: the file, the 1-based line and the path inside the file, e.g.
 * {@code rollups.yaml}, 17, {@code rollups[3].contracts.sequencerInbox}.
 *
 * @param file the file as the operator named it, or {@code classpath:rollups/mainnet.yaml}
 * @param line 1-based line, 0 when unknown (values built in code)
 * @param path the YAML path
 */
public record Provenance(String file, int line, String path) {

    public Provenance {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(path, "path");
    }

    /** The same file and line, at {@code path + "." + key}. */
    Provenance child(String key, int keyLine) {
        return new Provenance(file, keyLine, path.isEmpty() ? key : path + "." + key);
    }

    /** A problem message for this place: {@code file:line: path: reason}. */
    public String problem(String reason) {
        return file + ":" + line + ": " + (path.isEmpty() ? "" : path + ": ") + reason;
    }
}
