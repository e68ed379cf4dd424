/**
 * Bounded, robust, serializable statistics for adaptive thresholds: each rollup's own rhythm (posting
 * intervals, proof latency, bridge outflow per hour per token and in count) learnt from a few days of
 * its history. Plain Java, no Kafka types. Event time is L1 time in epoch seconds, always passed in;
 * nothing reads a clock, bucket boundaries use {@link java.lang.StrictMath}, and cached thresholds are
 * part of the serialized state, so a replay and a backtest decide identically.
 *
 * <h2>Structures and bounds</h2>
 * <ul>
 * <li>{@link io.l2risk.engine.stats.LogScale} — fixed log-spaced buckets plus underflow/overflow.
 *     {@code DURATION_SECONDS}: 1 s … 97 days, 8 per doubling (±4.4 %); {@code COUNTS}: 0 … 16,384, 8 per
 *     doubling; {@code forTokenAmounts(decimals)}: 10^-6 … 10^13 tokens, 4 per doubling (±9 %).</li>
 * <li>{@link io.l2risk.engine.stats.LogHistogram} — an int per bucket; a bucket reaching 16,383 halves the
 *     histogram (a decay step), so it serializes in ≤ 383 B (durations) / 527 B (token amounts).</li>
 * <li>{@link io.l2risk.engine.stats.RollingWindowHistogram} — a ring of histogram slots over event time;
 *     {@code thirtyDays} = 6 × 5 days (25–30 days held), with {@code coverageSeconds()} for warm-up.
 *     ≤ 2.3 KB (durations) / 3.2 KB (tokens) serialized; typically 0.1–0.5 KB.</li>
 * <li>{@link io.l2risk.engine.stats.RollingSum} — counts and exact unsigned 128-bit sums (saturating
 *     at 2^128 − 1) in sliding sub-buckets: 60 × 1 min gives the 10-minute and 1-hour windows, 24 × 1 h
 *     the day. ≤ 1,344 B / 552 B.</li>
 * <li>{@link io.l2risk.engine.stats.PeriodTotals} — the current tumbling period (hour or day), handing
 *     completed periods (zeros for silent ones) to a baseline. ≤ 59 B.</li>
 * <li>{@link io.l2risk.engine.stats.AdaptiveThreshold} — a baseline with its
 *     {@link io.l2risk.engine.stats.ThresholdRule}: {@code check} a value (an ongoing gap, a sliding
 *     sum), {@code observe} a completed one (a closed gap, an hour's total, a withdrawal).</li>
 * </ul>
 * Updates are O(1) and allocation-free; crossing a slot boundary costs O(slots × buckets) once per slot,
 * and thresholds are recomputed (O(buckets)) once per hour of event time. One rollup's worst case — 3
 * liveness and 2 latency baselines, a bridge count baseline and 5 tokens (per-withdrawal and hourly
 * amount baselines, 1-hour and 1-day sums) — is 56.7 KB, within 64 KiB whatever the history length
 * ({@code StateBudgetTest}); track at most 5 tokens per bridge individually.
 *
 * <h2>Threshold rules</h2>
 * In log2 space, with {@code m} the median, {@code s = max(1.4826 · MAD, floor)} the robust spread and
 * {@code q} the upper quantile after setting aside the top {@code max(2, 0.1 %)} observations:
 * <pre>
 *   warning  = max(floor, 2^(m + zW·s), kW·q)        critical = max(floor, 2^(m + zC·s), kC·q, warning)
 *   liveness gaps, latency   zW 6   zC 8    kW 2    kC 4    s ≥ 0.25   ready: 30 samples over 2 days
 *   count per hour           zW 3   zC 3.5  kW 1.5  kC 2.5  s ≥ 0.5    ready: 72 hours over 3 days
 *   single amount            zW 4   zC 5    kW 4    kC 10   s ≥ 1      ready: 100 amounts over 3 days
 *   amount per hour          zW 4   zC 4.5  kW 3    kC 8    s ≥ 1      ready: 72 hours over 3 days
 * </pre>
 * Until ready, static bounds (protocol parameters) apply; once ready, static bounds still cap the
 * adaptive thresholds ({@link io.l2risk.engine.stats.Thresholds#cappedBy}). BRIDGE_OUTFLOW checks the
 * sliding 10-minute and 1-hour sums and the 1-hour count against the hourly baselines on every
 * withdrawal (a 10-minute sum above an hourly threshold is certainly anomalous), and each withdrawal
 * against the per-withdrawal baseline.
 *
 * <h2>Why few false positives</h2>
 * <ul>
 * <li>Median and MAD ignore magnitudes: k outliers move them by at most k ranks. A mean/σ rule is
 *     inflated by the very stalls it should find, which is why L2BEAT needs z ≥ 15 and 59 days.</li>
 * <li>The tail term {@code q} is the rollup's own "worst ordinary" value; with up to 2 outliers in the
 *     window it stays within ordinary data. Both terms must be exceeded: the z term alone pages on
 *     heavy tails, the tail term alone is too tight on a short or clockwork history.</li>
 * <li>Log space makes the spread a ratio ("4× slower than usual"), fitting durations and amounts over
 *     orders of magnitude; the spread floor keeps a clockwork chain from paging on one missed slot.</li>
 * <li>An alerting value is learnt as {@code q} ({@link io.l2risk.engine.stats.Thresholds#learnable}):
 *     it counts, but an incident — even hours of degraded posting — cannot raise its own thresholds. A
 *     lasting change of rhythm is learnt once it holds the median (about half the window).</li>
 * </ul>
 *
 * <h2>Scenario results (seeded, see the *ScenarioTest classes)</h2>
 * Posting every 60–120 s on 12-s L1 slots, after 5 days: median 87 s, q 123 s, warning 7.0–7.5 min,
 * critical 11.8–12.9 min; largest ordinary gap 132 s (1.5 robust σ), a 16-minute gap 8.8–9.2 σ and a
 * Base-style 29-minute stall 11 σ are CRITICAL; no alert in 35 days. Hourly state outputs: warning
 * 2.8 h, critical 4.0 h. A bridge with 5–25 withdrawals per hour, lognormal amounts (σ 1.5) and four 3×
 * busy days over 90 days: no CRITICAL, one WARNING hour; per hour count warning 119 / critical 199
 * (median 16); a withdrawal is critical above 1,834× the median. 300 withdrawals in an hour: CRITICAL
 * after 39 minutes; a Nomad-style drain (329 per hour at 100× the median): CRITICAL after 4.7 minutes;
 * 10,000× the median (6.1 σ) and Ronin's 173,600 ETH and 25.5M USDC: CRITICAL at once.
 *
 * <p>Not built here: hour-of-day seasonality (one baseline per hour of day would cost 24× the state).
 */
package io.l2risk.engine.stats;
