package io.l2risk.engine.indicators;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;

/**
 * The L1 times of the latest {@code capacity} occurrences of something (fallback batches, failed DA
 * checks), sorted, so that "how many in the last window" is exact up to {@code capacity} and the
 * state stays bounded. A time older than every kept one is dropped when the ring is full.
 */
final class TimeRing {

    private final long[] millis;
    private int size;

    TimeRing(int capacity) {
        this.millis = new long[capacity];
    }

    void add(Instant time) {
        long value = time.toEpochMilli();
        if (size == millis.length) {
            if (value < millis[0]) {
                return;
            }
            System.arraycopy(millis, 1, millis, 0, size - 1);
            size--;
        }
        // Insert in order: records may arrive with L1 times earlier than the latest one.
        int at = size;
        while (at > 0 && millis[at - 1] > value) {
            millis[at] = millis[at - 1];
            at--;
        }
        millis[at] = value;
        size++;
    }

    /** The earliest occurrence strictly after {@code fromMillis}, in epoch milliseconds; {@link Long#MAX_VALUE} if none. */
    long firstAfter(long fromMillis) {
        int i = size;
        while (i > 0 && millis[i - 1] > fromMillis) {
            i--;
        }
        return i == size ? Long.MAX_VALUE : millis[i];
    }

    /** Occurrences strictly after {@code from} (at most the capacity). */
    int countAfter(Instant from) {
        long bound = from.toEpochMilli();
        int count = 0;
        for (int i = size - 1; i >= 0 && millis[i] > bound; i--) {
            count++;
        }
        return count;
    }

    int capacity() {
        return millis.length;
    }

    void clear() {
        size = 0;
    }

    void write(DataOutput out) throws IOException {
        out.writeShort(size);
        for (int i = 0; i < size; i++) {
            out.writeLong(millis[i]);
        }
    }

    void read(DataInput in) throws IOException {
        int count = in.readUnsignedShort();
        if (count > millis.length) {
            throw new IOException("time ring of " + count + " entries exceeds its capacity " + millis.length);
        }
        Arrays.fill(millis, 0);
        for (int i = 0; i < count; i++) {
            millis[i] = in.readLong();
        }
        size = count;
    }
}
