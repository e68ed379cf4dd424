package io.l2risk.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.BindException;
import java.util.HashSet;
import java.util.Set;

import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.Test;

class FreePortsTest {

    @Test
    void shouldNeverHandOutTheSamePortTwice() {
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            ports.add(FreePorts.next());
        }

        assertThat(ports).hasSize(200).allMatch(port -> port > 0 && port < 65536);
    }

    @Test
    void shouldRecogniseABindConflictDeepInTheCauseChain() {
        // The shape KafkaRaftServer.startup() throws when a listener port is taken.
        RuntimeException failure = new RuntimeException("Received a fatal error while waiting for all of the SocketServer Acceptors to be started",
                new RuntimeException("Unable to start acceptor for PLAINTEXT",
                        new KafkaException("Socket server failed to bind to 127.0.0.1:42005: Address already in use.",
                                new BindException("Address already in use"))));

        assertThat(FreePorts.isBindConflict(failure)).isTrue();
        assertThat(FreePorts.isBindConflict(new IllegalStateException("Invalid cluster.id"))).isFalse();
    }
}
