package io.l2risk.engine.stats;

import io.l2risk.engine.StateIO;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigInteger;

/**
 * A baseline over the last {@code slotCount × slotSeconds} of event time: a ring of {@link LogHistogram}
 * slots aligned to multiples of {@code slotSeconds} (epoch seconds). As event time crosses a slot
 * boundary the oldest slot is dropped whole, so the window holds between {@code (slotCount − 1)} and
 * {@code slotCount} slots of history — e.g. 6 × 5 days holds 25 to 30 days. Queries (the
 * {@link LogDistribution} methods) see the sum of all slots.
 *
 * <p>Event time only moves forward: {@link #advanceTo} with an earlier time is a no-op, and an
 * observation older than the window is ignored. {@link #coverageSeconds()} says how much history is
 * held, so callers can tell "baseline not ready yet" from "ready".
 *
 * <p>Bounded: {@code slotCount + 1} arrays of {@code scale.bucketCount()} ints in memory, and at most
 * {@link #serializedSizeBound()} bytes serialized, whatever the history length. {@link #add} is O(1)
 * and allocation-free; crossing a slot boundary costs O(slotCount × buckets) once per slot. Not
 * thread-safe.
 */
public final class RollingWindowHistogram implements LogDistribution {

    private static final int FORMAT_VERSION = 1;
    private static final int MAX_SLOTS = 4096;
    private static final int HAS_NOW = 1;
    private static final int HAS_FIRST = 2;

    private final LogScale scale;
    private final long slotSeconds;
    private final LogHistogram[] slots;
    /** Sum of all slots, so queries need not merge them; derived, never serialized. */
    private final int[] window;
    private long windowTotal;
    private long now = Long.MIN_VALUE;
    private long firstObservation = Long.MIN_VALUE;

    /**
     * An empty window of {@code slotCount} slots of {@code slotSeconds} each.
     *
     * @throws IllegalArgumentException if {@code slotSeconds < 1} or {@code slotCount} is not in 1..4096
     */
    public RollingWindowHistogram(LogScale scale, long slotSeconds, int slotCount) {
        if (slotSeconds < 1) {
            throw new IllegalArgumentException("slotSeconds must be positive, got " + slotSeconds);
        }
        if (slotCount < 1 || slotCount > MAX_SLOTS) {
            throw new IllegalArgumentException("slotCount must be in 1.." + MAX_SLOTS + ", got " + slotCount);
        }
        this.scale = scale;
        this.slotSeconds = slotSeconds;
        this.slots = new LogHistogram[slotCount];
        for (int i = 0; i < slotCount; i++) {
            slots[i] = new LogHistogram(scale);
        }
        this.window = new int[scale.bucketCount()];
    }

    /** The recommended 30-day baseline: 6 slots of 5 days (25–30 days held). */
    public static RollingWindowHistogram thirtyDays(LogScale scale) {
        return new RollingWindowHistogram(scale, 5 * 86_400L, 6);
    }

    /**
     * Advances event time to {@code eventTime}, then records {@code value} in the slot of
     * {@code eventTime}.
     *
     * @return false if {@code eventTime} is older than the window and the value was ignored
     */
    public boolean add(long eventTime, double value) {
        return addToBucket(eventTime, scale.bucketOf(value));
    }

    /** Records a non-negative integer amount; see {@link #add(long, double)}. */
    public boolean add(long eventTime, BigInteger amount) {
        return addToBucket(eventTime, scale.bucketOf(amount));
    }

    private boolean addToBucket(long eventTime, int bucket) {
        advanceTo(eventTime);
        long slot = Math.floorDiv(eventTime, slotSeconds);
        if (slot <= headSlot() - slots.length) {
            return false;
        }
        if (slots[ringIndex(slot)].addToBucket(bucket)) {
            rebuildWindow();
        } else {
            window[bucket]++;
            windowTotal++;
        }
        if (firstObservation == Long.MIN_VALUE || eventTime < firstObservation) {
            firstObservation = eventTime;
        }
        return true;
    }

    /** Moves event time forward to {@code eventTime}, dropping slots that fall out of the window. */
    public void advanceTo(long eventTime) {
        if (now != Long.MIN_VALUE && eventTime <= now) {
            return;
        }
        long previousHead = now == Long.MIN_VALUE ? Long.MIN_VALUE : headSlot();
        now = eventTime;
        if (previousHead == Long.MIN_VALUE) {
            return;
        }
        long expired = Math.min(headSlot() - previousHead, slots.length);
        if (expired > 0) {
            for (long k = 1; k <= expired; k++) {
                slots[ringIndex(previousHead + k)].clear();
            }
            rebuildWindow();
        }
    }

    /** Event time of the earliest observation ever added; {@link Long#MIN_VALUE} before the first. */
    public long firstObservation() {
        return firstObservation;
    }

