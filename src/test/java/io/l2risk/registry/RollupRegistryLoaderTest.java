package io.l2risk.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RollupRegistryLoaderTest {

    @TempDir
    Path dir;

    @Test
    void shouldLayAUserEntryOverThePresetKeyByKey() throws IOException {
        Path file = write("""
                rollups:
                  - id: arbitrum-one
                    name: Arbitrum One (custom)
                    contracts:
                      x-feeVault: "0x00000000000000000000000000000000000000aa"
                    params:
                      forceInclusionWindow: 12h
                    thresholds:
                      BATCH_LIVENESS: { warnAfter: 2h }
                """);

        RollupConfig one = RollupRegistryLoader.loadBundledPlus(file).lookup("arbitrum-one").orElseThrow();

        assertThat(one.name()).isEqualTo("Arbitrum One (custom)");
        assertThat(one.stack()).isEqualTo(Stack.ARBITRUM_NITRO);
        assertThat(one.contract("x-feeVault")).contains("0x00000000000000000000000000000000000000aa");
        assertThat(one.contract("sequencerInbox")).contains("0x1c479675ad559dc151f6ec7ed3fbf8cee79582b6");
        assertThat(one.params().forceInclusionWindow()).contains(Duration.ofHours(12));
        assertThat(one.params().challengePeriod()).contains(Duration.ofSeconds(45_818L * 12));
        assertThat(one.thresholds()).isEqualTo(Map.of("BATCH_LIVENESS", Map.of("warnAfter", "2h")));
        assertThat(one.batchers()).hasSize(2);
    }

    @Test
    void shouldAddAUserRollupAfterThePresets() throws IOException {
        Path file = write("""
                rollups:
                  - id: my-orbit
                    stack: arbitrum-nitro
                    da: anytrust
                    contracts:
                      sequencerInbox: 0xAbCdEf0000000000000000000000000000000001
                    params:
                      dacThreshold: 1
                      dacMembers: 1
                """);

        RollupRegistry registry = RollupRegistryLoader.loadBundledPlus(file);

        assertThat(registry.all()).hasSize(10);
        RollupConfig orbit = registry.all().get(9);
        assertThat(orbit.id()).isEqualTo("my-orbit");
        assertThat(orbit.name()).isEqualTo("my-orbit");
        assertThat(orbit.anyTrust()).isTrue();
        assertThat(orbit.l1ChainId()).isEqualTo(1);
        assertThat(orbit.contract("sequencerInbox")).contains("0xabcdef0000000000000000000000000000000001");
        assertThat(orbit.params().challengePeriod()).contains(StackDefaults.ARBITRUM_CHALLENGE_PERIOD);
        assertThat(registry.byAddress("0xABCDEF0000000000000000000000000000000001"))
                .containsExactly(new AddressOwner("my-orbit", "sequencerInbox"));
    }

    @Test
    void shouldLoadAUserFileAloneWithItsOwnDefaultsAndDurations() throws IOException {
        Path file = write("""
                rollups:
                  - id: my-op-chain
                    name: My OP chain
                    stack: OP_STACK
                    l1ChainId: 11155111
                    batchers: ["0x00000000000000000000000000000000000000b1"]
                    batchInbox: 0xff00000000000000000000000000000000000042
                    params:
                      challengePeriod: PT1H
                      forceInclusionWindow: 3600 blocks
                      stateProposalInterval: 45m
                      finalizationGrace: 30s
                """);

        RollupRegistry registry = RollupRegistryLoader.load(file);

        assertThat(registry.all()).extracting(RollupConfig::id).containsExactly("my-op-chain");
        RollupConfig chain = registry.lookup("my-op-chain").orElseThrow();
        assertThat(chain.l1ChainId()).isEqualTo(11_155_111L);
        assertThat(chain.params().challengePeriod()).contains(Duration.ofHours(1));
        assertThat(chain.params().forceInclusionWindow()).contains(Duration.ofHours(12));
        assertThat(chain.params().stateProposalInterval()).contains(Duration.ofMinutes(45));
        assertThat(chain.params().finalizationGrace()).contains(Duration.ofSeconds(30));
        assertThat(chain.params().blobRetention()).contains(StackDefaults.BLOB_RETENTION);
        assertThat(registry.byAddress("0xff00000000000000000000000000000000000042"))
                .containsExactly(new AddressOwner("my-op-chain", AddressOwner.BATCH_INBOX));
    }

    @Test
    void shouldRejectAUserDacThresholdAboveThePresetCommitteeSize() throws IOException {
        Path file = write("""
                rollups:
                  - id: arbitrum-nova
                    params:
                      dacThreshold: 7
                """);

        assertThatThrownBy(() -> RollupRegistryLoader.loadBundledPlus(file))
                .isInstanceOf(RollupRegistryException.class)
                .hasMessage(file + ":4: rollups[0].params.dacThreshold: dacThreshold 7 exceeds dacMembers 6");
    }

    @Test
    void shouldPointAtTheUserCommitteeSizeWhenItFallsBelowThePresetThreshold() throws IOException {
        Path file = write("""
                rollups:
                  - id: arbitrum-nova
                    params: { dacMembers: 4 }
                """);

        assertThatThrownBy(() -> RollupRegistryLoader.loadBundledPlus(file))
                .isInstanceOf(RollupRegistryException.class)
                .hasMessage(file + ":3: rollups[0].params.dacMembers: dacThreshold 5 exceeds dacMembers 4");
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("rollups.yaml"), yaml);
    }
}
