package io.l2risk.serde;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * A growable, reusable, unsynchronized output buffer: one per thread, so serializing a record copies
 * its bytes once and allocates nothing else.
 */
final class ByteSink extends OutputStream {

    private static final int INITIAL_CAPACITY = 512;
    // A rare huge record must not pin its buffer in every thread for ever.
    private static final int MAX_RETAINED_CAPACITY = 1 << 20;

    private byte[] buf = new byte[INITIAL_CAPACITY];
    private int count;

    /** Empties the buffer and leaves {@code reserved} zero bytes at its start (for a header written later). */
    void reset(int reserved) {
        if (buf.length > MAX_RETAINED_CAPACITY) {
            buf = new byte[INITIAL_CAPACITY];
        }
        ensureCapacity(reserved);
        count = reserved;
    }

    /** The buffer itself; valid up to {@link #size()}. */
    byte[] buffer() {
        return buf;
    }

    int size() {
        return count;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, count);
    }

    @Override
    public void write(int b) {
        ensureCapacity(count + 1);
        buf[count++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        ensureCapacity(count + length);
        System.arraycopy(bytes, offset, buf, count, length);
        count += length;
    }

    private void ensureCapacity(int needed) {
        if (needed > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(needed, buf.length * 2));
        }
    }
}
