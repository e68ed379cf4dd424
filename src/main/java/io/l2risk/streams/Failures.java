package io.l2risk.streams;

import io.l2risk.serde.SchemaRegistryException;
import java.util.Optional;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.errors.StreamsException;

/**
 * Sorts failures by walking the cause chain: is the <em>record</em> at fault (dead-letter it), or the
 * infrastructure (registry, broker, state store: never dead-letter a good record because of it)?
 */
final class Failures {

    private static final int MAX_DEPTH = 20;

    private Failures() {
    }

    /** The first {@code type} in the cause chain of {@code error}. */
    static <T extends Throwable> Optional<T> find(Throwable error, Class<T> type) {
        Throwable current = error;
        for (int depth = 0; current != null && depth < MAX_DEPTH; depth++) {
            if (type.isInstance(current)) {
                return Optional.of(type.cast(current));
            }
            if (current.getCause() == current) {
                break;
            }
            current = current.getCause();
        }
        return Optional.empty();
    }

    /**
     * True when the schema registry or Kafka itself failed: a registry error anywhere in the chain
     * (unreachable, 5xx, auth — the serdes already turn "this schema is bad" into a plain
     * SerializationException), a Kafka exception (state store, task migration), or a retriable client
     * error. The record is probably fine.
     */
    static boolean isInfrastructure(Throwable error) {
        return find(error, SchemaRegistryException.class).isPresent()
                || find(error, StreamsException.class).isPresent()
                || isTransient(error);
    }

    /**
     * True when trying again later may succeed: the registry unreachable or overloaded, a Kafka
     * timeout or retriable error.
     */
    static boolean isTransient(Throwable error) {
        Optional<SchemaRegistryException> registry = find(error, SchemaRegistryException.class);
        if (registry.isPresent()) {
            return registry.get().isRetriable();
        }
        // Kafka's TimeoutException is a RetriableException too.
        return find(error, RetriableException.class).isPresent();
    }
}
