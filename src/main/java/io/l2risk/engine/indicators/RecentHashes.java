package io.l2risk.engine.indicators;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The last {@code capacity} distinct strings seen, remembered by a 64-bit fingerprint (FNV-1a) so the
 * state stays small: "was this reference retrieved recently?". A false "yes" needs a 64-bit collision.
 */
final class RecentHashes {

    private final long[] fingerprints;
    private int size;
    private int next;

    RecentHashes(int capacity) {
        this.fingerprints = new long[capacity];
    }

    void add(String value) {
        long fingerprint = fingerprint(value);
        if (contains(fingerprint)) {
            return;
        }
        fingerprints[next] = fingerprint;
        next = (next + 1) % fingerprints.length;
        size = Math.min(size + 1, fingerprints.length);
    }

    boolean contains(String value) {
        return contains(fingerprint(value));
    }

    private boolean contains(long fingerprint) {
        for (int i = 0; i < size; i++) {
            if (fingerprints[i] == fingerprint) {
                return true;
            }
        }
        return false;
    }

    static long fingerprint(String value) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < value.length(); i++) {
            hash ^= value.charAt(i);
            hash *= 0x100000001b3L;
        }
        return hash;
    }

    void write(DataOutput out) throws IOException {
        out.writeShort(size);
        out.writeShort(next);
        for (int i = 0; i < size; i++) {
            out.writeLong(fingerprints[i]);
        }
    }

    void read(DataInput in) throws IOException {
        int count = in.readUnsignedShort();
        int position = in.readUnsignedShort();
        if (count > fingerprints.length || position >= fingerprints.length) {
            throw new IOException("recent-hash ring of " + count + " entries exceeds its capacity "
                    + fingerprints.length);
        }
        size = count;
        next = position;
        for (int i = 0; i < count; i++) {
            fingerprints[i] = in.readLong();
        }
    }
}
