package io.l2risk.ingest;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * How the ingester runs. Start from {@link #defaults(String)} and change what differs.
 *
 * @param ingesterId      names the ingester: its cursor, its transactional id, {@code IngestProgress.ingesterId}
 * @param confirmations   blocks behind the head the ingester stays, so that most reorgs never reach it
 * @param maxLogRange     the most blocks one scan step covers when only logs are read
 * @param maxBlockScanRange the most blocks one scan step covers when blocks are read in full (OP batch inboxes)
 * @param pollInterval    how often the head is polled once caught up
 * @param heartbeatInterval how often {@code IngestProgress} is written while no block becomes confirmed
 * @param reorgWindow     how many recent blocks are remembered to find a reorg's common ancestor
 * @param fromBlock       the first block to ingest when there is no cursor (default: the confirmed head)
 * @param toBlock         the last block to ingest, after which the ingester returns (default: follow the head)
 * @param retryInitial    first backoff after a retriable RPC failure
 * @param retryMax        longest backoff
 */
public record IngestSettings(String ingesterId, int confirmations, int maxLogRange, int maxBlockScanRange,
        Duration pollInterval, Duration heartbeatInterval, int reorgWindow, OptionalLong fromBlock,
        OptionalLong toBlock, Duration retryInitial, Duration retryMax) {

    /** Two blocks: post-merge mainnet reorgs are one block deep in practice; deeper ones are detected too. */
    public static final int DEFAULT_CONFIRMATIONS = 2;

    /**
     * Validates every value; messages name the command-line option a value comes from, so that the commands
     * can show them as they are.
     *
     * @throws IllegalArgumentException on an invalid value
     */
    public IngestSettings {
        Objects.requireNonNull(ingesterId, "ingesterId");
        if (!ingesterId.matches("[A-Za-z0-9._-]{1,100}")) {
            throw new IllegalArgumentException("--ingester-id '" + ingesterId + "' must be 1-100 of A-Z a-z 0-9 . _ -");
        }
        if (confirmations < 0) {
            throw new IllegalArgumentException("--confirmations must not be negative, got " + confirmations);
        }
        if (maxLogRange < 1 || maxBlockScanRange < 1) {
            throw new IllegalArgumentException("--max-range must be at least 1 block, got "
                    + Math.min(maxLogRange, maxBlockScanRange));
        }
        if (reorgWindow < 2) {
            throw new IllegalArgumentException("the reorg window must be at least 2 blocks, got " + reorgWindow);
        }
        if (fromBlock.isPresent() && fromBlock.getAsLong() < 0 || toBlock.isPresent() && toBlock.getAsLong() < 0) {
            throw new IllegalArgumentException("--from-block and --to-block must not be negative");
        }
        if (fromBlock.isPresent() && toBlock.isPresent() && fromBlock.getAsLong() > toBlock.getAsLong()) {
            throw new IllegalArgumentException("--from-block " + fromBlock.getAsLong() + " is after --to-block "
                    + toBlock.getAsLong());
        }
    }

    /** Defaults: 2 confirmations, 2 000-block log steps, 50-block full-block steps, 4 s polls, 30 s heartbeats. */
    public static IngestSettings defaults(String ingesterId) {
        return new IngestSettings(ingesterId, DEFAULT_CONFIRMATIONS, 2_000, 50, Duration.ofSeconds(4),
                Duration.ofSeconds(30), 128, OptionalLong.empty(), OptionalLong.empty(), Duration.ofMillis(500),
                Duration.ofSeconds(30));
    }

    public IngestSettings withConfirmations(int value) {
        return new IngestSettings(ingesterId, value, maxLogRange, maxBlockScanRange, pollInterval, heartbeatInterval,
                reorgWindow, fromBlock, toBlock, retryInitial, retryMax);
    }

    public IngestSettings withRange(OptionalLong from, OptionalLong to) {
        return new IngestSettings(ingesterId, confirmations, maxLogRange, maxBlockScanRange, pollInterval,
                heartbeatInterval, reorgWindow, from, to, retryInitial, retryMax);
    }

    public IngestSettings withPolling(Duration poll, Duration heartbeat) {
        return new IngestSettings(ingesterId, confirmations, maxLogRange, maxBlockScanRange, poll, heartbeat,
                reorgWindow, fromBlock, toBlock, retryInitial, retryMax);
    }

    public IngestSettings withScanRanges(int logs, int blocks) {
        return new IngestSettings(ingesterId, confirmations, logs, blocks, pollInterval, heartbeatInterval,
                reorgWindow, fromBlock, toBlock, retryInitial, retryMax);
    }

    public IngestSettings withRetry(Duration initial, Duration max) {
        return new IngestSettings(ingesterId, confirmations, maxLogRange, maxBlockScanRange, pollInterval,
                heartbeatInterval, reorgWindow, fromBlock, toBlock, initial, max);
    }
}
