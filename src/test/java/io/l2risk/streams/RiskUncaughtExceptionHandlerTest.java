package io.l2risk.streams;

import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;

import io.l2risk.serde.SchemaRegistryException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.Test;

class RiskUncaughtExceptionHandlerTest {

    private final AtomicLong clock = new AtomicLong(1_000_000L);
    private final RiskUncaughtExceptionHandler handler =
            new RiskUncaughtExceptionHandler(2, Duration.ofMinutes(10), clock::get);

    @Test
    void shouldReplaceTheThreadWhenTheRegistryIsUnreachable() {
        assertThat(handler.handle(new StreamsException(new SchemaRegistryException("unreachable", null))))
                .isEqualTo(REPLACE_THREAD);
        assertThat(handler.handle(new StreamsException(new TimeoutException("commit timed out")))).isEqualTo(REPLACE_THREAD);
    }

    @Test
    void shouldShutDownThisInstanceOnAPermanentFailure() {
        SchemaRegistryException unauthorized = new SchemaRegistryException("401 Unauthorized", 401, -1, "unauthorized", null);

        assertThat(handler.handle(new StreamsException(unauthorized))).isEqualTo(SHUTDOWN_CLIENT);
        assertThat(handler.handle(new IllegalStateException("bug"))).isEqualTo(SHUTDOWN_CLIENT);
    }

    @Test
    void shouldShutDownWhenTransientFailuresKeepComingAndForgetOldOnes() {
        StreamsException outage = new StreamsException(new SchemaRegistryException("unreachable", null));

        assertThat(handler.handle(outage)).isEqualTo(REPLACE_THREAD);
        clock.addAndGet(Duration.ofMinutes(6).toMillis());
        assertThat(handler.handle(outage)).isEqualTo(REPLACE_THREAD);
        clock.addAndGet(Duration.ofMinutes(1).toMillis());
        assertThat(handler.handle(outage)).isEqualTo(SHUTDOWN_CLIENT);
        clock.addAndGet(Duration.ofMinutes(4).toMillis()); // the first replacement is now 11 minutes old
        assertThat(handler.handle(outage)).isEqualTo(REPLACE_THREAD);
    }
}
