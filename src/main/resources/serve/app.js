'use strict';
// The relaxation explorer. Every number on this page comes from the server's JSON API (docs/serve-api.md);
// the page only draws, with ECharts.

const $ = id => document.getElementById(id);
const COLORS = ['#d62728', '#1f77b4', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#e377c2', '#17becf', '#bcbd22'];
const DOMAINS = ['ibp', 'deeppoly0', 'deeppoly1', 'deeppoly', 'triangle', 'triangle-dp', 'multi:1', 'multi:2', 'layer'];
const MAX_UPLOAD = 8 * 1024 * 1024;

const state = {
  source: 'function', uploaded: null, examples: [], table1: null,
  net: null, graph: null, bounds: [], exact: null, lines: [], gapmap: null, restoring: true,
};
const charts = {
  net: echarts.init($('network-chart')),
  bounds: echarts.init($('bounds-chart')),
  gapmap: echarts.init($('gapmap-chart')),
};

// ---------- helpers ----------

async function api(path, body, signal) {
  const init = body === undefined ? { signal }
    : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body), signal };
  const r = await fetch('/api/' + path, init);
  let doc;
  try { doc = await r.json(); } catch (e) { doc = { error: 'HTTP ' + r.status }; }
  if (!r.ok) { const err = new Error(doc.error || 'HTTP ' + r.status); err.status = r.status; throw err; }
  return doc;
}

function fmt(v) {
  if (typeof v !== 'number') return String(v);
  if (v === 0) return '0';
  return String(Number(v.toPrecision(6)));
}

function debounce(fn, ms) {
  let t = null;
  return (...args) => { clearTimeout(t); t = setTimeout(() => fn(...args), ms); };
}

function showError(field, msg) {
  const e = $(field + '-error');
  if (e) e.textContent = msg;
  const input = $(field);
  if (input && input.classList) input.classList.add('bad');
}

function clearErrors(fields) {
  for (const f of fields) {
    const e = $(f + '-error');
    if (e) e.textContent = '';
    const input = $(f);
    if (input && input.classList) input.classList.remove('bad');
  }
}

function netField() { return state.source; }

/** Which field an API error message belongs to. */
function fieldOf(msg) {
  if (/^box/.test(msg)) return 'box';
  if (/^over/.test(msg) || /--over/.test(msg)) return 'over';
  if (/domain/.test(msg) && !/^net/.test(msg)) return 'domains';
  return netField();
}

function parseBox(text) {
  const parts = text.split(',').map(p => {
    const m = p.trim().match(/^(-?[^:]+):(.+)$/);
    return m ? [Number(m[1]), Number(m[2])] : [NaN, NaN];
  });
  return parts.every(p => isFinite(p[0]) && isFinite(p[1])) ? parts : null;
}

function boxText(parts) { return parts.map(p => fmt(p[0]) + ':' + fmt(p[1])).join(','); }

function selectedDomains() {
  return [...document.querySelectorAll('#domains input:checked')].map(c => c.value);
}

function colorOf(domain) { return COLORS[Math.max(0, DOMAINS.indexOf(domain)) % COLORS.length]; }

// ---------- the network ----------

function netSpec() {
  if (state.source === 'example') return 'example:' + $('example').value;
  if (state.source === 'upload') return state.uploaded;
  const s = { function: $('function').value, for: $('target').value };
  const o = $('orientation').value.trim();
  if (o) s.orientation = o;
  const t = $('transform').value;
  if (t !== 'none') { s.transform = t; s.box = $('over').value.trim(); }
  return s;
}

