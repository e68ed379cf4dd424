package io.l2risk.bench;

import io.l2risk.app.RiskApp;
import io.l2risk.streams.RiskTopology;
import io.l2risk.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Phase (4) of {@link StreamsBench}: ingest-to-output latency of the risk engine at a fixed offered load.
 *
 * <ol>
 *   <li>A fresh {@link RiskApp} (own application id and state) on fresh topics starts and gets all its
 *       tasks; a consumer ({@code read_committed}, no group) is positioned at the start of the alerts,
 *       indicators and status topics.</li>
 *   <li>A paced producer hands the records to {@code producer.send} at the offered rate: every
 *       millisecond it sends the records due by then. It notes the {@link System#nanoTime} before each
 *       send and, when the broker acknowledges the record, files it under the record's
 *       {@code topic-partition@offset}.</li>
 *   <li>The consumer notes when each poll returned. Every output the engine writes for an ingest
 *       record names that record in its {@value RiskTopology#HEADER_SOURCE} header; an output's
 *       latency is its arrival minus the send time of the record it names: the record that caused it,
 *       not another one of the same block.</li>
 *   <li>After the last send: wait until the application has committed every input record, then until
 *       the consumer has read to the outputs' end offsets, or no output arrived for the quiet period.</li>
 * </ol>
 *
 * <p>The latency so includes the producer's batching ({@code linger.ms}), the engine, the
 * exactly-once commit (outputs become visible to {@code read_committed} readers at the commit,
 * every {@code commit.interval.ms}) and, when one of a task's five input partitions has no data,
 * Streams' wait of up to {@code max.task.idle.ms} for it.
 */
final class LatencyRun {

    /** How often the paced producer wakes up to send what is due. */
    static final Duration PACE_TICK = Duration.ofMillis(1);

    private final StreamsBench bench;
    private final Topics topics;

    LatencyRun(StreamsBench bench, Topics topics) {
        this.bench = bench;
        this.topics = topics;
    }

    StreamsBench.LatencyResult run(List<SpecificRecord> records) throws InterruptedException {
        StreamsBench.Settings settings = bench.settings();
        int rate = settings.latencyRate();
        int count = (int) Math.min(records.size(), settings.latencyRecords());
        bench.createTopics(topics);
        List<EncodedRecord> encoded = EncodedRecord.encode(records, count, topics, settings.serdeConfigs());
        String applicationId = settings.prefix() + "latency";
        Path stateDir = bench.stateDir("latency");
        bench.print("streams bench: latency: %s, %,d records offered at %,d records/s", applicationId, count, rate);

        ConcurrentMap<String, Long> sendTimes = new ConcurrentHashMap<>(count * 2);
        OutputWatcher watcher = new OutputWatcher();
        Thread watcherThread = new Thread(watcher, "l2risk-bench-latency-consumer");
        Paced paced;
        double drainSeconds;
        StreamsBench.Commits commits;
        try (RiskApp app = bench.riskApp(applicationId, topics, stateDir, false)) {
            app.start();
            KafkaStreams streams = app.kafkaStreams().orElseThrow();
            bench.awaitRunning(streams);
            watcherThread.start();
            watcher.awaitReady(settings.timeout());
            paced = send(encoded, rate, sendTimes);
            bench.print("streams bench: latency: sent %,d records in %.2f s (%,.0f records/s)",
                    paced.sent(), paced.seconds(), paced.rate());
            GroupProgress group = new GroupProgress(bench.admin(), applicationId,
                    StreamsBench.ingestTopicNames(topics), settings.partitions());
            long committed = group.awaitCaughtUp(group.endOffsets(), streams::state, StreamsBench.COMMIT_POLL,
                    settings.timeout());
            drainSeconds = StreamsBench.seconds(committed - paced.lastSend());
            commits = commits(streams);
            watcher.drain(outputEnds(), settings.quietPeriod(), settings.timeout());
        } finally {
            watcher.stop();
            watcherThread.join(StreamsBench.CLOSE_TIMEOUT.toMillis());
            StreamsBench.delete(stateDir);
        }
        watcher.rethrow();
        // Every acknowledgement has arrived (the producer was flushed and closed): match now.
        LongList alertNanos = new LongList();
        LongList outputNanos = new LongList();
        long unmatched = 0;
        for (int i = 0; i < watcher.sources.size(); i++) {
            Long sent = sendTimes.get(watcher.sources.get(i));
            if (sent == null) {
                unmatched++;
                continue;
            }
            long latency = watcher.arrivals.values[i] - sent;
            outputNanos.add(latency);
            if (watcher.alertAt.get(i)) {
                alertNanos.add(latency);
            }
        }
        StreamsBench.LatencyResult result = new StreamsBench.LatencyResult(rate, paced.sent(), paced.seconds(),
                paced.rate(), drainSeconds, LatencyStats.ofNanos(alertNanos.values, alertNanos.size),
                LatencyStats.ofNanos(outputNanos.values, outputNanos.size), watcher.alertAt.cardinality(),
                watcher.sources.size(), unmatched, watcher.caughtUp, commits);
        bench.print("streams bench: latency: every input committed %.2f s after the last send", drainSeconds);
        bench.print("streams bench: latency: alerts p50 %.1f ms, p99 %.1f ms, max %.1f ms (%,d); all outputs p50 "
                        + "%.1f ms, p99 %.1f ms, max %.1f ms (%,d); %,d unmatched",
                result.alerts().p50Ms(), result.alerts().p99Ms(), result.alerts().maxMs(), result.alerts().count(),
                result.outputs().p50Ms(), result.outputs().p99Ms(), result.outputs().maxMs(), result.outputs().count(),
                result.unmatched());
        return result;
    }

    /**
     * The commits of {@code streams}' threads: their count since the start, and the mean and longest
     * duration over Streams' metric window (two samples of 30 s by default: about the phase).
     */
    private static StreamsBench.Commits commits(KafkaStreams streams) {
        long count = 0;
        double avgSum = 0;
        int threads = 0;
        double max = 0;
        for (Metric metric : streams.metrics().values()) {
            MetricName name = metric.metricName();
            if (!"stream-thread-metrics".equals(name.group()) || !(metric.metricValue() instanceof Double value)
                    || value.isNaN()) {
                continue;
            }
            switch (name.name()) {
                case "commit-total" -> count += value.longValue();
                case "commit-latency-avg" -> {
                    avgSum += value;
                    threads++;
                }
                case "commit-latency-max" -> max = Math.max(max, value);
                default -> {
                }
            }
        }
        return new StreamsBench.Commits(count, threads == 0 ? 0 : avgSum / threads, max);
    }

    /**
     * What the paced producer did.
     *
     * @param sent     records sent
     * @param seconds  from the first send to the last
     * @param lastSend {@link System#nanoTime} of the last send
     */
    private record Paced(long sent, double seconds, long lastSend) {
        double rate() {
            return sent > 1 ? (sent - 1) / seconds : sent;
        }
    }

    /**
     * Sends at the offered rate. The send time of each record is noted before {@code send}; the
     * acknowledgement files it under the record's {@code topic-partition@offset}, the value of the
     * engine's {@value RiskTopology#HEADER_SOURCE} header on what the record caused.
     */
    private Paced send(List<EncodedRecord> encoded, int rate, ConcurrentMap<String, Long> sendTimes) {
        AtomicReference<Exception> failure = new AtomicReference<>();
        int total = encoded.size();
        long first;
        long last = 0;
        try (KafkaProducer<byte[], byte[]> producer = bench.producer("l2risk-bench-latency")) {
            topics.ingest().forEach(topic -> producer.partitionsFor(topic.name()));
            first = System.nanoTime();
            int next = 0;
            while (next < total) {
                // Record i is due at first + i / rate.
                long due = Math.min(total, (System.nanoTime() - first) * rate / 1_000_000_000L + 1);
                while (next < due) {
                    EncodedRecord record = encoded.get(next++);
                    long sent = System.nanoTime();
                    last = sent;
                    producer.send(record.toProducerRecord(), (metadata, error) -> {
                        if (error != null) {
                            failure.compareAndSet(null, error);
                        } else {
                            sendTimes.put(metadata.topic() + "-" + metadata.partition() + "@" + metadata.offset(), sent);
                        }
                    });
                }
                if (next < total) {
                    LockSupport.parkNanos(PACE_TICK.toNanos());
                }
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("producing the latency records failed: " + failure.get(), failure.get());
        }
        return new Paced(total, StreamsBench.seconds(last - first), last);
    }

    /** The end offsets of the output topics' partitions now. */
    private Map<TopicPartition, Long> outputEnds() {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        bench.partitions(outputTopics()).forEach(tp -> latest.put(tp, OffsetSpec.latest()));
        try {
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> answer =
                    bench.admin().listOffsets(latest).all().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, Long> ends = new HashMap<>();
            answer.forEach((tp, info) -> ends.put(tp, info.offset()));
            return ends;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking for the output end offsets", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot get the output end offsets: " + e, e);
        }
    }

    private List<String> outputTopics() {
        return List.of(topics.alerts().name(), topics.indicators().name(), topics.status().name());
    }

    /**
     * The consumer of the outputs, on its own thread: notes when each output arrived and the ingest
     * record it names. Its lists are read by the bench after the thread ended.
     */
    private final class OutputWatcher implements Runnable {

        private final CountDownLatch ready = new CountDownLatch(1);
        private final AtomicReference<Map<TopicPartition, Long>> target = new AtomicReference<>();
        private final CountDownLatch reachedTarget = new CountDownLatch(1);
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private volatile boolean stopping;
        private volatile long lastArrival;
        /** Per output read: the {@value RiskTopology#HEADER_SOURCE} value (null if none), arrival, alert or not. */
        private final List<String> sources = new ArrayList<>();
        private final LongList arrivals = new LongList();
        private final BitSet alertAt = new BitSet();
        private boolean caughtUp;

        @Override
        public void run() {
            try (KafkaConsumer<byte[], byte[]> consumer = bench.readCommittedConsumer()) {
                List<TopicPartition> partitions = bench.partitions(outputTopics());
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                partitions.forEach(consumer::position);
                lastArrival = System.nanoTime();
                ready.countDown();
                while (!stopping) {
                    ConsumerRecords<byte[], byte[]> polled = consumer.poll(Duration.ofMillis(50));
                    long arrival = System.nanoTime();
                    if (!polled.isEmpty()) {
                        lastArrival = arrival;
                    }
                    for (ConsumerRecord<byte[], byte[]> record : polled) {
                        if (record.topic().equals(topics.alerts().name())) {
                            alertAt.set(sources.size());
                        }
                        Header source = record.headers().lastHeader(RiskTopology.HEADER_SOURCE);
                        sources.add(source == null ? null : new String(source.value(), StandardCharsets.UTF_8));
                        arrivals.add(arrival);
                    }
                    Map<TopicPartition, Long> ends = target.get();
                    if (ends != null && !caughtUp && StreamsBench.reached(consumer, ends)) {
                        caughtUp = true;
                        reachedTarget.countDown();
                    }
                }
            } catch (Throwable e) {
                failure.set(e);
            } finally {
                ready.countDown();
                reachedTarget.countDown();
            }
        }

        void awaitReady(Duration timeout) throws InterruptedException {
            if (!ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the output consumer was not ready within " + timeout);
            }
            rethrow();
        }

        /**
         * Waits until the consumer has read up to {@code ends}, or no output arrived for {@code quiet},
         * or {@code timeout} passed.
         */
        void drain(Map<TopicPartition, Long> ends, Duration quiet, Duration timeout) throws InterruptedException {
            target.set(ends);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!reachedTarget.await(StreamsBench.COMMIT_POLL.toMillis(), TimeUnit.MILLISECONDS)) {
                long now = System.nanoTime();
                if (now - lastArrival > quiet.toNanos() || now - deadline > 0) {
                    return;
                }
            }
        }

        void stop() {
            stopping = true;
        }

        void rethrow() {
            Throwable error = failure.get();
            if (error != null) {
                throw new IllegalStateException("the output consumer failed: " + error, error);
            }
        }
    }

    /** A growable array of longs (no boxing: one entry per output). */
    private static final class LongList {
        private long[] values = new long[1024];
        private int size;

        void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }
    }
}
