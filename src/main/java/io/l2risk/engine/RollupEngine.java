package io.l2risk.engine;

import io.l2risk.avro.AlertCategory;
import io.l2risk.avro.BatchPosted;
import io.l2risk.avro.CategoryLevels;
import io.l2risk.avro.IndicatorSnapshot;
import io.l2risk.avro.IngestProgress;
import io.l2risk.avro.Level;
import io.l2risk.avro.OpenAlert;
import io.l2risk.avro.ProofEvent;
import io.l2risk.avro.RollupRiskStatus;
import io.l2risk.records.IngestRecords;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.apache.avro.specific.SpecificRecord;

/**
 * The risk engine of one rollup: its clock, its indicators, its alert lifecycle and the snapshots and
 * status it publishes. Plain Java, no Kafka types; the Kafka Streams processor keeps one serialized
 * instance per rollup in a state store, the backtest keeps them in memory — both call the same methods
 * in the same order, so they emit the same alerts.
 *
 * <p>Time is L1 time. The clock is the latest L1 time seen on any record of the rollup (a record
 * from the past does not move it back). Absence is noticed whenever the clock moves, so an
 * {@code IngestProgress} heartbeat is enough to detect a missing batch. MONITOR_STALE is computed
 * here: the ingester lagging L1 head (from heartbeats, deterministic), or no heartbeat for a
 * wall-clock while (only through {@link #onWallClock}, which a backtest never calls).
 */
public final class RollupEngine {

    private static final int FORMAT_VERSION = 1;

    /** Ethereum mainnet block time, to express an ingester lag in blocks as time. */
    private static final long SECONDS_PER_L1_BLOCK = 12;

    private final RollupProfile profile;
    private final EngineSettings settings;
    private final List<Indicator> indicators;
    /**
     * Per record type, by its index in {@link IngestRecords#TYPES}, the indices of the indicators that
     * consume it ({@link Indicator#consumes}); at the end, every indicator's.
     */
    private final int[][] consumers;
    private final AlertTracker alerts;
    private final Context context = new Context();

    private final long maxLagBlocks;
    private final Duration staleAfter;

    private Instant clock;
    private Long lastBlock;
    private long outOfOrderRecords;
    private Long lastScannedBlock;
    private Long lastHeadBlock;
    private long lastProgressWallMillis = Long.MIN_VALUE;
    private long wallSilenceSeconds;
    private Instant lastBatchAt;
    private Instant lastStateAt;
    private Instant lastProofAt;

    private final EnumMap<IndicatorKind, Published> published = new EnumMap<>(IndicatorKind.class);
    private String statusSignature = "";
    private Instant statusPublishedAt;
    /**
     * Whether the status's change key may differ from {@link #statusSignature}: a published level
     * changed, or the alerts did ({@link AlertTracker#changes}), since it was last computed. Not
     * persisted: true after a restore.
     */
    private boolean statusKeyStale = true;
    private long statusKeyAlertChanges = -1;

    /**
     * Per indicator, the L1 time (epoch milliseconds) before which its last evaluation stands
     * ({@link Indicator#quietUntil}): it is not evaluated again before then unless a record changes it.
     * Not persisted: a restored engine evaluates every indicator on its first record.
     */
    private final long[] quietUntil;
    /**
     * With {@link RiskEngine#checkingQuiet}, the indicators are evaluated even when quiet and must repeat
     * their last evaluations ({@link #lastEvaluations}), or the engine throws: a test of every
     * {@link Indicator#quietUntil}.
     */
    private final boolean checkQuiet;
    private final List<List<Evaluation>> lastEvaluations;

