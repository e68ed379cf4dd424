package io.l2risk.ingest;

import java.util.concurrent.atomic.AtomicLong;

/** Counters of one ingester, safe to read from another thread (metrics, logs, tests). */
public final class IngestStats {

    final AtomicLong blocks = new AtomicLong();
    final AtomicLong logs = new AtomicLong();
    final AtomicLong batcherTransactions = new AtomicLong();
    final AtomicLong records = new AtomicLong();
    final AtomicLong unknownEvents = new AtomicLong();
    final AtomicLong commits = new AtomicLong();
    final AtomicLong retries = new AtomicLong();
    final AtomicLong reorgs = new AtomicLong();
    final AtomicLong orphanedBlocks = new AtomicLong();
    final AtomicLong suppressedEvents = new AtomicLong();
    final AtomicLong scannedThrough = new AtomicLong(-1);
    final AtomicLong head = new AtomicLong(-1);

    /** Blocks scanned. */
    public long blocks() {
        return blocks.get();
    }

    /** Logs read from watched contracts. */
    public long logs() {
        return logs.get();
    }

    /** OP Stack batcher transactions found in scanned blocks. */
    public long batcherTransactions() {
        return batcherTransactions.get();
    }

    /** Records written, {@code IngestProgress} included. */
    public long records() {
        return records.get();
    }

    /** {@code UNKNOWN_EVENT} records written. */
    public long unknownEvents() {
        return unknownEvents.get();
    }

    /** Transactions (or file flushes) committed. */
    public long commits() {
        return commits.get();
    }

    /** Retriable RPC failures retried. */
    public long retries() {
        return retries.get();
    }

    /** Reorgs detected. */
    public long reorgs() {
        return reorgs.get();
    }

    /** Ingested blocks that reorgs orphaned. */
    public long orphanedBlocks() {
        return orphanedBlocks.get();
    }

    /** Events of the new chain not written again because they had been written from an orphaned block. */
    public long suppressedEvents() {
        return suppressedEvents.get();
    }

    /** The last block ingested, or -1 before the first. */
    public long scannedThrough() {
        return scannedThrough.get();
    }

    /** The head the last poll saw, or -1 before the first. */
    public long head() {
        return head.get();
    }
}
