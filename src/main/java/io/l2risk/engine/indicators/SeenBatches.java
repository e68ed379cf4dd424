package io.l2risk.engine.indicators;

import io.l2risk.engine.StateIO;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which batch indexes have been seen posted, in bounded form: the lowest and highest index seen and
 * the gaps between them (at most {@link #MAX_GAPS}; when more open, the lowest is forgotten, i.e.
 * treated as seen — a missed alert rather than a false one). Indexes below the lowest one seen were
 * posted before monitoring began and are never reported missing.
 */
final class SeenBatches {

    static final int MAX_GAPS = 8;

    private Long min;
    private Long max;
    private final TreeMap<Long, Long> gaps = new TreeMap<>();

    boolean isEmpty() {
        return min == null;
    }

    Long highest() {
        return max;
    }

    void add(long index) {
        if (min == null) {
            min = index;
            max = index;
        } else if (index > max) {
            if (index > max + 1) {
                addGap(max + 1, index - 1);
            }
            max = index;
        } else if (index < min) {
            if (index < min - 1) {
                addGap(index + 1, min - 1);
            }
            min = index;
        } else {
            fill(index);
        }
    }

    /** How many indexes in {@code [start, end]} (clipped to the monitored range) were never seen. */
    long missing(long start, long end) {
        if (min == null) {
            return 0;
        }
        long from = Math.max(start, min);
        if (from > end) {
            return 0;
        }
        long count = end > max ? end - Math.max(max, from - 1) : 0;
        for (Map.Entry<Long, Long> gap : gaps.entrySet()) {
            long lo = Math.max(gap.getKey(), from);
            long hi = Math.min(gap.getValue(), end);
            if (lo <= hi) {
                count += hi - lo + 1;
            }
        }
        return count;
    }

    /** The first index in {@code [start, end]} never seen, or {@code null}. */
    Long firstMissing(long start, long end) {
        if (min == null) {
            return null;
        }
        long from = Math.max(start, min);
        for (Map.Entry<Long, Long> gap : gaps.entrySet()) {
            long lo = Math.max(gap.getKey(), from);
            if (lo <= Math.min(gap.getValue(), end)) {
                return lo;
            }
        }
        long afterMax = Math.max(max + 1, from);
        return afterMax <= end ? afterMax : null;
    }

    private void addGap(long start, long end) {
        gaps.put(start, end);
        if (gaps.size() > MAX_GAPS) {
            gaps.pollFirstEntry();
        }
    }

    private void fill(long index) {
        Map.Entry<Long, Long> gap = gaps.floorEntry(index);
        if (gap == null || gap.getValue() < index) {
            return;
        }
        gaps.remove(gap.getKey());
        if (gap.getKey() < index) {
            gaps.put(gap.getKey(), index - 1);
        }
        if (index < gap.getValue()) {
            gaps.put(index + 1, gap.getValue());
        }
        if (gaps.size() > MAX_GAPS) {
            gaps.pollFirstEntry();
        }
    }

    void write(DataOutput out) throws IOException {
        StateIO.writeNullableLong(out, min);
        StateIO.writeNullableLong(out, max);
        out.writeByte(gaps.size());
        for (Map.Entry<Long, Long> gap : gaps.entrySet()) {
            out.writeLong(gap.getKey());
            out.writeLong(gap.getValue());
        }
    }

    void read(DataInput in) throws IOException {
        min = StateIO.readNullableLong(in);
        max = StateIO.readNullableLong(in);
        gaps.clear();
        int count = in.readUnsignedByte();
        for (int i = 0; i < count; i++) {
            gaps.put(in.readLong(), in.readLong());
        }
    }
}
