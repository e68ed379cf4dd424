package io.l2risk.engine.indicators;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * A bounded memory of identifiers seen in the last {@code span} of L1 time: 32-bit fingerprints in
 * {@value #BUCKETS} time buckets (older buckets drop out whole), at most {@code capacity} in all (when
 * full, the oldest bucket loses its oldest entries first).
 *
 * <p>Errors: an identifier whose fingerprint equals a remembered one's is taken as seen (probability
 * about {@code n / 2^32} per lookup, 5·10⁻⁷ at 2,048 entries); one seen longer ago than {@code span},
 * or pushed out by capacity, is taken as unseen. {@link #forgottenBefore()} tells from when the memory
 * is complete.
 */
final class FingerprintWindow {

    static final int BUCKETS = 16;

    private final long widthMillis;
    private final long spanMillis;
    private final int capacity;
    private final TreeMap<Long, int[]> buckets = new TreeMap<>();
    private int size;
    /** Identifiers seen before this time may have been forgotten (by age or capacity); null: nothing yet. */
    private Instant forgottenBefore;

    FingerprintWindow(Duration span, int capacity) {
        this.spanMillis = Math.max(BUCKETS, span.toMillis());
        this.widthMillis = Math.max(1, spanMillis / BUCKETS);
        this.capacity = Math.max(1, capacity);
    }

    /** A 32-bit FNV-1a fingerprint of the identifier, case-insensitive (hashes arrive in either case). */
    static int fingerprint(String id) {
        int hash = 0x811c9dc5;
        for (byte b : id.toLowerCase().getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x01000193;
        }
        return hash;
    }

    /** Remembers {@code id} as seen at {@code at}, unless that is already outside the window ending at {@code now}. */
    void add(String id, Instant at, Instant now) {
        expire(now);
        long bucket = Math.floorDiv(at.toEpochMilli(), widthMillis);
        if (bucket < oldestKept(now)) {
            return;
        }
        if (size >= capacity) {
            Map.Entry<Long, int[]> oldest = buckets.firstEntry();
            int[] kept = Arrays.copyOfRange(oldest.getValue(), 1, oldest.getValue().length);
            forget(Instant.ofEpochMilli((oldest.getKey() + 1) * widthMillis));
            size--;
            if (kept.length == 0) {
                buckets.remove(oldest.getKey());
            } else {
                buckets.put(oldest.getKey(), kept);
            }
        }
        int[] entries = buckets.getOrDefault(bucket, new int[0]);
        int[] grown = Arrays.copyOf(entries, entries.length + 1);
        grown[entries.length] = fingerprint(id);
        buckets.put(bucket, grown);
        size++;
    }

    boolean contains(String id) {
        int fingerprint = fingerprint(id);
        for (int[] entries : buckets.values()) {
            for (int entry : entries) {
                if (entry == fingerprint) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Drops the buckets wholly older than the window ending at {@code now}. */
    void expire(Instant now) {
        long oldest = oldestKept(now);
        while (!buckets.isEmpty() && buckets.firstKey() < oldest) {
            size -= buckets.pollFirstEntry().getValue().length;
            forget(Instant.ofEpochMilli(oldest * widthMillis));
        }
    }

    private long oldestKept(Instant now) {
        return Math.floorDiv(now.toEpochMilli() - spanMillis, widthMillis);
    }

    private void forget(Instant before) {
        if (forgottenBefore == null || before.isAfter(forgottenBefore)) {
            forgottenBefore = before;
        }
    }

    int size() {
        return size;
    }

    Instant forgottenBefore() {
        return forgottenBefore;
    }

    void write(DataOutput out) throws IOException {
        io.l2risk.engine.StateIO.writeInstant(out, forgottenBefore);
        out.writeByte(buckets.size());
        for (Map.Entry<Long, int[]> bucket : buckets.entrySet()) {
            out.writeLong(bucket.getKey());
            out.writeShort(bucket.getValue().length);
            for (int entry : bucket.getValue()) {
                out.writeInt(entry);
            }
        }
    }

    void read(DataInput in) throws IOException {
        forgottenBefore = io.l2risk.engine.StateIO.readInstant(in);
        buckets.clear();
        size = 0;
        int count = in.readUnsignedByte();
        for (int i = 0; i < count; i++) {
            long bucket = in.readLong();
            int[] entries = new int[in.readUnsignedShort()];
            for (int j = 0; j < entries.length; j++) {
                entries[j] = in.readInt();
            }
            buckets.put(bucket, entries);
            size += entries.length;
        }
    }
}
