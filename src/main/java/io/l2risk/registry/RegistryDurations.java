package io.l2risk.registry;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.l2risk.config.Durations;

/**
 * Durations in registry files: everything {@link Durations} accepts ({@code 7d}, {@code 12h}, {@code 45m},
 * {@code 30s}, {@code PT1H}) plus {@code <n> blocks}, L1 blocks of {@link StackDefaults#L1_SLOT 12 s},
 * because protocols state many windows in blocks ({@code confirmPeriodBlocks}, {@code seq_window_size}).
 */
final class RegistryDurations {

    static final String ACCEPTED = "use e.g. 7d, 12h, 45m, 30s, PT1H or 7200 blocks";

    private static final Pattern BLOCKS = Pattern.compile("(\\d{1,12})\\s*blocks?");

    private RegistryDurations() {
    }

    /**
     * {@code text} as a duration.
     *
     * @throws IllegalArgumentException with the reason, quoting {@code text}
     */
    static Duration parse(String text) {
        Matcher blocks = BLOCKS.matcher(text.trim());
        Duration duration;
        if (blocks.matches()) {
            duration = StackDefaults.L1_SLOT.multipliedBy(Long.parseLong(blocks.group(1)));
        } else {
            try {
                duration = Durations.parse(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("\"" + text + "\" is not a duration; " + ACCEPTED, e);
            }
        }
        if (duration.isNegative()) {
            throw new IllegalArgumentException("\"" + text + "\" must not be negative");
        }
        return duration;
    }
}
