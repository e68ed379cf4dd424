package io.l2risk.streams;

import io.l2risk.engine.RiskEngine;
import io.l2risk.engine.RollupEngine;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@value RiskTopology#STORE_ROLLUP_STATE} store: each rollup's {@link RollupEngine} kept alive in
 * memory, written to the persistent, changelogged key-value store below it (rollupId → {@link
 * RiskEngine#save} bytes) when Streams commits, not after every record.
 *
 * <p>Why: serializing a rollup's state (about 10 KB of histograms) after every record took more than
 * half of the stream thread's time, and a restore per record rebuilt every indicator. Now a record
 * costs the engine's work only; each commit serializes each rollup that changed since the last one,
 * once. Streams calls {@link #flush()} / {@link #commit} before it commits the transaction, so under
 * exactly-once the changelog records are in the same transaction as the outputs and offsets of the
 * records that caused them, as with Streams' own cached stores (which defer their writes the same way).
 * Streams 4.x asks only a {@link CachedStateStore} to write before the transaction commits
 * ({@code flushCache}; {@code StateStore.commit} comes after it), so this store is one: the one use of
 * a Streams internal interface outside the embedded broker (Kafka is pinned; {@code RiskTopologyTest}
 * and the exactly-once ITs fail if the contract changes).
 * A crash loses only what the aborted transaction loses; the engines of a restored task are read back
 * from the store.
 *
 * <p>A record the engine fails on must leave the rollup's state as it was before (the record is
 * dead-lettered). The store therefore keeps, per changed rollup, the steps applied since its last
 * write ({@link #changed}); {@link #rollBack} rebuilds the engine from the written bytes and applies
 * them again — the engine is deterministic — so the state is exactly the one before the failed
 * record. At most {@value #MAX_STEPS} steps are kept per rollup: past that its state is written at
 * once. At most {@value #MAX_LIVE} engines are kept alive; past that, unchanged ones are dropped (and
 * changed ones written first).
 *
 * <p>Interactive queries ({@link ReadOnlyKeyValueStore}) read the written bytes: the state as of the
 * last commit (every {@code commit.interval.ms}, 100 ms under exactly-once). Only the stream thread
 * may call the other methods.
 */
public final class RollupStateStore implements StateStore, ReadOnlyKeyValueStore<String, byte[]>,
        CachedStateStore<String, byte[]> {

    /** Steps kept per changed rollup for {@link #rollBack} before its state is written early. */
    static final int MAX_STEPS = 256;
    /** Engines kept alive per task (about 100 KiB of heap each). */
    static final int MAX_LIVE = 1024;

    private static final Logger log = LoggerFactory.getLogger(RollupStateStore.class);

    private final KeyValueStore<String, byte[]> written;
    private final RiskEngine engine;
    private final Map<String, Live> live = new HashMap<>();

    /** One step of a rollup's engine, applied again by {@link #rollBack}. */
    @FunctionalInterface
    public interface Step extends Consumer<RollupEngine> {
    }

    private static final class Live {
        RollupEngine rollup;
        final List<Step> steps = new ArrayList<>();
        boolean changed;

        Live(RollupEngine rollup) {
            this.rollup = rollup;
        }
    }

    RollupStateStore(KeyValueStore<String, byte[]> written, RiskEngine engine) {
        this.written = Objects.requireNonNull(written, "written");
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    /** A builder of this store over a persistent key-value store named {@code name}, changelogged. */
    static StoreBuilder<RollupStateStore> builder(String name, RiskEngine engine) {
        return new Builder(name, engine);
    }

    // --- the stream thread's API ---------------------------------------------------------------

    /** The rollup's engine: the live one, else restored from the written state, else a new one. */
    public RollupEngine engine(String rollupId) {
        Live entry = live.get(rollupId);
        if (entry == null) {
            if (live.size() >= MAX_LIVE) {
                shrink();
            }
            byte[] state = written.get(rollupId);
            entry = new Live(state == null ? engine.newRollup(rollupId) : engine.restore(rollupId, state));
            live.put(rollupId, entry);
        }
        return entry.rollup;
    }

    /**
     * Notes that {@code step} has been applied to the rollup's engine (and succeeded): the state is
     * written at the next commit.
     */
    public void changed(String rollupId, Step step) {
        Live entry = live.get(rollupId);
        if (entry == null) {
            throw new IllegalStateException("rollup " + rollupId + " changed without engine(" + rollupId + ")");
        }
        entry.changed = true;
        entry.steps.add(step);
        if (entry.steps.size() >= MAX_STEPS) {
            write(rollupId, entry);
        }
    }

    /**
     * Undoes whatever a failed step did to the rollup's engine: the engine becomes the written state
     * with the steps since then applied again.
     */
    public void rollBack(String rollupId) {
        Live entry = live.remove(rollupId);
        if (entry == null || entry.steps.isEmpty()) {
            return;
        }
        byte[] state = written.get(rollupId);
        RollupEngine rebuilt = state == null ? engine.newRollup(rollupId) : engine.restore(rollupId, state);
        for (Step step : entry.steps) {
            step.accept(rebuilt);
        }
        entry.rollup = rebuilt;
        live.put(rollupId, entry);
    }

    /** Every rollup of this store: written or only live so far, in id order. */
    public List<String> rollupIds() {
        Set<String> ids = new TreeSet<>(live.keySet());
        try (KeyValueIterator<String, byte[]> all = written.all()) {
            all.forEachRemaining(entry -> ids.add(entry.key));
        }
        return List.copyOf(ids);
    }

    /**
     * Writes {@code state} as the rollup's state, replacing its live engine: what restoring the store
     * from its changelog does (tests replay a changelog with it).
     */
    void put(String rollupId, byte[] state) {
        live.remove(rollupId);
        written.put(rollupId, state);
    }

    private void writeChanged() {
        live.forEach((rollupId, entry) -> {
            if (entry.changed) {
                write(rollupId, entry);
            }
        });
    }

    private void write(String rollupId, Live entry) {
        written.put(rollupId, engine.save(entry.rollup));
        entry.changed = false;
        entry.steps.clear();
    }

    /** Makes room: writes the changed engines, then forgets half of the live ones. */
    private void shrink() {
        writeChanged();
        int drop = live.size() / 2;
        for (Iterator<String> it = live.keySet().iterator(); it.hasNext() && drop > 0; drop--) {
            it.next();
            it.remove();
        }
        log.debug("rollup-state: more than {} live engines in one task; dropped half (restored on demand)", MAX_LIVE);
    }

    // --- StateStore ------------------------------------------------------------------------------

    @Override
    public String name() {
        return written.name();
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        live.clear();
        written.init(context, root);
    }

    // --- CachedStateStore: Streams writes caches before committing the transaction ----------------

    /** Writes every rollup that changed since the last write: called before each commit. */
    @Override
    public void flushCache() {
        writeChanged();
    }

    /** Forgets the unwritten engines: the task is closed without a commit (its state is restored). */
    @Override
    public void clearCache() {
        live.clear();
    }

    /** Nothing listens to this store's writes (it forwards nothing downstream). */
    @Override
    public boolean setFlushListener(CacheFlushListener<String, byte[]> listener, boolean sendOldValues) {
        return false;
    }

    @Override
    @SuppressWarnings("deprecation")
    public void flush() {
        writeChanged();
        written.flush();
    }

    @Override
    public void commit(Map<TopicPartition, Long> changelogOffsets) {
        writeChanged();
        written.commit(changelogOffsets);
    }

    @Override
    public Long committedOffset(TopicPartition partition) {
        return written.committedOffset(partition);
    }

    @Override
    public boolean managesOffsets() {
        return written.managesOffsets();
    }

    @Override
    public long approximateNumUncommittedBytes() {
        return written.approximateNumUncommittedBytes();
    }

    @Override
    public void close() {
        live.clear();
        written.close();
    }

    @Override
    public boolean persistent() {
        return written.persistent();
    }

    @Override
    public boolean isOpen() {
        return written.isOpen();
    }

    @Override
    public <R> QueryResult<R> query(Query<R> query, PositionBound positionBound, QueryConfig config) {
        return written.query(query, positionBound, config);
    }

    @Override
    public Position getPosition() {
        return written.getPosition();
    }

    // --- ReadOnlyKeyValueStore: the written states, for interactive queries ---------------------

    @Override
    public byte[] get(String rollupId) {
        return written.get(rollupId);
    }

    @Override
    public KeyValueIterator<String, byte[]> range(String from, String to) {
        return written.range(from, to);
    }

    @Override
    public KeyValueIterator<String, byte[]> all() {
        return written.all();
    }

    @Override
    public long approximateNumEntries() {
        return written.approximateNumEntries();
    }

    private static final class Builder implements StoreBuilder<RollupStateStore> {
        private final String name;
        private final RiskEngine engine;
        private Map<String, String> logConfig = Map.of();
        private boolean logging = true;

        Builder(String name, RiskEngine engine) {
            this.name = name;
            this.engine = engine;
        }

        /** No cache: the live engines are the cache. */
        @Override
        public StoreBuilder<RollupStateStore> withCachingEnabled() {
            return this;
        }

        @Override
        public StoreBuilder<RollupStateStore> withCachingDisabled() {
            return this;
        }

        @Override
        public StoreBuilder<RollupStateStore> withLoggingEnabled(Map<String, String> config) {
            logConfig = Map.copyOf(config);
            logging = true;
            return this;
        }

        @Override
        public StoreBuilder<RollupStateStore> withLoggingDisabled() {
            logging = false;
            return this;
        }

        @Override
        public RollupStateStore build() {
            StoreBuilder<KeyValueStore<String, byte[]>> written = Stores.keyValueStoreBuilder(
                    Stores.persistentKeyValueStore(name), Serdes.String(), Serdes.ByteArray()).withCachingDisabled();
            written = logging ? written.withLoggingEnabled(logConfig) : written.withLoggingDisabled();
            return new RollupStateStore(written.build(), engine);
        }

        @Override
        public Map<String, String> logConfig() {
            return logConfig;
        }

        @Override
        public boolean loggingEnabled() {
            return logging;
        }

        @Override
        public String name() {
            return name;
        }
    }

    @Override
    public String toString() {
        return "RollupStateStore[" + name() + ", " + live.size() + " live]";
    }
}