let netSeq = 0;
async function loadNet() {
  const seq = ++netSeq;
  clearErrors(['function', 'example', 'upload', 'over']);
  saveUrl();
  if (state.source === 'upload' && !state.uploaded) { $('net-info').textContent = 'choose a file'; return; }
  let info;
  try {
    info = await api('network', { net: netSpec() });
  } catch (e) {
    if (seq !== netSeq) return;
    showError(netField(), e.message);
    state.net = null;
    $('net-info').textContent = '';
    charts.net.clear(); charts.bounds.clear();
    return;
  }
  if (seq !== netSeq) return;
  state.net = info;
  const dims = info.inputs;
  const over = parseBox($('over').value);
  if (!state.restoring || !over || over.length !== dims) {
    if (info.x && state.source === 'function') $('over').value = info.x;
    else if (!over || over.length !== dims) $('over').value = Array(dims).fill('0:1').join(',');
  }
  const box = parseBox($('box').value);
  const x = parseBox($('over').value);
  if (!box || !x || box.length !== dims || box.some((b, i) => b[0] < x[i][0] || b[1] > x[i][1])) $('box').value = $('over').value;
  let text = info.inputs + ' input' + (info.inputs > 1 ? 's' : '') + ', ' + info.relu_neurons + ' ReLU neurons, '
    + info.layers.length + ' nodes';
  if (info.function) text = info.function + ' (' + info.class + '): ' + text;
  if (info.construction) text += '; construction: ' + info.construction + ' [' + info.reference + ']';
  $('net-info').textContent = text;
  drawNetwork(info);
  state.restoring = false;
  await loadGraph();
}

function drawNetwork(info) {
  const nodes = [], links = [], MAX = 8;
  const layers = [{ name: 'input', op: 'input', size: info.inputs, from: [] }].concat(info.layers);
  const shown = {};
  const colour = { input: '#555', affine: '#1f77b4', relu: '#d62728', conv: '#2ca02c', add: '#9467bd' };
  layers.forEach((l, c) => {
    const n = Math.min(l.size, MAX);
    shown[l.name] = n;
    for (let i = 0; i < n; i++) {
      nodes.push({ name: l.name + '#' + i, x: c * 120, y: (i - (n - 1) / 2) * 22, symbolSize: 12,
        itemStyle: { color: colour[l.op] || '#888' }, label: { show: false } });
    }
    nodes.push({ name: l.name + ' label', x: c * 120, y: (MAX / 2 + 0.8) * 22, symbolSize: 0,
      label: { show: true, color: '#333', textBorderWidth: 0, formatter: l.name + ' (' + l.op + ', ' + l.size + ')'
        + (l.size > MAX ? ' …' : ''), fontSize: 11 } });
    for (const f of l.from) {
      const m = shown[f] || 0;
      for (let i = 0; i < n; i++) {
        if (l.op === 'relu' || l.op === 'add') { if (i < m) links.push({ source: f + '#' + i, target: l.name + '#' + i }); }
        else for (let k = 0; k < m; k++) links.push({ source: f + '#' + k, target: l.name + '#' + i });
      }
    }
  });
  charts.net.setOption({
    animation: false,
    tooltip: { formatter: p => p.dataType === 'node' ? p.name : '' },
    series: [{ type: 'graph', layout: 'none', data: nodes, links, roam: false, edgeSymbol: ['none', 'arrow'],
      edgeSymbolSize: 4, lineStyle: { color: '#aaa', opacity: 0.6 } }],
  }, true);
}

// ---------- panel 2: bounds ----------

async function loadGraph() {
  clearErrors(['over']);
  state.graph = null;
  if (!state.net) return;
  const x = parseBox($('over').value);
  if (!x) { showError('over', 'over: expected l1:u1,l2:u2,...'); return; }
  if (state.net.inputs <= 2) {
    try {
      state.graph = await api('graph', { net: netSpec(), over: $('over').value.trim() });
    } catch (e) { showError(fieldOf(e.message), e.message); }
  }
  runBounds();
}

const scheduleBounds = debounce(() => runBounds(), 150);
let boundsSeq = 0, boundsCtl = null, boundsId = null, pollTimer = null;

