package io.l2risk.serde;

/** Names the registry subject under which a topic's key or value schemas live. */
@FunctionalInterface
public interface SubjectNameStrategy {

    /** The subject for {@code topic}'s keys ({@code isKey}) or values. */
    String subject(String topic, boolean isKey);
}
