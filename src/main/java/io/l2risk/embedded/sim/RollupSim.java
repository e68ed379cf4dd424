package io.l2risk.embedded.sim;

import io.l2risk.avro.BatchPosted;
import io.l2risk.avro.BridgeEvent;
import io.l2risk.avro.BridgeEventKind;
import io.l2risk.avro.DaMethod;
import io.l2risk.avro.DaMode;
import io.l2risk.avro.DaObservation;
import io.l2risk.avro.DisputeOutcome;
import io.l2risk.avro.IngestProgress;
import io.l2risk.avro.ProofEvent;
import io.l2risk.avro.ProofKind;
import io.l2risk.avro.Source;
import io.l2risk.embedded.sim.RollupModel.Range;
import io.l2risk.embedded.sim.SimulatorSettings.Timeline;
import io.l2risk.embedded.sim.Tokens.Token;
import io.l2risk.registry.RollupConfig;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * One simulated rollup: the actors that post its batches, proposals and proofs (per stack, in the
 * subclasses), and what every rollup has — ingester heartbeats, deposits, withdrawals, blob and DAC
 * availability checks, and the incidents that are single events (an upgrade, a drain, a lost
 * dispute). Each actor draws from its own random stream, derived from the seed, the rollup and the
 * actor's name, so that an incident on one actor leaves the others' traffic unchanged.
 *
 * <p>State is bounded: counters, the unconsumed part of the L1→L2 queue, and a few scheduled tasks per
 * actor (plus, on optimistic stacks, the confirmations or game resolutions still due within the
 * challenge period — one per hourly proposal).
 */
abstract class RollupSim {

    static final String INGESTER_ID = "l2risk-simulator";
    /** The simulated ingester follows L1 head minus this many blocks. */
    static final int CONFIRMATIONS = 2;
    static final int ORDER_EVENT = 0;
    /** Heartbeats come after the other records of their block: "scanned through" includes them. */
    static final int ORDER_HEARTBEAT = 1;

    /**
     * Heartbeat cadence during the warm-up history: an ingester backfilling history reports its progress
     * per scanned range rather than per block, and the engine needs no finer clock where nothing is absent.
     */
    static final Duration WARM_UP_HEARTBEAT = Duration.ofMinutes(5);

    /** Usable bytes of one blob as the OP and Arbitrum encoders fill it (4096 field elements × 31 bytes). */
    static final long BLOB_BYTES = 126_976;
    static final long BLOB_GAS = 131_072;

    protected final L1Simulator sim;
    protected final RollupConfig config;
    protected final RollupModel model;
    protected final String id;
    protected final long seed;
    protected final Timeline timeline;
    protected final L1Queue queue;
    private final long rollupKey;
    private final Duration heartbeat;
    private final List<Span> incidents = new ArrayList<>();
    private final Map<String, SplittableRandom> streams = new HashMap<>();
    private int burst;

    /** An incident on this rollup, in absolute L1 time. */
    record Span(Incident incident, Instant start, Instant end) {
        boolean contains(Instant time) {
            return !time.isBefore(start) && time.isBefore(end);
        }

        IncidentKind kind() {
            return incident.kind();
        }
    }

    RollupSim(L1Simulator sim, RollupConfig config, long seed, Timeline timeline, Duration heartbeat,
              List<Incident> incidents) {
        this.sim = sim;
        this.config = config;
        this.model = RollupModel.of(config);
        this.id = config.id();
        this.seed = seed;
        this.timeline = timeline;
        this.rollupKey = L1Chain.key(id);
        this.heartbeat = L1Chain.SLOT.multipliedBy(Math.max(1, Math.round(heartbeat.toSeconds() / 12.0)));
        for (Incident incident : incidents) {
            Instant start = timeline.windowStart().plus(incident.offset());
            this.incidents.add(new Span(incident, start, start.plus(incident.duration())));
        }
        this.queue = new L1Queue(model.queueIndex(timeline.historyStart()));
    }

