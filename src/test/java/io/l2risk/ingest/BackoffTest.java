package io.l2risk.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class BackoffTest {

    /** Always draws the lowest value. */
    private static final RandomGenerator LOWEST = new RandomGenerator() {
        @Override
        public long nextLong() {
            return 0;
        }

        @Override
        public long nextLong(long bound) {
            return 0;
        }
    };

    /** Always draws the highest value. */
    private static final RandomGenerator HIGHEST = new RandomGenerator() {
        @Override
        public long nextLong() {
            return Long.MAX_VALUE;
        }

        @Override
        public long nextLong(long bound) {
            return bound - 1;
        }
    };

    @Test
    void shouldDoubleTheCapUpToMaxAndWaitAtLeastHalfOfIt() {
        Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), LOWEST);
        assertThat(backoff.delay(1)).isEqualTo(Duration.ofMillis(250));
        assertThat(backoff.delay(2)).isEqualTo(Duration.ofMillis(500));
        assertThat(backoff.delay(3)).isEqualTo(Duration.ofMillis(1000));
        assertThat(backoff.delay(7)).isEqualTo(Duration.ofMillis(15_000));
        assertThat(backoff.delay(100)).isEqualTo(Duration.ofMillis(15_000));
    }

    @Test
    void shouldNeverWaitLongerThanTheCap() {
        Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), HIGHEST);
        assertThat(backoff.delay(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(backoff.delay(3)).isEqualTo(Duration.ofMillis(2000));
        assertThat(backoff.delay(63)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void shouldRejectInvalidSettings() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), LOWEST))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofMillis(1), Duration.ofSeconds(1), LOWEST).delay(0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
