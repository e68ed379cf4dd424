// The l2-risk-monitor status page: polls the read-only API and redraws the risk grid, the open
// alerts and the timeline. No framework, no CDN; every value from the API is written with
// textContent or as an attribute, never parsed as HTML.
'use strict';

(function () {
  const POLL_MS = 3000;
  const SVG_NS = 'http://www.w3.org/2000/svg';
  const CATEGORIES = ['OVERALL', 'LIVENESS', 'DATA_AVAILABILITY', 'STATE_VALIDATION', 'BRIDGE', 'GOVERNANCE', 'MONITOR'];
  const SERIES = [
    { id: 'BATCH_LIVENESS', label: 'batch gap', cls: 'gap-batch' },
    { id: 'STATE_LIVENESS', label: 'state gap', cls: 'gap-state' },
    { id: 'PROOF_LIVENESS', label: 'proof gap', cls: 'gap-proof' }
  ];
  const SEVERITY_RANK = { CRITICAL: 2, WARNING: 1, INFO: 0 };
  // Timeline geometry, in SVG user units (the SVG scales to the page width).
  const W = 1000;
  const LEFT = 70;
  const RIGHT = 10;
  const GAP_TOP = 6;
  const GAP_HEIGHT = 54;
  const BAR_TOP = 66;
  const BAR_HEIGHT = 7;
  const BAR_ROWS = 4;
  const LANE_HEIGHT = BAR_TOP + BAR_ROWS * (BAR_HEIGHT + 2) + 2;

  let lastSuccess = null;

  function el(tag, attrs, text) {
    const node = document.createElement(tag);
    setAttrs(node, attrs);
    if (text !== undefined && text !== null) {
      node.textContent = String(text);
    }
    return node;
  }

  function svg(tag, attrs, text) {
    const node = document.createElementNS(SVG_NS, tag);
    setAttrs(node, attrs);
    if (text !== undefined && text !== null) {
      node.textContent = String(text);
    }
    return node;
  }

  function setAttrs(node, attrs) {
    Object.entries(attrs || {}).forEach(([name, value]) => {
      if (value !== undefined && value !== null) {
        node.setAttribute(name, String(value));
      }
    });
  }

  function duration(seconds) {
    if (seconds === null || seconds === undefined || !isFinite(seconds)) {
      return '—';
    }
    let s = Math.max(0, Math.round(seconds));
    const d = Math.floor(s / 86400); s -= d * 86400;
    const h = Math.floor(s / 3600); s -= h * 3600;
    const m = Math.floor(s / 60); s -= m * 60;
    if (d > 0) return d + 'd ' + h + 'h';
    if (h > 0) return h + 'h ' + String(m).padStart(2, '0') + 'm';
    if (m > 0) return m + 'm ' + String(s).padStart(2, '0') + 's';
    return s + 's';
  }

  function l1Time(iso) {
    if (!iso) return '—';
    return iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z').replace('Z', ' UTC');
  }

  function levelCell(level, category) {
    const value = level || 'UNKNOWN';
    return el('td', { 'data-category': category, 'data-level': value, class: 'level' }, value);
  }

  async function getJson(url) {
    const response = await fetch(url, { cache: 'no-store', headers: { Accept: 'application/json' } });
    let body = null;
    try {
      body = await response.json();
    } catch (e) {
      body = null;
    }
    return { status: response.status, body: body, retryAfter: Number(response.headers.get('Retry-After')) || 0 };
  }

  function setConnection(state, text) {
    const node = document.getElementById('connection');
    node.dataset.state = state;
    node.textContent = text;
  }

  function setStale(stale) {
    ['risk-grid', 'open-alerts'].forEach(id => {
      document.getElementById(id).dataset.stale = String(stale);
    });
  }

  function renderEngine(ready) {
    const node = document.getElementById('engine-state');
    const state = ready && ready.body && ready.body.state ? ready.body.state : 'UNKNOWN';
    node.dataset.state = state;
    node.textContent = 'Engine state: ' + state;
  }

  function renderGrid(rollups) {
    const body = document.querySelector('#risk-grid tbody');
    const rows = rollups.map(rollup => {
      const row = el('tr', { 'data-rollup': rollup.rollupId, 'data-level': rollup.level });
      row.appendChild(el('th', { scope: 'row', 'data-field': 'rollup' }, rollup.rollupId));
      CATEGORIES.forEach(category => {
        const level = category === 'OVERALL' ? rollup.level : (rollup.categories || {})[category];
        row.appendChild(levelCell(level, category));
      });
      const gaps = rollup.gaps || {};
      row.appendChild(el('td', { class: 'num', 'data-field': 'batch-gap', 'data-seconds': gaps.batchSeconds }, duration(gaps.batchSeconds)));
      row.appendChild(el('td', { class: 'num', 'data-field': 'proof-gap', 'data-seconds': gaps.proofSeconds }, duration(gaps.proofSeconds)));
      row.appendChild(el('td', { class: 'num', 'data-field': 'clock' }, l1Time(rollup.clock)));
      return row;
    });
    body.replaceChildren(...rows);
    document.getElementById('grid-empty').hidden = rows.length > 0;
  }

  function renderAlerts(rollups) {
    const alerts = [];
    rollups.forEach(rollup => (rollup.openAlerts || []).forEach(alert => alerts.push(alert)));
    alerts.sort((a, b) => (SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity])
      || (Date.parse(a.openedAt) - Date.parse(b.openedAt)) || a.alertId.localeCompare(b.alertId));
    const rows = alerts.map(alert => {
      const row = el('tr', {
        'data-alert-id': alert.alertId,
        'data-rollup': alert.rollupId,
        'data-indicator': alert.indicator,
        'data-category': alert.category,
        'data-severity': alert.severity,
        'data-clearing': String(alert.clearing)
      });
      row.appendChild(el('td', { class: 'level', 'data-field': 'severity', 'data-level': alert.severity }, alert.severity));
      row.appendChild(el('td', { 'data-field': 'rollup' }, alert.rollupId));
      const indicator = el('td', { 'data-field': 'indicator' }, alert.indicator);
      if (alert.subject) {
        indicator.appendChild(el('div', { class: 'hint', 'data-field': 'subject' }, alert.subject));
      }
      row.appendChild(indicator);
      row.appendChild(el('td', { 'data-field': 'category' }, alert.category));
      row.appendChild(el('td', { class: 'num', 'data-field': 'opened-at' }, l1Time(alert.openedAt)));
      const summary = el('td', { class: 'summary', 'data-field': 'summary' }, alert.summary);
      if (alert.clearing) {
        summary.appendChild(el('div', { class: 'clearing' }, 'Condition cleared; resolving after the hold time.'));
      }
      row.appendChild(summary);
      return row;
    });
    document.querySelector('#open-alerts tbody').replaceChildren(...rows);
    const count = document.getElementById('open-alert-count');
    count.dataset.count = String(alerts.length);
    count.textContent = String(alerts.length);
    document.getElementById('alerts-empty').hidden = alerts.length > 0;
  }

  function renderTimeline(view) {
    const container = document.getElementById('timeline');
    container.dataset.window = view.window;
    container.dataset.caughtUp = String(view.caughtUp);
    const lanes = view.rollups || [];
    const hasData = lanes.some(lane => lane.alerts.length > 0 || Object.keys(lane.gaps).length > 0);
    document.getElementById('timeline-empty').hidden = hasData;
    if (!view.latest || !hasData) {
      container.replaceChildren();
      return;
    }
    const to = Date.parse(view.latest);
    const from = to - windowMillis(view.window);
    const x = t => LEFT + (Math.min(Math.max(t, from), to) - from) / (to - from) * (W - LEFT - RIGHT);
    const figures = lanes.map(lane => renderLane(lane, x, from, to));
    figures.push(renderAxis(x, from, to));
    container.replaceChildren(...figures);
  }

  function renderLane(lane, x, from, to) {
    const figure = el('figure', { class: 'lane', 'data-rollup': lane.rollupId });
    figure.appendChild(el('figcaption', null, lane.rollupId));
    const root = svg('svg', { viewBox: '0 0 ' + W + ' ' + LANE_HEIGHT, role: 'img', preserveAspectRatio: 'xMinYMin meet' });
    const title = svg('title', null, '');
    root.appendChild(title);
    root.appendChild(svg('rect', { class: 'frame', x: LEFT, y: 0, width: W - LEFT - RIGHT, height: LANE_HEIGHT - 1 }));

    let max = 60;
    SERIES.forEach(series => (lane.gaps[series.id] || []).forEach(point => {
      if (Date.parse(point.at) >= from && point.seconds !== null) max = Math.max(max, point.seconds);
    }));
    root.appendChild(svg('text', { x: LEFT - 6, y: GAP_TOP + 9, 'text-anchor': 'end' }, duration(max)));
    root.appendChild(svg('text', { x: LEFT - 6, y: GAP_TOP + GAP_HEIGHT, 'text-anchor': 'end' }, '0'));
    root.appendChild(svg('text', { x: LEFT - 6, y: BAR_TOP + 8, 'text-anchor': 'end' }, 'alerts'));
    const described = [];
    SERIES.forEach(series => {
      const points = (lane.gaps[series.id] || []).filter(p => Date.parse(p.at) >= from && p.seconds !== null);
      if (points.length === 0) return;
      const coordinates = points.map(p => x(Date.parse(p.at)).toFixed(1) + ','
        + (GAP_TOP + GAP_HEIGHT - p.seconds / max * GAP_HEIGHT).toFixed(1));
      const line = svg('polyline', { class: series.cls, 'data-series': series.id, points: coordinates.join(' ') });
      const peak = Math.max(...points.map(p => p.seconds));
      line.appendChild(svg('title', null, series.label + ': up to ' + duration(peak) + ' in the window'));
      root.appendChild(line);
      described.push(series.label + ' up to ' + duration(peak));
    });

    const rowsEnd = new Array(BAR_ROWS).fill(-Infinity);
    const alerts = lane.alerts.filter(a => !a.resolvedAt || Date.parse(a.resolvedAt) >= from)
      .sort((a, b) => Date.parse(a.openedAt) - Date.parse(b.openedAt));
    alerts.forEach(alert => {
      const start = x(Date.parse(alert.openedAt));
      const end = Math.max(start + 2, x(alert.resolvedAt ? Date.parse(alert.resolvedAt) : to));
      let row = rowsEnd.findIndex(e => e < start);
      if (row < 0) row = BAR_ROWS - 1;
      rowsEnd[row] = end;
      const bar = svg('rect', {
        class: 'alert sev-' + alert.severity,
        'data-alert-id': alert.alertId,
        'data-indicator': alert.indicator,
        'data-severity': alert.severity,
        'data-status': alert.status,
        x: start.toFixed(1), y: BAR_TOP + row * (BAR_HEIGHT + 2), width: (end - start).toFixed(1), height: BAR_HEIGHT
      });
      bar.appendChild(svg('title', null, alert.indicator + ' ' + alert.severity + ' ' + alert.status + ' — '
        + l1Time(alert.openedAt) + (alert.resolvedAt ? ' to ' + l1Time(alert.resolvedAt) : ', still open')
        + ': ' + alert.summary));
      root.appendChild(bar);
    });
    const open = alerts.filter(a => a.status !== 'RESOLVED').length;
    described.unshift(alerts.length + ' alerts in the window (' + open + ' open)');
    title.textContent = lane.rollupId + ': ' + described.join('; ');
    figure.appendChild(root);
    return figure;
  }

  function renderAxis(x, from, to) {
    const root = svg('svg', { id: 'timeline-axis', viewBox: '0 0 ' + W + ' 18', 'aria-hidden': 'true' });
    const span = to - from;
    const step = [5, 10, 15, 30, 60, 120, 180, 360, 720, 1440].map(m => m * 60000).find(s => span / s <= 8) || span;
    for (let t = Math.ceil(from / step) * step; t <= to; t += step) {
      if (x(t) > W - RIGHT - 16) break;
      const label = new Date(t).toISOString().substring(11, 16);
      root.appendChild(svg('text', { x: x(t).toFixed(1), y: 12, 'text-anchor': 'middle' }, label));
    }
    root.appendChild(svg('text', { x: LEFT - 6, y: 12, 'text-anchor': 'end' }, 'UTC (L1)'));
    return root;
  }

  function windowMillis(iso) {
    // ISO-8601 durations as Java writes them: PT6H, PT30M, PT1H30M, PT45S.
    const match = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?$/.exec(iso || '');
    if (!match) return 6 * 3600 * 1000;
    return ((Number(match[1] || 0) * 60 + Number(match[2] || 0)) * 60 + Number(match[3] || 0)) * 1000;
  }

  async function tick() {
    let delay = POLL_MS;
    try {
      const [rollups, timeline, ready] = await Promise.all([
        getJson('/api/rollups'), getJson('/api/timeline'), getJson('/health/ready')]);
      renderEngine(ready);
      if (rollups.status === 200 && rollups.body) {
        renderGrid(rollups.body.rollups);
        renderAlerts(rollups.body.rollups);
        setStale(false);
        lastSuccess = new Date();
        const updated = document.getElementById('updated-at');
        updated.dataset.updatedAt = lastSuccess.toISOString();
        updated.textContent = 'Updated ' + lastSuccess.toLocaleTimeString();
        setConnection('live', 'Live');
        document.body.dataset.ready = 'true';
      } else {
        const message = rollups.body && rollups.body.message ? rollups.body.message : 'HTTP ' + rollups.status;
        setStale(lastSuccess !== null);
        setConnection(rollups.status === 503 ? 'unavailable' : 'error',
          (rollups.status === 503 ? 'Temporarily unavailable: ' : 'Error: ') + message
          + (lastSuccess ? ' — showing data from ' + lastSuccess.toLocaleTimeString() : '') + '; retrying.');
        delay = Math.max(POLL_MS, rollups.retryAfter * 1000);
      }
      if (timeline.status === 200 && timeline.body) {
        renderTimeline(timeline.body);
      }
    } catch (e) {
      setStale(lastSuccess !== null);
      setConnection('offline', 'Cannot reach the monitor'
        + (lastSuccess ? ' — showing data from ' + lastSuccess.toLocaleTimeString() : '') + '; retrying.');
    }
    window.setTimeout(tick, delay);
  }

  document.addEventListener('DOMContentLoaded', tick);
})();
