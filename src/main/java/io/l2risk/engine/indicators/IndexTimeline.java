package io.l2risk.engine.indicators;

import io.l2risk.engine.StateIO;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Bounded checkpoints {@code index → (L1 time, tag)} of a sequence that is settled in order from its
 * front: batches awaiting proof, L1→L2 messages awaiting consumption, proposals awaiting finalization.
 * Indexes below the {@link #frontier()} are settled and forgotten, except the last settled checkpoint,
 * kept as an anchor for estimates.
 *
 * <p>Bounded: at most {@code capacity} checkpoints. When full, the interior checkpoint whose removal
 * leaves the smallest time gap is dropped (the oldest and the newest always stay), so the resolution
 * degrades evenly, to about {@code span / capacity} in time, instead of forgetting the end or thinning
 * the front. Each checkpoint carries a weight, the number of entries it stands for (a dropped
 * checkpoint's weight moves to the next one), so {@link #weight()} counts unsettled entries even when
 * their indexes are not contiguous (proposals keyed by L2 block). The time of an entry that has no
 * checkpoint is interpolated between its neighbours ({@link Estimate#exact()} false).
 */
final class IndexTimeline {

    static final long NO_TAG = Long.MIN_VALUE;
    private static final long NONE = Long.MIN_VALUE;

    /** One checkpoint. */
    record Entry(long index, long timeMillis, long tag, int weight) {
    }

    /**
     * The time (and tag) of one entry, read or interpolated.
     *
     * @param exact false when interpolated between checkpoints (or, without an earlier one, taken from
     *              the next checkpoint: no earlier than the truth)
     */
    record Estimate(long index, long timeMillis, long tag, boolean exact) {
    }

    private final int capacity;
    private final long[] indexes;
    private final long[] times;
    private final long[] tags;
    private final int[] weights;
    private int size;
    private long highest = NONE;
    private long frontier = NONE;
    /** The newest settled checkpoint: the left neighbour for interpolating the oldest unsettled entry. */
    private Entry anchor;

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
        if (Arrays.binarySearch(indexes, 0, size, index) >= 0) {
            return false;
        }
        highest = highest == NONE ? index : Math.max(highest, index);
        if (size == capacity) {
            dropOne();
        }
        int at = -Arrays.binarySearch(indexes, 0, size, index) - 1;
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

    /**
     * Settles every index below {@code next}: forgets their checkpoints but the newest, kept as anchor.
     * When the first remaining checkpoint stands for dropped entries, those taken to lie below
     * {@code next} (on an even grid of keys below the checkpoint) leave its weight.
     */
    void settleBelow(long next) {
        if (frontier != NONE && next <= frontier) {
            return;
        }
        long previousFrontier = frontier;
        frontier = next;
        int keepFrom = 0;
        while (keepFrom < size && indexes[keepFrom] < next) {
            keepFrom++;
        }
        if (keepFrom > 0) {
            anchor = entry(keepFrom - 1);
            System.arraycopy(indexes, keepFrom, indexes, 0, size - keepFrom);
            System.arraycopy(times, keepFrom, times, 0, size - keepFrom);
            System.arraycopy(tags, keepFrom, tags, 0, size - keepFrom);
            System.arraycopy(weights, keepFrom, weights, 0, size - keepFrom);
            size -= keepFrom;
        }
        if (size == 0 || weights[0] == 1) {
            return;
        }
        // The first checkpoint's w − 1 dropped entries are taken to sit on an even grid below it.
        int w = weights[0];
        double spacing;
        double base;
        if (keepFrom > 0) {
            base = anchor.index();
            spacing = (indexes[0] - base) / w;
        } else if (previousFrontier != NONE && previousFrontier < indexes[0]) {
            spacing = (double) (indexes[0] - previousFrontier) / (w - 1);
            base = previousFrontier - spacing;
        } else {
            return;
        }
        long settled = (long) Math.ceil((next - base) / spacing - 1e-9) - 1;
        weights[0] -= (int) Math.max(0, Math.min(w - 1, settled));
    }

    /**
     * Settles the oldest entry alone, for sequences whose settlements carry no key: one of the entries
     * the first checkpoint stands for, or the checkpoint itself when it stands for one.
     */
    void settleOldest() {
        if (size == 0) {
            return;
        }
        if (weights[0] > 1) {
            weights[0]--;
        } else {
            settleBelow(indexes[0] + 1);
        }
    }

    /**
     * Forgets every index above {@code last}: they were reverted and may appear again, settled or not
     * (a revert can undo a proof that did not execute).
     */
    void revertAfter(long last) {
        while (size > 0 && indexes[size - 1] > last) {
            size--;
        }
        if (highest != NONE && highest > last) {
            highest = last;
        }
        if (frontier != NONE && frontier > last + 1) {
            frontier = last + 1;
        }
    }

    /**
     * The time of entry {@code index} of a contiguous sequence (every index occurs): the checkpoint's own,
     * or interpolated by index between the checkpoints around it; {@code null} when no checkpoint is at
     * or after it.
     */
    Estimate estimate(long index) {
        int position = Arrays.binarySearch(indexes, 0, size, index);
        if (position >= 0) {
            return new Estimate(index, times[position], tags[position], true);
        }
        int after = -position - 1;
        if (after == size) {
            return null;
        }
        Entry before = after > 0 ? entry(after - 1) : anchor;
        if (before == null) {
            return new Estimate(index, times[after], tags[after], false);
        }
        double fraction = (double) (index - before.index()) / (indexes[after] - before.index());
        return new Estimate(index, interpolate(before.timeMillis(), times[after], fraction),
                interpolateTag(before.tag(), tags[after], fraction), false);
    }

    /**
     * The oldest unsettled entry of a sequence with sparse keys: the first checkpoint when it stands for
     * itself alone; when it also stands for {@code w − 1} dropped older entries, the first of them, taken
     * to be the first of {@code w} keys spread evenly after the frontier up to the checkpoint (exact when
     * the frontier is one past the last settled key of a regular sequence), its time interpolated.
     * {@code null} when empty.
     */
    Estimate oldest() {
        if (size == 0) {
            return null;
        }
        if (weights[0] == 1 || frontier == NONE || frontier >= indexes[0]) {
            return new Estimate(indexes[0], times[0], tags[0], weights[0] == 1);
        }
        return estimate(frontier + (indexes[0] - frontier) / weights[0]);
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

    /** Number of unsettled entries the checkpoints stand for. */
    long weight() {
        long sum = 0;
        for (int i = 0; i < size; i++) {
            sum += weights[i];
        }
        return sum;
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

    int size() {
        return size;
    }

    /** Compact form: zig-zag varint deltas, a few bytes per checkpoint. */
    void write(DataOutput out) throws IOException {
        out.writeLong(highest);
        out.writeLong(frontier);
        out.writeBoolean(anchor != null);
        if (anchor != null) {
            out.writeLong(anchor.index());
            out.writeLong(anchor.timeMillis());
            out.writeLong(anchor.tag());
        }
        StateIO.writeVarint(out, size);
        long index = 0;
        long time = 0;
        long tag = 0;
        for (int i = 0; i < size; i++) {
            writeSigned(out, indexes[i] - index);
            writeSigned(out, times[i] - time);
            if (tags[i] == NO_TAG) {
                StateIO.writeVarint(out, 0);
            } else {
                StateIO.writeVarint(out, zigzag(tags[i] - tag) + 1);
                tag = tags[i];
            }
            StateIO.writeVarint(out, weights[i]);
            index = indexes[i];
            time = times[i];
        }
    }

    void read(DataInput in) throws IOException {
        highest = in.readLong();
        frontier = in.readLong();
        anchor = in.readBoolean() ? new Entry(in.readLong(), in.readLong(), in.readLong(), 1) : null;
        long count = StateIO.readVarint(in);
        if (count > capacity) {
            throw new IOException("timeline of " + count + " checkpoints exceeds its capacity " + capacity);
        }
        size = (int) count;
        long index = 0;
        long time = 0;
        long tag = 0;
        for (int i = 0; i < size; i++) {
            index += readSigned(in);
            time += readSigned(in);
            long encodedTag = StateIO.readVarint(in);
            if (encodedTag == 0) {
                tags[i] = NO_TAG;
            } else {
                tag += unzigzag(encodedTag - 1);
                tags[i] = tag;
            }
            indexes[i] = index;
            times[i] = time;
            weights[i] = (int) StateIO.readVarint(in);
        }
    }

    private Entry entry(int i) {
        return new Entry(indexes[i], times[i], tags[i], weights[i]);
    }

    /** Drops the interior checkpoint whose neighbours are closest in time; on ties the newest such. */
    private void dropOne() {
        int drop = -1;
        long smallest = Long.MAX_VALUE;
        for (int i = 1; i < size - 1; i++) {
            long gap = times[i + 1] - times[i - 1];
            if (gap <= smallest) {
                smallest = gap;
                drop = i;
            }
        }
        weights[drop + 1] += weights[drop];
        System.arraycopy(indexes, drop + 1, indexes, drop, size - drop - 1);
        System.arraycopy(times, drop + 1, times, drop, size - drop - 1);
        System.arraycopy(tags, drop + 1, tags, drop, size - drop - 1);
        System.arraycopy(weights, drop + 1, weights, drop, size - drop - 1);
        size--;
    }

    private static long interpolate(long from, long to, double fraction) {
        return from + Math.round((to - from) * fraction);
    }

    private static long interpolateTag(long from, long to, double fraction) {
        return from == NO_TAG || to == NO_TAG ? to : interpolate(from, to, fraction);
    }

    private static long zigzag(long value) {
        return (value << 1) ^ (value >> 63);
    }

    private static long unzigzag(long value) {
        return (value >>> 1) ^ -(value & 1);
    }

    private static void writeSigned(DataOutput out, long value) throws IOException {
        StateIO.writeVarint(out, zigzag(value));
    }

    private static long readSigned(DataInput in) throws IOException {
        return unzigzag(StateIO.readVarint(in));
    }

}
