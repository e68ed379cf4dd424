package io.l2risk.engine;

import io.l2risk.records.IngestRecords;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The risk engine: validates ingest records and runs each rollup's {@link RollupEngine}. Holds no
 * per-rollup state itself; callers keep the rollup engines (the Kafka Streams processor in a state
 * store via {@link #save}/{@link #restore}, the backtest in memory), so one instance serves every
 * rollup and every stream thread.
 */
public final class RiskEngine {

    private static final Logger log = LoggerFactory.getLogger(RiskEngine.class);
    private static final int MAX_WARNED_UNKNOWN = 1000;

    private final Function<String, Optional<RollupProfile>> profiles;
    private final EngineSettings settings;
    private final RecordValidator validator;
    private final Set<String> warnedUnknown = ConcurrentHashMap.newKeySet();
    private final boolean checkQuiet;

    /**
     * @param profiles the rollup registry: the profile of a known rollup id, empty for an unknown one
     * @param settings engine-wide settings
     */
    public RiskEngine(Function<String, Optional<RollupProfile>> profiles, EngineSettings settings) {
        this(profiles, settings, false);
    }

    private RiskEngine(Function<String, Optional<RollupProfile>> profiles, EngineSettings settings, boolean checkQuiet) {
        this.profiles = Objects.requireNonNull(profiles, "profiles");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.validator = new RecordValidator(settings.maxFutureSkew());
        this.checkQuiet = checkQuiet;
    }

    /**
     * For tests: this engine with rollup engines that evaluate every indicator on every record and
     * fail when one that claimed to be quiet ({@link Indicator#quietUntil}) says something else. They
     * emit what this engine's would.
     */
    public RiskEngine checkingQuiet() {
        return new RiskEngine(profiles, settings, true);
    }

    public EngineSettings settings() {
        return settings;
    }

    /**
     * Checks a record before it touches any state: domain validity (amounts, ids, times within
     * Ethereum's lifetime and not ahead of {@code wallMillis} by more than the allowed skew), and,
     * with {@code strictRollups}, that the registry knows the rollup.
     */
    public Optional<Reject> validate(SpecificRecord record, long wallMillis) {
        Optional<Reject> invalid = validator.validate(record, wallMillis);
        if (invalid.isPresent()) {
            return invalid;
        }
        String rollupId = IngestRecords.rollupId(record);
        if (settings.strictRollups() && profiles.apply(rollupId).isEmpty()) {
            return Optional.of(new Reject("UNKNOWN_ROLLUP",
                    "rollup " + rollupId + " is not in the rollup registry (--strict-rollups)"));
        }
        return Optional.empty();
    }

    /** A new engine for {@code rollupId}, with its registry profile or GENERIC defaults. */
    public RollupEngine newRollup(String rollupId) {
        RollupProfile profile = profiles.apply(rollupId).orElseGet(() -> {
            if (warnedUnknown.size() < MAX_WARNED_UNKNOWN && warnedUnknown.add(rollupId)) {
                log.warn("rollup {} is not in the rollup registry: processing it with GENERIC defaults "
                        + "(adaptive thresholds only; use --strict-rollups to dead-letter unknown rollups)", rollupId);
            }
            return RollupProfile.generic(rollupId);
        });
        return new RollupEngine(profile, settings, Indicators.create(profile), checkQuiet);
    }

    /** Runs a record that {@link #validate} accepted through its rollup's engine. */
    public EngineOutput process(RollupEngine rollup, SpecificRecord record) {
        return process(rollup, record, true);
    }

    /**
     * Runs a record that {@link #validate} accepted through its rollup's engine, for its alerts only:
     * no snapshots or status are built (the state changes exactly as with {@link #process}).
     */
    public EngineOutput processForAlerts(RollupEngine rollup, SpecificRecord record) {
        return process(rollup, record, false);
    }

    private EngineOutput process(RollupEngine rollup, SpecificRecord record, boolean views) {
        String rollupId = IngestRecords.rollupId(record);
        if (!rollup.rollupId().equals(rollupId)) {
            throw new IllegalArgumentException("record of rollup " + rollupId + " given to the engine of " + rollup.rollupId());
        }
        return rollup.process(record, views);
    }

    /** Wall-clock arrival of a progress heartbeat (topology only). */
    public void noteProgressArrival(RollupEngine rollup, long wallMillis) {
        rollup.noteProgressArrival(wallMillis);
    }

    /** Wall-clock punctuation for MONITOR_STALE (topology only). */
    public EngineOutput onWallClock(RollupEngine rollup, long wallMillis) {
        return rollup.onWallClock(wallMillis);
    }

    /** The serialized state of a rollup engine. */
    public byte[] save(RollupEngine rollup) {
        return rollup.save();
    }

    /** A rollup engine restored from {@link #save}. */
    public RollupEngine restore(String rollupId, byte[] state) {
        RollupEngine rollup = newRollup(rollupId);
        rollup.restore(state);
        return rollup;
    }

    /**
     * Creates the engine of every known rollup once, so that a malformed threshold override fails at
     * start, not on the rollup's first record. An override for an indicator that does not exist
     * fails too; one for a parameter no indicator reads for that rollup (a typo, or a parameter that
     * does not apply to its stack) is logged as a warning with the parameters that are read.
     *
     * @throws IllegalArgumentException naming the rollup, indicator and parameter
     */
    public void checkProfiles(Iterable<String> knownRollupIds) {
        for (String rollupId : knownRollupIds) {
            Set<String> read = Params.recordingReads(() -> newRollup(rollupId));
            RollupProfile profile = profiles.apply(rollupId).orElse(RollupProfile.generic(rollupId));
            profile.thresholds().forEach((indicator, overrides) -> {
                if (java.util.Arrays.stream(IndicatorKind.values()).noneMatch(k -> k.name().equals(indicator))) {
                    throw new IllegalArgumentException("rollup " + rollupId + ", thresholds." + indicator
                            + ": no such indicator; known: " + java.util.Arrays.toString(IndicatorKind.values()));
                }
                for (String name : overrides.keySet()) {
                    if (!read.contains(indicator + "." + name)) {
                        log.warn("rollup {}, thresholds.{}.{}: not used for this rollup (ignored); {} reads {}",
                                rollupId, indicator, name, indicator, read.stream()
                                        .filter(r -> r.startsWith(indicator + ".")).map(r -> r.substring(indicator.length() + 1))
                                        .toList());
                    }
                }
            });
        }
    }
}