    RollupEngine(RollupProfile profile, EngineSettings settings, List<Indicator> indicators, boolean checkQuiet) {
        this.profile = Objects.requireNonNull(profile, "profile");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.indicators = List.copyOf(indicators);
        this.quietUntil = new long[this.indicators.size()];
        Arrays.fill(quietUntil, Long.MIN_VALUE);
        this.consumers = new int[IngestRecords.TYPES.size() + 1][];
        for (int type = 0; type < consumers.length; type++) {
            int bit = Indicator.typeBit(type);
            this.consumers[type] = IntStream.range(0, this.indicators.size())
                    .filter(i -> (this.indicators.get(i).consumes() & bit) != 0).toArray();
        }
        this.checkQuiet = checkQuiet;
        this.lastEvaluations = checkQuiet ? new ArrayList<>(java.util.Collections.nCopies(quietUntil.length, List.of()))
                : List.of();
        this.alerts = new AlertTracker(profile.rollupId());
        Params params = profile.params(IndicatorKind.MONITOR_STALE);
        this.maxLagBlocks = params.integer("maxLagBlocks", 50);
        this.staleAfter = params.duration("staleAfter", Duration.ofMinutes(5));
    }

    public String rollupId() {
        return profile.rollupId();
    }

    public RollupProfile profile() {
        return profile;
    }

    /** The rollup's clock (latest L1 time seen), or {@code null} before the first record. */
    public Instant clock() {
        return clock;
    }

    /** Records processed whose L1 time was earlier than the clock. */
    public long outOfOrderRecords() {
        return outOfOrderRecords;
    }

    /**
     * Processes one valid ingest record of this rollup.
     *
     * @param views whether to build the indicator snapshots and status the change publishes; without
     *              them (a backtest, which writes only alerts) the state changes exactly as with them
     */
    EngineOutput process(SpecificRecord record, boolean views) {
        EngineOutput output = new EngineOutput(views);
        Instant time = IngestRecords.eventTime(record);
        if (clock != null && time.isBefore(clock)) {
            outOfOrderRecords++;
            output.outOfOrder = true;
        } else {
            clock = time;
        }
        Long block = blockOf(record);
        if (block != null && (lastBlock == null || block > lastBlock)) {
            lastBlock = block;
        }
        track(record);
        context.block = block != null ? block : lastBlock;
        int type = IngestRecords.TYPES.indexOf(record.getClass());
        if (type < 0) {
            type = IngestRecords.TYPES.size(); // a type the engine does not know reaches every indicator
        }
        // The checking engine gives every record to every indicator, and fails if one that does not
        // consume the record's type says it changed.
        for (int i : consumers[checkQuiet ? IngestRecords.TYPES.size() : type]) {
            Indicator indicator = indicators.get(i);
            if (indicator.onEvent(record, context)) {
                if ((indicator.consumes() & Indicator.typeBit(type)) == 0) {
                    throw new IllegalStateException(indicator.kind() + " of rollup " + profile.rollupId()
                            + " changed on a record of type " + record.getSchema().getName() + ", which it does not consume");
                }
                quietUntil[i] = Long.MIN_VALUE;
            }
        }
        evaluate(output);
        return output;
    }

    /**
     * The topology tells the engine that a progress heartbeat of this rollup arrived at wall-clock
     * {@code wallMillis}. Not called by the backtest.
     */
    void noteProgressArrival(long wallMillis) {
        lastProgressWallMillis = wallMillis;
        wallSilenceSeconds = 0;
    }

    /**
     * Wall-clock punctuation: re-evaluates MONITOR_STALE against the time since the last heartbeat
     * arrived. Emits only when something changes. Not called by the backtest.
     */
    EngineOutput onWallClock(long wallMillis) {
        EngineOutput output = new EngineOutput(true);
        if (clock == null || lastProgressWallMillis == Long.MIN_VALUE) {
            return output;
        }
        long silence = Math.max(0, (wallMillis - lastProgressWallMillis) / 1000);
        Level before = staleLevel();
        wallSilenceSeconds = silence;
        if (staleLevel() != before) {
            context.block = lastBlock;
            evaluate(output);
        }
        return output;
    }

    private void track(SpecificRecord record) {
        if (record instanceof BatchPosted batch) {
            lastBatchAt = later(lastBatchAt, batch.getSource().getBlockTime());
        } else if (record instanceof ProofEvent proof) {
            Instant time = proof.getSource().getBlockTime();
            switch (proof.getKind()) {
                case STATE_PROPOSED -> lastStateAt = later(lastStateAt, time);
                case PROOF_VERIFIED, STATE_FINALIZED -> lastProofAt = later(lastProofAt, time);
                default -> {
                }
            }
        } else if (record instanceof IngestProgress progress) {
            if (lastScannedBlock == null || progress.getScannedThroughBlock() >= lastScannedBlock) {
                lastScannedBlock = progress.getScannedThroughBlock();
                lastHeadBlock = progress.getL1HeadBlock();
            }
        }
    }

