package io.l2risk.topics;

import java.util.Locale;

import io.l2risk.config.ConfigurationException;

/**
 * A requested replication factor: a number, or {@code auto} = min(3, brokers in the cluster).
 *
 * <p>A number is the default and what production wants: creating with fewer brokers fails with a
 * hint instead of quietly making under-replicated topics. {@code auto} is an explicit opt-in for dev
 * and test clusters; it is resolved once, at creation, so it never lowers the factor of a topic later.
 */
public final class ReplicationFactor {

    private static final short AUTO_MAX = 3;

    private final short fixed; // 0 = auto

    private ReplicationFactor(short fixed) {
        this.fixed = fixed;
    }

    /** A fixed factor. */
    public static ReplicationFactor of(short factor) {
        if (factor < 1) {
            throw new ConfigurationException("replication factor must be at least 1, not " + factor);
        }
        return new ReplicationFactor(factor);
    }

    /** {@code auto} or a positive number. */
    public static ReplicationFactor parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("auto")) {
            return new ReplicationFactor((short) 0);
        }
        try {
            return of(Short.parseShort(t));
        } catch (NumberFormatException e) {
            throw new ConfigurationException("replication factor must be a positive number or 'auto', not '" + text + "'");
        }
    }

    /** Whether the factor depends on the cluster size. */
    public boolean isAuto() {
        return fixed == 0;
    }

    /** The factor to use on a cluster with {@code brokers} brokers. */
    public short resolve(int brokers) {
        return isAuto() ? (short) Math.max(1, Math.min(AUTO_MAX, brokers)) : fixed;
    }

    @Override
    public String toString() {
        return isAuto() ? "auto" : Short.toString(fixed);
    }
}
