package io.l2risk.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The bundled mainnet presets load and carry the sourced addresses (sources in rollups/mainnet.yaml). */
class BundledPresetsTest {

    private static RollupRegistry registry;

    @BeforeAll
    static void load() {
        registry = RollupRegistryLoader.loadBundled();
    }

    @Test
    void shouldContainTheNineMainnetRollupsWithTheirStacks() {
        assertThat(registry.all()).extracting(RollupConfig::id, RollupConfig::stack).containsExactly(
                tuple("arbitrum-one", Stack.ARBITRUM_NITRO),
                tuple("arbitrum-nova", Stack.ARBITRUM_NITRO),
                tuple("op-mainnet", Stack.OP_STACK),
                tuple("base", Stack.OP_STACK),
                tuple("zksync-era", Stack.ZKSYNC_ERA),
                tuple("scroll", Stack.SCROLL),
                tuple("linea", Stack.LINEA),
                tuple("starknet", Stack.STARKNET),
                tuple("polygon-zkevm", Stack.POLYGON_ZKEVM));
        assertThat(registry.all()).allSatisfy(rollup -> assertThat(rollup.l1ChainId()).isEqualTo(1));
    }

    @Test
    void shouldCarryTheSourcedArbitrumAddresses() {
        // docs.arbitrum.io "Smart contract addresses"
        RollupConfig one = registry.lookup("arbitrum-one").orElseThrow();
        assertThat(one.contract("sequencerInbox")).contains("0x1c479675ad559dc151f6ec7ed3fbf8cee79582b6");
        assertThat(one.contract("bridge")).contains("0x8315177ab297ba92a06054ce80a67ed4dbd7ed3a");
        assertThat(one.contract("rollup")).contains("0x4dceb440657f21083db8add07665f8ddbe1dcfc0");
        RollupConfig nova = registry.lookup("arbitrum-nova").orElseThrow();
        assertThat(nova.contract("sequencerInbox")).contains("0x211e1c4c7f1bf5351ac850ed10fd68cffcf6c21b");
        assertThat(nova.anyTrust()).isTrue();
        assertThat(nova.params().dacThreshold()).contains(5);
        assertThat(nova.params().dacMembers()).contains(6);
        assertThat(one.anyTrust()).isFalse();
    }

    @Test
    void shouldCarryTheSourcedOpStackAddresses() {
        // superchain-registry superchain/configs/mainnet/op.toml and base.toml
        RollupConfig op = registry.lookup("op-mainnet").orElseThrow();
        assertThat(op.batchInbox()).contains("0xff00000000000000000000000000000000000010");
        assertThat(op.batchers()).containsExactly("0x6887246668a3b87f54deb3b94ba47a6f63f32985");
        assertThat(op.contract("optimismPortal")).contains("0xbeb5fc579115071764c7423a4f12edde41f106ed");
        assertThat(op.contract("disputeGameFactory")).contains("0xe5965ab5962edc7477c8520243a95517cd252fa9");
        RollupConfig base = registry.lookup("base").orElseThrow();
        assertThat(base.batchInbox()).contains("0xff00000000000000000000000000000000008453");
        assertThat(base.contract("optimismPortal")).contains("0x49048044d57e1c92a77f79988d21fa8faf74e97e");
    }

    @Test
    void shouldCarryTheSourcedZkStackAddresses() {
        assertThat(registry.lookup("zksync-era").orElseThrow().contract("diamondProxy"))
                .contains("0x32400084c286cf3e17e7b677ea9583e60a000324");
        assertThat(registry.lookup("scroll").orElseThrow().contract("scrollChain"))
                .contains("0xa13baf47339d63b743e7da8741db5456dac1e556");
        assertThat(registry.lookup("linea").orElseThrow().contract("lineaRollup"))
                .contains("0xd19d4b5d358258f05d7b411e21a1460d11b0876f");
        assertThat(registry.lookup("starknet").orElseThrow().contract("starknetCore"))
                .contains("0xc662c410c0ecf747543f5ba90660f6abebd9c8c4");
        assertThat(registry.lookup("polygon-zkevm").orElseThrow().contract("polygonRollupManager"))
                .contains("0x5132a183e9f3cb7c848b0aac5ae0c4f0491b7ab2");
    }

    @Test
    void shouldMergeStackDefaultsUnderExplicitPresetValues() {
        RollupConfig op = registry.lookup("op-mainnet").orElseThrow();
        assertThat(op.params().challengePeriod()).contains(Duration.ofDays(7));
        assertThat(op.params().forceInclusionWindow()).contains(Duration.ofHours(12));
        assertThat(op.params().stateProposalInterval()).contains(Duration.ofHours(1));
        RollupConfig one = registry.lookup("arbitrum-one").orElseThrow();
        assertThat(one.params().challengePeriod()).contains(Duration.ofSeconds(45_818L * 12));
        assertThat(one.params().forceInclusionWindow()).contains(Duration.ofHours(24));
        assertThat(one.params().finalizationGrace()).contains(Duration.ofHours(4));
        RollupConfig era = registry.lookup("zksync-era").orElseThrow();
        assertThat(era.params().challengePeriod()).isEmpty();
        assertThat(era.params().executionDelay()).contains(Duration.ofHours(3));
        assertThat(registry.all()).allSatisfy(rollup -> assertThat(rollup.params().blobRetention())
                .contains(Duration.ofSeconds(4096L * 32 * 12)));
    }

    @Test
    void shouldRouteEveryBundledAddressBackToItsRollup() {
        for (RollupConfig rollup : registry.all()) {
            rollup.contracts().forEach((role, address) -> assertThat(registry.byAddress(address))
                    .contains(new AddressOwner(rollup.id(), role)));
            rollup.batchers().forEach(address -> assertThat(registry.byAddress(address))
                    .contains(new AddressOwner(rollup.id(), AddressOwner.BATCHER)));
        }
        assertThat(registry.byAddress("0x4200000000000000000000000000000000000016")).isEmpty();
        assertThat(registry.lookup("arbitrum-one").map(RollupConfig::batchInbox)).contains(Optional.empty());
    }
}
