package io.l2risk.engine.indicators;

import io.l2risk.engine.StateIO;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * The outflow of one subject of {@link BridgeOutflowIndicator} ("count", "ETH", a token address,
 * "other"): exact {@link BigInteger} totals over the rolling windows of {@link OutflowWindow}, one
 * baseline histogram per window, the latest and largest withdrawal for evidence, and the latest
 * escrow reading. Its size does not depend on how long it has run.
 */
final class OutflowSeries {

    static final int LEARNING_DELAY_MINUTES = 60;

    final String subject;
    private final BigInteger[][] rings = new BigInteger[OutflowWindow.values().length][];
    private final BigInteger[] sums = new BigInteger[OutflowWindow.values().length];
    private final OutflowHistogram[] baselines = new OutflowHistogram[OutflowWindow.values().length];
    /**
     * Per window, the samples of the last {@value #LEARNING_DELAY_MINUTES} minutes (bucket, or −1 for an
     * empty window) before they join the baseline: an anomaly must not raise its own reference while
     * it unfolds, and a drain that turns CRITICAL is never learned ({@link #quarantine}).
     */
    private final short[][] delayed = new short[OutflowWindow.values().length][];
    /** How many samples {@link #delayed} holds (not persisted: counted when read). */
    private int pending;
    /** False while its windows are not learned (see {@link #learning(boolean)}). */
    private boolean learning = true;
    /** From the subject's CRITICAL until it is OK again. */
    boolean critical;
    /**
     * Per 10-minute slot of the 1 h window: withdrawals at least as large as the subject's usual
     * 10-minute maximum when they arrived ("whale-sized"). Whales come alone; drains repeat them.
     */
    private final int[] large = new int[OutflowWindow.ONE_HOUR.slots];
    private int largeInHour;
    /** Withdrawals seen, in {@link OutflowHistogram#UNIT}s, halved with the baselines. */
    private long seenWeight;

    Instant firstAt;
    Instant lastAt;
    String lastTx;
    BigInteger largest;
    String largestTx;
    Instant largestAt;

    BigInteger escrow;
    Instant escrowAt;
    /** Outflow with an L1 time at or after {@link #escrowAt}. */
    BigInteger sinceEscrow = BigInteger.ZERO;

    String symbol;
    Integer decimals;

    /**
     * Changes whenever anything {@link OutflowRule} judges changes (totals, large withdrawals,
     * baselines, withdrawals seen, the escrow reading), so that a judgement is made again only then.
     * Not persisted.
     */
    long changes;
    /** The last judgement of this series ({@link BridgeOutflowIndicator}'s); not persisted. */
    BridgeOutflowIndicator.Judgement judgement;

    OutflowSeries(String subject) {
        this.subject = subject;
        for (OutflowWindow w : OutflowWindow.ALL) {
            rings[w.ordinal()] = new BigInteger[w.slots];
            Arrays.fill(rings[w.ordinal()], BigInteger.ZERO);
            sums[w.ordinal()] = BigInteger.ZERO;
            baselines[w.ordinal()] = new OutflowHistogram();
            delayed[w.ordinal()] = new short[LEARNING_DELAY_MINUTES / w.slotMinutes];
            Arrays.fill(delayed[w.ordinal()], (short) -1);
        }
    }

    BigInteger sum(OutflowWindow window) {
        return sums[window.ordinal()];
    }

    OutflowHistogram baseline(OutflowWindow window) {
        return baselines[window.ordinal()];
    }

    /** Withdrawals remembered by the baseline (decayed). */
    double withdrawalsSeen() {
        return seenWeight / (double) OutflowHistogram.UNIT;
    }

    /** Whale-sized withdrawals within the 1 h window. */
    int largeInHour() {
        return largeInHour;
    }

    boolean idle() {
        return sums[OutflowWindow.ONE_DAY.ordinal()].signum() == 0;
    }

