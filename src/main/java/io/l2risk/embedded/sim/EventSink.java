package io.l2risk.embedded.sim;

import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import org.apache.avro.specific.SpecificRecord;

/**
 * Where the simulator's ingest records go: Kafka ({@link KafkaEventSink}) or an event file
 * ({@link FileEventSink}). Records arrive in L1 time order; a sink keeps that order per rollup.
 * Used from one thread.
 */
public interface EventSink extends Closeable, Flushable {

    /** Sends one record; it may be buffered until {@link #flush}. Fails if an earlier send failed. */
    void send(SpecificRecord record) throws IOException;

    /** Returns once everything sent so far is durable (written, or acknowledged by Kafka). */
    @Override
    void flush() throws IOException;

    /** Flushes and releases the sink. */
    @Override
    void close() throws IOException;
}
