package io.l2risk.engine.indicators;

import io.l2risk.avro.DaMode;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;

/**
 * How many batches a rollup posted in each data-availability mode over the last {@code days} UTC
 * days: one bucket of counts per day in a ring, so the state is fixed-size however long the history.
 * Only the modes that put data somewhere (CALLDATA, BLOB, DAC_CERTIFICATE, ALT_DA_COMMITMENT) are counted.
 */
final class ModeHistory {

    static final DaMode[] MODES = {DaMode.CALLDATA, DaMode.BLOB, DaMode.DAC_CERTIFICATE, DaMode.ALT_DA_COMMITMENT};

    private final int days;
    private final long[] dayOf;
    private final int[][] counts;

    ModeHistory(int days) {
        this.days = days;
        this.dayOf = new long[days];
        this.counts = new int[days][MODES.length];
        Arrays.fill(dayOf, Long.MIN_VALUE);
    }

    static boolean counted(DaMode mode) {
        return slot(mode) >= 0;
    }

    /** Counts one batch posted at {@code time}; a batch older than the window is ignored. */
    void add(Instant time, DaMode mode) {
        int m = slot(mode);
        if (m < 0) {
            return;
        }
        long day = Math.floorDiv(time.getEpochSecond(), 86_400L);
        int at = (int) Math.floorMod(day, (long) days);
        if (dayOf[at] != day) {
            if (dayOf[at] != Long.MIN_VALUE && dayOf[at] > day) {
                return;
            }
            dayOf[at] = day;
            Arrays.fill(counts[at], 0);
        }
        counts[at][m]++;
    }

    /** Batches per mode ({@link #MODES} order) within the window ending on the day of {@code now}. */
    long[] totals(Instant now) {
        long today = Math.floorDiv(now.getEpochSecond(), 86_400L);
        long[] totals = new long[MODES.length];
        for (int i = 0; i < days; i++) {
            if (dayOf[i] != Long.MIN_VALUE && dayOf[i] > today - days && dayOf[i] <= today) {
                for (int m = 0; m < MODES.length; m++) {
                    totals[m] += counts[i][m];
                }
            }
        }
        return totals;
    }

    /** The position of a {@linkplain #counted counted} mode in {@link #MODES}; -1 for another. */
    static int index(DaMode mode) {
        for (int m = 0; m < MODES.length; m++) {
            if (MODES[m] == mode) {
                return m;
            }
        }
        return -1;
    }

    void write(DataOutput out) throws IOException {
        int used = 0;
        for (long day : dayOf) {
            if (day != Long.MIN_VALUE) {
                used++;
            }
        }
        out.writeShort(used);
        for (int i = 0; i < days; i++) {
            if (dayOf[i] != Long.MIN_VALUE) {
                out.writeLong(dayOf[i]);
                for (int count : counts[i]) {
                    out.writeInt(count);
                }
            }
        }
    }

    void read(DataInput in) throws IOException {
        Arrays.fill(dayOf, Long.MIN_VALUE);
        for (int[] row : counts) {
            Arrays.fill(row, 0);
        }
        int used = in.readUnsignedShort();
        for (int i = 0; i < used; i++) {
            long day = in.readLong();
            int at = (int) Math.floorMod(day, (long) days);
            dayOf[at] = day;
            for (int m = 0; m < MODES.length; m++) {
                counts[at][m] = in.readInt();
            }
        }
    }

    private static int slot(DaMode mode) {
        for (int i = 0; i < MODES.length; i++) {
            if (MODES[i] == mode) {
                return i;
            }
        }
        return -1;
    }
}