async function runBounds() {
  const seq = ++boundsSeq;
  if (boundsCtl) { boundsCtl.abort(); if (boundsId) api('cancel/' + boundsId, {}).catch(() => {}); }
  clearErrors(['box', 'domains']);
  saveUrl();
  if (!state.net) return;
  const ctl = new AbortController();
  const id = 'bounds-' + Date.now() + '-' + seq;
  boundsCtl = ctl; boundsId = id;
  const net = netSpec(), box = $('box').value.trim(), over = $('over').value.trim(), domains = selectedDomains();
  const t0 = performance.now();
  $('bounds-status').textContent = 'computing…';
  startPolling(id);
  try {
    const [b, g, l] = await Promise.all([
      domains.length ? api('bounds', { net, box, over, domains, request_id: id }, ctl.signal) : Promise.resolve({ results: [] }),
      api('gap', { net, box, over }, ctl.signal),
      api('lines', { net, box, domains }, ctl.signal)]);
    if (seq !== boundsSeq) return;
    state.bounds = b.results; state.exact = g.exact; state.lines = l.lines;
    $('bounds-status').textContent = 'updated in ' + Math.round(performance.now() - t0) + ' ms';
    drawBounds(); fillTable();
  } catch (e) {
    if (e.name === 'AbortError' || seq !== boundsSeq) return;
    $('bounds-status').textContent = '';
    showError(fieldOf(e.message), e.message);
  } finally {
    if (boundsCtl === ctl) { boundsCtl = null; boundsId = null; stopPolling(); }
  }
}

function startPolling(id) {
  stopPolling();
  pollTimer = setInterval(async () => {
    try {
      const p = await api('progress/' + id);
      $('bounds-status').textContent = 'computing ' + p.stage + ' (' + p.done + '/' + p.total + ', '
        + p.seconds.toFixed(1) + ' s)';
      $('bounds-cancel').hidden = false;
    } catch (e) { /* finished */ }
  }, 400);
}

function stopPolling() { clearInterval(pollTimer); pollTimer = null; $('bounds-cancel').hidden = true; }

function cancelBounds() {
  if (boundsId) api('cancel/' + boundsId, {}).catch(() => {});
  if (boundsCtl) boundsCtl.abort();
  boundsCtl = null; boundsId = null; stopPolling();
  $('bounds-status').textContent = 'cancelled';
}

function fillTable() {
  const tb = document.querySelector('#bounds-table tbody');
  tb.innerHTML = '';
  const row = (cells, domain) => {
    const tr = document.createElement('tr');
    cells.forEach((c, i) => {
      const td = document.createElement('td');
      if (i === 0 && domain) td.innerHTML = '<span class="swatch" style="background:' + colorOf(domain) + '"></span>';
      td.appendChild(document.createTextNode(c));
      if (i > 0 && i < 5) td.className = 'num';
      if (domain && i === 1) td.id = 'lower-' + domain;
      if (domain && i === 2) td.id = 'upper-' + domain;
      tr.appendChild(td);
    });
    tb.appendChild(tr);
  };
  if (state.exact) row(['exact (' + state.exact.method + ')', fmt(state.exact.min), fmt(state.exact.max), '', '', '']);
  for (const r of state.bounds) {
    let gap = '';
    if (state.exact) gap = fmt(Math.max(state.exact.min - r.lower[0], r.upper[0] - state.exact.max, 0));
    row([r.domain, fmt(r.lower[0]), fmt(r.upper[0]), gap, (r.seconds * 1000).toFixed(0) + ' ms',
      (r.notes || []).join('; ')], r.domain);
  }
}

function yRange() {
  let lo = Infinity, hi = -Infinity;
  for (const p of state.graph.points) { lo = Math.min(lo, p[1]); hi = Math.max(hi, p[1]); }
  for (const r of state.bounds) {
    if (isFinite(r.lower[0])) lo = Math.min(lo, r.lower[0]);
    if (isFinite(r.upper[0])) hi = Math.max(hi, r.upper[0]);
  }
  const pad = (hi - lo || 1) * 0.08;
  return [lo - pad, hi + pad];
}

function drawBounds() {
  if (!state.graph) { charts.bounds.clear(); return; }
  if (state.graph.dim === 1) drawUnivariate(); else drawBivariate();
}

