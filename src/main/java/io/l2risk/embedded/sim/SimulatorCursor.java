package io.l2risk.embedded.sim;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Properties;

/**
 * Where a simulator run stands: the layout it was started with (seed, start, history, window, heartbeat —
 * everything that decides which records it generates) and the last record it delivered, as the L1 time
 * of that record, how many records of that instant were delivered and how many in all. A restarted
 * runner regenerates the same stream and continues after it. Stored as a small properties file,
 * {@code <dir>/cursor}, replaced atomically.
 *
 * @param seed       the run's seed
 * @param start      end of the run's scripted window
 * @param history    the run's warm-up history
 * @param window     the run's scripted window
 * @param heartbeat  the run's heartbeat interval
 * @param lastTime   L1 time of the last record delivered ({@code null}: none yet)
 * @param atLastTime records of {@code lastTime} delivered
 * @param records    records delivered in all
 */
record SimulatorCursor(long seed, Instant start, Duration history, Duration window, Duration heartbeat,
                       Instant lastTime, long atLastTime, long records) {

    static final String FILE = "cursor";
    private static final int VERSION = 1;

    /** A cursor at the beginning of a run of {@code settings} (whose start is set). */
    static SimulatorCursor beginning(SimulatorSettings settings) {
        return new SimulatorCursor(settings.seed(), settings.start(), settings.history(), settings.window(),
                settings.heartbeatInterval(), null, 0, 0);
    }

    /** {@code settings} with this run's layout (speed stays the caller's). */
    SimulatorSettings applyTo(SimulatorSettings settings) {
        return new SimulatorSettings(seed, settings.speed(), history, window, start, heartbeat);
    }

    /** This cursor after delivering one more record at {@code time}. */
    SimulatorCursor advance(Instant time) {
        long at = time.equals(lastTime) ? atLastTime + 1 : 1;
        return new SimulatorCursor(seed, start, history, window, heartbeat, time, at, records + 1);
    }

    /** The cursor in {@code dir}, if there is one. */
    static Optional<SimulatorCursor> read(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        try {
            if (Integer.parseInt(p.getProperty("version", "0")) != VERSION) {
                throw new IOException(file + ": unknown cursor version " + p.getProperty("version"));
            }
            String last = p.getProperty("lastTime", "");
            return Optional.of(new SimulatorCursor(Long.parseLong(p.getProperty("seed")),
                    Instant.parse(p.getProperty("start")), Duration.parse(p.getProperty("history")),
                    Duration.parse(p.getProperty("window")), Duration.parse(p.getProperty("heartbeat")),
                    last.isEmpty() ? null : Instant.parse(last), Long.parseLong(p.getProperty("atLastTime", "0")),
                    Long.parseLong(p.getProperty("records", "0"))));
        } catch (NullPointerException | NumberFormatException | DateTimeParseException e) {
            throw new IOException(file + " is not a simulator cursor (delete it to start a new run): " + e, e);
        }
    }

    /** Writes this cursor to {@code dir} (created if needed), replacing the previous one atomically. */
    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Properties p = new Properties();
        p.setProperty("version", Integer.toString(VERSION));
        p.setProperty("seed", Long.toString(seed));
        p.setProperty("start", start.toString());
        p.setProperty("history", history.toString());
        p.setProperty("window", window.toString());
        p.setProperty("heartbeat", heartbeat.toString());
        p.setProperty("lastTime", lastTime == null ? "" : lastTime.toString());
        p.setProperty("atLastTime", Long.toString(atLastTime));
        p.setProperty("records", Long.toString(records));
        Path tmp = dir.resolve(FILE + ".tmp");
        try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(out, "l2-risk-monitor simulator cursor: delete it to start a new simulated run");
        }
        try {
            Files.move(tmp, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