    private void evaluate(EngineOutput output) {
        Instant now = clock;
        long nowMillis = now.toEpochMilli();
        List<Evaluation> step = new ArrayList<>(4);
        Level staleLevel = staleLevel();
        boolean wasStale = context.stale;
        context.stale = staleLevel != Level.OK;
        if (context.stale != wasStale) {
            // Absence-based indicators pause and resume; any indicator may read ctx.stale().
            Arrays.fill(quietUntil, Long.MIN_VALUE);
        }
        if (staleLevel != Level.OK || alerts.hasOpen(IndicatorKind.MONITOR_STALE) || staleSnapshotMayChange(now)) {
            apply(List.of(staleEvaluation()), Duration.ZERO, now, output);
        }
        for (int i = 0; i < quietUntil.length; i++) {
            Indicator indicator = indicators.get(i);
            if (context.stale && indicator.absenceBased()) {
                continue;
            }
            boolean quiet = nowMillis < quietUntil[i];
            if (quiet && !checkQuiet) {
                continue; // it would say again what it said last, and nothing would come of it
            }
            step.clear();
            indicator.evaluate(context, step);
            for (int j = 0; j < step.size(); j++) {
                if (step.get(j).kind() != indicator.kind()) {
                    throw new IllegalStateException(indicator.getClass().getSimpleName() + " evaluated " + step.get(j).kind());
                }
            }
            if (checkQuiet) {
                checkRepeated(i, quiet, step);
            }
            alerts.resolveMissing(indicator.kind(), step, indicator.clearAfter(), now, context.block, output.alerts);
            Evaluation worst = apply(step, indicator.clearAfter(), now, output);
            quietUntil[i] = quietUntil(indicator, worst, nowMillis);
        }
        publishStatus(now, output);
    }

    /**
     * Until when {@code indicator}'s evaluation just applied stands: never past a change it foresees
     * ({@link Indicator#quietUntil}), nor past a due snapshot refresh of a value that has moved since
     * it was published; not at all while anything is not OK or an alert of its kind is open (alerts
     * need every evaluation: hysteresis, summaries).
     */
    private long quietUntil(Indicator indicator, Evaluation worst, long nowMillis) {
        if (worst != null && worst.level() != Level.OK || alerts.hasOpen(indicator.kind())) {
            return Long.MIN_VALUE;
        }
        long until = indicator.quietUntil(context);
        if (until <= nowMillis) {
            return Long.MIN_VALUE;
        }
        Published last = worst == null ? null : published.get(worst.kind());
        if (last != null && (indicator.valuesFollowClock() || last.value != worst.value())) {
            until = Math.min(until, refreshAtMillis(last.at));
        }
        return until;
    }

    /** With {@link #checkQuiet}: a quiet indicator must have repeated its last evaluations. */
    private void checkRepeated(int index, boolean quiet, List<Evaluation> step) {
        Indicator indicator = indicators.get(index);
        List<Evaluation> before = lastEvaluations.get(index);
        lastEvaluations.set(index, List.copyOf(step));
        if (!quiet) {
            return;
        }
        boolean same = before.size() == step.size() && (!indicator.valuesFollowClock() || step.size() <= 1);
        for (int j = 0; same && j < step.size(); j++) {
            Evaluation a = before.get(j);
            Evaluation b = step.get(j);
            same = Objects.equals(a.subject(), b.subject()) && a.level() == b.level()
                    && Double.compare(a.threshold(), b.threshold()) == 0
                    && (indicator.valuesFollowClock() || Double.compare(a.value(), b.value()) == 0);
        }
        if (!same) {
            throw new IllegalStateException(indicator.kind() + " of rollup " + rollupId() + " was quiet until "
                    + (quietUntil[index] == Long.MAX_VALUE ? "a record changed it" : Instant.ofEpochMilli(quietUntil[index]))
                    + ", but at " + clock + " evaluated " + numbers(step) + " instead of " + numbers(before));
        }
    }