    /**
     * Event time covered by the observations held: from the first observation still in the window
     * (or the window's start, whichever is later) to the latest event time; 0 when empty.
     */
    public long coverageSeconds() {
        if (firstObservation == Long.MIN_VALUE || windowTotal == 0) {
            return 0;
        }
        long start = Math.max(firstObservation, windowStart());
        return Math.max(0, now - start);
    }

    /** Inclusive start of the oldest slot still held, in event time; {@link Long#MIN_VALUE} before any time. */
    public long windowStart() {
        return now == Long.MIN_VALUE ? Long.MIN_VALUE : (headSlot() - slots.length + 1) * slotSeconds;
    }

    /** The latest event time seen; {@link Long#MIN_VALUE} before any. */
    public long now() {
        return now;
    }

    public long slotSeconds() {
        return slotSeconds;
    }

    public int slotCount() {
        return slots.length;
    }

    /** The longest history the window holds, {@code slotCount × slotSeconds}. */
    public long windowSeconds() {
        return slotSeconds * slots.length;
    }

    @Override
    public LogScale scale() {
        return scale;
    }

    @Override
    public long count() {
        return windowTotal;
    }

    @Override
    public long bucketCount(int bucket) {
        return window[bucket];
    }

    /** A merged copy of the window as one histogram (halved if a bucket passes its cap). */
    public LogHistogram snapshot() {
        LogHistogram merged = new LogHistogram(scale);
        for (LogHistogram slot : slots) {
            merged.merge(slot);
        }
        return merged;
    }

    /** Writes the window: version byte, scale, shape, times, then each slot from oldest to newest. */
    public void writeTo(DataOutput out) throws IOException {
        out.writeByte(FORMAT_VERSION);
        scale.writeTo(out);
        StateIO.writeVarint(out, slotSeconds);
        StateIO.writeVarint(out, slots.length);
        int flags = (now != Long.MIN_VALUE ? HAS_NOW : 0) | (firstObservation != Long.MIN_VALUE ? HAS_FIRST : 0);
        out.writeByte(flags);
        if (now == Long.MIN_VALUE) {
            return;
        }
        Wire.writeSignedVarint(out, now);
        if (firstObservation != Long.MIN_VALUE) {
            StateIO.writeVarint(out, now - firstObservation);
        }
        long oldest = headSlot() - slots.length + 1;
        for (int k = 0; k < slots.length; k++) {
            slots[ringIndex(oldest + k)].writeCounts(out);
        }
    }

    /** Reads a window written by {@link #writeTo}. */
    public static RollingWindowHistogram readFrom(DataInput in) throws IOException {
        Wire.checkVersion(in, FORMAT_VERSION, "RollingWindowHistogram");
        LogScale scale = LogScale.readFrom(in);
        long slotSeconds = StateIO.readVarint(in);
        int slotCount = Wire.readIntInRange(in, 1, MAX_SLOTS, "RollingWindowHistogram slot count");
        if (slotSeconds < 1) {
            throw new IOException("RollingWindowHistogram slot length " + slotSeconds + " is not positive");
        }
        RollingWindowHistogram h = new RollingWindowHistogram(scale, slotSeconds, slotCount);
        int flags = in.readUnsignedByte();
        if ((flags & HAS_NOW) == 0) {
            return h;
        }
        h.now = Wire.readSignedVarint(in);
        if ((flags & HAS_FIRST) != 0) {
            h.firstObservation = h.now - StateIO.readVarint(in);
        }
        long oldest = h.headSlot() - slotCount + 1;
        for (int k = 0; k < slotCount; k++) {
            h.slots[h.ringIndex(oldest + k)].readCounts(in);
        }
        h.rebuildWindow();
        return h;
    }

    /** Upper bound of the bytes {@link #writeTo} writes, for any history length. */
    public int serializedSizeBound() {
        return 1 + LogScale.serializedSizeBound() + Wire.MAX_LONG_VARINT + 2 + 1
                + 2 * Wire.MAX_LONG_VARINT + slots.length * LogHistogram.countsSizeBound(scale);
    }

    private long headSlot() {
        return Math.floorDiv(now, slotSeconds);
    }

    private int ringIndex(long slot) {
        return (int) Math.floorMod(slot, (long) slots.length);
    }

    private void rebuildWindow() {
        long total = 0;
        for (int b = 0; b < window.length; b++) {
            int sum = 0;
            for (LogHistogram slot : slots) {
                sum += (int) slot.bucketCount(b);
            }
            window[b] = sum;
            total += sum;
        }
        windowTotal = total;
    }

    @Override
    public String toString() {
        return "RollingWindowHistogram[n=" + windowTotal + ", coverage=" + coverageSeconds() + "s, "
                + slots.length + " x " + slotSeconds + "s, " + scale + "]";
    }
}
