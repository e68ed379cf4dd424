package io.l2risk.embedded.sim;

import java.time.Duration;

/**
 * Waits for wall-clock time to pass. Injected into {@link SimulatorRunner} with a clock, so that
 * pacing can be tested without sleeping: a test's sleeper advances its fake clock instead.
 */
@FunctionalInterface
public interface Sleeper {

    /** Waits for about {@code duration}; may return earlier (the runner then checks its clock again). */
    void sleep(Duration duration) throws InterruptedException;
}
