package io.l2risk.registry;

import java.util.List;

import io.l2risk.config.ConfigurationException;

/**
 * A rollup registry file, or a threshold override in it, is invalid. Each problem reads
 * {@code file:line: path: reason}, e.g.
 * {@code rollups.yaml:17: rollups[3].contracts.sequencerInbox: "0x123" is not a 20-byte address};
 * the message lists them all, one per line.
 */
public class RollupRegistryException extends ConfigurationException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public RollupRegistryException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public RollupRegistryException(String problem, Throwable cause) {
        super(problem, cause);
        this.problems = List.of(problem);
    }

    /** Every problem found, in file order. */
    public List<String> problems() {
        return problems;
    }
}
