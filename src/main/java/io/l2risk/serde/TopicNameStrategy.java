package io.l2risk.serde;

import java.util.Set;

/** Confluent's default subject naming: {@code <topic>-key} and {@code <topic>-value}. */
public final class TopicNameStrategy implements SubjectNameStrategy {

    /** The one shared instance; the strategy has no state. */
    public static final TopicNameStrategy INSTANCE = new TopicNameStrategy();

    /** Config values that select this strategy. */
    static final Set<String> NAMES = Set.of("TopicNameStrategy", TopicNameStrategy.class.getName(),
            "io.confluent.kafka.serializers.subject.TopicNameStrategy");

    private TopicNameStrategy() {
    }

    @Override
    public String subject(String topic, boolean isKey) {
        return topic + (isKey ? "-key" : "-value");
    }

    @Override
    public String toString() {
        return "TopicNameStrategy";
    }
}
