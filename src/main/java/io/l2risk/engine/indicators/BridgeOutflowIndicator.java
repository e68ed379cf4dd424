package io.l2risk.engine.indicators;

import io.l2risk.avro.BridgeEvent;
import io.l2risk.avro.Level;
import io.l2risk.engine.Evaluation;
import io.l2risk.engine.Indicator;
import io.l2risk.engine.IndicatorKind;
import io.l2risk.engine.RollupContext;
import io.l2risk.engine.RollupProfile;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;

/**
 * BRIDGE_OUTFLOW — how much leaves the bridge, against the bridge's own history.
 *
 * <p><b>What it measures.</b> Every {@code WITHDRAWAL_FINALIZED} (funds released from L1 escrow; one
 * with {@code details.success = "false"} released nothing and is skipped) adds one to the subject
 * {@code count} and its {@code amount} to its token's subject ({@code ETH} when {@code token} is null,
 * else the lower-case token address). {@code WITHDRAWAL_PROVEN} does not count: on two-step bridges it
 * precedes the same release by the proof window and would count every withdrawal twice; a proof that
 * nobody initiated is FORGED_WITHDRAWAL's job. Each subject keeps exact {@link BigInteger} totals over
 * rolling windows of 10 min, 1 h and 24 h ({@link OutflowWindow}), and per window a baseline: a
 * decaying log histogram of that window's non-zero totals, sampled each time a slot closes. At most
 * {@code maxTokens} (32) tokens are tracked, first come; a token idle for {@code tokenIdleAfter} (30 d)
 * frees its slot; withdrawals of further tokens count under the subject {@code other}.
 *
 * <p><b>Default rule</b> (per subject; the worst finding decides; all parameters under
 * {@code thresholds.BRIDGE_OUTFLOW}):
 * <ul>
 *   <li><b>Baseline</b>, once the subject has {@code warmup} (7 d) of history and {@code minWithdrawals}
 *       (20): ratio = window total ÷ the window's usual maximum, the {@code quantile} (0.999) of its past
 *       totals. Counts are near-Poisson: WARNING at {@code countWarningRatio} 3×, CRITICAL at
 *       {@code countCriticalRatio} 5× (reference at least {@code minCountReference} 3). Amounts are
 *       heavy-tailed — a whale can be thousands of times the median — so WARNING an order of
 *       magnitude above, at {@code amountWarningRatio} 10×, and CRITICAL only at
 *       {@code amountCriticalRatio} 50× (Ronin's
 *       173,600 WETH was ~1000× a busy bridge's usual 10-minute maximum). A token with fewer than
 *       {@code matureWithdrawals} (200) does not know its own tail yet: its reference is at least its
 *       median 10-minute total times the tail (usual maximum ÷ median) of the bridge's mature tokens
 *       ({@code defaultTailFactor} 100 until one is mature).</li>
 *   <li><b>Repetition</b>: {@code repeatCritical} (3) withdrawals of one token within the 1 h window,
 *       each at least that token's usual 10-minute maximum, are CRITICAL. Whales come alone; a drain
 *       repeats (Nomad's exploit transaction was replayed hundreds of times, incidents.md B1).</li>
 *   <li><b>Corroboration</b>: when {@code corroborate} (2) subjects are anomalous at once on the 10 min
 *       or 1 h window, their WARNINGs become CRITICAL: a drain moves several tokens, or tokens and the
 *       count, together (Ronin: WETH and USDC two minutes apart, incidents.md B2).</li>
 *   <li><b>Cold start</b> (no trusted baseline yet): the static limits of
 *       {@link OutflowLimits#COLD_DEFAULTS} for counts, ETH, WETH, USDC, USDT, DAI and WBTC (overridable
 *       as {@code coldLimit.<subject>.<window>.<warning|critical>}).</li>
 *   <li><b>Absolute limits</b> {@code limit.<subject>.<window>.<warning|critical>} in base units,
 *       always applied (none by default).</li>
 *   <li><b>Share of escrow</b> (off by default: small escrows of long-tail tokens make it noisy): with
 *       {@code escrowShareWarning} / {@code escrowShareCritical} set and an {@code ESCROW_BALANCE}
 *       reading (balance in {@code amount}) at most {@code escrowMaxAge} (2 d) old, the 1 h outflow as
 *       a share of the estimated balance at the window's start (base/pessimism alerts on a withdrawal
 *       ≥ a fraction of the portal balance, anchors.md A2).</li>
 * </ul>
 * Baselines halve every {@code halfLife} (30 d), so they follow the bridge as its traffic changes;
 * a window's samples join them only after an hour, and not at all while any subject is CRITICAL nor
 * from a subject's CRITICAL until it is back to OK, so an unfolding drain never raises its own
 * reference.
 * Alerts resolve after {@code clearAfter} (30 min) back within bounds. State is bounded: per subject
 * 40 ring slots and three histograms (a few dozen non-empty buckets in practice, 1024 at most).
 */