function drawUnivariate() {
  const box = parseBox($('box').value);
  if (!box) return;
  const [a, b] = box[0];
  const X = parseBox($('over').value)[0];
  const [ylo, yhi] = yRange();
  const series = [{ name: 'h', type: 'line', data: state.graph.points, showSymbol: false, lineStyle: { color: '#111', width: 2 },
    itemStyle: { color: '#111' }, z: 5 }];
  for (const r of state.bounds) {
    const c = colorOf(r.domain), lo = r.lower[0], hi = r.upper[0];
    series.push({ name: r.domain, type: 'line', data: [], itemStyle: { color: c },
      markArea: { silent: true, itemStyle: { color: c, opacity: 0.1 }, data: [[{ coord: [a, lo] }, { coord: [b, hi] }]] },
      markLine: { silent: true, symbol: 'none', lineStyle: { color: c, width: 2, type: 'solid' }, label: { show: false },
        data: [[{ coord: [a, lo] }, { coord: [b, lo] }], [{ coord: [a, hi] }, { coord: [b, hi] }]] } });
  }
  for (const l of state.lines) {
    const c = colorOf(l.domain);
    const at = (s, x) => s.const + s.coef[0] * x;
    series.push({ name: l.domain, type: 'line', showSymbol: false, lineStyle: { color: c, type: 'dashed', width: 1.5 },
      data: [[a, at(l.lower, a)], [b, at(l.lower, b)]] });
    series.push({ name: l.domain, type: 'line', showSymbol: false, lineStyle: { color: c, type: 'dashed', width: 1.5 },
      data: [[a, at(l.upper, a)], [b, at(l.upper, b)]] });
  }
  if (state.exact) {
    series.push({ name: 'exact range', type: 'line', data: [], itemStyle: { color: '#000' },
      markLine: { silent: true, symbol: 'none', label: { show: false }, lineStyle: { color: '#000', type: 'dotted', width: 2 },
        data: [[{ coord: [a, state.exact.min] }, { coord: [b, state.exact.min] }],
          [{ coord: [a, state.exact.max] }, { coord: [b, state.exact.max] }]] } });
  }
  charts.bounds.setOption({
    animation: false,
    legend: { top: 0, data: ['h'].concat(state.bounds.map(r => r.domain), state.exact ? ['exact range'] : []) },
    grid: { left: 56, right: 24, top: 36, bottom: 40 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'value', min: X[0], max: X[1], name: 'x', nameLocation: 'end', axisLine: { onZero: false } },
    yAxis: { type: 'value', min: ylo, max: yhi, axisLabel: { formatter: fmt, showMinLabel: false, showMaxLabel: false } },
    series,
  }, true);
  placeHandles();
}

function drawBivariate() {
  const g = state.graph;
  const data = [];
  let zmin = Infinity, zmax = -Infinity;
  g.z.forEach((row, i) => row.forEach((z, j) => { data.push([i, j, z]); zmin = Math.min(zmin, z); zmax = Math.max(zmax, z); }));
  charts.bounds.setOption({
    animation: false,
    grid: { left: 56, right: 90, top: 20, bottom: 40 },
    tooltip: { formatter: p => 'h(' + fmt(g.x[p.data[0]]) + ', ' + fmt(g.y[p.data[1]]) + ') = ' + fmt(p.data[2]) },
    xAxis: { type: 'category', data: g.x.map(fmt), name: 'x1', axisLabel: { interval: labelEvery(g.x.length) } },
    yAxis: { type: 'category', data: g.y.map(fmt), name: 'x2', axisLabel: { interval: labelEvery(g.y.length) } },
    visualMap: { min: zmin, max: zmax === zmin ? zmin + 1 : zmax, calculable: true, orient: 'vertical', right: 4, top: 'center', formatter: fmt,
      inRange: { color: ['#313695', '#4575b4', '#74add1', '#abd9e9', '#e0f3f8', '#fee090', '#fdae61', '#f46d43', '#d73027'] } },
    series: [{ name: 'h', type: 'heatmap', data, progressive: 0 }],
  }, true);
  placeHandles();
}

/** Data coordinates to pixels on the bounds chart (category axes of the 2-D map are interpolated). */
function toPx(x, y) {
  const g = state.graph;
  if (g.dim === 1) return charts.bounds.convertToPixel({ gridIndex: 0 }, [x, y]);
  const n = g.x.length, m = g.y.length;
  const p0 = charts.bounds.convertToPixel({ gridIndex: 0 }, [0, 0]);
  const p1 = charts.bounds.convertToPixel({ gridIndex: 0 }, [n - 1, m - 1]);
  const fx = (x - g.x[0]) / (g.x[n - 1] - g.x[0]), fy = (y - g.y[0]) / (g.y[m - 1] - g.y[0]);
  return [p0[0] + fx * (p1[0] - p0[0]), p0[1] + fy * (p1[1] - p0[1])];
}

