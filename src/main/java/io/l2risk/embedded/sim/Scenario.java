package io.l2risk.embedded.sim;

import io.l2risk.registry.RollupConfig;
import io.l2risk.registry.RollupRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The incidents of the scripted window, in order of their offsets. Everything outside them is normal
 * traffic.
 *
 * @param incidents the incidents, sorted by offset on construction
 */
public record Scenario(List<Incident> incidents) {

    /** Sorts and freezes the list. */
    public Scenario {
        incidents = incidents.stream().sorted(Comparator.comparing(Incident::offset)).toList();
    }

    /** Normal traffic only. */
    public static Scenario none() {
        return new Scenario(List.of());
    }

    /** A scenario of exactly these incidents. */
    public static Scenario of(Incident... incidents) {
        return new Scenario(List.of(incidents));
    }

    /**
     * The built-in scenario of {@code run}: eight incidents of incidents.md on the bundled mainnet
     * rollups within the default 2-hour window, the first alert about 22 minutes in (22 wall seconds at
     * speed 60). Offsets are from the start of the window; the alert times are measured by
     * {@code ScenarioAlertsTest}.
     */
    public static Scenario defaultIncidents() {
        return Scenario.of(
                // incidents.md #1 (Arbitrum One, 2023-12-15: batches still posted while delayed-inbox messages
                // waited ~3 h, hourly means up to 10,272 s vs ≈900 s normally) and #2 (2023-06-07: an hour in
                // which no batch consumed delayed messages): batches keep coming, afterDelayedMessagesRead freezes.
                new Incident(IncidentKind.L1_QUEUE_STUCK, "arbitrum-one", Duration.ofMinutes(10), Duration.ofMinutes(105)),
                // incidents.md #5 (Base, 2023-09-05, 21:25–21:54, 29 min): sequencer L1 nodes out of disk, batcher
                // and proposer stopped, then restarted; here 40 minutes and a catch-up burst of batches.
                new Incident(IncidentKind.SEQUENCER_STALL, "base", Duration.ofMinutes(15), Duration.ofMinutes(40)),
                // incidents.md #27 (Arbitrum One, 2024-09-25): Security Council emergency upgrade through the
                // UpgradeExecutor, without a timelock: a new SequencerInbox implementation.
                new Incident(IncidentKind.PROXY_UPGRADE, "arbitrum-one", Duration.ofMinutes(25), Duration.ZERO),
                // incidents.md names no AnyTrust DAC incident ("Not found: … Arbitrum Nova / AnyTrust DAC
                // incidents"); this follows the failure arbitrum-monitoring's batch-poster monitor pages on
                // (anchors.md A1, anytrust_calldata_fallback): members drop out of Nova's 5-of-6 committee (signers
                // 5, then 4: quorum lost) …
                new Incident(IncidentKind.DAC_QUORUM_LOSS, "arbitrum-nova", Duration.ofMinutes(30), Duration.ofMinutes(25)),
                // … and the batch poster falls back to posting raw calldata until the committee is back.
                new Incident(IncidentKind.DAC_FALLBACK, "arbitrum-nova", Duration.ofMinutes(55), Duration.ofMinutes(25)),
                // incidents.md #23 (Kroma, 2024-04-01/05): an invalid output root was proposed on L1 and challenged.
                // Here the fault-proof game goes the way it is meant to: the challenger wins. The 3.5-day game clock
                // is compressed to 35 minutes so that the outcome falls inside the window.
                new Incident(IncidentKind.DISPUTE_LOST, "op-mainnet", Duration.ofMinutes(45), Duration.ofMinutes(35)),
                // incidents.md #22 (Kroma, 2024-03-12: wrong state root after an upgrade bug, rollback) and #17
                // (Starknet, 2026-01-05: ≈18 min of history reverted): the last committed, unfinalized batches are
                // reverted on L1 (Scroll RevertBatch) and committed again 4 minutes later.
                new Incident(IncidentKind.STATE_REVERT, "scroll", Duration.ofMinutes(65), Duration.ofMinutes(4)),
                // incidents.md B1 (Nomad, 2022-08-01: a crowd replaying one exploit transaction, 329 releases in an
                // hour against 5–25 normally, ≈$190 M) on Linea's L1 message service, then the pause Linea's
                // operators used on 2024-06-02 (incidents.md #19); the pause is lifted 45 minutes later.
                new Incident(IncidentKind.BRIDGE_DRAIN, "linea", Duration.ofMinutes(85), Duration.ofMinutes(15)));
    }

    /** The incidents of one rollup. */
    public List<Incident> forRollup(String rollupId) {
        return incidents.stream().filter(i -> i.rollupId().equals(rollupId)).toList();
    }

    /** This scenario without the incidents of rollups not in {@code registry}. */
    public Scenario restrictedTo(RollupRegistry registry) {
        return new Scenario(incidents.stream().filter(i -> registry.isKnown(i.rollupId())).toList());
    }

    /**
     * Checks that every incident names a rollup of {@code registry} that can have it.
     *
     * @throws IllegalArgumentException listing every problem
     */
    public void validate(RollupRegistry registry) {
        List<String> problems = new ArrayList<>();
        for (Incident incident : incidents) {
            RollupConfig rollup = registry.lookup(incident.rollupId()).orElse(null);
            if (rollup == null) {
                problems.add(incident.describe() + ": rollup " + incident.rollupId() + " is not in the registry");
            } else if (!incident.kind().appliesTo(rollup)) {
                problems.add(incident.describe() + ": not possible on a " + rollup.stack()
                        + (rollup.anyTrust() ? " AnyTrust" : "") + " rollup");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid scenario: " + String.join("; ", problems));
        }
    }
}
