package io.l2risk.engine.indicators;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Bounded checkpoints {@code index → (L1 time, tag)} of a sequence that is settled in order from its
 * front: batches awaiting proof, L1→L2 messages awaiting consumption, proposals awaiting finalization.
 * Indexes below the {@link #frontier()} are settled and forgotten.
 *
 * <p>Bounded: at most {@code capacity} checkpoints. When full, every other checkpoint after the
 * oldest is dropped (the oldest and the newest stay exact), so the timeline keeps covering the whole
 * unsettled range at a coarser resolution instead of forgetting its end. A lookup of an index that
 * was dropped answers with the next checkpoint after it: a time no earlier than the true one, so an
 * age computed from it is never overstated. Each checkpoint carries a weight, the number of entries it
 * stands for (a dropped checkpoint's weight moves to the next kept one), so {@link #weight()} counts
 * the unsettled entries even when their indexes are not contiguous (proposals keyed by L2 block).
 */
final class IndexTimeline {

    static final long NO_TAG = Long.MIN_VALUE;
    private static final long NONE = Long.MIN_VALUE;

    /** One checkpoint. */
    record Entry(long index, long timeMillis, long tag) {
    }

    private final int capacity;
    private final long[] indexes;
    private final long[] times;
    private final long[] tags;
    private final int[] weights;
    private int size;
    private long highest = NONE;
    private long frontier = NONE;

    IndexTimeline(int capacity) {
        if (capacity < 4) {
            throw new IllegalArgumentException("capacity must be at least 4");
        }
        this.capacity = capacity;
        this.indexes = new long[capacity];
        this.times = new long[capacity];
        this.tags = new long[capacity];
        this.weights = new int[capacity];
    }

    /**
     * Records that {@code index} appeared at {@code timeMillis}. Ignored when it is already settled or
     * already held (the first sighting wins).
     *
     * @return true if the index is new and unsettled
     */
    boolean add(long index, long timeMillis, long tag) {
        if (frontier != NONE && index < frontier) {
            return false;
        }
        int position = Arrays.binarySearch(indexes, 0, size, index);
        if (position >= 0) {
            return false;
        }
        highest = highest == NONE ? index : Math.max(highest, index);
        if (size == capacity) {
            thin();
            position = Arrays.binarySearch(indexes, 0, size, index);
        }
        int at = -position - 1;
        System.arraycopy(indexes, at, indexes, at + 1, size - at);
        System.arraycopy(times, at, times, at + 1, size - at);
        System.arraycopy(tags, at, tags, at + 1, size - at);
        System.arraycopy(weights, at, weights, at + 1, size - at);
        indexes[at] = index;
        times[at] = timeMillis;
        tags[at] = tag;
        weights[at] = 1;
        size++;
        return true;
    }

    /** Notes that {@code index} exists without a checkpoint (e.g. seen only as consumed). */
    void noteIndex(long index) {
        highest = highest == NONE ? index : Math.max(highest, index);
    }

    /** Settles every index below {@code next}: forgets their checkpoints. */
    void settleBelow(long next) {
        if (frontier != NONE && next <= frontier) {
            return;
        }
        frontier = next;
        int keepFrom = 0;
        while (keepFrom < size && indexes[keepFrom] < next) {
            keepFrom++;
        }
        if (keepFrom > 0) {
            System.arraycopy(indexes, keepFrom, indexes, 0, size - keepFrom);
            System.arraycopy(times, keepFrom, times, 0, size - keepFrom);
            System.arraycopy(tags, keepFrom, tags, 0, size - keepFrom);
            System.arraycopy(weights, keepFrom, weights, 0, size - keepFrom);
            size -= keepFrom;
        }
    }

    /** Forgets every index above {@code last} (they were reverted and may appear again). */
    void revertAfter(long last) {
        while (size > 0 && indexes[size - 1] > last) {
            size--;
        }
        if (highest != NONE && highest > last) {
            highest = last;
        }
    }

    /** Number of unsettled entries the checkpoints stand for. */
    long weight() {
        long sum = 0;
        for (int i = 0; i < size; i++) {
            sum += weights[i];
        }
        return sum;
    }

    /** The first checkpoint with an index at or above {@code index}, or {@code null}. */
    Entry atOrAfter(long index) {
        int position = Arrays.binarySearch(indexes, 0, size, index);
        int at = position >= 0 ? position : -position - 1;
        return at < size ? entry(at) : null;
    }

    /** Calls {@code visitor} for every checkpoint with {@code from <= index < to}, oldest first. */
    void forEachBetween(long from, long to, Consumer<Entry> visitor) {
        for (int i = 0; i < size; i++) {
            if (indexes[i] >= to) {
                return;
            }
            if (indexes[i] >= from) {
                visitor.accept(entry(i));
            }
        }
    }

    /** Every index below this is settled; {@code Long.MIN_VALUE} before the first settlement. */
    long frontier() {
        return frontier;
    }

    boolean hasFrontier() {
        return frontier != NONE;
    }

    /** The highest index seen; {@code Long.MIN_VALUE} before the first. */
    long highest() {
        return highest;
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    void write(DataOutput out) throws IOException {
        out.writeLong(highest);
        out.writeLong(frontier);
        out.writeShort(size);
        for (int i = 0; i < size; i++) {
            out.writeLong(indexes[i]);
            out.writeLong(times[i]);
            out.writeLong(tags[i]);
            out.writeInt(weights[i]);
        }
    }

    void read(DataInput in) throws IOException {
        highest = in.readLong();
        frontier = in.readLong();
        int count = in.readUnsignedShort();
        if (count > capacity) {
            throw new IOException("timeline of " + count + " checkpoints exceeds its capacity " + capacity);
        }
        size = count;
        for (int i = 0; i < size; i++) {
            indexes[i] = in.readLong();
            times[i] = in.readLong();
            tags[i] = in.readLong();
            weights[i] = in.readInt();
        }
    }

    private Entry entry(int i) {
        return new Entry(indexes[i], times[i], tags[i]);
    }

    /**
     * Keeps the oldest checkpoint and every other one counted back from the newest; a dropped
     * checkpoint's weight moves to the next kept one.
     */
    private void thin() {
        int kept = 1;
        int carried = 0;
        for (int i = 1; i < size; i++) {
            if ((size - 1 - i) % 2 == 0) {
                indexes[kept] = indexes[i];
                times[kept] = times[i];
                tags[kept] = tags[i];
                weights[kept] = weights[i] + carried;
                carried = 0;
                kept++;
            } else {
                carried += weights[i];
            }
        }
        size = kept;
    }
}
