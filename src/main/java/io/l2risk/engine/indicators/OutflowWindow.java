package io.l2risk.engine.indicators;

import java.time.Duration;

/**
 * The rolling windows of {@link BridgeOutflowIndicator}: each is a ring of {@code slots} slots of
 * {@code slotMinutes}, so the live total covers the current (partial) slot and the {@code slots − 1}
 * before it. The baseline takes one sample of the window's total each time a slot closes.
 */
enum OutflowWindow {
    TEN_MINUTES("10m", 1, 10),
    ONE_HOUR("1h", 10, 6),
    ONE_DAY("24h", 60, 24);

    /** {@link #values()} without a copy per call, for the loops run every minute; not to be modified. */
    static final OutflowWindow[] ALL = values();

    final String label;
    final int slotMinutes;
    final int slots;

    OutflowWindow(String label, int slotMinutes, int slots) {
        this.label = label;
        this.slotMinutes = slotMinutes;
        this.slots = slots;
    }

    Duration length() {
        return Duration.ofMinutes((long) slotMinutes * slots);
    }

    static OutflowWindow byLabel(String label) {
        for (OutflowWindow w : values()) {
            if (w.label.equals(label)) {
                return w;
            }
        }
        return null;
    }
}