    /** Idle, with no sample on its way to a baseline: a new minute changes nothing but the halving. */
    boolean quiescent() {
        return pending == 0 && idle();
    }

    /**
     * Adds a withdrawal of {@code amount} at L1 minute {@code minute} while the clock stands at minute
     * {@code head}. A late record still counts in every window that covers its time.
     */
    void add(BigInteger amount, long minute, long head, Instant time, String txHash, double largeFrom) {
        changes++;
        seenWeight += OutflowHistogram.UNIT;
        if (firstAt == null || time.isBefore(firstAt)) {
            firstAt = time;
        }
        if (lastAt == null || !time.isBefore(lastAt)) {
            lastAt = time;
            lastTx = txHash;
        }
        if (largestAt == null || amount.compareTo(largest) > 0
                || Duration.between(largestAt, time).compareTo(OutflowWindow.ONE_DAY.length()) > 0) {
            largest = amount;
            largestTx = txHash;
            largestAt = time;
        }
        if (escrowAt != null && !time.isBefore(escrowAt)) {
            sinceEscrow = sinceEscrow.add(amount);
        }
        if (amount.signum() == 0) {
            return;
        }
        for (OutflowWindow w : OutflowWindow.ALL) {
            long slot = Math.floorDiv(minute, w.slotMinutes);
            long headSlot = Math.floorDiv(head, w.slotMinutes);
            if (slot <= headSlot && slot > headSlot - w.slots) {
                int i = (int) Math.floorMod(slot, w.slots);
                rings[w.ordinal()][i] = rings[w.ordinal()][i].add(amount);
                sums[w.ordinal()] = sums[w.ordinal()].add(amount);
                if (w == OutflowWindow.ONE_HOUR && amount.doubleValue() >= largeFrom) {
                    large[i]++;
                    largeInHour++;
                }
            }
        }
    }

    /**
     * Minute {@code minute} has begun: every window whose slot closes at this boundary samples its
     * total into its baseline and drops its oldest slot; whether anything judged changed.
     */
    boolean startMinute(long minute) {
        long before = changes;
        for (OutflowWindow w : OutflowWindow.ALL) {
            if (Math.floorMod(minute, w.slotMinutes) != 0) {
                continue;
            }
            int o = w.ordinal();
            long slot = Math.floorDiv(minute, w.slotMinutes);
            short[] line = delayed[o];
            int k = (int) Math.floorMod(slot, line.length);
            if (line[k] >= 0) {
                baselines[o].addBucket(line[k]);
                changes++;
                pending--;
            }
            line[k] = learning && sums[o].signum() > 0 ? (short) OutflowHistogram.bucketOf(sums[o]) : -1;
            if (line[k] >= 0) {
                pending++;
            }
            if (sums[o].signum() == 0) {
                continue;
            }
            int i = (int) Math.floorMod(slot, w.slots);
            if (rings[o][i].signum() != 0) {
                changes++;
                sums[o] = sums[o].subtract(rings[o][i]);
                rings[o][i] = BigInteger.ZERO;
            }
            if (w == OutflowWindow.ONE_HOUR && large[i] != 0) {
                changes++;
                largeInHour -= large[i];
                large[i] = 0;
            }
        }
        return changes != before;
    }

    /**
     * Stops or resumes learning. Stopping drops the samples still on their way to the baseline, so
     * the start of a drain never becomes "usual".
     */
    void learning(boolean on) {
        if (!on && learning) {
            for (short[] line : delayed) {
                Arrays.fill(line, (short) -1);
            }
            pending = 0;
        }
        learning = on;
    }

    void halve() {
        for (OutflowHistogram h : baselines) {
            h.halve();
        }
        seenWeight /= 2;
        changes++;
    }

    void escrowReading(BigInteger balance, Instant time) {
        if (escrowAt == null || !time.isBefore(escrowAt)) {
            changes++;
            escrow = balance;
            escrowAt = time;
            sinceEscrow = BigInteger.ZERO;
        }
    }