function fromPx(px, py) {
  const g = state.graph;
  if (g.dim === 1) return charts.bounds.convertFromPixel({ gridIndex: 0 }, [px, py]);
  const n = g.x.length, m = g.y.length;
  const p0 = charts.bounds.convertToPixel({ gridIndex: 0 }, [0, 0]);
  const p1 = charts.bounds.convertToPixel({ gridIndex: 0 }, [n - 1, m - 1]);
  return [g.x[0] + (px - p0[0]) / (p1[0] - p0[0]) * (g.x[n - 1] - g.x[0]),
    g.y[0] + (py - p0[1]) / (p1[1] - p0[1]) * (g.y[m - 1] - g.y[0])];
}

function handlePixels() {
  const box = parseBox($('box').value);
  if (!box || !state.graph) return null;
  if (state.graph.dim === 1) {
    const y = yRange()[0];
    return [toPx(box[0][0], y), toPx(box[0][1], y)];
  }
  return [toPx(box[0][0], box[1][0]), toPx(box[0][1], box[1][1])];
}

/** Label every k-th category so that about 8 labels show. */
function labelEvery(n) { return Math.max(0, Math.ceil(n / 8) - 1); }

function clamp(v, lo, hi) { return Math.min(hi, Math.max(lo, v)); }

function placeHandles() {
  const h = handlePixels();
  if (!h) return;
  const univariate = state.graph.dim === 1;
  const top = univariate ? toPx(0, yRange()[1])[1] : h[1][1];
  const rect = univariate ? { x: h[0][0], y: top, width: h[1][0] - h[0][0], height: h[0][1] - top }
    : { x: h[0][0], y: h[1][1], width: h[1][0] - h[0][0], height: h[0][1] - h[1][1] };
  const handle = (id, p, k) => ({
    type: 'circle', id, x: p[0], y: p[1], shape: { cx: 0, cy: 0, r: 8 }, z: 100, draggable: true,
    cursor: univariate ? 'ew-resize' : 'move', style: { fill: '#23395d', stroke: '#fff', lineWidth: 2 },
    ondrag: function () { onDrag(this, k); },
  });
  charts.bounds.setOption({ graphic: [
    { type: 'rect', id: 'boxrect', silent: true, z: 90, shape: rect,
      style: { fill: univariate ? 'rgba(35,57,93,0.06)' : 'rgba(255,255,255,0.15)', stroke: '#23395d', lineWidth: 2, lineDash: [6, 3] } },
    handle('hA', h[0], 0), handle('hB', h[1], 1)] });
}

function onDrag(el, k) {
  const box = parseBox($('box').value), X = parseBox($('over').value);
  if (!box || !X) return;
  const univariate = state.graph.dim === 1;
  if (univariate) el.y = handlePixels()[0][1];
  const d = fromPx(el.x, el.y);
  for (let i = 0; i < (univariate ? 1 : 2); i++) {
    const v = clamp(d[i], X[i][0], X[i][1]);
    if (k === 0) box[i][0] = Math.min(v, box[i][1]); else box[i][1] = Math.max(v, box[i][0]);
    box[i] = box[i].map(t => Number(t.toPrecision(4)));
  }
  $('box').value = boxText(box);
  const h = handlePixels();
  const top = univariate ? toPx(0, yRange()[1])[1] : h[1][1];
  const rect = univariate ? { x: h[0][0], y: top, width: h[1][0] - h[0][0], height: h[0][1] - top }
    : { x: h[0][0], y: h[1][1], width: h[1][0] - h[0][0], height: h[0][1] - h[1][1] };
  charts.bounds.setOption({ graphic: [{ id: 'boxrect', shape: rect }] });
  scheduleBounds();
}

// ---------- panel 3: gap map ----------

