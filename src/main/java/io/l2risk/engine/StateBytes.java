package io.l2risk.engine;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Unsynchronized byte-array streams for engine state. {@link java.io.ByteArrayOutputStream} and
 * {@link java.io.ByteArrayInputStream} take a lock on every call, and state is written and read
 * mostly a byte at a time (varints): with them, saving a 10 KB state took 140 µs, most of it in
 * uncontended locking. Not thread-safe, by design.
 */
final class StateBytes {

    private StateBytes() {
    }

    /** A growable output buffer. */
    static final class Output extends OutputStream {
        private byte[] buf;
        private int count;

        Output(int initialCapacity) {
            buf = new byte[initialCapacity];
        }

        @Override
        public void write(int b) {
            if (count == buf.length) {
                grow(count + 1);
            }
            buf[count++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (count + len > buf.length) {
                grow(count + len);
            }
            System.arraycopy(b, off, buf, count, len);
            count += len;
        }

        int size() {
            return count;
        }

        /** Empties the buffer, keeping its capacity. */
        void reset() {
            count = 0;
        }

        /** Writes what this buffer holds to {@code out}. */
        void writeTo(OutputStream out) throws java.io.IOException {
            out.write(buf, 0, count);
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buf, count);
        }

        private void grow(int needed) {
            buf = Arrays.copyOf(buf, Math.max(needed, buf.length * 2));
        }
    }

    /** Reads a range of a byte array. */
    static final class Input extends InputStream {
        private final byte[] buf;
        private int pos;
        private final int end;

        Input(byte[] buf, int offset, int length) {
            this.buf = buf;
            this.pos = offset;
            this.end = offset + length;
        }

        Input(byte[] buf) {
            this(buf, 0, buf.length);
        }

        @Override
        public int read() {
            return pos < end ? buf[pos++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            if (pos >= end) {
                return -1;
            }
            int n = Math.min(len, end - pos);
            System.arraycopy(buf, pos, b, off, n);
            pos += n;
            return n;
        }

        @Override
        public long skip(long n) {
            long k = Math.max(0, Math.min(n, end - pos));
            pos += (int) k;
            return k;
        }

        @Override
        public int available() {
            return end - pos;
        }

        /** The position in the array. */
        int position() {
            return pos;
        }
    }
}
