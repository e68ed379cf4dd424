package io.l2risk.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;

/**
 * How far a Streams application (its consumer group, {@code application.id}) has committed on its
 * input topics, against the topics' end offsets, as an {@link Admin} sees them.
 *
 * <p>The bench's input topics are written by an idempotent, non-transactional producer, so an end
 * offset is exactly the number of records of its partition, and a group has processed every record
 * exactly when its committed offsets equal the end offsets.
 */
final class GroupProgress {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private final Admin admin;
    private final String groupId;
    private final List<TopicPartition> partitions;

    /**
     * @param admin      an admin client of the cluster (not closed here)
     * @param groupId    the application id
     * @param topics     the input topics
     * @param partitions partitions of each input topic
     */
    GroupProgress(Admin admin, String groupId, Collection<String> topics, int partitions) {
        this.admin = admin;
        this.groupId = groupId;
        List<TopicPartition> all = new ArrayList<>();
        for (String topic : topics) {
            IntStream.range(0, partitions).forEach(p -> all.add(new TopicPartition(topic, p)));
        }
        this.partitions = List.copyOf(all);
    }

    /** End offsets of the input partitions (for these topics: records written per partition). */
    Map<TopicPartition, Long> endOffsets() {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> answer =
                get(admin.listOffsets(latest).all(), "the end offsets of " + partitions.size() + " partitions");
        Map<TopicPartition, Long> ends = new HashMap<>();
        answer.forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    /** The group's committed offset of every input partition, 0 where it has committed none. */
    Map<TopicPartition, Long> committed() {
        Map<TopicPartition, OffsetAndMetadata> answer = get(
                admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata(),
                "the committed offsets of group " + groupId);
        Map<TopicPartition, Long> committed = new HashMap<>();
        for (TopicPartition tp : partitions) {
            OffsetAndMetadata offset = answer.get(tp);
            committed.put(tp, offset == null ? 0L : offset.offset());
        }
        return committed;
    }

    /** The sum of {@code offsets} over the input partitions. */
    static long total(Map<TopicPartition, Long> offsets) {
        return offsets.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * Polls the committed offsets every {@code interval} until they equal {@code ends} on every
     * partition and returns the {@link System#nanoTime} of the poll that saw it.
     *
     * @param state the application's state, checked at every poll: ERROR or a shutdown fails at once
     * @throws IllegalStateException if the application stops, or {@code timeout} passes first
     */
    long awaitCaughtUp(Map<TopicPartition, Long> ends, Supplier<KafkaStreams.State> state, Duration interval,
                       Duration timeout) throws InterruptedException {
        return Poll.until(timeout, interval, () -> "application " + groupId + " committed " + total(committed())
                + " of " + total(ends) + " input records within " + timeout, () -> {
                    requireAlive(state.get());
                    Map<TopicPartition, Long> committed = committed();
                    long now = System.nanoTime();
                    return committed.equals(ends) ? now : null;
                });
    }

    /** Fails if {@code state} means the application will process nothing more. */
    static void requireAlive(KafkaStreams.State state) {
        if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.PENDING_ERROR
                || state == KafkaStreams.State.PENDING_SHUTDOWN || state == KafkaStreams.State.NOT_RUNNING) {
            throw new IllegalStateException("the Streams application stopped (" + state + "); see the log");
        }
    }

    private static <T> T get(org.apache.kafka.common.KafkaFuture<T> future, String what) throws IllegalStateException {
        try {
            return future.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking for " + what, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot get " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("no answer for " + what + " within " + CALL_TIMEOUT, e);
        }
    }
}