async function runGapMap() {
  clearErrors(['gapmap']);
  saveUrl();
  if (!state.net) return;
  if (state.net.inputs !== 1) { showError('gapmap', 'a gap map needs a network with one input; this one has ' + state.net.inputs); return; }
  const domain = $('gapmap-domain').value;
  $('gapmap-status').textContent = 'computing…';
  const t0 = performance.now();
  try {
    const doc = await api('gapmap', { net: netSpec(), domains: [domain], over: $('over').value.trim(),
      resolution: Number($('gapmap-resolution').value) });
    state.gapmap = doc.maps[0];
    $('gapmap-status').textContent = 'max gap ' + fmt(state.gapmap.max_gap) + ', exact on '
      + (100 * state.gapmap.exact_fraction).toFixed(1) + '% of ' + state.gapmap.cell_count + ' intervals ('
      + Math.round(performance.now() - t0) + ' ms)';
    drawGapMap();
  } catch (e) {
    $('gapmap-status').textContent = '';
    showError('gapmap', e.message);
  }
}

function drawGapMap() {
  const m = state.gapmap, grid = m.grid;
  const nearest = v => grid.reduce((best, g, i) => Math.abs(g - v) < Math.abs(grid[best] - v) ? i : best, 0);
  const kinkLines = m.kinks.map(k => ({ xAxis: nearest(k) })).concat(m.kinks.map(k => ({ yAxis: nearest(k) })));
  charts.gapmap.setOption({
    animation: false,
    grid: { left: 56, right: 90, top: 20, bottom: 46 },
    tooltip: { formatter: p => p.data ? '[' + fmt(grid[p.data[0]]) + ', ' + fmt(grid[p.data[1]]) + ']: gap ' + fmt(p.data[2]) : '' },
    xAxis: { type: 'category', data: grid.map(fmt), name: 'a', nameLocation: 'middle', nameGap: 28,
      axisLabel: { interval: labelEvery(grid.length) } },
    yAxis: { type: 'category', data: grid.map(fmt), name: 'b', axisLabel: { interval: labelEvery(grid.length) } },
    // gaps below 1e-6 (exact within tolerance, rounding noise) stay white
    visualMap: { min: 0, max: Math.max(m.max_gap, 1e-6), calculable: true, right: 4, top: 'center', formatter: fmt,
      inRange: { color: ['#f7fbff', '#c6dbef', '#6baed6', '#2171b5', '#08306b'] } },
    series: [{ name: m.domain, type: 'heatmap', data: m.cells, progressive: 0,
      markLine: { silent: true, symbol: 'none', label: { show: false }, lineStyle: { color: '#d62728', type: 'dashed' }, data: kinkLines } }],
  }, true);
}

// ---------- panel 4: precision ----------

async function runPrecision() {
  clearErrors(['precision']);
  saveUrl();
  if (!state.net) return;
  const domain = $('precision-domain').value;
  $('precision-status').textContent = 'searching…';
  $('precision-verdict').textContent = '';
  try {
    const r = await api('precision', { net: netSpec(), domain, over: $('over').value.trim(),
      budget: Number($('precision-budget').value) });
    $('precision-status').textContent = r.seconds.toFixed(2) + ' s';
    const witness = boxText(r.box.lower.map((l, i) => [l, r.box.upper[i]]));
    const v = $('precision-verdict');
    if (r.verdict === 'IMPRECISE') {
      v.innerHTML = '<span class="word imprecise">IMPRECISE</span>: ' + r.domain + ' has gap ' + fmt(r.gap)
        + ' on box <code>' + witness + '</code> (lower gap ' + fmt(r.lower_gap) + ', upper gap ' + fmt(r.upper_gap)
        + '); exact range [' + fmt(r.exact_range[0]) + ', ' + fmt(r.exact_range[1]) + '], ' + r.domain + ' bounds ['
        + fmt(r.domain_bounds[0]) + ', ' + fmt(r.domain_bounds[1]) + ']; ' + r.boxes_checked + ' boxes searched'
        + (r.verified ? ', witness re-checked' : ', WITNESS NOT RE-CONFIRMED') + '. Panel 2 shows the witness box.';
      $('box').value = witness;
      const c = document.querySelector('#domains input[value="' + domain + '"]');
      if (c) c.checked = true;
      runBounds();
    } else {
      v.innerHTML = '<span class="word nogap">NO GAP FOUND in ' + r.boxes_checked + ' boxes</span>: every checked box was'
        + ' exact within tolerance ' + r.tolerance + '. This is evidence from a search, not a proof that ' + r.domain
        + ' is precise on every box.';
    }
    if (r.unsound_boxes > 0) v.innerHTML += ' <b>WARNING: ' + r.unsound_boxes + ' boxes where the bounds cut off an attained output.</b>';
  } catch (e) {
    $('precision-status').textContent = '';
    showError('precision', e.message);
  }
}

