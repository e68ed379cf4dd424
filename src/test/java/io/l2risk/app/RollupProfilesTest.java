package io.l2risk.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.l2risk.engine.RollupProfile;
import io.l2risk.registry.RollupRegistryLoader;
import io.l2risk.registry.StackDefaults;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RollupProfilesTest {

    private final RollupProfiles profiles = RollupProfiles.of(RollupRegistryLoader.loadBundled());

    @Test
    void shouldMapAPresetsProtocolParametersAndCommitteeToTheEngineProfile() {
        RollupProfile nova = profiles.apply("arbitrum-nova").orElseThrow();

        assertThat(nova.stack()).isEqualTo("ARBITRUM_NITRO");
        assertThat(nova.known()).isTrue();
        assertThat(nova.anyTrust()).isTrue();
        assertThat(nova.dacThreshold()).isEqualTo(5);
        assertThat(nova.dacMembers()).isEqualTo(6);
        assertThat(nova.challengePeriod()).isEqualTo(StackDefaults.ARBITRUM_CHALLENGE_PERIOD);
        assertThat(nova.forceInclusionWindow()).isEqualTo(StackDefaults.ARBITRUM_FORCE_INCLUSION);
        assertThat(nova.blobRetention()).isEqualTo(StackDefaults.BLOB_RETENTION);
        assertThat(nova.thresholds()).isEqualTo(Map.of());
    }

    @Test
    void shouldKnowEveryPresetAndNothingElse() {
        assertThat(profiles.ids()).contains("arbitrum-one", "base", "zksync-era").hasSize(9);
        assertThat(profiles.apply("mystery-chain")).isEmpty();
        assertThat(profiles.apply("base").orElseThrow().anyTrust()).isFalse();
    }
}
