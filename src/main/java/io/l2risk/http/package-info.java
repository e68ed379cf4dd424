/**
 * The HTTP side of the risk engine, on the JDK's {@code com.sun.net.httpserver} (the only package that
 * uses it): {@link io.l2risk.http.StatusServer} serves health, Prometheus metrics, a read-only JSON
 * API over the engine state through Kafka Streams interactive queries, and the live status page from
 * the jar ({@code web/}). It reads the engine through {@link io.l2risk.http.MonitoredEngine}
 * ({@code RiskApp} implements it) and never depends on the commands.
 *
 * <h2>Endpoints</h2>
 * <pre>
 * GET /health/live             200 {"status":"UP","state":"RUNNING"}; 503 "DOWN" in ERROR, PENDING_ERROR, NOT_RUNNING
 * GET /health/ready            200 {"status":"READY","state":"RUNNING"} only when RUNNING; else 503 "NOT_READY" + Retry-After
 * GET /metrics                 Prometheus text 0.0.4 (see MetricsScrape)
 * GET /api/rollups             {"partitions":N,"rollups":[Rollup...]}                sorted by rollupId
 * GET /api/rollups/{id}        Rollup; 404 {"error":"not_found","message":...}
 * GET /api/alerts?status=open  {"status":"open","partitions":N,"alerts":[Alert...]} CRITICAL first, then oldest
 * GET /api/timeline            {"window":"PT6H","caughtUp":true,"latest":t,"rollups":[Lane...]}
 * GET /  /assets/app.js  /assets/app.css  /assets/favicon.svg   the status page
 * </pre>
 * Rollup: {@code rollupId, level, categories{LIVENESS, DATA_AVAILABILITY, STATE_VALIDATION, BRIDGE,
 * GOVERNANCE, MONITOR → OK|WARNING|CRITICAL}, clock, lastBatchAt, lastStateAt, lastProofAt,
 * gaps{batchSeconds, stateSeconds, proofSeconds}, indicators[{indicator, category, level, value,
 * threshold, publishedAt}], openAlerts[Alert], outOfOrderRecords}.
 * Alert: {@code alertId, rollupId, indicator, category, subject, severity, maxSeverity, openedAt,
 * summary, clearing}. Lane: {@code rollupId, latest, alerts[{alertId, indicator, category, subject,
 * severity, status, openedAt, resolvedAt, summary}], gaps{BATCH_LIVENESS|STATE_LIVENESS|PROOF_LIVENESS →
 * [{at, seconds, level}]}}. Times are L1 times, ISO-8601 strings; levels and categories enum names.
 *
 * <p>HEAD is answered like GET without a body; other methods get 405 with {@code Allow: GET, HEAD};
 * unknown paths 404; every error body is {@code {"error":code,"message":text}}. When the state
 * cannot be read correctly now — Streams not RUNNING/REBALANCING, a store partition restoring or
 * moved, the owner of a key unknown or not answering, the instances' answers not covering every
 * partition exactly once — the answer is 503 with {@code Retry-After: 2} and
 * {@code {"error":"unavailable","message":...,"retryAfterSeconds":2}}, never partial data.
 * {@code ?local=true} is for the instances among themselves (answer from local active partitions,
 * never forward; the list answers then carry {@code "partitions":[owned partition numbers]}).
 *
 * <h2>Status page hooks (stable, for end-to-end tests)</h2>
 * <ul>
 *   <li>{@code body[data-ready="true"]} once the first rollup list rendered; {@code #connection[data-state]}
 *       = connecting | live | unavailable | offline | error; {@code #engine-state[data-state]} = the
 *       Streams state; {@code #updated-at[data-updated-at]} (ISO wall-clock time of the last success).</li>
 *   <li>Risk grid {@code table#risk-grid}: one {@code tr[data-rollup][data-level]} per rollup, cells
 *       {@code td[data-category][data-level]} for OVERALL, LIVENESS, DATA_AVAILABILITY,
 *       STATE_VALIDATION, BRIDGE, GOVERNANCE, MONITOR (text = the level), {@code td[data-field=batch-gap]},
 *       {@code td[data-field=proof-gap]} (with {@code data-seconds}), {@code td[data-field=clock]};
 *       {@code table[data-stale="true"]} while showing data older than the last failed poll.</li>
 *   <li>Open alerts {@code table#open-alerts}: {@code tr[data-alert-id][data-rollup][data-indicator]
 *       [data-category][data-severity][data-clearing]}, cells {@code [data-field=severity|rollup|
 *       indicator|category|opened-at|summary]}; {@code #open-alert-count[data-count]}.</li>
 *   <li>Timeline {@code #timeline[data-window][data-caught-up]}: {@code figure.lane[data-rollup]} each
 *       with one SVG: {@code polyline[data-series=BATCH_LIVENESS|STATE_LIVENESS|PROOF_LIVENESS]} and
 *       {@code rect[data-alert-id][data-indicator][data-severity][data-status]}.</li>
 * </ul>
 */
package io.l2risk.http;
