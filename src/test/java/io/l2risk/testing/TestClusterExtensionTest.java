package io.l2risk.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import io.l2risk.testing.TestClusterExtension.Choice;
import org.junit.jupiter.api.Test;

class TestClusterExtensionTest {

    @Test
    void shouldUseTestcontainersWhenDockerIsAvailableAndNothingIsForced() {
        assertThat(TestClusterExtension.choose(null, () -> true))
                .isEqualTo(new Choice("testcontainers", "a Docker engine is available"));
        assertThat(TestClusterExtension.choose("auto", () -> true).kind()).isEqualTo("testcontainers");
    }

    @Test
    void shouldUseInProcessClusterWithoutDocker() {
        assertThat(TestClusterExtension.choose("", () -> false))
                .isEqualTo(new Choice("in-process", "no Docker engine is available"));
    }

    @Test
    void shouldObeyTheSystemPropertyWithoutAskingDocker() {
        assertThat(TestClusterExtension.choose("in-process", () -> {
            throw new AssertionError("Docker must not be probed");
        })).isEqualTo(new Choice("in-process", "l2risk.test.cluster=in-process"));
        assertThat(TestClusterExtension.choose(" Testcontainers ", () -> false))
                .isEqualTo(new Choice("testcontainers", "l2risk.test.cluster=testcontainers"));
    }

    @Test
    void shouldRejectAnUnknownMode() {
        assertThatThrownBy(() -> TestClusterExtension.choose("docker", () -> true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("l2risk.test.cluster must be in-process, testcontainers or auto, got 'docker'");
    }

    @Test
    void shouldGiveEveryCallerItsOwnName() {
        Set<String> names = ConcurrentHashMap.newKeySet();
        IntStream.range(0, 10_000).parallel().forEach(i -> names.add(UniqueNames.next("topic")));

        assertThat(names).hasSize(10_000).allMatch(name -> name.matches("topic-\\d+-[0-9a-z]{6}"));
    }

    @Test
    void shouldRejectAPrefixThatIsNoLegalTopicName() {
        assertThatThrownBy(() -> UniqueNames.next("my topic"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("prefix must be 1-200 of [a-zA-Z0-9._-] (a legal topic name), got 'my topic'");
    }
}
