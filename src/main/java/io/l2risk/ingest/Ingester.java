package io.l2risk.ingest;

import io.l2risk.avro.BatchPosted;
import io.l2risk.avro.BridgeEvent;
import io.l2risk.avro.BridgeEventKind;
import io.l2risk.avro.CursorBlock;
import io.l2risk.avro.CursorDisputeGame;
import io.l2risk.avro.CursorKeyset;
import io.l2risk.avro.DaMode;
import io.l2risk.avro.IngestCursor;
import io.l2risk.avro.IngestProgress;
import io.l2risk.avro.OrphanedEvent;
import io.l2risk.ingest.decode.BatcherTransactions;
import io.l2risk.ingest.decode.DecodeContext;
import io.l2risk.ingest.decode.DecoderState;
import io.l2risk.ingest.decode.LogDecoders;
import io.l2risk.ingest.decode.RoutedLog;
import io.l2risk.registry.RollupConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns L1 into ingest records (design.md §5): backfills a block range, then follows the head minus
 * {@link IngestSettings#confirmations()}, one bounded range per step.
 *
 * <p>Each step reads the watched contracts' logs ({@code eth_getLogs} over the address list, plus the
 * open OP dispute games), and — when a rollup posts batches as transactions to an inbox — the blocks in
 * full; decodes them in chain order ({@link LogDecoders}, {@link BatcherTransactions}); appends one
 * {@code IngestProgress} per rollup; and commits the records with the new cursor as one unit
 * ({@link IngestSink#commit}). A crash therefore resumes exactly after the last committed range.
 *
 * <p>Reorgs are detected by parent-hash continuity: the first block of a step must descend from the
 * cursor. If not, the common ancestor is looked up among the last {@link IngestSettings#reorgWindow()}
 * blocks, the cursor and the decoders' state rewind to it, and the new chain is scanned from there. The
 * events already written from orphaned blocks cannot be taken back; they are remembered, so that an
 * event the new chain includes again is not written twice.
 *
 * <p>RPC failures: retriable ones (I/O, timeouts, 429, 5xx) repeat the step after a backoff with
 * jitter; permanent ones (auth, invalid parameters) stop the ingester with {@link IngestException}.
 * Not thread-safe except {@link #stop()} and {@link #stats()}.
 */
public final class Ingester {

    private static final Logger LOG = LoggerFactory.getLogger(Ingester.class);
    private static final Duration PROGRESS_LOG_INTERVAL = Duration.ofSeconds(30);
    /** Attempts per RPC call within a step before the step itself is repeated. */
    private static final int CALL_ATTEMPTS = 4;

    private final ChainClient client;
    private final AddressBook book;
    private final IngestSink sink;
    private final IngestSettings settings;
    private final LogDecoders decoders;
    private final Clock clock;
    private final Backoff backoff;
    private final LogRangeReader reader;
    private final IngestStats stats = new IngestStats();
    private final CountDownLatch stopped = new CountDownLatch(1);

    private long chainId;
    private long position = -1;
    private String positionHash;
    private long positionTime;
    private long head = -1;
    private final TreeMap<Long, CursorBlock> window = new TreeMap<>();
    private final Map<String, Long> orphaned = new LinkedHashMap<>();
    private DecoderState state = new DecoderState();
    private BlobChecker blobChecker;
    private Instant lastWrite;
    private Instant lastProgressLog;

    /**
     * @param rollups the rollups to ingest; all must settle on the node's chain
     * @param clock   wall clock, for heartbeats and log pacing only (records carry L1 time)
     */
    public Ingester(ChainClient client, List<RollupConfig> rollups, IngestSink sink, IngestSettings settings,
                    LogDecoders decoders, Clock clock) {
        Objects.requireNonNull(client, "client");
        this.book = AddressBook.of(rollups);
        this.sink = Objects.requireNonNull(sink, "sink");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.decoders = Objects.requireNonNull(decoders, "decoders");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.backoff = new Backoff(settings.retryInitial(), settings.retryMax(), new Random());
        // Each call gets a few quick retries of its own; what still fails repeats the whole step (see run()).
        this.client = new RetryingChainClient(client, CALL_ATTEMPTS,
                new Backoff(settings.retryInitial(), settings.retryInitial().multipliedBy(8), new Random()),
                duration -> !stopped.await(duration.toMillis(), TimeUnit.MILLISECONDS),
                stats.retries::incrementAndGet);
        this.reader = new LogRangeReader(this.client, settings.maxLogRange());
        if (rollups.isEmpty()) {
            throw new IngestException("no rollups to ingest");
        }
        if (book.addresses().isEmpty() && !book.scansBlocks()) {
            throw new IngestException("the rollups " + book.rollupIds() + " name no L1 contracts, batch inbox or "
                    + "watched address: there is nothing to read");
        }
    }

    /** Checks the blobs of every blob batch ingested from now on (design.md §5, the withholding check). */
    public Ingester withBlobChecker(BlobChecker checker) {
        this.blobChecker = Objects.requireNonNull(checker, "checker");
        return this;
    }

    /** Counters, readable while the ingester runs. */
    public IngestStats stats() {
        return stats;
    }

    /** Asks {@link #run()} to return after the step in progress; safe from any thread. */
    public void stop() {
        stopped.countDown();
    }

    /**
     * Ingests until {@link IngestSettings#toBlock()} is done, or until {@link #stop()}.
     *
     * @throws IngestException when the ingester cannot go on (the message says why and what to do)
     * @throws IOException     when the sink fails; nothing after the last committed cursor is visible
     */
    public void run() throws IOException, InterruptedException {
        chainId = retrying(client::chainId);
        List<String> foreign = book.rollups().stream().filter(r -> r.l1ChainId() != chainId)
                .map(r -> r.id() + " (chain " + r.l1ChainId() + ")").toList();
        if (!foreign.isEmpty()) {
            throw new IngestException("the node is on chain " + chainId + " but these rollups settle elsewhere: "
                    + String.join(", ", foreign) + "; ingest them with a node of their chain");
        }
        start();
        int attempt = 0;
        while (stopped.getCount() > 0) {
            boolean progressed;
            try {
                progressed = step();
                attempt = 0;
            } catch (RpcException e) {
                backOff(e, ++attempt);
                continue;
            }
            if (settings.toBlock().isPresent() && position >= settings.toBlock().getAsLong()) {
                LOG.info("ingested through block {} as asked: {} records in {} commits", position, stats.records(),
                        stats.commits());
                return;
            }
            if (!progressed) {
                if (lastWrite == null || !clock.instant().isBefore(lastWrite.plus(settings.heartbeatInterval()))) {
                    heartbeat();
                }
                pause(settings.pollInterval());
            }
        }
    }

    private void start() throws IOException, InterruptedException {
        Optional<IngestCursor> saved = sink.cursor(chainId, settings.ingesterId());
        if (saved.isPresent()) {
            IngestCursor cursor = saved.get();
            // A supervisor restarts with the same --from-block: the cursor wins, as a Kafka Connect source's
            // offsets win over its configuration. Only a start beyond the cursor would leave a gap.
            if (settings.fromBlock().isPresent() && settings.fromBlock().getAsLong() > cursor.getBlockNumber() + 1) {
                throw new IngestException("ingester '" + settings.ingesterId() + "' has ingested chain " + chainId
                        + " through block " + cursor.getBlockNumber() + "; --from-block " + settings.fromBlock().getAsLong()
                        + " would skip the blocks in between. Leave out --from-block to resume, or start another "
                        + "--ingester-id there");
            }
            restore(cursor);
            LOG.info("resuming ingester '{}' on chain {} after block {} ({})", settings.ingesterId(), chainId, position,
                    positionHash);
            return;
        }
        long latest = retrying(client::latestBlockNumber);
        long first = settings.fromBlock().orElse(Math.max(0, latest - settings.confirmations()) + 1);
        if (first > 0) {
            L1Block before = retrying(() -> requireBlock(first - 1, false));
            position = before.number();
            positionHash = before.hash();
            positionTime = before.timestamp() * 1000;
            window.put(position, CursorBlock.newBuilder().setNumber(position).setHash(positionHash).build());
        }
        LOG.info("ingester '{}' starts on chain {} at block {} ({} rollups, {} contracts{})", settings.ingesterId(),
                chainId, first, book.rollupIds().size(), book.addresses().size(),
                book.scansBlocks() ? ", reading blocks in full for batch inboxes" : "");
    }

    /** One range; false when no new block is confirmed yet. */
    private boolean step() throws IOException {
        head = client.latestBlockNumber();
        stats.head.set(head);
        long target = head - settings.confirmations();
        if (settings.toBlock().isPresent()) {
            target = Math.min(target, settings.toBlock().getAsLong());
        }
        if (position >= target) {
            return false;
        }
        long from = position + 1;
        int span = book.scansBlocks() ? settings.maxBlockScanRange() : settings.maxLogRange();
        long to = Math.min(target, from + span - 1);
        DecoderState before = state.copy();
        try {
            scan(from, to);
        } catch (RuntimeException e) {
            state = before;
            throw e;
        }
        return true;
    }

    private void scan(long from, long to) throws IOException {
        boolean full = book.scansBlocks();
        TreeMap<Long, L1Block> blocks = new TreeMap<>();
        L1Block first = requireBlock(from, full);
        if (positionHash != null && !first.parentHash().equals(positionHash)) {
            rewind(from);
            return;
        }
        blocks.put(from, first);
        if (full) {
            for (long n = from + 1; n <= to; n++) {
                blocks.put(n, requireBlock(n, true));
            }
        }
        Set<String> read = new HashSet<>(book.addresses());
        read.addAll(state.openGameAddresses());
        List<L1Log> logs = read.isEmpty() ? new ArrayList<>()
                : new ArrayList<>(reader.read(List.copyOf(new TreeSet<>(read)), List.of(), from, to));
        withBlocksOf(blocks, logs);
        // Blocks near the head may still be reorganised: remember each of them, so that a rewind finds the exact
        // common ancestor. Deeper ones are read only where they hold logs, which keeps a backfill cheap.
        for (long n = Math.max(from, head - settings.reorgWindow() + 1); n <= to; n++) {
            if (!blocks.containsKey(n)) {
                blocks.put(n, requireBlock(n, false));
            }
        }
        blocks.computeIfAbsent(to, n -> requireBlock(n, false));
        checkConsistent(blocks, logs, from, to);

        Map<String, L1Transaction> knownTransactions = new HashMap<>();
        blocks.values().forEach(b -> b.transactions().forEach(tx -> knownTransactions.put(tx.hash(), tx)));
        Scan scan = new Scan(logs, knownTransactions);
        List<Item> items = new ArrayList<>();
        for (L1Log log : logs) {
            items.add(decode(log, blocks, scan));
        }
        // Games created in this range emit moves and resolutions that the first read did not ask for.
        List<String> newGames = newGames(read);
        while (!newGames.isEmpty()) {
            read.addAll(newGames);
            List<L1Log> gameLogs = reader.read(newGames, List.of(), from, to);
            checkConsistent(withBlocksOf(blocks, gameLogs), gameLogs, from, to);
            scan.add(gameLogs);
            for (L1Log log : gameLogs) {
                items.add(decode(log, blocks, scan));
            }
            newGames = newGames(read);
        }
        if (full) {
            for (L1Block block : blocks.values()) {
                List<L1Transaction> txs = block.transactions();
                for (int i = 0; i < txs.size(); i++) {
                    items.addAll(decodeBatcherTransaction(txs.get(i), i, block));
                }
            }
        }
        items.sort(Comparator.comparingLong(Item::block).thenComparingInt(Item::txIndex).thenComparingInt(Item::logIndex));
        commitRange(from, to, blocks, items);
    }

    private void commitRange(long from, long to, TreeMap<Long, L1Block> blocks, List<Item> items) throws IOException {
        List<SpecificRecord> records = new ArrayList<>();
        Map<Long, List<String>> idsByBlock = new HashMap<>();
        Map<String, Integer> occurrences = new HashMap<>();
        for (Item item : items) {
            if (item.records().isEmpty()) {
                continue;
            }
            String id = item.id() + "#" + occurrences.merge(item.id(), 1, Integer::sum);
            idsByBlock.computeIfAbsent(item.block(), b -> new ArrayList<>()).add(id);
            if (orphaned.containsKey(id)) {
                stats.suppressedEvents.incrementAndGet();
                LOG.info("not writing again event {} of block {}: it was written from a block that a reorg orphaned",
                        id, item.block());
                continue;
            }
            records.addAll(item.records());
            if (blobChecker != null) {
                for (SpecificRecord record : item.records()) {
                    if (record instanceof BatchPosted batch && batch.getDaMode() == DaMode.BLOB) {
                        records.addAll(blobChecker.check(batch, blocks.get(to).timestamp() * 1000));
                    }
                }
            }
        }
        L1Block last = blocks.get(to);
        records.addAll(progress(to, last.timestamp() * 1000));
        for (L1Block block : blocks.values()) {
            window.put(block.number(), CursorBlock.newBuilder().setNumber(block.number()).setHash(block.hash())
                    .setEventIds(idsByBlock.getOrDefault(block.number(), List.of())).build());
        }
        window.headMap(to - settings.reorgWindow(), true).clear();
        orphaned.values().removeIf(until -> until < to);
        state.prune(to - settings.reorgWindow());
        long previous = position;
        position = to;
        positionHash = last.hash();
        positionTime = last.timestamp() * 1000;
        write(records);
        stats.blocks.addAndGet(to - previous);
        stats.scannedThrough.set(to);
        logProgress(from, to, records.size());
    }

    private void heartbeat() throws IOException {
        if (position < 0) {
            return;
        }
        write(progress(position, positionTime));
    }

    private void write(List<SpecificRecord> records) throws IOException {
        sink.commit(records, cursor());
        lastWrite = clock.instant();
        stats.commits.incrementAndGet();
        stats.records.addAndGet(records.size());
        stats.unknownEvents.addAndGet(records.stream().filter(r -> r instanceof BridgeEvent b
                && b.getKind() == BridgeEventKind.UNKNOWN_EVENT).count());
    }

    private List<SpecificRecord> progress(long through, long timeMillis) {
        List<SpecificRecord> records = new ArrayList<>();
        for (String rollupId : book.rollupIds()) {
            records.add(IngestProgress.newBuilder().setRollupId(rollupId).setL1ChainId(chainId)
                    .setScannedThroughBlock(through).setScannedThroughTime(Instant.ofEpochMilli(timeMillis))
                    .setL1HeadBlock(Math.max(head, through)).setIngesterId(settings.ingesterId()).build());
        }
        return records;
    }

    /** The chain no longer continues from the cursor: go back to the newest remembered block still on it. */
    private void rewind(long from) {
        long tip = position;
        CursorBlock ancestor = null;
        L1Block ancestorBlock = null;
        for (CursorBlock remembered : window.descendingMap().values()) {
            Optional<L1Block> now = client.block(remembered.getNumber(), false);
            if (now.isPresent() && now.get().hash().equals(remembered.getHash())) {
                ancestor = remembered;
                ancestorBlock = now.get();
                break;
            }
        }
        if (ancestor == null) {
            throw new IngestException("L1 reorganised below the " + window.size() + " blocks ingester '"
                    + settings.ingesterId() + "' remembers (" + (window.isEmpty() ? "none" : window.firstKey() + ".."
                    + window.lastKey()) + "): block " + from + " does not descend from them. Records written from "
                    + "the orphaned blocks stay in the topics. Check the node; to go on, start another --ingester-id "
                    + "with --from-block");
        }
        int orphanedEvents = 0;
        for (CursorBlock lost : window.tailMap(ancestor.getNumber(), false).values()) {
            for (String id : lost.getEventIds()) {
                orphaned.put(id, tip + settings.reorgWindow());
                orphanedEvents++;
            }
        }
        window.tailMap(ancestor.getNumber(), false).clear();
        state.rewind(ancestor.getNumber());
        position = ancestor.getNumber();
        positionHash = ancestor.getHash();
        positionTime = ancestorBlock.timestamp() * 1000;
        stats.reorgs.incrementAndGet();
        stats.orphanedBlocks.addAndGet(tip - position);
        LOG.warn("L1 reorg: blocks {}..{} were replaced; rescanning from block {}. {} events written from the "
                        + "orphaned blocks stay in the topics and will not be written again if the new chain has them",
                position + 1, tip, position + 1, orphanedEvents);
    }

    private Item decode(L1Log log, Map<Long, L1Block> blocks, Scan scan) {
        stats.logs.incrementAndGet();
        if (log.removed()) {
            throw new RpcException(RpcException.Kind.RETRIABLE, "the node returned a removed log in block "
                    + log.blockNumber() + "; the chain is reorganising, reading again", null, null);
        }
        long time = blocks.get(log.blockNumber()).timestamp() * 1000;
        List<SpecificRecord> records = new ArrayList<>();
        List<AddressBook.Owner> owners = new ArrayList<>(book.owners(log.address()));
        state.game(log.address()).flatMap(g -> book.rollup(g.rollupId()))
                .ifPresent(rollup -> owners.add(new AddressBook.Owner(rollup, EventCatalog.DISPUTE_GAME)));
        for (AddressBook.Owner owner : owners) {
            records.addAll(decoders.decode(new RoutedLog(owner.rollup(), owner.role(), log, chainId, time), scan));
        }
        return new Item(log.blockNumber(), log.transactionIndex(), log.logIndex(), logId(log), records);
    }

    private List<Item> decodeBatcherTransaction(L1Transaction tx, int index, L1Block block) {
        List<Item> items = new ArrayList<>();
        for (RollupConfig rollup : book.inboxOwners(tx.to())) {
            if (rollup.batchers().contains(tx.from())) {
                stats.batcherTransactions.incrementAndGet();
                items.add(new Item(block.number(), index, -1, "tx:" + tx.hash(),
                        List.copyOf(BatcherTransactions.decode(rollup, tx, block, chainId))));
            }
        }
        return items;
    }

    private List<String> newGames(Set<String> read) {
        return state.openGameAddresses().stream().filter(a -> !read.contains(a)).toList();
    }

    /** Adds the header of every block that holds one of {@code logs} and is not in {@code blocks} yet. */
    private TreeMap<Long, L1Block> withBlocksOf(TreeMap<Long, L1Block> blocks, List<L1Log> logs) {
        for (L1Log log : logs) {
            if (!blocks.containsKey(log.blockNumber())) {
                blocks.put(log.blockNumber(), requireBlock(log.blockNumber(), false));
            }
        }
        return blocks;
    }

    /** Every block and log read for a range must be on one chain; a node that moved meanwhile is read again. */
    private static void checkConsistent(TreeMap<Long, L1Block> blocks, List<L1Log> logs, long from, long to) {
        L1Block previous = null;
        for (L1Block block : blocks.values()) {
            if (previous != null && previous.number() + 1 == block.number()
                    && !block.parentHash().equals(previous.hash())) {
                throw changed(from, to, block.number());
            }
            previous = block;
        }
        for (L1Log log : logs) {
            L1Block block = blocks.get(log.blockNumber());
            if (block == null || !block.hash().equals(log.blockHash())) {
                throw changed(from, to, log.blockNumber());
            }
        }
    }

    private static RpcException changed(long from, long to, long block) {
        return new RpcException(RpcException.Kind.RETRIABLE, "the chain changed while blocks " + from + ".." + to
                + " were read (block " + block + "); reading them again", null, null);
    }

    private L1Block requireBlock(long number, boolean withTransactions) {
        return client.block(number, withTransactions).orElseThrow(() -> new RpcException(RpcException.Kind.RETRIABLE,
                "the node does not have block " + number + " yet", null, null));
    }

    private IngestCursor cursor() {
        List<CursorDisputeGame> games = state.games().stream().map(g -> CursorDisputeGame.newBuilder()
                .setAddress(g.address()).setRollupId(g.rollupId()).setGameType(g.gameType())
                .setRootClaim(g.rootClaim()).setL2BlockNumber(boxed(g.l2BlockNumber()))
                .setCreatedBlock(g.createdBlock()).setChallengedBlock(boxed(g.challengedBlock()))
                .setResolvedBlock(boxed(g.resolvedBlock())).build()).toList();
        List<CursorKeyset> keysets = state.keysets().stream().map(k -> CursorKeyset.newBuilder()
                .setRollupId(k.rollupId()).setKeysetHash(k.keysetHash()).setMembers(k.members())
                .setThreshold(k.threshold()).setAddedBlock(k.addedBlock())
                .setInvalidatedBlock(boxed(k.invalidatedBlock())).build()).toList();
        List<OrphanedEvent> lost = orphaned.entrySet().stream().map(e -> OrphanedEvent.newBuilder()
                .setEventId(e.getKey()).setUntilBlock(e.getValue()).build()).toList();
        return IngestCursor.newBuilder().setIngesterId(settings.ingesterId()).setL1ChainId(chainId)
                .setBlockNumber(position).setBlockHash(positionHash).setBlockTime(Instant.ofEpochMilli(positionTime))
                .setRollups(List.copyOf(book.rollupIds())).setRecentBlocks(List.copyOf(window.values()))
                .setOrphanedEventIds(lost).setDisputeGames(games).setDacKeysets(keysets).build();
    }

    private void restore(IngestCursor cursor) {
        position = cursor.getBlockNumber();
        positionHash = cursor.getBlockHash();
        positionTime = cursor.getBlockTime().toEpochMilli();
        cursor.getRecentBlocks().forEach(b -> window.put(b.getNumber(), b));
        window.putIfAbsent(position, CursorBlock.newBuilder().setNumber(position).setHash(positionHash).build());
        cursor.getOrphanedEventIds().forEach(o -> orphaned.put(o.getEventId(), o.getUntilBlock()));
        state = DecoderState.of(
                cursor.getDisputeGames().stream().map(g -> new DecoderState.Game(g.getAddress(), g.getRollupId(),
                        g.getGameType(), g.getRootClaim(), unboxed(g.getL2BlockNumber()), g.getCreatedBlock(),
                        unboxed(g.getChallengedBlock()), unboxed(g.getResolvedBlock()))).toList(),
                cursor.getDacKeysets().stream().map(k -> new DecoderState.Keyset(k.getRollupId(), k.getKeysetHash(),
                        k.getMembers(), k.getThreshold(), k.getAddedBlock(), unboxed(k.getInvalidatedBlock()))).toList());
        Set<String> before = new HashSet<>(cursor.getRollups());
        List<String> added = book.rollupIds().stream().filter(id -> !before.contains(id)).toList();
        if (!added.isEmpty()) {
            LOG.warn("rollups {} are new to ingester '{}': their events before block {} are not ingested; backfill "
                    + "them with another --ingester-id and --from-block", added, settings.ingesterId(), position + 1);
        }
    }

    private void logProgress(long from, long to, int records) {
        Instant now = clock.instant();
        if (lastProgressLog == null || !now.isBefore(lastProgressLog.plus(PROGRESS_LOG_INTERVAL))) {
            LOG.info("ingested through block {} (head {}, {} behind): {} records so far", to, head, head - to,
                    stats.records());
            lastProgressLog = now;
        } else {
            LOG.debug("ingested blocks {}..{}: {} records", from, to, records);
        }
    }

    private void pause(Duration duration) throws InterruptedException {
        stopped.await(duration.toMillis(), TimeUnit.MILLISECONDS);
    }

    private <T> T retrying(Supplier<T> call) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (RpcException e) {
                backOff(e, attempt);
                if (stopped.getCount() == 0) {
                    throw new InterruptedException("stopped while retrying");
                }
            }
        }
    }

    /**
     * After a failed call or step: stops the ingester on a permanent failure, else waits out retry
     * {@code attempt}'s backoff.
     */
    private void backOff(RpcException e, int attempt) throws InterruptedException {
        if (e.kind() == RpcException.Kind.PERMANENT) {
            throw new IngestException("L1 RPC failed permanently: " + e.getMessage()
                    + " (check the RPC URL, its credentials and that the node serves this chain)", e);
        }
        stats.retries.incrementAndGet();
        Duration delay = backoff.delay(attempt);
        LOG.warn("L1 RPC failed, retry {} in {} ms: {}", attempt, delay.toMillis(), e.getMessage());
        pause(delay);
    }

    /** An event's identity, independent of the block it is mined in: a reorg may move it to another block. */
    private static String logId(L1Log log) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(log.transactionHash().getBytes(StandardCharsets.US_ASCII));
            digest.update(log.address().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
            for (String topic : log.topics()) {
                digest.update(topic.getBytes(StandardCharsets.US_ASCII));
            }
            digest.update(log.data().getBytes(StandardCharsets.US_ASCII));
            return "log:" + HexFormat.of().formatHex(digest.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    private static Long boxed(OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : null;
    }

    private static OptionalLong unboxed(Long value) {
        return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }

    /** One decoded L1 event at its chain position ({@code logIndex} -1 for a transaction). */
    private record Item(long block, int txIndex, int logIndex, String id, List<SpecificRecord> records) {
    }

    /** Lookups for the decoders during one range. */
    private final class Scan implements DecodeContext {

        private final Map<String, List<L1Log>> byTransaction = new HashMap<>();
        private final Map<String, L1Transaction> transactions;

        Scan(List<L1Log> logs, Map<String, L1Transaction> transactions) {
            this.transactions = transactions;
            add(logs);
        }

        void add(List<L1Log> logs) {
            for (L1Log log : logs) {
                byTransaction.computeIfAbsent(log.transactionHash(), h -> new ArrayList<>()).add(log);
            }
            byTransaction.values().forEach(list -> list.sort(Comparator.comparingInt(L1Log::logIndex)));
        }

        @Override
        public long l1ChainId() {
            return chainId;
        }

        @Override
        public Optional<L1Transaction> transaction(String hash) {
            L1Transaction known = transactions.get(hash);
            if (known != null) {
                return Optional.of(known);
            }
            Optional<L1Transaction> fetched = client.transaction(hash);
            fetched.ifPresent(tx -> transactions.put(hash, tx));
            return fetched;
        }

        @Override
        public List<L1Log> logsOfTransaction(String txHash) {
            return List.copyOf(byTransaction.getOrDefault(txHash, List.of()));
        }

        @Override
        public Optional<String> call(String to, String data, long blockNumber) {
            return client.call(to, data, blockNumber);
        }

        @Override
        public DecoderState state() {
            return state;
        }
    }
}