    /** The simulation of {@code config}'s stack. */
    static RollupSim create(L1Simulator sim, RollupConfig config, long seed, Timeline timeline, Duration heartbeat,
                            List<Incident> incidents) {
        return switch (config.stack()) {
            case OP_STACK -> new OpStackSim(sim, config, seed, timeline, heartbeat, incidents);
            case ARBITRUM_NITRO -> new ArbitrumSim(sim, config, seed, timeline, heartbeat, incidents);
            case ZKSYNC_ERA, SCROLL, POLYGON_ZKEVM, LINEA, STARKNET, GENERIC ->
                    new ValiditySim(sim, config, seed, timeline, heartbeat, incidents);
        };
    }

    /** Schedules every actor from the start of the history. */
    final void start() {
        Instant from = timeline.historyStart();
        long phase = Math.floorMod(rollupKey, heartbeat.toSeconds() / L1Chain.SLOT_SECONDS);
        sim.at(L1Chain.slotAtOrAfter(from).plus(L1Chain.SLOT.multipliedBy(phase)), ORDER_HEARTBEAT, this::heartbeat);
        if (model.depositsPerHour() > 0) {
            sim.at(poissonAfter(from, model.depositsPerHour(), rng("deposits")), ORDER_EVENT, this::deposit);
        }
        if (model.withdrawalsPerHour() > 0) {
            sim.at(poissonAfter(from, model.withdrawalsPerHour(), rng("withdrawals")), ORDER_EVENT, this::withdrawal);
        }
        startStack(from);
        for (Span span : incidents) {
            switch (span.kind()) {
                case PROXY_UPGRADE -> sim.at(L1Chain.slotAtOrAfter(span.start()), ORDER_EVENT, t -> upgrade(span, t));
                case BRIDGE_DRAIN -> sim.at(L1Chain.slotAtOrAfter(span.start()), ORDER_EVENT, t -> drain(span, t));
                case DISPUTE_LOST -> sim.at(L1Chain.slotAtOrAfter(span.start()), ORDER_EVENT, t -> rogueProposal(span, t));
                default -> startIncident(span);
            }
        }
    }

    /** Schedules the stack's own actors (batches, proposals, proofs). */
    abstract void startStack(Instant from);

    /** Schedules an incident the stack handles itself; the default knows none. */
    void startIncident(Span span) {
    }

    // --- random streams and time ----------------------------------------------------------------

    /** The random stream of one actor of this rollup. */
    protected final SplittableRandom rng(String actor) {
        return streams.computeIfAbsent(actor,
                a -> new SplittableRandom(L1Chain.mix(seed * 0x9e3779b97f4a7c15L ^ rollupKey ^ L1Chain.key(a))));
    }

    /** Uniform in {@code range}, in seconds. */
    protected static long uniform(Range range, SplittableRandom rng) {
        return range.min() == range.max() ? range.min() : rng.nextLong(range.min(), range.max() + 1);
    }

    /** The next arrival of a Poisson process of {@code perHour} (positive, with a diurnal rhythm), at a slot. */
    protected static Instant poissonAfter(Instant from, double perHour, SplittableRandom rng) {
        // Busier in the European and American afternoon, quieter at night (UTC): ±35 %.
        double hour = from.atZone(ZoneOffset.UTC).getHour() + from.atZone(ZoneOffset.UTC).getMinute() / 60.0;
        double rate = perHour * (1 + 0.35 * Math.sin(2 * Math.PI * (hour - 9) / 24)) / 3600.0;
        double gap = -Math.log(1 - rng.nextDouble()) / rate;
        return L1Chain.slotAtOrAfter(from.plusMillis(Math.max(1, (long) (gap * 1000))));
    }

    /**
     * When the batcher posts next after posting at {@code now}: a draw from the cadence, unless a
     * sequencer stall (or a revert's pause) intervenes — then at its end, followed by a catch-up burst of
     * batches in consecutive blocks.
     */
    protected final Instant nextBatchTime(Instant now) {
        if (burst > 0) {
            burst--;
            return now.plus(L1Chain.SLOT);
        }
        Instant candidate = L1Chain.slotAtOrAfter(now.plusSeconds(uniform(model.batch(), rng("batch-cadence"))));
        Span pause = pauseHit(now, candidate, true);
        if (pause == null) {
            return candidate;
        }
        if (pause.kind() == IncidentKind.SEQUENCER_STALL) {
            long missed = Math.round(Duration.between(pause.start(), pause.end()).toSeconds() / model.batch().mean());
            // The backlog goes out in a few full batches, back to back (Arbitrum's 284 held-back
            // transactions were posted first on restart, incidents.md #3).
            burst = (int) Math.max(1, Math.min(7, missed / 3));
        }
        return L1Chain.slotAtOrAfter(pause.end());
    }

