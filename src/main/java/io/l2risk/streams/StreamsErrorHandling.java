package io.l2risk.streams;

import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The Streams settings that plug the dead-letter error handlers into an application: the three
 * handler classes, the {@link DeadLetters} instance they share, and Kafka's own dead-letter topic
 * setting (KIP-1034) pointing at the same topic. Used by the app and by topology tests alike.
 */
public final class StreamsErrorHandling {

    private StreamsErrorHandling() {
    }

    /** The settings to add to a Streams config; none of them may be set otherwise. */
    public static Map<String, Object> configs(DeadLetters deadLetters) {
        return Map.of(
                StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class,
                StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class,
                StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProductionHandler.class,
                // No global stores today; enabling it now is what Kafka 5.0 will default to.
                StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true,
                StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, deadLetters.topic(),
                DeadLetters.CONFIG, deadLetters);
    }
}
