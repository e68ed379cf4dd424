package io.l2risk.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every invalid file fails at load with {@code file:line: path: reason}. */
class InvalidRegistryFileTest {

    @TempDir
    Path dir;

    private Path file;

    @Test
    void shouldNameFileLineAndPathOfABadAddress() {
        assertProblem("""
                rollups:
                  - id: a
                    stack: GENERIC
                  - id: b
                    stack: GENERIC
                  - id: c
                    stack: GENERIC
                  - id: d
                    name: D
                    stack: ARBITRUM_NITRO
                    l1ChainId: 1
                    da: ETHEREUM
                    batchers: []
                    params:
                      challengePeriod: 7d
                    contracts:
                      sequencerInbox: "0x123"
                """, ":17: rollups[3].contracts.sequencerInbox: \"0x123\" is not a 20-byte address");
    }

    @Test
    void shouldRejectABadAddressInAList() {
        assertProblem("""
                rollups:
                  - id: demo
                    stack: GENERIC
                    batchers:
                      - "0x00000000000000000000000000000000000000b1"
                      - 0xzz
                """, ":6: rollups[0].batchers[1]: \"0xzz\" is not a 20-byte address");
    }

    @Test
    void shouldSuggestTheKeyAMisspeltKeyWasMeantToBe() {
        assertProblem("""
                rollups:
                  - id: demo
                    stack: GENERIC
                    contracs:
                      bridge: "0x00000000000000000000000000000000000000b1"
                """, ":4: rollups[0].contracs: unknown key (did you mean 'contracts'?)");
    }

    @Test
    void shouldListTheKnownKeysForAnUnknownKeyWithNoNearMatch() {
        assertProblem("""
                rollups:
                  - id: demo
                    stack: GENERIC
                    colour: red
                """, ":4: rollups[0].colour: unknown key; expected one of id, name, stack, l1ChainId, da, contracts,"
                + " batchers, batchInbox, params, thresholds, watched");
    }

    @Test
    void shouldRejectUnknownParamsAndTopLevelKeys() {
        assertProblems("""
                rollup:
                  - id: demo
                rollups:
                  - id: demo
                    stack: GENERIC
                    params:
                      challangePeriod: 7d
                """,
                ":1: rollup: unknown key (did you mean 'rollups'?)",
                ":7: rollups[0].params.challangePeriod: unknown key (did you mean 'challengePeriod'?)");
    }

    @Test
    void shouldRejectAnUnknownContractRole() {
        assertProblem("""
                rollups:
                  - id: demo
                    stack: GENERIC
                    contracts:
                      sequencerInbx: "0x00000000000000000000000000000000000000b1"
                """, ":5: rollups[0].contracts.sequencerInbx: unknown contract role (did you mean 'sequencerInbox'?);"
                + " custom roles start with 'x-'");
    }

    @Test
    void shouldRequireAnId() {
        assertProblem("""
                rollups:
                  - name: Demo
                    stack: GENERIC
                """, ":2: rollups[0]: missing required key 'id'");
    }

    @Test
    void shouldRequireAStackForANewRollup() {
        assertProblem("""
                rollups:
                  - id: demo
                    name: Demo
                """, ":2: rollups[0]: missing required key 'stack'");
    }

    @Test
    void shouldRejectAnIdThatIsNotKebabCase() {
        assertProblem("""
                rollups:
                  - id: Arbitrum One
                    stack: GENERIC
                """, ":2: rollups[0].id: \"Arbitrum One\" is not a lower-case kebab-case id (e.g. arbitrum-one)");
    }

    @Test
    void shouldRejectAnUnknownStackWithASuggestion() {
        assertProblem("""
                rollups:
                  - id: demo
                    stack: OPSTACK
                """, ":3: rollups[0].stack: \"OPSTACK\" is not a stack; use one of ARBITRUM_NITRO, OP_STACK,"
                + " ZKSYNC_ERA, SCROLL, LINEA, STARKNET, POLYGON_ZKEVM, GENERIC (did you mean 'OP_STACK'?)");
    }