public final class BridgeOutflowIndicator extends Indicator {

    private static final long MINUTES_PER_DAY = 1440;

    private final OutflowParams params;
    private final OutflowRule rule;

    /** Minute (L1 epoch minutes) the windows stand at; {@link Long#MIN_VALUE} before the first record. */
    private long head = Long.MIN_VALUE;
    private OutflowSeries count = new OutflowSeries(OutflowText.COUNT);
    private OutflowSeries other = new OutflowSeries(OutflowText.OTHER);
    private final TreeMap<String, OutflowSeries> tokens = new TreeMap<>();

    /** The last evaluation's sentences and evidence, reused until a record or a minute changes them. */
    private final List<Evaluation> cached = new ArrayList<>();
    /** What each {@link #cached} evaluation was made from. */
    private final List<Made> made = new ArrayList<>();
    /** Minute (like {@link #head}) the {@link #cached} words were made for. */
    private long cachedMinute = Long.MIN_VALUE;
    /** Something a judgement depends on changed since the last {@link #recompute}, besides the clock. */
    private boolean dirty = true;
    /**
     * When (L1 epoch milliseconds) the clock alone first changes a judgement made at the last
     * {@link #recompute}: a subject's warm-up ends, or its escrow reading grows too old. Not persisted.
     */
    private long judgedUntilMillis = Long.MIN_VALUE;
    /** Reused by {@link #recompute}: the subjects, and their findings before corroboration. */
    private final List<OutflowSeries> subjects = new ArrayList<>();
    private final List<OutflowRule.Finding> findings = new ArrayList<>();

    /**
     * {@link #tailFactor()} as last computed, valid unless {@link #tailStale}: a token's baseline or
     * withdrawals changed, or the tokens did, since. Not persisted.
     */
    private double tailFactor;
    private boolean tailStale = true;

    /**
     * A series' last finding (before corroboration) and what it was judged on ({@link OutflowRule#assess}
     * is a function of these): a series is judged again only when one of them changed, most minutes
     * none has. Kept on the series ({@link OutflowSeries#judgement}), not persisted: a restored state
     * judges every series again.
     */
    record Judgement(OutflowRule.Finding finding, long changes, boolean warm, boolean escrowFresh,
                     double tailFactor) {
    }

    /** A series and its finding (after corroboration); whether its words read the clock (it is still learning). */
    private record Made(OutflowSeries series, OutflowRule.Finding finding, boolean readsClock) {
    }

    public BridgeOutflowIndicator(RollupProfile profile) {
        super(IndicatorKind.BRIDGE_OUTFLOW);
        this.params = OutflowParams.of(profile);
        this.rule = new OutflowRule(params);
    }

    @Override
    public Duration clearAfter() {
        return params.clearAfter();
    }

    @Override
    public boolean onEvent(SpecificRecord event, RollupContext ctx) {
        advance(ctx.now());
        if (event instanceof BridgeEvent bridge) {
            switch (bridge.getKind()) {
                case WITHDRAWAL_FINALIZED -> withdrawal(bridge);
                case ESCROW_BALANCE -> escrow(bridge);
                default -> {
                }
            }
        }
        // Most minutes change no series: the findings stand until a record or the clock changes a judgement.
        return judgementsStale();
    }