// ---------- panel 5: Table 1 ----------

function drawTable1() {
  const t = state.table1, table = $('table1');
  table.innerHTML = '';
  const head = document.createElement('tr');
  head.innerHTML = '<th>space</th><th>relaxation</th>' + t.columns.map(c => '<th>' + c + '</th>').join('');
  table.appendChild(head);
  const rows = [];
  for (const c of t.cells) {
    const key = c.space + ' ' + c.domain;
    let r = rows.find(x => x.key === key);
    if (!r) { r = { key, space: c.space, domain: c.domain, cells: [] }; rows.push(r); }
    r.cells.push(c);
  }
  for (const r of rows) {
    const tr = document.createElement('tr');
    tr.innerHTML = '<td>' + r.space + '</td><td>' + r.domain + '</td>';
    for (const col of t.columns) {
      const c = r.cells.find(x => x.column === col);
      const td = document.createElement('td');
      td.className = 'cell';
      td.id = 't1-' + (c.space === 'R' ? 'R' : 'Rd') + '-' + c.domain + '-' + c.column;
      td.textContent = c.mark;
      td.classList.add(c.mark === '✓' ? 'mark-yes' : c.mark === '✗' ? 'mark-no' : 'mark-open');
      td.title = c.origin + ': ' + (c.construction ? c.construction + ' [' + c.reference + ']' : c.refusal);
      td.addEventListener('click', () => loadCell(c, td));
      tr.appendChild(td);
    }
    table.appendChild(tr);
  }
}

function loadCell(c, td) {
  document.querySelectorAll('#table1 td.selected').forEach(x => x.classList.remove('selected'));
  td.classList.add('selected');
  setSource('function');
  $('function').value = c.example;
  $('target').value = c.construction ? c.domain : 'multi';
  $('orientation').value = '';
  $('transform').value = 'none';
  $('over').value = c.x;
  $('box').value = c.x;
  document.querySelectorAll('#domains input').forEach(x => { x.checked = x.value === c.analysis_domain; });
  $('gapmap-domain').value = c.analysis_domain;
  $('precision-domain').value = c.analysis_domain;
  $('table1-info').textContent = 'cell ' + c.space + ' / ' + c.domain + ' / ' + c.column + ': ' + c.mark + ' (' + c.origin
    + '); example ' + c.example + '; ' + (c.construction ? 'construction: ' + c.construction + ' [' + c.reference + ']'
      : 'no construction: ' + c.refusal + ' The example is shown encoded for multi.');
  state.restoring = true;
  loadNet();
}

// ---------- URL state ----------

function saveUrl() {
  if (state.restoring) return;
  const p = new URLSearchParams();
  p.set('src', state.source);
  if (state.source === 'function') {
    p.set('f', $('function').value); p.set('for', $('target').value);
    if ($('orientation').value) p.set('or', $('orientation').value);
    if ($('transform').value !== 'none') p.set('tr', $('transform').value);
  } else if (state.source === 'example') p.set('ex', $('example').value);
  p.set('X', $('over').value); p.set('box', $('box').value);
  p.set('d', selectedDomains().join(','));
  p.set('gd', $('gapmap-domain').value); p.set('pd', $('precision-domain').value);
  history.replaceState(null, '', '?' + p.toString());
}

function readUrl() {
  const p = new URLSearchParams(location.search);
  if (p.has('src')) setSource(p.get('src') === 'upload' ? 'function' : p.get('src'));
  if (p.has('f')) $('function').value = p.get('f');
  if (p.has('for')) $('target').value = p.get('for');
  if (p.has('or')) $('orientation').value = p.get('or');
  if (p.has('tr')) $('transform').value = p.get('tr');
  if (p.has('ex')) $('example').value = p.get('ex');
  if (p.has('X')) $('over').value = p.get('X');
  if (p.has('box')) $('box').value = p.get('box');
  if (p.has('d')) {
    const d = p.get('d').split(',');
    document.querySelectorAll('#domains input').forEach(x => { x.checked = d.includes(x.value); });
  }
  if (p.has('gd')) $('gapmap-domain').value = p.get('gd');
  if (p.has('pd')) $('precision-domain').value = p.get('pd');
}