    /** When the proposer proposes next after {@code now}: like batches, held back by a stall. */
    protected final Instant nextProposalTime(Instant now, Range cadence) {
        Instant candidate = L1Chain.slotAtOrAfter(now.plusSeconds(uniform(cadence, rng("proposal-cadence"))));
        Span stall = pauseHit(now, candidate, false);
        // The proposer is restarted a few minutes after the batcher (incidents.md #5: both had to be restarted).
        return stall == null ? candidate
                : L1Chain.slotAtOrAfter(stall.end().plusSeconds(uniform(new Range(180, 480), rng("proposal-cadence"))));
    }

    /** A stall (or, for batches, a revert's pause) that the posting planned from {@code now} to {@code candidate} runs into. */
    private Span pauseHit(Instant now, Instant candidate, boolean batches) {
        for (Span span : incidents) {
            boolean pauses = span.kind() == IncidentKind.SEQUENCER_STALL
                    || batches && span.kind() == IncidentKind.STATE_REVERT;
            if (pauses && candidate.compareTo(span.start()) >= 0 && now.isBefore(span.end())) {
                return span;
            }
        }
        return null;
    }

    /** The incident of {@code kind} in force at {@code time}, if any. */
    protected final Span active(IncidentKind kind, Instant time) {
        for (Span span : incidents) {
            if (span.kind() == kind && span.contains(time)) {
                return span;
            }
        }
        return null;
    }

    // --- sources, addresses -----------------------------------------------------------------------

    /** The L1 provenance of an event at {@code time} (a slot time) in a new transaction. */
    protected final Source source(Instant time, String contract, SplittableRandom rng) {
        long block = L1Chain.block(time);
        return Source.newBuilder()
                .setL1ChainId(config.l1ChainId())
                .setBlockNumber(block)
                .setBlockHash(L1Chain.blockHash(seed, block))
                .setBlockTime(time)
                .setTxHash(L1Chain.hash32(rng.nextLong(), rng.nextLong()))
                .setLogIndex(rng.nextInt(400))
                .setContract(contract)
                .build();
    }

    /** Another log of the same transaction. */
    protected static Source nextLog(Source source) {
        return Source.newBuilder(source).setLogIndex(source.getLogIndex() + 1).build();
    }

    /** The first configured contract of these roles, else {@code null}. */
    protected final String contract(String... roles) {
        for (String role : roles) {
            String address = config.contracts().get(role);
            if (address != null) {
                return address;
            }
        }
        return null;
    }

    /** A stable simulated address of this rollup for a role that the registry does not name (a proposer). */
    protected final String actor(String role) {
        return L1Chain.address(seed ^ rollupKey, L1Chain.key(role));
    }

    /** The batch poster: the registry's first batcher, else a simulated address. */
    protected final String batcher(SplittableRandom rng) {
        List<String> batchers = config.batchers();
        return batchers.isEmpty() ? actor("batcher") : batchers.get(rng.nextInt(batchers.size()));
    }

    protected static String hash(SplittableRandom rng) {
        return L1Chain.hash32(rng.nextLong(), rng.nextLong());
    }

    /** The contract a rollup's governance would upgrade first: its main L1 contract. */
    protected abstract String mainContract();

    /** Where deposits of {@code token} are made. */
    protected abstract String depositContract(Token token);

    /** Where withdrawals of {@code token} are finalized. */
    protected abstract String withdrawalContract(Token token);

    /** Where state proposals are made (and disputed). */
    protected abstract String proposalContract();

    /** {@code feeWei} of a batch transaction: execution gas at the block's base fee plus blob gas. */
    protected final String feeWei(Instant time, int blobs, long calldataBytes) {
        long block = L1Chain.block(time);
        // Base fee moves in plateaus of an hour (300 blocks) between 2 and 25 gwei; blob base fee mostly low.
        long baseFee = 2_000_000_000L + Math.floorMod(L1Chain.mix(seed ^ (block / 300)), 23_000_000_000L);
        long blobBaseFee = 1 + Math.floorMod(L1Chain.mix(seed ^ 0xb10bL ^ (block / 600)), 5_000_000L);
        long gas = model.executionGas() + 16 * calldataBytes;
        return java.math.BigInteger.valueOf(gas).multiply(java.math.BigInteger.valueOf(baseFee))
                .add(java.math.BigInteger.valueOf(blobs * BLOB_GAS).multiply(java.math.BigInteger.valueOf(blobBaseFee)))
                .toString();
    }