    /** Whether a judgement may have changed since the last {@link #recompute}: by a record or by the clock. */
    private boolean judgementsStale() {
        return dirty || head * 60_000 >= judgedUntilMillis;
    }

    private void withdrawal(BridgeEvent event) {
        if ("false".equalsIgnoreCase(event.getDetails().get("success"))) {
            return;
        }
        Instant time = event.getSource().getBlockTime();
        long minute = Math.floorDiv(time.getEpochSecond(), 60);
        String tx = event.getSource().getTxHash();
        dirty = true;
        count.add(BigInteger.ONE, minute, head, time, tx, Double.POSITIVE_INFINITY);
        OutflowSeries series = token(tokenSubject(event));
        if (series == null) {
            other.add(BigInteger.ONE, minute, head, time, tx, Double.POSITIVE_INFINITY);
        } else if (event.getAmount() != null) {
            remember(series, event);
            double largeFrom = rule.warm(series, time)
                    ? rule.reference(series, OutflowWindow.TEN_MINUTES, tailFactor()) : Double.POSITIVE_INFINITY;
            series.add(new BigInteger(event.getAmount()), minute, head, time, tx, largeFrom);
            tailStale = true;
        }
    }

    private void escrow(BridgeEvent event) {
        if (event.getAmount() == null) {
            return;
        }
        OutflowSeries series = token(tokenSubject(event));
        if (series != null) {
            dirty = true;
            remember(series, event);
            series.escrowReading(new BigInteger(event.getAmount()), event.getSource().getBlockTime());
        }
    }

    private static String tokenSubject(BridgeEvent event) {
        return event.getToken() == null ? OutflowText.ETH : event.getToken().toLowerCase(Locale.ROOT);
    }

    /** The subject's series, created while fewer than {@code maxTokens} are tracked; else {@code null}. */
    private OutflowSeries token(String subject) {
        OutflowSeries series = tokens.get(subject);
        if (series == null && tokens.size() < params.maxTokens()) {
            series = new OutflowSeries(subject);
            tokens.put(subject, series);
            tailStale = true;
        }
        return series;
    }

    private static void remember(OutflowSeries series, BridgeEvent event) {
        String symbol = event.getDetails().get("symbol");
        if (symbol != null && !symbol.isBlank() && symbol.length() <= 16) {
            series.symbol = symbol;
        }
        String decimals = event.getDetails().get("decimals");
        if (decimals != null && decimals.matches("[0-9]{1,2}")) {
            series.decimals = Integer.valueOf(decimals);
        }
    }

    /**
     * Moves every window to the clock's minute, sampling closed slots into the baselines; marks the
     * indicator {@link #dirty} if that changed anything judged.
     */
    private void advance(Instant now) {
        long minute = Math.floorDiv(now.getEpochSecond(), 60);
        if (head == Long.MIN_VALUE) {
            head = minute;
            dirty = true;
            return;
        }
        if (minute <= head) {
            return;
        }
        long from = head;
        boolean changed = advance(count, from, minute);
        changed |= advance(other, from, minute);
        for (OutflowSeries s : tokens.values()) {
            boolean tokenChanged = advance(s, from, minute);
            tailStale |= tokenChanged;
            changed |= tokenChanged;
        }
        head = minute;
        if (Math.floorDiv(minute, MINUTES_PER_DAY) != Math.floorDiv(from, MINUTES_PER_DAY)) {
            changed |= evictIdleTokens(now);
        }
        dirty |= changed;
    }

