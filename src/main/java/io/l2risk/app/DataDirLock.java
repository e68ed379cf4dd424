package io.l2risk.app;

import io.l2risk.config.ConfigurationException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a data directory ({@value #FILE} inside it), held by {@code run} while it
 * runs, so that a second {@code run} or a {@code reset} on the same directory fails with a clear
 * message instead of corrupting the broker's logs or the engine's state. The OS releases the lock
 * when the process dies, so a crash never leaves a stale lock behind; the file keeps the pid of
 * the last holder for the message.
 */
final class DataDirLock implements AutoCloseable {

    static final String FILE = ".l2risk.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks {@code dataDir} (created if missing).
     *
     * @throws ConfigurationException if another process (or this one) holds it
     */
    static DataDirLock acquire(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        Path file = dataDir.resolve(FILE);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            String holder = readHolder(channel);
            channel.close();
            throw new ConfigurationException("data directory " + dataDir + " is in use by another l2-risk-monitor"
                    + (holder.isEmpty() ? "" : " (pid " + holder + ")") + "; stop it first or use another --data-dir");
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII)), 0);
        return new DataDirLock(channel, lock);
    }

    private static String readHolder(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(32);
        channel.read(buffer, 0);
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).trim();
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
