package io.l2risk.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the build installed the npm test tools (anvil, solc-js): {@code target/node-tools}, set by the
 * {@code install-node-tools} execution in pom.xml and handed to the tests as {@code l2risk.node.tools}.
 */
final class NodeTools {

    static final String PROPERTY = "l2risk.node.tools";

    private NodeTools() {
    }

    static Path dir() {
        return Path.of(System.getProperty(PROPERTY, "target/node-tools")).toAbsolutePath();
    }

    /** The executable or module {@code relative} to {@code node_modules}, failing with a hint when absent. */
    static Path require(String relative) {
        Path path = dir().resolve("node_modules").resolve(relative);
        if (!Files.exists(path)) {
            throw new IllegalStateException(path + " is missing: run the build's generate-test-resources phase"
                    + " (mvn test-compile), which installs the npm test tools into " + dir());
        }
        return path;
    }
}