    /**
     * Moves one series from minute {@code from} to {@code to}: each minute begins in turn until it is
     * {@linkplain OutflowSeries#quiescent quiescent}; then minutes change nothing, so it jumps, keeping
     * only the forgetting on schedule. Whether anything judged changed.
     */
    private boolean advance(OutflowSeries series, long from, long to) {
        long halfLifeMinutes = params.halfLifeMinutes();
        boolean changed = false;
        long t = from + 1;
        for (; t <= to && !series.quiescent(); t++) {
            changed |= series.startMinute(t);
            if (Math.floorMod(t, halfLifeMinutes) == 0) {
                series.halve();
                changed = true;
            }
        }
        if (t <= to) {
            for (long h = Math.floorDiv(to, halfLifeMinutes) - Math.floorDiv(t - 1, halfLifeMinutes); h > 0; h--) {
                series.halve();
                changed = true;
            }
        }
        return changed;
    }

    /** Drops the tokens idle for {@code tokenIdleAfter}; whether there were any. */
    private boolean evictIdleTokens(Instant now) {
        boolean evicted = false;
        Instant cutoff = now.minus(params.tokenIdleAfter());
        for (Iterator<OutflowSeries> it = tokens.values().iterator(); it.hasNext(); ) {
            OutflowSeries s = it.next();
            Instant last = s.lastAt;
            if (s.escrowAt != null && (last == null || s.escrowAt.isAfter(last))) {
                last = s.escrowAt;
            }
            if (s.idle() && (last == null || last.isBefore(cutoff))) {
                it.remove();
                tailStale = true;
                evicted = true;
            }
        }
        return evicted;
    }

    // --- evaluation -------------------------------------------------------------------------------

    /** The findings change only with records and the clock, and {@link #onEvent} reports both. */
    @Override
    public long quietUntil(RollupContext ctx) {
        return Long.MAX_VALUE;
    }

    @Override
    public void evaluate(RollupContext ctx, List<Evaluation> out) {
        if (head == Long.MIN_VALUE) {
            return;
        }
        // The picture changes only with records and minutes: judge at the minute, so a restored
        // state (which recomputes) says exactly what the running one said.
        Instant now = Instant.ofEpochSecond(head * 60);
        if (judgementsStale()) {
            recompute(now);
            dirty = false;
        } else if (cachedMinute != head) {
            // Every finding stands; only the words of a subject still learning say how long it has been.
            for (int i = 0; i < cached.size(); i++) {
                Made m = made.get(i);
                if (m.readsClock()) {
                    cached.set(i, build(m.series(), m.finding(), now));
                }
            }
        }
        cachedMinute = head;
        out.addAll(cached); // without an L1 block: an alert takes the block of the record that raised it
    }

    private void recompute(Instant now) {
        subjects.clear();
        findings.clear();
        if (count.firstAt != null) {
            subjects.add(count);
        }
        if (other.firstAt != null) {
            subjects.add(other);
        }
        subjects.addAll(tokens.values());
        double tailFactor = tailFactor();
        List<String> anomalous = List.of();
        for (int i = 0; i < subjects.size(); i++) {
            OutflowSeries series = subjects.get(i);
            boolean warm = rule.warm(series, now);
            boolean escrowFresh = rule.escrowFresh(series, now);
            Judgement last = series.judgement;
            if (last == null || last.changes != series.changes || last.warm != warm || last.escrowFresh != escrowFresh
                    || Double.compare(last.tailFactor, tailFactor) != 0) {
                last = new Judgement(rule.assess(series, now, tailFactor), series.changes, warm, escrowFresh, tailFactor);
                series.judgement = last;
            }
            OutflowRule.Finding finding = last.finding; // shared with the judgement: copied before a change
            findings.add(finding);
            if (finding.fastAnomaly()) {
                if (anomalous.isEmpty()) {
                    anomalous = new ArrayList<>();
                }
                anomalous.add(name(series));
            }
        }
        cached.clear();
        made.clear();
        judgedUntilMillis = Long.MAX_VALUE;
        boolean incident = false;
        for (int i = 0; i < subjects.size(); i++) {
            OutflowSeries series = subjects.get(i);
            OutflowRule.Finding f = findings.get(i);
            if (f.level == Level.WARNING && f.fastAnomaly() && anomalous.size() >= params.corroborate()) {
                // Whales come one at a time; a drain moves several tokens, or tokens and the count, at once.
                String self = name(series);
                f = f.copy();
                f.level = Level.CRITICAL;
                f.corroboratedBy = String.join(", ", anomalous.stream().filter(n -> !n.equals(self)).toList());
            }
            // A subject stops learning at CRITICAL and resumes only once back to OK: the tail of a drain
            // (still WARNING in the 24 h window) must not become "usual" either.
            if (f.level == Level.CRITICAL) {
                series.critical = true;
                incident = true;
            } else if (f.level == Level.OK) {
                series.critical = false;
            }
            cached.add(build(series, f, now));
            boolean warm = series.judgement.warm();
            made.add(new Made(series, f, !warm && f.level == Level.OK));
            judgedUntilMillis = Math.min(judgedUntilMillis, judgedUntil(series, warm, series.judgement.escrowFresh()));
        }
        // While any subject is CRITICAL the bridge is in an incident: no subject learns from it.
        for (int i = 0; i < subjects.size(); i++) {
            OutflowSeries series = subjects.get(i);
            series.learning(!incident && !series.critical);
        }
    }