    @Test
    void shouldRejectABadDuration() {
        assertProblem("""
                rollups:
                  - id: demo
                    stack: GENERIC
                    params:
                      challengePeriod: 7 days
                """, ":5: rollups[0].params.challengePeriod: \"7 days\" is not a duration;"
                + " use e.g. 7d, 12h, 45m, 30s, PT1H or 7200 blocks");
    }

    @Test
    void shouldRejectANegativeDuration() {
        assertProblem("""
                rollups:
                  - id: demo
                    stack: GENERIC
                    params:
                      forceInclusionWindow: PT-1H
                """, ":5: rollups[0].params.forceInclusionWindow: \"PT-1H\" must not be negative");
    }

    @Test
    void shouldRejectNegativeNumbers() {
        assertProblems("""
                rollups:
                  - id: demo
                    stack: GENERIC
                    l1ChainId: -5
                    params:
                      dacMembers: -1
                """,
                ":4: rollups[0].l1ChainId: -5 must not be negative",
                ":6: rollups[0].params.dacMembers: -1 must not be negative");
    }

    @Test
    void shouldRejectADacThresholdAboveTheCommitteeSize() {
        assertProblem("""
                rollups:
                  - id: demo
                    stack: ARBITRUM_NITRO
                    da: ANYTRUST
                    params:
                      dacMembers: 6
                      dacThreshold: 7
                """, ":7: rollups[0].params.dacThreshold: dacThreshold 7 exceeds dacMembers 6");
    }

    @Test
    void shouldRejectDuplicateIdsInOneFile() {
        assertProblem("""
                rollups:
                  - id: demo
                    stack: GENERIC
                  - id: demo
                    stack: OP_STACK
                """, ":4: rollups[1].id: duplicate id 'demo' (first defined at line 2)");
    }

    @Test
    void shouldRejectDuplicateKeys() {
        assertProblem("""
                rollups:
                  - id: demo
                    stack: GENERIC
                    stack: OP_STACK
                """, ":4: rollups[0].stack: duplicate key (first at line 3)");
    }

    @Test
    void shouldRejectAValueOfTheWrongShape() {
        assertProblems("""
                rollups:
                  - id: demo
                    stack: [GENERIC]
                    contracts: "0x00000000000000000000000000000000000000b1"
                    batchInbox:
                """,
                ":3: rollups[0].stack: expected a single value, found a list",
                ":4: rollups[0].contracts: expected a mapping, found a single value",
                ":5: rollups[0].batchInbox: expected a single value, found an empty value");
    }

    @Test
    void shouldRejectAnEmptyFile() {
        assertProblem("", ":1: expected a mapping with key 'rollups', found an empty file");
    }

    @Test
    void shouldReportAYamlSyntaxErrorWithItsLine() throws IOException {
        file = Files.writeString(dir.resolve("rollups.yaml"), "rollups:\n  - id: demo\n    stack: [GENERIC\n");

        RollupRegistryException e = catchThrowableOfType(RollupRegistryException.class,
                () -> RollupRegistryLoader.load(file));

        assertThat(e.problems()).containsExactly(file + ":3: YAML syntax error: while parsing a flow sequence;"
                + " expected ',' or ']', but got <stream end>");
    }

    @Test
    void shouldNameAMissingFile() {
        Path missing = dir.resolve("absent.yaml");
        assertThatThrownBy(() -> RollupRegistryLoader.load(missing))
                .isInstanceOf(RollupRegistryException.class)
                .hasMessage(missing + ": no such file");
    }

    private void assertProblem(String yaml, String expected) {
        assertProblems(yaml, expected);
    }

    /** Loading {@code yaml} fails with exactly these problems, each prefixed by the file name. */
    private void assertProblems(String yaml, String... expected) {
        try {
            file = Files.writeString(dir.resolve("rollups.yaml"), yaml);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        RollupRegistryException e = catchThrowableOfType(RollupRegistryException.class,
                () -> RollupRegistryLoader.load(file));
        assertThat(e).as("loading should fail").isNotNull();
        String[] withFile = java.util.Arrays.stream(expected).map(p -> file + p).toArray(String[]::new);
        assertThat(e.problems()).containsExactly(withFile);
        assertThat(e).hasMessage(String.join("\n", withFile));
    }
}