    /** {@code n} blob versioned hashes (version byte 0x01, EIP-4844). */
    protected static List<String> blobHashes(int n, SplittableRandom rng) {
        List<String> hashes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            hashes.add("0x01" + L1Chain.hash32(rng.nextLong(), rng.nextLong()).substring(4));
        }
        return hashes;
    }

    // --- common actors ------------------------------------------------------------------------------

    private void heartbeat(Instant time) {
        long block = L1Chain.block(time);
        sim.emit(IngestProgress.newBuilder()
                .setRollupId(id)
                .setL1ChainId(config.l1ChainId())
                .setScannedThroughBlock(block)
                .setScannedThroughTime(time)
                .setL1HeadBlock(block + CONFIRMATIONS)
                .setIngesterId(INGESTER_ID)
                .build());
        Instant next;
        if (time.isBefore(timeline.windowStart())) {
            next = time.plus(heartbeat.compareTo(WARM_UP_HEARTBEAT) > 0 ? heartbeat : WARM_UP_HEARTBEAT);
            if (next.isAfter(timeline.windowStart())) {
                next = L1Chain.slotAtOrAfter(timeline.windowStart());
            }
        } else {
            next = time.plus(heartbeat);
        }
        sim.at(next, ORDER_HEARTBEAT, this::heartbeat);
    }

    private void deposit(Instant time) {
        SplittableRandom rng = rng("deposits");
        boolean queued = model.queue() != RollupModel.Queue.NONE;
        // On stacks whose queue we model, some L1→L2 messages are contract calls without a token transfer.
        boolean message = queued && rng.nextDouble() < 0.15;
        Token token = Tokens.pick(rng);
        BridgeEvent.Builder event = BridgeEvent.newBuilder()
                .setRollupId(id)
                .setSource(source(time, message ? depositContract(Tokens.ETH) : depositContract(token), rng))
                .setKind(message ? BridgeEventKind.L1_MESSAGE_QUEUED : BridgeEventKind.DEPOSIT_INITIATED)
                .setMessageId(hash(rng));
        if (!message) {
            event.setToken(token.address()).setAmount(Tokens.amount(token, rng)).setDetails(tokenDetails(token));
        }
        if (queued) {
            event.setQueueIndex(queue.enqueue(includableAt(time, rng)));
        }
        sim.emit(event.build());
        sim.at(poissonAfter(time, model.depositsPerHour(), rng), ORDER_EVENT, this::deposit);
    }

    /** When the sequencer may first include a message enqueued at {@code time}. */
    private Instant includableAt(Instant time, SplittableRandom rng) {
        Instant base = model.queue() == RollupModel.Queue.FINALITY ? L1Chain.finalizedAt(L1Chain.block(time)) : time;
        return base.plusSeconds(uniform(model.queueDelay(), rng));
    }

    private void withdrawal(Instant time) {
        SplittableRandom rng = rng("withdrawals");
        Token token = Tokens.pick(rng);
        sim.emit(withdrawalFinalized(time, token, Tokens.amount(token, rng), null, rng));
        sim.at(poissonAfter(time, model.withdrawalsPerHour(), rng), ORDER_EVENT, this::withdrawal);
    }

    /** A withdrawal of {@code amount} released from the L1 escrow; {@code recipient} may be null. */
    protected final BridgeEvent withdrawalFinalized(Instant time, Token token, String amount, String recipient,
                                                    SplittableRandom rng) {
        Map<String, String> details = tokenDetails(token);
        details.put("success", "true");
        if (recipient != null) {
            details.put("recipient", recipient);
        }
        return BridgeEvent.newBuilder()
                .setRollupId(id)
                .setSource(source(time, withdrawalContract(token), rng))
                .setKind(BridgeEventKind.WITHDRAWAL_FINALIZED)
                .setMessageId(hash(rng))
                .setToken(token.address())
                .setAmount(amount)
                .setDetails(details)
                .build();
    }

    protected static Map<String, String> tokenDetails(Token token) {
        Map<String, String> details = new TreeMap<>();
        details.put("symbol", token.symbol());
        details.put("decimals", Integer.toString(token.decimals()));
        return details;
    }

    /** Checks that the data of a batch can be retrieved, a little after it was posted. */
    protected final void checkAvailability(BatchPosted batch) {
        DaMethod method;
        String reference;
        if (batch.getDaMode() == DaMode.BLOB && !batch.getBlobVersionedHashes().isEmpty()) {
            method = DaMethod.BLOB_SIDECAR;
            reference = batch.getBlobVersionedHashes().get(0);
        } else if (batch.getDaMode() == DaMode.DAC_CERTIFICATE) {
            method = DaMethod.DAC_MEMBER;
            reference = L1Chain.hash32(L1Chain.key(batch.getSource().getTxHash()), 0xdacL);
        } else {
            return;
        }
        SplittableRandom rng = rng("da-checks");
        boolean blob = method == DaMethod.BLOB_SIDECAR;
        Instant observedAt = batch.getSource().getBlockTime().plusMillis(blob ? rng.nextLong(12_000, 40_000)
                : rng.nextLong(2_000, 20_000));
        long latency = blob ? rng.nextLong(80, 900) : rng.nextLong(30, 400);
        Source source = batch.getSource();
        Long index = batch.getBatchIndex();
        sim.at(observedAt, ORDER_EVENT, t -> sim.emit(DaObservation.newBuilder()
                .setRollupId(id)
                .setSource(source)
                .setBatchIndex(index)
                .setReference(reference)
                .setMethod(method)
                .setAvailable(true)
                .setLatencyMillis(latency)
                .setObservedAt(t)
                .build()));
    }

    // --- incidents every stack can have --------------------------------------------------------------

    private void upgrade(Span span, Instant time) {
        SplittableRandom rng = rng("governance");
        String proxy = mainContract() != null ? mainContract() : actor("main-contract");
        Map<String, String> details = new TreeMap<>();
        details.put("implementation", L1Chain.address(rng.nextLong(), rng.nextLong()));
        details.put("previousImplementation", L1Chain.address(rng.nextLong(), rng.nextLong()));
        if (!config.watched().isEmpty()) {
            details.put("via", config.watched().get(0));
        }
        sim.emit(BridgeEvent.newBuilder()
                .setRollupId(id)
                .setSource(source(time, proxy, rng))
                .setKind(BridgeEventKind.CONTRACT_UPGRADED)
                .setSubject(proxy)
                .setDetails(details)
                .build());
    }

    /**
     * A Nomad-like crowd: every slot of the incident a few withdrawals, each far above an ordinary one,
     * of ETH and USDC (incidents.md B1: 329 releases in an hour against 5–25 normally). At the end the
     * operators pause the bridge; they lift the pause 45 minutes later.
     */
    private void drain(Span span, Instant time) {
        if (!time.isBefore(span.end())) {
            pause(span, time, true);
            return;
        }
        SplittableRandom rng = rng("drain");
        int count = 1 + rng.nextInt(4);
        for (int i = 0; i < count; i++) {
            boolean eth = rng.nextDouble() < 0.6;
            Token token = eth ? Tokens.ETH : Tokens.USDC;
            String amount = eth ? Tokens.amountBetween(token, 60, 200, rng)
                    : Tokens.amountBetween(token, 150_000, 650_000, rng);
            sim.emit(withdrawalFinalized(time, token, amount, L1Chain.address(rng.nextLong(), rng.nextLong()), rng));
        }
        sim.at(time.plus(L1Chain.SLOT), ORDER_EVENT, t -> drain(span, t));
    }

    private void pause(Span span, Instant time, boolean paused) {
        SplittableRandom rng = rng("drain");
        String bridge = withdrawalContract(Tokens.ETH) != null ? withdrawalContract(Tokens.ETH) : actor("bridge");
        Map<String, String> details = new TreeMap<>();
        details.put("pauseType", "GENERAL");
        sim.emit(BridgeEvent.newBuilder()
                .setRollupId(id)
                .setSource(source(time, bridge, rng))
                .setKind(paused ? BridgeEventKind.PAUSED : BridgeEventKind.UNPAUSED)
                .setSubject(bridge)
                .setDetails(details)
                .build());
        if (paused) {
            sim.at(time.plus(Duration.ofMinutes(45)), ORDER_EVENT, t -> pause(span, t, false));
        }
    }

    /**
     * An invalid state proposal, challenged a few minutes later; the game resolves for the challenger
     * when the incident ends.
     */
    private void rogueProposal(Span span, Instant time) {
        SplittableRandom rng = rng("dispute");
        String game = L1Chain.address(rng.nextLong(), rng.nextLong());
        long l2Block = model.l2Block(time.minus(Duration.ofMinutes(20)));
        Instant clockEnd = time.plus(challengeClock());
        sim.emit(gameProposal(time, game, l2Block, clockEnd, "rogue-proposer", rng));
        Instant challengeAt = L1Chain.slotAtOrAfter(time.plusSeconds(uniform(new Range(120, 360), rng)));
        sim.at(challengeAt, ORDER_EVENT, t -> sim.emit(dispute(t, game, l2Block, clockEnd, DisputeOutcome.IN_PROGRESS,
                ProofKind.DISPUTE_OPENED)));
        sim.at(L1Chain.slotAtOrAfter(span.end()), ORDER_EVENT, t -> sim.emit(dispute(t, game, l2Block, clockEnd,
                DisputeOutcome.CHALLENGER_WINS, ProofKind.DISPUTE_RESOLVED)));
    }

    /** A state proposal that opens dispute game {@code game}, posted by the {@code proposer} role. */
    protected final ProofEvent gameProposal(Instant time, String game, long l2Block, Instant clockEnd, String proposer,
                                            SplittableRandom rng) {
        return ProofEvent.newBuilder()
                .setRollupId(id)
                .setSource(source(time, proposalContract(), rng))
                .setKind(ProofKind.STATE_PROPOSED)
                .setL2BlockNumber(l2Block)
                .setStateRoot(hash(rng))
                .setDisputeId(game)
                .setActor(actor(proposer))
                .setChallengePeriodEnd(clockEnd)
                .build();
    }

    protected final ProofEvent dispute(Instant time, String game, long l2Block, Instant clockEnd,
                                       DisputeOutcome outcome, ProofKind kind) {
        SplittableRandom rng = rng("dispute");
        return ProofEvent.newBuilder()
                .setRollupId(id)
                .setSource(source(time, game, rng))
                .setKind(kind)
                .setL2BlockNumber(l2Block)
                .setDisputeId(game)
                .setDisputeOutcome(outcome)
                .setActor(kind == ProofKind.DISPUTE_OPENED ? actor("challenger") : game)
                .setChallengePeriodEnd(clockEnd)
                .build();
    }

    /** How long a dispute of this stack may run: OP's game clock, Arbitrum's challenge period. */
    protected Duration challengeClock() {
        return model.challengePeriod() != null ? model.challengePeriod() : Duration.ofDays(7);
    }

    /**
     * The L1→L2 queue of a rollup whose batches report how far they have read it: messages get an
     * index when enqueued and the time from which the sequencer may include them; a batch consumes every
     * includable message, in order. Only unconsumed messages are held.
     */
    static final class L1Queue {
        private long next;
        private long consumed;
        private final ArrayDeque<long[]> pending = new ArrayDeque<>();

        L1Queue(long start) {
            this.next = start;
            this.consumed = start;
        }

        /** Enqueues a message the sequencer may include from {@code includableAt}; returns its index. */
        long enqueue(Instant includableAt) {
            pending.add(new long[] {next, includableAt.toEpochMilli()});
            return next++;
        }

        /**
         * Consumes what is includable at {@code time}, in order, and returns the queue position read
         * through (every index below it is consumed). A message includable later blocks those behind it.
         */
        long consume(Instant time) {
            while (!pending.isEmpty() && pending.peek()[1] <= time.toEpochMilli()) {
                consumed = pending.poll()[0] + 1;
            }
            return consumed;
        }

        /** The position read through so far, without consuming. */
        long position() {
            return consumed;
        }
    }
}
