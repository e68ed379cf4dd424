package io.l2risk.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's start-up hook: threshold overrides must name declared indicators and parameters. */
class OverrideValidationTest {

    private static final Map<String, Set<String>> DECLARED = Map.of(
            "BATCH_LIVENESS", Set.of("warnAfter", "criticalAfter", "zScore"),
            "DAC_QUORUM", Set.of("marginSigners"));

    @TempDir
    Path dir;

    @Test
    void shouldAcceptOverridesOfDeclaredParameters() throws IOException {
        RollupRegistry registry = RollupRegistryLoader.load(write("""
                rollups:
                  - id: base
                    stack: OP_STACK
                    thresholds:
                      BATCH_LIVENESS: { warnAfter: 30m, zScore: "8" }
                """));

        assertThat(registry.overrideProblems(DECLARED)).isEmpty();
        registry.validateOverrides(DECLARED);
    }

    @Test
    void shouldReportUnknownIndicatorsAndParametersWithTheirLines() throws IOException {
        Path file = write("""
                rollups:
                  - id: base
                    stack: OP_STACK
                    thresholds:
                      BATCH_LIVENESS:
                        warnAftr: 30m
                        criticalAfter: 4h
                      DAC_QUOROM:
                        marginSigners: 1
                        other: 2
                """);
        RollupRegistry registry = RollupRegistryLoader.load(file);

        assertThatThrownBy(() -> registry.validateOverrides(DECLARED))
                .isInstanceOf(RollupRegistryException.class)
                .hasMessage(file + ":6: rollups[0].thresholds.BATCH_LIVENESS.warnAftr: indicator BATCH_LIVENESS has"
                        + " no parameter 'warnAftr' (did you mean 'warnAfter'?)\n"
                        + file + ":8: rollups[0].thresholds.DAC_QUOROM: unknown indicator 'DAC_QUOROM'"
                        + " (did you mean 'DAC_QUORUM'?)");
    }

    @Test
    void shouldReportAnUnknownIndicatorWithNoNearMatchOnce() throws IOException {
        Path file = write("""
                rollups:
                  - id: demo
                    stack: GENERIC
                    thresholds:
                      NOT_AN_INDICATOR: { a: "1", b: "2" }
                """);
        RollupRegistry registry = RollupRegistryLoader.load(file);

        assertThat(registry.overrideProblems(DECLARED)).containsExactly(
                file + ":5: rollups[0].thresholds.NOT_AN_INDICATOR: unknown indicator 'NOT_AN_INDICATOR'");
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("rollups.yaml"), yaml);
    }
}