    private static String numbers(List<Evaluation> evaluations) {
        return evaluations.stream().map(e -> e.subject() + "=" + e.level() + " " + e.value() + "/" + e.threshold())
                .toList().toString();
    }

    /**
     * Evaluates the quiet indicators once more, discarding what they say (it is what they said last):
     * their evaluations may keep derived state current (a rolling baseline's time), which the saved
     * state must show as an engine that never skipped would have it.
     */
    private void settle() {
        if (clock == null) {
            return;
        }
        long nowMillis = clock.toEpochMilli();
        List<Evaluation> discarded = new ArrayList<>(4);
        for (int i = 0; i < quietUntil.length; i++) {
            Indicator indicator = indicators.get(i);
            if (nowMillis < quietUntil[i] && !(context.stale && indicator.absenceBased())) {
                discarded.clear();
                indicator.evaluate(context, discarded);
            }
        }
    }

    /** Applies the evaluations of one indicator (or MONITOR_STALE); the worst of them, if any. */
    private Evaluation apply(List<Evaluation> evaluations, Duration clearAfter, Instant now, EngineOutput output) {
        Evaluation worst = null;
        for (int i = 0; i < evaluations.size(); i++) {
            Evaluation evaluation = evaluations.get(i);
            alerts.apply(evaluation, clearAfter, now, context.block, output.alerts);
            if (worst == null || worse(evaluation, worst)) {
                worst = evaluation;
            }
        }
        if (worst != null) {
            publishSnapshot(worst, evaluations.size(), now, output);
        }
        return worst;
    }

    /** MONITOR_STALE's level: the worse of the wall-clock silence and the ingester's lag behind L1 head. */
    private Level staleLevel() {
        return max(wallLevel(), lagLevel(lagBlocks()));
    }

    /**
     * Whether an OK MONITOR_STALE evaluation would publish a snapshot (see {@link #publishSnapshot}); when
     * it would not, and no alert of it is open, applying it changes nothing and it is not even made.
     */
    private boolean staleSnapshotMayChange(Instant now) {
        Published last = published.get(IndicatorKind.MONITOR_STALE);
        return last == null || last.level != Level.OK || last.threshold != maxLagBlocks
                || last.value != lagBlocks() && refreshDue(last.at, now);
    }

    private long lagBlocks() {
        return lastScannedBlock == null || lastHeadBlock == null ? 0 : Math.max(0, lastHeadBlock - lastScannedBlock);
    }

    private Level wallLevel() {
        long staleSeconds = staleAfter.toSeconds();
        return wallSilenceSeconds > 3 * staleSeconds ? Level.CRITICAL
                : wallSilenceSeconds > staleSeconds ? Level.WARNING : Level.OK;
    }

    private Level lagLevel(long lagBlocks) {
        return lagBlocks > 4 * maxLagBlocks ? Level.CRITICAL : lagBlocks > maxLagBlocks ? Level.WARNING : Level.OK;
    }

    private Evaluation staleEvaluation() {
        long lagBlocks = lagBlocks();
        long staleSeconds = staleAfter.toSeconds();
        Level wallLevel = wallLevel();
        Level lagLevel = lagLevel(lagBlocks);
        Long scanned = lastScannedBlock;
        Long head = lastHeadBlock;
        Supplier<Map<String, String>> evidence = () -> scanned == null ? Map.of()
                : Map.of("scannedThroughBlock", scanned.toString(), "l1HeadBlock", head.toString());
        if (wallLevel.ordinal() >= lagLevel.ordinal() && wallLevel != Level.OK) {
            long silence = wallSilenceSeconds;
            return Evaluation.lazy(IndicatorKind.MONITOR_STALE, null, wallLevel, silence, staleSeconds, "seconds",
                    lastBlock, () -> new Evaluation.Words("No ingest heartbeat for "
                            + Text.duration(Duration.ofSeconds(silence)) + " of wall-clock time (threshold "
                            + Text.duration(staleAfter) + "); liveness indicators are paused until data flows again.",
                            evidence.get()));
        }
        if (lagLevel != Level.OK) {
            return Evaluation.lazy(IndicatorKind.MONITOR_STALE, null, lagLevel, lagBlocks, maxLagBlocks, "blocks",
                    lastBlock, () -> new Evaluation.Words("The ingester is " + lagBlocks + " blocks (about "
                            + Text.duration(Duration.ofSeconds(lagBlocks * SECONDS_PER_L1_BLOCK)) + ") behind L1 head "
                            + "(threshold " + maxLagBlocks + " blocks); liveness indicators are paused until it "
                            + "catches up.", evidence.get()));
        }
        return Evaluation.lazy(IndicatorKind.MONITOR_STALE, null, Level.OK, lagBlocks, maxLagBlocks, "blocks", lastBlock,
                () -> new Evaluation.Words("Ingest is current: " + lagBlocks + " blocks behind L1 head.", evidence.get()));
    }

