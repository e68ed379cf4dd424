package io.l2risk.engine.stats;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Round trips through {@link DataOutput} bytes for the serialization tests. */
final class Serialization {

    @FunctionalInterface
    interface Writer {
        void writeTo(DataOutput out) throws IOException;
    }

    @FunctionalInterface
    interface Reader<T> {
        T readFrom(DataInput in) throws IOException;
    }

    private Serialization() {
    }

    static byte[] bytes(Writer writer) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            writer.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    static <T> T read(byte[] bytes, Reader<T> reader) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        T value = reader.readFrom(in);
        if (in.read() != -1) {
            throw new IOException("trailing bytes after the serialized value");
        }
        return value;
    }

    static <T> T roundTrip(Writer writer, Reader<T> reader) throws IOException {
        return read(bytes(writer), reader);
    }
}
