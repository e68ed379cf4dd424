package io.l2risk.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class RollupRegistryTest {

    private static final String INBOX = "0x1c479675ad559dc151f6ec7ed3fbf8cee79582b6";
    private static final String SHARED = "0x95703e0982140d16f8eba6d158fccede42f04a4c";

    private final RollupRegistry registry = RollupRegistry.of(List.of(
            rollup("arbitrum-one", Stack.ARBITRUM_NITRO, Map.of("sequencerInbox", INBOX)),
            rollup("op-mainnet", Stack.OP_STACK, Map.of("superchainConfig", SHARED)),
            rollup("base", Stack.OP_STACK, Map.of("superchainConfig", SHARED))));

    @Test
    void shouldLookUpKnownRollupsById() {
        assertThat(registry.isKnown("arbitrum-one")).isTrue();
        assertThat(registry.lookup("arbitrum-one")).map(RollupConfig::stack).contains(Stack.ARBITRUM_NITRO);
        assertThat(registry.lookup("nope")).isEmpty();
        assertThat(registry.isKnown("nope")).isFalse();
    }

    @Test
    void shouldGiveAGenericConfigForAnUnknownRollup() {
        RollupConfig unknown = registry.getOrGeneric("mystery-chain");

        assertThat(unknown.stack()).isEqualTo(Stack.GENERIC);
        assertThat(unknown.id()).isEqualTo("mystery-chain");
        assertThat(unknown.l1ChainId()).isEqualTo(1);
        assertThat(unknown.contracts()).isEmpty();
        assertThat(unknown.params()).isEqualTo(StackDefaults.of(Stack.GENERIC));
        assertThat(unknown.params().challengePeriod()).isEmpty();
        assertThat(registry.getOrGeneric("arbitrum-one").stack()).isEqualTo(Stack.ARBITRUM_NITRO);
    }

    @Test
    void shouldRouteAnAddressInAnyCaseToEveryOwner() {
        assertThat(registry.byAddress(INBOX.toUpperCase().replace("0X", "0x")))
                .containsExactly(new AddressOwner("arbitrum-one", "sequencerInbox"));
        assertThat(registry.byAddress(SHARED)).containsExactly(
                new AddressOwner("op-mainnet", "superchainConfig"), new AddressOwner("base", "superchainConfig"));
        assertThat(registry.byAddress("0x0000000000000000000000000000000000000001")).isEmpty();
        assertThat(registry.byAddress("not an address")).isEmpty();
    }

    @Test
    void shouldRejectTwoRollupsWithOneId() {
        RollupConfig one = rollup("x", Stack.GENERIC, Map.of());
        assertThatThrownBy(() -> RollupRegistry.of(List.of(one, one)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("duplicate rollup id 'x'");
    }

    @Test
    void shouldReportUnknownOverridesOfARegistryBuiltInCode() {
        RollupConfig tuned = new RollupConfig("x", "X", Stack.GENERIC, 1, DaKind.ETHEREUM, Map.of(), List.of(),
                Optional.empty(), ProtocolParams.NONE, Map.of("BATCH_LIVENES", Map.of("warnAfter", "1h")), List.of());

        assertThat(RollupRegistry.of(List.of(tuned))
                .overrideProblems(Map.of("BATCH_LIVENESS", java.util.Set.of("warnAfter"))))
                .containsExactly("<code>:0: rollups[id=x].thresholds.BATCH_LIVENES: unknown indicator "
                        + "'BATCH_LIVENES' (did you mean 'BATCH_LIVENESS'?)");
    }

    private static RollupConfig rollup(String id, Stack stack, Map<String, String> contracts) {
        return new RollupConfig(id, id, stack, 1, DaKind.ETHEREUM, contracts, List.of(), Optional.empty(),
                StackDefaults.of(stack), Map.of(), List.of());
    }
}