    private void publishSnapshot(Evaluation worst, int subjects, Instant now, EngineOutput output) {
        Published last = published.get(worst.kind());
        boolean changed = last == null || last.level != worst.level() || last.threshold != worst.threshold();
        boolean refreshed = !changed && last.value != worst.value() && refreshDue(last.at, now);
        if (!changed && !refreshed) {
            return;
        }
        if (last == null || last.level != worst.level()) {
            statusKeyStale = true;
        }
        published.put(worst.kind(), new Published(worst.level(), worst.value(), worst.threshold(), now));
        if (!output.views) {
            return;
        }
        output.snapshots.add(IndicatorSnapshot.newBuilder()
                .setRollupId(profile.rollupId())
                .setIndicator(worst.kind().name())
                .setLevel(worst.level())
                .setValue(worst.value())
                .setThreshold(worst.threshold())
                .setUnit(worst.unit())
                .setUpdatedAt(now)
                .setSummary(worst.summary())
                .setDetails(subjects > 1 || worst.subject() != null ? details(worst.subject(), subjects) : Map.of())
                .build());
    }

    /** A snapshot's details, in key order (as Avro writes a map in its iteration order). */
    private static Map<String, String> details(String subject, int subjects) {
        Map<String, String> details = new LinkedHashMap<>(4);
        details.put("subject", String.valueOf(subject));
        details.put("subjects", Integer.toString(subjects));
        return details;
    }

    /** Whether a snapshot interval has passed since {@code publishedAt} (L1 times, whole milliseconds). */
    private boolean refreshDue(Instant publishedAt, Instant now) {
        return now.toEpochMilli() >= refreshAtMillis(publishedAt);
    }

    /** When (epoch milliseconds) a snapshot or status published at {@code publishedAt} is due a refresh. */
    private long refreshAtMillis(Instant publishedAt) {
        return publishedAt.toEpochMilli() + settings.snapshotInterval().toMillis();
    }

    private void publishStatus(Instant now, EngineOutput output) {
        boolean refreshed = statusPublishedAt == null || refreshDue(statusPublishedAt, now);
        // The change key is made of the published levels and the open alerts: unless one of them has
        // changed since it was last computed, it still equals statusSignature.
        boolean keyMayDiffer = statusKeyStale || statusKeyAlertChanges != alerts.changes();
        if (!refreshed && !keyMayDiffer) {
            return;
        }
        EnumMap<AlertCategory, Level> levels = keyMayDiffer || output.views ? levelsByCategory() : null;
        if (keyMayDiffer) {
            statusKeyStale = false;
            statusKeyAlertChanges = alerts.changes();
            // A cheap change key: the six category levels, then each open alert and its severity.
            StringBuilder signature = new StringBuilder(64);
            levels.values().forEach(level -> signature.append(level.ordinal()));
            alerts.appendSignature(signature);
            boolean changed = !statusSignature.contentEquals(signature);
            if (!changed && !refreshed) {
                return;
            }
            if (changed) {
                statusSignature = signature.toString();
            }
        }
        statusPublishedAt = now;
        if (output.views) {
            output.status = status(categoryLevels(levels), alerts.openAlerts(), now);
        }
    }