    /**
     * When the clock alone first changes what {@code series} was judged on: its warm-up ends (once it
     * has seen enough withdrawals, which only records add), or its fresh escrow reading grows too old.
     */
    private long judgedUntil(OutflowSeries series, boolean warm, boolean escrowFresh) {
        long until = Long.MAX_VALUE;
        if (!warm && series.firstAt != null && series.withdrawalsSeen() >= params.minWithdrawals()) {
            until = series.firstAt.plus(params.warmup()).toEpochMilli();
        }
        if (escrowFresh) {
            until = Math.min(until, series.escrowAt.plus(params.escrowMaxAge()).toEpochMilli() + 1);
        }
        return until;
    }

    /**
     * The evaluation of one subject, its words built on first read. It is kept (in {@code cached})
     * until the next record or minute changes anything, so the words read the series and finding as
     * they are when it was made: the same words a restored state would give.
     */
    private Evaluation build(OutflowSeries series, OutflowRule.Finding f, Instant now) {
        return Evaluation.lazy(kind(), series.subject, f.level, f.value, f.threshold, f.unit, null,
                () -> new Evaluation.Words(rule.summary(f, series, now), () -> rule.evidence(f, series)));
    }

    private static String name(OutflowSeries series) {
        if (OutflowRule.countLike(series)) {
            return series.subject.equals(OutflowText.COUNT) ? "the withdrawal count" : "untracked tokens";
        }
        return series.symbol != null ? series.symbol : series.subject;
    }

    /**
     * How far a well-known token's usual maximum lies above its median on this bridge (median over
     * tokens with {@code matureWithdrawals}); {@code defaultTailFactor} until one is that well known.
     */
    private double tailFactor() {
        if (!tailStale) {
            return tailFactor;
        }
        tailFactor = computeTailFactor();
        tailStale = false;
        return tailFactor;
    }

    private double computeTailFactor() {
        List<Double> tails = new ArrayList<>();
        for (OutflowSeries series : tokens.values()) {
            double tail = rule.tail(series);
            if (!Double.isNaN(tail)) {
                tails.add(tail);
            }
        }
        if (tails.isEmpty()) {
            return params.defaultTailFactor();
        }
        tails.sort(null);
        int n = tails.size();
        return n % 2 == 1 ? tails.get(n / 2) : (tails.get(n / 2 - 1) + tails.get(n / 2)) / 2;
    }

    // --- state ---------------------------------------------------------------------------------------

    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeLong(head);
        count.write(out);
        other.write(out);
        out.writeByte(tokens.size());
        for (OutflowSeries series : tokens.values()) {
            series.write(out);
        }
    }

    @Override
    public void readState(DataInput in) throws IOException {
        head = in.readLong();
        count = OutflowSeries.read(in);
        other = OutflowSeries.read(in);
        tokens.clear();
        tailStale = true;
        dirty = true;
        int n = in.readUnsignedByte();
        for (int i = 0; i < n; i++) {
            OutflowSeries series = OutflowSeries.read(in);
            tokens.put(series.subject, series);
        }
    }
}