    /**
     * Estimated escrow balance when the 1 h window began: the reading plus what left in the window
     * before it, minus what left after it and before the window (deposits are not counted, so the
     * estimate errs low and the share high). Never below the window's outflow.
     */
    BigInteger escrowAtWindowStart() {
        BigInteger window = sum(OutflowWindow.ONE_HOUR);
        BigInteger estimate = escrow.add(window).subtract(sinceEscrow);
        return estimate.max(window);
    }

    void write(DataOutput out) throws IOException {
        out.writeUTF(subject);
        for (OutflowWindow w : OutflowWindow.ALL) {
            BigInteger[] ring = rings[w.ordinal()];
            int nonZero = 0;
            for (BigInteger v : ring) {
                nonZero += v.signum() == 0 ? 0 : 1;
            }
            out.writeByte(nonZero);
            for (int i = 0; i < ring.length; i++) {
                if (ring[i].signum() != 0) {
                    out.writeByte(i);
                    Varint.writeAmount(out, ring[i]);
                }
            }
            baselines[w.ordinal()].write(out);
        }
        for (int v : large) {
            Varint.write(out, v);
        }
        out.writeBoolean(learning);
        out.writeBoolean(critical);
        for (short[] line : delayed) {
            for (short b : line) {
                Varint.write(out, b + 1);
            }
        }
        out.writeLong(seenWeight);
        StateIO.writeInstant(out, firstAt);
        StateIO.writeInstant(out, lastAt);
        StateIO.writeNullableString(out, lastTx);
        out.writeBoolean(largest != null);
        if (largest != null) {
            Varint.writeAmount(out, largest);
        }
        StateIO.writeNullableString(out, largestTx);
        StateIO.writeInstant(out, largestAt);
        out.writeBoolean(escrow != null);
        if (escrow != null) {
            Varint.writeAmount(out, escrow);
            Varint.writeAmount(out, sinceEscrow);
        }
        StateIO.writeInstant(out, escrowAt);
        StateIO.writeNullableString(out, symbol);
        StateIO.writeNullableLong(out, decimals == null ? null : decimals.longValue());
    }

    static OutflowSeries read(DataInput in) throws IOException {
        OutflowSeries s = new OutflowSeries(in.readUTF());
        for (OutflowWindow w : OutflowWindow.ALL) {
            int nonZero = in.readUnsignedByte();
            for (int k = 0; k < nonZero; k++) {
                int i = in.readUnsignedByte();
                BigInteger v = Varint.readAmount(in);
                s.rings[w.ordinal()][i] = v;
                s.sums[w.ordinal()] = s.sums[w.ordinal()].add(v);
            }
            s.baselines[w.ordinal()] = OutflowHistogram.read(in);
        }
        for (int i = 0; i < s.large.length; i++) {
            s.large[i] = Varint.read(in);
            s.largeInHour += s.large[i];
        }
        s.learning = in.readBoolean();
        s.critical = in.readBoolean();
        for (short[] line : s.delayed) {
            for (int i = 0; i < line.length; i++) {
                line[i] = (short) (Varint.read(in) - 1);
                s.pending += line[i] >= 0 ? 1 : 0;
            }
        }
        s.seenWeight = in.readLong();
        s.firstAt = StateIO.readInstant(in);
        s.lastAt = StateIO.readInstant(in);
        s.lastTx = StateIO.readNullableString(in);
        s.largest = in.readBoolean() ? Varint.readAmount(in) : null;
        s.largestTx = StateIO.readNullableString(in);
        s.largestAt = StateIO.readInstant(in);
        if (in.readBoolean()) {
            s.escrow = Varint.readAmount(in);
            s.sinceEscrow = Varint.readAmount(in);
        }
        s.escrowAt = StateIO.readInstant(in);
        s.symbol = StateIO.readNullableString(in);
        Long decimals = StateIO.readNullableLong(in);
        s.decimals = decimals == null ? null : decimals.intValue();
        return s;
    }
}