    private RollupRiskStatus status(CategoryLevels levels, List<OpenAlert> open, Instant now) {
        Level overall = max(max(max(levels.getLiveness(), levels.getDataAvailability()),
                max(levels.getStateValidation(), levels.getBridge())), max(levels.getGovernance(), levels.getMonitor()));
        return RollupRiskStatus.newBuilder()
                .setRollupId(profile.rollupId())
                .setLevel(overall)
                .setCategoryLevels(levels)
                .setOpenAlerts(open)
                .setLastBatchAt(lastBatchAt)
                .setLastStateAt(lastStateAt)
                .setLastProofAt(lastProofAt)
                .setUpdatedAt(now)
                .build();
    }

    // --- read-only views (status API); none of them changes the state ------------------------

    /**
     * The rollup's risk picture now, as {@code risk.status} would carry it if it were published at
     * this moment: levels from the last published indicator snapshots, the open alerts, the last
     * batch, state and proof times; {@code updatedAt} = the rollup's clock (the epoch before its
     * first record).
     */
    public RollupRiskStatus currentStatus() {
        return status(categoryLevels(), alerts.openAlerts(), clock == null ? Instant.EPOCH : clock);
    }

    /** The last published snapshot of every indicator that has published one, in {@link IndicatorKind} order. */
    public List<IndicatorLevel> indicatorLevels() {
        List<IndicatorLevel> levels = new ArrayList<>(published.size());
        published.forEach((kind, last) -> levels.add(new IndicatorLevel(kind, last.level, last.value, last.threshold,
                last.at)));
        return levels;
    }

    /** The open alerts, oldest first. */
    public List<OpenAlertState> openAlerts() {
        return alerts.openAlertStates();
    }

    private CategoryLevels categoryLevels() {
        return categoryLevels(levelsByCategory());
    }

    /** The worst published level of each category, in {@link AlertCategory} order. */
    private EnumMap<AlertCategory, Level> levelsByCategory() {
        EnumMap<AlertCategory, Level> levels = new EnumMap<>(AlertCategory.class);
        for (AlertCategory category : AlertCategory.values()) {
            levels.put(category, Level.OK);
        }
        published.forEach((kind, last) -> levels.merge(kind.category(), last.level, RollupEngine::max));
        return levels;
    }

    private static CategoryLevels categoryLevels(EnumMap<AlertCategory, Level> levels) {
        return CategoryLevels.newBuilder()
                .setLiveness(levels.get(AlertCategory.LIVENESS))
                .setDataAvailability(levels.get(AlertCategory.DATA_AVAILABILITY))
                .setStateValidation(levels.get(AlertCategory.STATE_VALIDATION))
                .setBridge(levels.get(AlertCategory.BRIDGE))
                .setGovernance(levels.get(AlertCategory.GOVERNANCE))
                .setMonitor(levels.get(AlertCategory.MONITOR))
                .build();
    }

    // --- state ------------------------------------------------------------------------------

    /** Serializes the whole state of this rollup. */
    byte[] save() {
        settle();
        StateBytes.Output bytes = new StateBytes.Output(16 * 1024);
        StateBytes.Output own = new StateBytes.Output(4 * 1024);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT_VERSION);
            StateIO.writeInstant(out, clock);
            StateIO.writeNullableLong(out, lastBlock);
            out.writeLong(outOfOrderRecords);
            StateIO.writeNullableLong(out, lastScannedBlock);
            StateIO.writeNullableLong(out, lastHeadBlock);
            out.writeLong(lastProgressWallMillis);
            out.writeLong(wallSilenceSeconds);
            StateIO.writeInstant(out, lastBatchAt);
            StateIO.writeInstant(out, lastStateAt);
            StateIO.writeInstant(out, lastProofAt);
            out.writeUTF(statusSignature);
            StateIO.writeInstant(out, statusPublishedAt);
            out.writeByte(published.size());
            for (Map.Entry<IndicatorKind, Published> entry : published.entrySet()) {
                out.writeUTF(entry.getKey().name());
                entry.getValue().write(out);
            }
            alerts.writeState(out);
            out.writeByte(indicators.size());
            for (Indicator indicator : indicators) {
                // Length-prefixed per indicator, so a later version can skip one it no longer has.
                own.reset();
                DataOutputStream ownOut = new DataOutputStream(own);
                indicator.writeState(ownOut);
                ownOut.flush();
                out.writeUTF(indicator.kind().name());
                out.writeInt(own.size());
                own.writeTo(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialize the state of rollup " + rollupId(), e);
        }
        return bytes.toByteArray();
    }

