package io.l2risk.app;

import io.l2risk.avro.BatchPosted;
import io.l2risk.avro.BridgeEvent;
import io.l2risk.avro.BridgeEventKind;
import io.l2risk.avro.DaMode;
import io.l2risk.avro.DisputeOutcome;
import io.l2risk.avro.IngestProgress;
import io.l2risk.avro.ProofEvent;
import io.l2risk.avro.ProofKind;
import io.l2risk.avro.Source;
import io.l2risk.records.IngestRecords;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * The event file of {@link ScaleOutFailoverIT}: four hours of L1 time of six rollups, one on each of
 * the six partitions of the ingest topics (the ids are picked so that Kafka's default partitioner
 * spreads them: {@code it-gov} 0, {@code it-stale} 1, {@code it-outflow} 2, {@code it-da} 3,
 * {@code it-revert} 4, {@code it-dispute} 5), so that every engine instance has work when one is
 * killed. Every rollup posts a batch every 3 minutes and a heartbeat every minute, and stalls three
 * times (25, 14 and 23 minutes; thresholds 10m/20m, so FIRING–ESCALATED–RESOLVED, FIRING–RESOLVED,
 * FIRING–ESCALATED–RESOLVED), staggered per rollup. On top, one kind of incident each, in shape
 * like those of incidents.md but with short hold times so that each opens and closes within the file:
 * <ul>
 *   <li>{@code it-gov}: a proxy upgrade, then an operator change followed by an admin change
 *       (GOVERNANCE_CHANGE, acknowledged after 30 minutes) — 304 records, 13 alerts;</li>
 *   <li>{@code it-stale}: the monitor's ingester lags L1 head by 80 and then 300 blocks (MONITOR_STALE
 *       from the heartbeats, deterministic) — 303 records, 12 alerts;</li>
 *   <li>{@code it-outflow}: a bridge pause and an emergency mode, withdrawals of 0.5 ETH every 5 minutes
 *       and two bursts, of 1,500 and 12,000 ETH within an hour (BRIDGE_OUTFLOW against the cold-start
 *       limits of 1,000 and 10,000 ETH per hour) — 372 records, 16 alerts;</li>
 *   <li>{@code it-da}: an AnyTrust chain (8 members, 6 signatures needed) whose certificates drop to 5
 *       signers (DAC_QUORUM CRITICAL), later to exactly 6 (WARNING), and which falls back to calldata
 *       for three batches (DA_FALLBACK WARNING, then CRITICAL) — 301 records, 15 alerts;</li>
 *   <li>{@code it-revert}: an OP-Stack chain proposing state every 10 minutes that deletes its outputs
 *       twice (STATE_REVERTED, held 20 minutes) — 329 records, 12 alerts;</li>
 *   <li>{@code it-dispute}: one dispute the defender wins and one the challenger wins (DISPUTE) —
 *       307 records, 13 alerts.</li>
 * </ul>
 * In all 1,916 records and 81 alerts (33 FIRING, 16 ESCALATED, 32 RESOLVED) of nine indicators.
 * {@link #rollupsYaml()} is the rollup registry the engine and the backtest both run with. MONITOR_STALE's
 * wall-clock bound is raised to 1 hour there: the engines see the heartbeats in real time, and a slow
 * test machine must not make them stale (the backtest never is).
 */
final class FailoverEvents {

    static final Instant T0 = Instant.parse("2024-06-20T12:00:11Z");
    static final int MINUTES = 240;
    static final List<String> ROLLUPS = List.of("it-gov", "it-stale", "it-outflow", "it-da", "it-revert", "it-dispute");

    private static final long B0 = 20_134_512L;
    private static final String ONE_ETH = "1000000000000000000";
    private static final String BRIDGE = "0x00000000000000000000000000000000000b71d6";
    private static final String PROXY = "0x0000000000000000000000000000000000009a11";
    /** Stalls as (start minute, length in minutes), shifted by 4 minutes per rollup. */
    private static final int[][] STALLS = {{20, 25}, {95, 14}, {170, 23}};

    private FailoverEvents() {
    }

    /** The rollup registry (YAML) laid over the bundled presets. */
    static String rollupsYaml() {
        StringBuilder yaml = new StringBuilder("rollups:\n");
        for (String rollup : ROLLUPS) {
            yaml.append("  - id: ").append(rollup).append('\n');
            switch (rollup) {
                case "it-da" -> yaml.append("""
                            stack: arbitrum-nitro
                            da: anytrust
                            params:
                              dacThreshold: 6
                              dacMembers: 8
                        """);
                case "it-revert" -> yaml.append("    stack: op-stack\n");
                default -> yaml.append("    stack: generic\n");
            }
            yaml.append("""
                        thresholds:
                          BATCH_LIVENESS: { warnAfter: 10m, criticalAfter: 20m }
                          MONITOR_STALE: { staleAfter: 1h }
                          GOVERNANCE_CHANGE: { acknowledgeAfter: 30m }
                          STATE_REVERTED: { holdFor: 20m }
                          DISPUTE: { holdFor: 30m }
                          DAC_QUORUM: { clearAfter: 10m }
                          DA_FALLBACK: { clearAfter: 15m }
                    """);
        }
        return yaml.toString();
    }

    /** Every record, in L1 time order (ties: heartbeats first, then in the order of {@link #ROLLUPS}). */
    static List<SpecificRecord> events() {
        List<SpecificRecord> events = new ArrayList<>();
        for (int r = 0; r < ROLLUPS.size(); r++) {
            String rollup = ROLLUPS.get(r);
            Scenario scenario = new Scenario(rollup, 4 * r);
            scenario.common();
            switch (rollup) {
                case "it-gov" -> scenario.governance();
                case "it-outflow" -> scenario.bridge();
                case "it-revert" -> scenario.reverts();
                case "it-dispute" -> scenario.disputes();
                default -> {
                }
            }
            events.addAll(scenario.events);
        }
        // A stable sort: same-time records keep their order within a rollup.
        events.sort(Comparator.comparing(IngestRecords::eventTime));
        return events;
    }

    private static final class Scenario {
        final String rollup;
        final int shift;
        final List<SpecificRecord> events = new ArrayList<>();
        int tx;

        Scenario(String rollup, int shift) {
            this.rollup = rollup;
            this.shift = shift;
        }

        void common() {
            for (int minute = 0; minute <= MINUTES; minute++) {
                events.add(progress(at(minute, 0), lagAt(minute)));
                if (minute % 3 == 0 && !stalled(minute)) {
                    events.add(batch(at(minute, 20), minute / 3));
                }
            }
        }

        boolean stalled(int minute) {
            for (int[] stall : STALLS) {
                int start = stall[0] + shift;
                if (minute > start && minute < start + stall[1]) {
                    return true;
                }
            }
            return false;
        }

        /** Blocks between the scanned block and L1 head: 2, except during it-stale's two lags. */
        long lagAt(int minute) {
            if (rollup.equals("it-stale")) {
                if (minute >= 60 && minute < 72) {
                    return 80;
                }
                if (minute >= 140 && minute < 150) {
                    return 300;
                }
            }
            return 2;
        }

        BatchPosted batch(Instant time, long index) {
            BatchPosted.Builder batch = BatchPosted.newBuilder().setRollupId(rollup).setSource(source(time, null))
                    .setBatchIndex(index).setDaMode(DaMode.BLOB).setFeeWei("1234567890");
            if (rollup.equals("it-da")) {
                int minute = (int) Duration.between(T0, time).toMinutes();
                if (minute >= 212 && minute < 222) {
                    // The poster could not get certificates signed: calldata fallback.
                    batch.setDaMode(DaMode.CALLDATA).setDataBytes(98_304L);
                } else {
                    int signers = minute >= 50 && minute < 70 ? 5 : minute >= 120 && minute < 135 ? 6 : 7;
                    batch.setDaMode(DaMode.DAC_CERTIFICATE).setDacSigners(signers).setDacMembers(8).setDacThreshold(6)
                            .setKeysetHash(String.format("0x%064x", 0xda7aL));
                }
            }
            return batch.build();
        }

        void governance() {
            events.add(bridgeEvent(at(40, 30), BridgeEventKind.CONTRACT_UPGRADED, PROXY,
                    Map.of("implementation", "0x00000000000000000000000000000000000001a2")));
            events.add(bridgeEvent(at(130, 30), BridgeEventKind.OPERATOR_CHANGED, null,
                    Map.of("role", "batcher", "newOperator", "0x000000000000000000000000000000000000ba7c")));
            events.add(bridgeEvent(at(136, 30), BridgeEventKind.ADMIN_CHANGED, null,
                    Map.of("newAdmin", "0x000000000000000000000000000000000000ad31")));
        }

        void bridge() {
            for (int minute = 2; minute <= MINUTES; minute += 5) {
                events.add(withdrawal(at(minute, 40), "500000000000000000"));
            }
            events.add(bridgeEvent(at(45, 10), BridgeEventKind.PAUSED, BRIDGE, Map.of()));
            events.add(bridgeEvent(at(61, 10), BridgeEventKind.UNPAUSED, BRIDGE, Map.of()));
            for (int i = 0; i < 5; i++) {
                events.add(withdrawal(at(90 + 2 * i, 50), wholeEth(300)));
            }
            events.add(bridgeEvent(at(150, 10), BridgeEventKind.EMERGENCY_MODE, BRIDGE, Map.of("active", "true")));
            events.add(bridgeEvent(at(158, 10), BridgeEventKind.EMERGENCY_MODE, BRIDGE, Map.of("active", "false")));
            for (int i = 0; i < 12; i++) {
                events.add(withdrawal(at(180 + i, 55), wholeEth(1000)));
            }
        }

        void reverts() {
            for (int minute = 5, block = 1_000; minute <= MINUTES; minute += 10, block += 300) {
                events.add(proof(at(minute, 30), ProofKind.STATE_PROPOSED).setL2BlockNumber((long) block)
                        .setStateRoot(String.format("0x%064x", block)).build());
            }
            events.add(proof(at(77, 40), ProofKind.STATE_REVERTED).setL2BlockNumber(3_100L).setBatchIndexEnd(24L).build());
            events.add(proof(at(187, 40), ProofKind.STATE_REVERTED).setL2BlockNumber(6_400L).setBatchIndexEnd(60L).build());
        }

        void disputes() {
            Instant first = at(30, 30);
            events.add(proof(first, ProofKind.DISPUTE_OPENED).setDisputeId("game-1")
                    .setDisputeOutcome(DisputeOutcome.IN_PROGRESS).setChallengePeriodEnd(first.plus(Duration.ofDays(3)))
                    .build());
            events.add(proof(at(65, 30), ProofKind.DISPUTE_RESOLVED).setDisputeId("game-1")
                    .setDisputeOutcome(DisputeOutcome.DEFENDER_WINS).build());
            Instant second = at(140, 30);
            events.add(proof(second, ProofKind.DISPUTE_OPENED).setDisputeId("game-2")
                    .setDisputeOutcome(DisputeOutcome.IN_PROGRESS).setChallengePeriodEnd(second.plus(Duration.ofDays(3)))
                    .build());
            events.add(proof(at(175, 30), ProofKind.DISPUTE_RESOLVED).setDisputeId("game-2")
                    .setDisputeOutcome(DisputeOutcome.CHALLENGER_WINS).build());
        }

        IngestProgress progress(Instant time, long lagBlocks) {
            long block = block(time);
            return IngestProgress.newBuilder().setRollupId(rollup).setL1ChainId(1L).setScannedThroughBlock(block)
                    .setScannedThroughTime(time).setL1HeadBlock(block + lagBlocks).setIngesterId("failover-it").build();
        }

        ProofEvent.Builder proof(Instant time, ProofKind kind) {
            return ProofEvent.newBuilder().setRollupId(rollup).setSource(source(time, null)).setKind(kind);
        }

        BridgeEvent withdrawal(Instant time, String amount) {
            return BridgeEvent.newBuilder().setRollupId(rollup).setSource(source(time, BRIDGE))
                    .setKind(BridgeEventKind.WITHDRAWAL_FINALIZED).setAmount(amount).setDetails(Map.of()).build();
        }

        BridgeEvent bridgeEvent(Instant time, BridgeEventKind kind, String contract, Map<String, String> details) {
            return BridgeEvent.newBuilder().setRollupId(rollup).setSource(source(time, contract)).setKind(kind)
                    .setDetails(details).build();
        }

        /** A source with a transaction hash of its own (a revert or an upgrade is its own incident). */
        Source source(Instant time, String contract) {
            long block = block(time);
            return Source.newBuilder().setL1ChainId(1L).setBlockNumber(block)
                    .setBlockHash(String.format("0x%064x", block)).setBlockTime(time)
                    .setTxHash(String.format("0x%056x%08x", block, ++tx)).setContract(contract).build();
        }

        Instant at(int minute, int second) {
            return T0.plus(Duration.ofMinutes(minute)).plusSeconds(second);
        }
    }

    private static String wholeEth(int eth) {
        return new BigInteger(ONE_ETH).multiply(BigInteger.valueOf(eth)).toString();
    }

    private static long block(Instant time) {
        return B0 + (time.getEpochSecond() - T0.getEpochSecond()) / 12;
    }
}