// ---------- wiring ----------

function setSource(s) {
  state.source = s;
  $('src-' + s).checked = true;
  $('field-function').hidden = s !== 'function';
  $('field-example').hidden = s !== 'example';
  $('field-upload').hidden = s !== 'upload';
  $('encoding-row').hidden = s !== 'function';
}

function onUpload() {
  clearErrors(['upload']);
  const file = $('upload').files[0];
  if (!file) return;
  if (file.size > MAX_UPLOAD) {
    showError('upload', file.name + ': file too large: ' + file.size + ' bytes, the limit is ' + MAX_UPLOAD);
    return;
  }
  const reader = new FileReader();
  if (/\.onnx$/i.test(file.name)) {
    reader.onload = () => {
      const bytes = new Uint8Array(reader.result);
      let s = '';
      for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
      state.uploaded = { onnx: btoa(s), name: file.name };
      loadNet();
    };
    reader.readAsArrayBuffer(file);
  } else {
    reader.onload = () => {
      let doc;
      try { doc = JSON.parse(reader.result); } catch (e) {
        showError('upload', file.name + ': not JSON: ' + e.message); return;
      }
      state.uploaded = { document: doc, name: file.name };
      loadNet();
    };
    reader.readAsText(file);
  }
}

async function init() {
  for (const id of ['gapmap-domain', 'precision-domain']) {
    $(id).innerHTML = DOMAINS.map(d => '<option value="' + d + '">' + d + '</option>').join('');
  }
  $('gapmap-domain').value = 'deeppoly0';
  $('precision-domain').value = 'deeppoly1';
  try {
    state.examples = (await api('examples')).examples;
    $('example').innerHTML = state.examples.map(e => '<option value="' + e.name + '">' + e.name + ': ' + e.title + '</option>').join('');
    state.table1 = await api('table1');
    drawTable1();
  } catch (e) { $('net-info').textContent = 'cannot reach the server: ' + e.message; }
  readUrl();
  document.querySelectorAll('input[name=source]').forEach(r => r.addEventListener('change', () => {
    setSource(r.value); state.restoring = false; loadNet();
  }));
  const netChanged = debounce(() => { state.restoring = false; loadNet(); }, 300);
  $('function').addEventListener('input', netChanged);
  $('orientation').addEventListener('input', netChanged);
  $('target').addEventListener('change', netChanged);
  $('transform').addEventListener('change', netChanged);
  $('example').addEventListener('change', () => {
    const e = state.examples.find(x => x.name === $('example').value);
    if (e) { $('over').value = e.box; $('box').value = e.box; }
    state.restoring = true; loadNet();
  });
  $('upload').addEventListener('change', onUpload);
  $('over').addEventListener('input', debounce(() => { saveUrl(); loadGraph(); }, 300));
  $('box').addEventListener('input', debounce(() => { drawBounds(); runBounds(); }, 200));
  document.querySelectorAll('#domains input').forEach(c => c.addEventListener('change', () => runBounds()));
  $('bounds-cancel').addEventListener('click', cancelBounds);
  $('gapmap-run').addEventListener('click', runGapMap);
  charts.gapmap.on('click', p => {
    if (!p.data || !state.gapmap) return;
    const g = state.gapmap.grid;
    $('box').value = fmt(g[p.data[0]]) + ':' + fmt(g[p.data[1]]);
    runBounds().then(drawBounds);
  });
  $('precision-run').addEventListener('click', runPrecision);
  $('gapmap-domain').addEventListener('change', saveUrl);
  $('precision-domain').addEventListener('change', saveUrl);
  window.addEventListener('resize', () => { Object.values(charts).forEach(c => c.resize()); drawBounds(); });
  await loadNet();
}

// For the browser tests: where the box handles are on the bounds chart's canvas (CSS pixels).
window.relucert = { handlePixels, state };

init();
