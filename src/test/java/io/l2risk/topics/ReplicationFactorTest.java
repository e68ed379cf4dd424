package io.l2risk.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.l2risk.config.ConfigurationException;

class ReplicationFactorTest {

    @Test
    void shouldKeepFixedFactorWhateverTheClusterSize() {
        ReplicationFactor three = ReplicationFactor.parse("3");

        assertThat(three.isAuto()).isFalse();
        assertThat(three.resolve(1)).isEqualTo((short) 3);
        assertThat(three.resolve(5)).isEqualTo((short) 3);
    }

    @Test
    void shouldResolveAutoToAtMostThreeAndAtMostTheBrokers() {
        ReplicationFactor auto = ReplicationFactor.parse("AUTO");

        assertThat(auto.isAuto()).isTrue();
        assertThat(auto.resolve(1)).isEqualTo((short) 1);
        assertThat(auto.resolve(2)).isEqualTo((short) 2);
        assertThat(auto.resolve(7)).isEqualTo((short) 3);
    }

    @Test
    void shouldRejectNonPositiveOrGarbage() {
        assertThatThrownBy(() -> ReplicationFactor.parse("0"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("replication factor must be at least 1, not 0");
        assertThatThrownBy(() -> ReplicationFactor.parse("three"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("replication factor must be a positive number or 'auto', not 'three'");
    }
}
