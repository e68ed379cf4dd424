package io.l2risk.engine.stats;

import io.l2risk.engine.StateIO;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigInteger;

/**
 * Count and exact amount of the current tumbling period (e.g. the current hour, aligned to multiples of
 * {@code periodSeconds}), handing each completed period's totals to a {@link Sink} — this is how a
 * baseline of "withdrawals per hour" and "amount per hour" is fed. Periods with no observation are
 * handed over as zeros (at most {@code maxEmptyPeriods} of them after a long silence, since a baseline
 * forgets older ones anyway).
 *
 * <p>O(1) and allocation-free per observation (plus one sink call per completed period). Event time
 * only moves forward; an observation for an already completed period is ignored. Not thread-safe.
 */
public final class PeriodTotals {

    /** Receives completed periods in increasing order of {@code periodStart}. */
    @FunctionalInterface
    public interface Sink {
        /**
         * One completed period.
         *
         * @param periodStart start of the period, epoch seconds
         * @param count observations in the period
         * @param amount sum of their amounts as a double (for log-scaled baselines, not for accounting)
         */
        void periodClosed(long periodStart, long count, double amount);
    }

    private static final int FORMAT_VERSION = 1;

    private final long periodSeconds;
    private final int maxEmptyPeriods;
    private long current = Long.MIN_VALUE;
    private long count;
    private final long[] high = new long[1];
    private final long[] low = new long[1];

    /**
     * @param periodSeconds period length, e.g. 3600
     * @param maxEmptyPeriods most empty periods handed over after a silence, e.g. the baseline's length in
     *        periods
     */
    public PeriodTotals(long periodSeconds, int maxEmptyPeriods) {
        if (periodSeconds < 1 || maxEmptyPeriods < 0) {
            throw new IllegalArgumentException("periodSeconds must be positive and maxEmptyPeriods not negative, got "
                    + periodSeconds + " and " + maxEmptyPeriods);
        }
        this.periodSeconds = periodSeconds;
        this.maxEmptyPeriods = maxEmptyPeriods;
    }

    /**
     * Counts one observation without an amount, first closing the periods before {@code eventTime}.
     *
     * @return false if it belongs to a period already closed and was ignored
     */
    public boolean add(long eventTime, Sink sink) {
        return add(eventTime, 0L, 0L, sink);
    }

    /**
     * Counts one observation of a non-negative {@code amount}, first closing the periods before
     * {@code eventTime}.
     *
     * @return false if it belongs to a period already closed and was ignored
     */
    public boolean add(long eventTime, BigInteger amount, Sink sink) {
        return add(eventTime, UInt128.high(amount), UInt128.low(amount), sink);
    }

    private boolean add(long eventTime, long amountHigh, long amountLow, Sink sink) {
        advanceTo(eventTime, sink);
        if (Math.floorDiv(eventTime, periodSeconds) != current) {
            return false;
        }
        count++;
        UInt128.addInto(high, low, 0, amountHigh, amountLow);
        return true;
    }

    /** Moves event time forward, handing every period that ended at or before {@code eventTime} to {@code sink}. */
    public void advanceTo(long eventTime, Sink sink) {
        long period = Math.floorDiv(eventTime, periodSeconds);
        if (current == Long.MIN_VALUE) {
            current = period;
            return;
        }
        if (period <= current) {
            return;
        }
        sink.periodClosed(current * periodSeconds, count, UInt128.toDouble(high[0], low[0]));
        long firstEmpty = Math.max(current + 1, period - maxEmptyPeriods);
        for (long p = firstEmpty; p < period; p++) {
            sink.periodClosed(p * periodSeconds, 0, 0.0);
        }
        current = period;
        count = 0;
        high[0] = 0;
        low[0] = 0;
    }

    /** Observations so far in the current period. */
    public long currentCount() {
        return count;
    }

    /** Exact sum of amounts so far in the current period. */
    public BigInteger currentSum() {
        return UInt128.toBigInteger(high[0], low[0]);
    }

    /** Start of the current period; {@link Long#MIN_VALUE} before any event time. */
    public long currentPeriodStart() {
        return current == Long.MIN_VALUE ? Long.MIN_VALUE : current * periodSeconds;
    }

    public long periodSeconds() {
        return periodSeconds;
    }

    /** Writes the current period: version byte, shape, period, count, amount. */
    public void writeTo(DataOutput out) throws IOException {
        out.writeByte(FORMAT_VERSION);
        StateIO.writeVarint(out, periodSeconds);
        StateIO.writeVarint(out, maxEmptyPeriods);
        out.writeBoolean(current != Long.MIN_VALUE);
        if (current != Long.MIN_VALUE) {
            Wire.writeSignedVarint(out, current);
            StateIO.writeVarint(out, count);
            UInt128.write(out, high[0], low[0]);
        }
    }

    /** Reads what {@link #writeTo} wrote. */
    public static PeriodTotals readFrom(DataInput in) throws IOException {
        Wire.checkVersion(in, FORMAT_VERSION, "PeriodTotals");
        long periodSeconds = StateIO.readVarint(in);
        int maxEmpty = Wire.readIntInRange(in, 0, Integer.MAX_VALUE, "PeriodTotals max empty periods");
        if (periodSeconds < 1) {
            throw new IOException("PeriodTotals period " + periodSeconds + " is not positive");
        }
        PeriodTotals totals = new PeriodTotals(periodSeconds, maxEmpty);
        if (in.readBoolean()) {
            totals.current = Wire.readSignedVarint(in);
            totals.count = StateIO.readVarint(in);
            UInt128.read(in, totals.high, totals.low, 0);
        }
        return totals;
    }

    /** Upper bound of the bytes {@link #writeTo} writes. */
    public static int serializedSizeBound() {
        return 1 + 4 * Wire.MAX_LONG_VARINT + 1 + UInt128.MAX_SERIALIZED;
    }
}