    /** Restores the state written by {@link #save}. */
    void restore(byte[] state) {
        StateBytes.Input bytes = new StateBytes.Input(state);
        try (DataInputStream in = new DataInputStream(bytes)) {
            int version = in.readUnsignedByte();
            if (version != FORMAT_VERSION) {
                throw new IOException("unknown state format version " + version);
            }
            clock = StateIO.readInstant(in);
            lastBlock = StateIO.readNullableLong(in);
            outOfOrderRecords = in.readLong();
            lastScannedBlock = StateIO.readNullableLong(in);
            lastHeadBlock = StateIO.readNullableLong(in);
            lastProgressWallMillis = in.readLong();
            wallSilenceSeconds = in.readLong();
            lastBatchAt = StateIO.readInstant(in);
            lastStateAt = StateIO.readInstant(in);
            lastProofAt = StateIO.readInstant(in);
            statusSignature = in.readUTF();
            statusPublishedAt = StateIO.readInstant(in);
            statusKeyStale = true;
            published.clear();
            int snapshots = in.readUnsignedByte();
            for (int i = 0; i < snapshots; i++) {
                published.put(IndicatorKind.valueOf(in.readUTF()), Published.read(in));
            }
            alerts.readState(in);
            int count = in.readUnsignedByte();
            Map<String, Indicator> byName = new java.util.HashMap<>();
            indicators.forEach(i -> byName.put(i.kind().name(), i));
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                int length = in.readInt();
                if (length < 0 || length > bytes.available()) {
                    throw new IOException("indicator " + name + " claims " + length + " bytes, " + bytes.available()
                            + " are left");
                }
                Indicator indicator = byName.get(name);
                if (indicator != null) {
                    indicator.readState(new DataInputStream(new StateBytes.Input(state, bytes.position(), length)));
                }
                in.skipNBytes(length);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restore the state of rollup " + rollupId() + ": " + e.getMessage(), e);
        }
    }

    // --- helpers ----------------------------------------------------------------------------

    private static Long blockOf(SpecificRecord record) {
        if (record instanceof IngestProgress progress) {
            return progress.getScannedThroughBlock();
        }
        io.l2risk.avro.Source source = null;
        if (record instanceof BatchPosted r) {
            source = r.getSource();
        } else if (record instanceof ProofEvent r) {
            source = r.getSource();
        } else if (record instanceof io.l2risk.avro.BridgeEvent r) {
            source = r.getSource();
        } else if (record instanceof io.l2risk.avro.DaObservation r) {
            source = r.getSource();
        }
        return source == null ? null : source.getBlockNumber();
    }

    private static Instant later(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }

    static Level max(Level a, Level b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }

    private static boolean worse(Evaluation a, Evaluation b) {
        if (a.level() != b.level()) {
            return a.level().ordinal() > b.level().ordinal();
        }
        double ra = a.threshold() == 0 ? a.value() : a.value() / a.threshold();
        double rb = b.threshold() == 0 ? b.value() : b.value() / b.threshold();
        return ra > rb;
    }

    private record Published(Level level, double value, double threshold, Instant at) {
        void write(DataOutput out) throws IOException {
            out.writeByte(level.ordinal());
            out.writeDouble(value);
            out.writeDouble(threshold);
            StateIO.writeInstant(out, at);
        }

        static Published read(DataInput in) throws IOException {
            return new Published(Level.values()[in.readUnsignedByte()], in.readDouble(), in.readDouble(),
                    StateIO.readInstant(in));
        }
    }

    private final class Context implements RollupContext {
        Long block;
        boolean stale;

        @Override
        public RollupProfile profile() {
            return profile;
        }

        @Override
        public Instant now() {
            return clock;
        }

        @Override
        public Long l1Block() {
            return block;
        }

        @Override
        public boolean stale() {
            return stale;
        }
    }
}
