package io.l2risk.registry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.l2risk.registry.RollupRegistry.ThresholdSite;

/**
 * One {@code rollups[]} entry as written: every field optional except the id, with where each was
 * written. {@code params} maps {@link ProtocolParams#KEYS} to a {@link Duration} or an {@link Integer}.
 * A preset and the operator's entry for the same id are {@link #overlay overlaid}, then the result is
 * {@link #toConfig assembled} into a {@link RollupConfig}. {@code invalid} marks an entry whose problems
 * were already reported, so that it is not reported again as incomplete.
 */
record RollupSpec(
        String id,
        Provenance at,
        Optional<String> name,
        Optional<Stack> stack,
        Optional<Long> l1ChainId,
        Optional<DaKind> da,
        Map<String, String> contracts,
        Optional<List<String>> batchers,
        Optional<String> batchInbox,
        Map<String, Object> params,
        Map<String, Provenance> paramSites,
        Map<String, Map<String, String>> thresholds,
        List<ThresholdSite> thresholdSites,
        Optional<List<String>> watched,
        boolean invalid) {

    /**
     * This entry laid over {@code base} (a preset with the same id): single values and lists replace the
     * base's, maps ({@code contracts}, {@code params}, {@code thresholds} per indicator) are merged key
     * by key, so an operator states only what differs.
     */
    RollupSpec overlay(RollupSpec base) {
        Map<String, String> mergedContracts = new LinkedHashMap<>(base.contracts);
        mergedContracts.putAll(contracts);
        Map<String, Object> mergedParams = new LinkedHashMap<>(base.params);
        mergedParams.putAll(params);
        Map<String, Provenance> mergedParamSites = new LinkedHashMap<>(base.paramSites);
        mergedParamSites.putAll(paramSites);
        Map<String, Map<String, String>> mergedThresholds = new LinkedHashMap<>();
        base.thresholds.forEach((indicator, values) -> mergedThresholds.put(indicator, new LinkedHashMap<>(values)));
        thresholds.forEach((indicator, values) ->
                mergedThresholds.computeIfAbsent(indicator, i -> new LinkedHashMap<>()).putAll(values));
        Set<String> overridden = thresholdSites.stream()
                .map(s -> s.indicator() + "\0" + s.param()).collect(Collectors.toSet());
        List<ThresholdSite> mergedSites = new ArrayList<>();
        base.thresholdSites.stream()
                .filter(s -> !overridden.contains(s.indicator() + "\0" + s.param()))
                .forEach(mergedSites::add);
        mergedSites.addAll(thresholdSites);
        return new RollupSpec(id, at, or(name, base.name), or(stack, base.stack), or(l1ChainId, base.l1ChainId),
                or(da, base.da), mergedContracts, or(batchers, base.batchers), or(batchInbox, base.batchInbox),
                mergedParams, mergedParamSites, mergedThresholds, mergedSites,
                or(watched, base.watched), invalid || base.invalid);
    }

    /**
     * The final configuration with the stack defaults merged under the explicit parameters, or empty
     * after adding to {@code problems} when the entry is incomplete or inconsistent.
     */
    Optional<RollupConfig> toConfig(Problems problems) {
        if (invalid) {
            return Optional.empty();
        }
        if (stack.isEmpty()) {
            problems.add(at, "missing required key 'stack'");
            return Optional.empty();
        }
        // Checked here, after overlaying, because a preset's committee size may meet an operator's
        // threshold; stack defaults carry no committee values.
        if (params.get("dacThreshold") instanceof Integer threshold
                && params.get("dacMembers") instanceof Integer members && threshold > members) {
            // Point at the value the overlaying file set: that is the one the operator has to change.
            Provenance site = paramSites.get("dacThreshold");
            if (!site.file().equals(at.file()) && paramSites.get("dacMembers").file().equals(at.file())) {
                site = paramSites.get("dacMembers");
            }
            problems.add(site, "dacThreshold " + threshold + " exceeds dacMembers " + members);
            return Optional.empty();
        }
        ProtocolParams merged = explicitParams().orElse(StackDefaults.of(stack.get()));
        return Optional.of(new RollupConfig(id, name.orElse(id), stack.get(),
                l1ChainId.orElse(RollupConfig.ETHEREUM_MAINNET), da.orElse(DaKind.ETHEREUM), contracts,
                batchers.orElse(List.of()), batchInbox, merged, thresholds, watched.orElse(List.of())));
    }

    private ProtocolParams explicitParams() {
        ProtocolParams.Builder builder = ProtocolParams.builder();
        params.forEach((key, value) -> {
            switch (key) {
                case "challengePeriod" -> builder.challengePeriod((Duration) value);
                case "forceInclusionWindow" -> builder.forceInclusionWindow((Duration) value);
                case "maxBatchInterval" -> builder.maxBatchInterval((Duration) value);
                case "stateProposalInterval" -> builder.stateProposalInterval((Duration) value);
                case "dacThreshold" -> builder.dacThreshold((Integer) value);
                case "dacMembers" -> builder.dacMembers((Integer) value);
                case "blobRetention" -> builder.blobRetention((Duration) value);
                case "finalizationGrace" -> builder.finalizationGrace((Duration) value);
                case "executionDelay" -> builder.executionDelay((Duration) value);
                default -> throw new IllegalStateException("parser let through unknown param " + key);
            }
        });
        return builder.build();
    }

    private static <T> Optional<T> or(Optional<T> value, Optional<T> fallback) {
        return value.isPresent() ? value : fallback;
    }
}
