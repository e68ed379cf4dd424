package io.l2risk.app;

import io.l2risk.engine.RiskEngine;
import io.l2risk.engine.RollupProfile;
import io.l2risk.registry.ProtocolParams;
import io.l2risk.registry.RollupConfig;
import io.l2risk.registry.RollupRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The rollup registry as the engine sees it: each {@link RollupConfig} mapped once to an engine
 * {@link RollupProfile} (stack name, {@code known}, AnyTrust/committee DA, the protocol parameters,
 * threshold overrides). Immutable; lookups are a map read, cheap enough for every record.
 */
public final class RollupProfiles implements Function<String, Optional<RollupProfile>> {

    private final Map<String, RollupProfile> byId;

    private RollupProfiles(Map<String, RollupProfile> byId) {
        this.byId = Map.copyOf(byId);
    }

    /** The profiles of every rollup of {@code registry}. */
    public static RollupProfiles of(RollupRegistry registry) {
        Map<String, RollupProfile> profiles = new LinkedHashMap<>();
        registry.all().forEach(config -> profiles.put(config.id(), profile(config)));
        return new RollupProfiles(profiles);
    }

    /** No registry: every rollup runs with GENERIC defaults. */
    public static RollupProfiles none() {
        return new RollupProfiles(Map.of());
    }

    /** The engine's view of one registered rollup. */
    public static RollupProfile profile(RollupConfig config) {
        ProtocolParams p = config.params();
        // executionDelay (ZK timelocks) has no engine field yet; no indicator reads it.
        return new RollupProfile(config.id(), config.stack().name(), true, config.da().hasCommittee(),
                p.challengePeriod().orElse(null), p.forceInclusionWindow().orElse(null),
                p.maxBatchInterval().orElse(null), p.stateProposalInterval().orElse(null),
                p.finalizationGrace().orElse(null), p.blobRetention().orElse(null),
                p.dacThreshold().orElse(null), p.dacMembers().orElse(null), config.thresholds());
    }

    @Override
    public Optional<RollupProfile> apply(String rollupId) {
        return Optional.ofNullable(byId.get(rollupId));
    }

    /** Ids of the registered rollups. */
    public Iterable<String> ids() {
        return byId.keySet();
    }

    /**
     * Creates every registered rollup's engine once, so that a malformed threshold override fails at
     * start with the rollup, indicator and parameter named, not on the rollup's first record.
     */
    public void check(RiskEngine engine) {
        engine.checkProfiles(ids());
    }
}
