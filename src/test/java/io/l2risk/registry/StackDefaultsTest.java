package io.l2risk.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class StackDefaultsTest {

    @Test
    void shouldGiveOptimisticStacksTheirChallengeAndForceInclusionWindows() {
        ProtocolParams arbitrum = StackDefaults.of(Stack.ARBITRUM_NITRO);
        assertThat(arbitrum.challengePeriod()).contains(Duration.ofSeconds(549_816)); // 45 818 blocks ≈ 6.36 d
        assertThat(arbitrum.forceInclusionWindow()).contains(Duration.ofHours(24));
        ProtocolParams op = StackDefaults.of(Stack.OP_STACK);
        assertThat(op.challengePeriod()).contains(Duration.ofDays(7));
        assertThat(op.forceInclusionWindow()).contains(Duration.ofHours(12)); // 3 600 blocks
    }

    @Test
    void shouldGiveValidityProofStacksAndGenericOnlyTheL1BlobRetention() {
        for (Stack stack : new Stack[] {Stack.ZKSYNC_ERA, Stack.SCROLL, Stack.LINEA, Stack.STARKNET,
                Stack.POLYGON_ZKEVM, Stack.GENERIC}) {
            assertThat(StackDefaults.of(stack))
                    .as(stack.name())
                    .isEqualTo(ProtocolParams.builder().blobRetention(StackDefaults.BLOB_RETENTION).build());
        }
        assertThat(StackDefaults.BLOB_RETENTION).isEqualTo(Duration.ofSeconds(1_572_864)); // 4096 × 32 × 12 s
    }

    @Test
    void shouldLetExplicitValuesWinOverDefaults() {
        ProtocolParams explicit = ProtocolParams.builder().challengePeriod(Duration.ofDays(1)).build();

        ProtocolParams merged = explicit.orElse(StackDefaults.of(Stack.OP_STACK));

        assertThat(merged.challengePeriod()).contains(Duration.ofDays(1));
        assertThat(merged.forceInclusionWindow()).contains(Duration.ofHours(12));
    }

    @Test
    void shouldRejectInconsistentParamsBuiltInCode() {
        assertThatThrownBy(() -> ProtocolParams.builder().dacThreshold(3).dacMembers(2).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dacThreshold 3 exceeds dacMembers 2");
        assertThatThrownBy(() -> ProtocolParams.builder().executionDelay(Duration.ofHours(-1)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("executionDelay must not be negative, not PT-1H");
    }
}
