'use strict';
// The emulator's dashboard: the station list polled from the control API, frames and the site's
// power from the event stream (/events), and buttons for the API's operations. No build step.

const token = new URLSearchParams(location.search).get('token');
const auth = token ? { Authorization: 'Bearer ' + token } : {};
const FRAMES_KEPT = 50;
const SITE_SECONDS = 300;
const ERROR_CODES_16 = ['GroundFailure', 'HighTemperature', 'OverCurrentFailure', 'PowerSwitchFailure',
  'OverVoltage', 'UnderVoltage', 'ConnectorLockFailure', 'EVCommunicationError', 'PowerMeterFailure',
  'ReaderFailure', 'InternalError', 'OtherError'];
const PROBLEMS_201 = ['GroundFailure', 'HighTemperature', 'OverCurrent', 'ContactorFailure',
  'WeldedContactor', 'Other'];

const $ = (selector) => document.querySelector(selector);
const frames = {};          // station id -> last frames, newest last
const sitePoints = [];      // {t, powerKw, limitKw, evPowerKw; with PV or a battery: gridKw, pvKw, batteryKw, socPercent}
let selected = null;        // station id shown in the detail panel
let detailBuiltFor = null;  // station id (and EVSE count) the detail's forms were built for
let models = [];

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'class') e.className = v; else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
}

async function api(method, path, body) {
  const options = { method, headers: { ...auth } };
  if (body !== undefined) {
    options.headers['Content-Type'] = 'application/json';
    options.body = typeof body === 'string' ? body : JSON.stringify(body);
  }
  const response = await fetch(path, options);
  const text = await response.text();
  const json = text ? JSON.parse(text) : {};
  if (!response.ok) {
    $('#message').textContent = `${method} ${path}: ${json.error || response.status}`;
    throw new Error(json.error || String(response.status));
  }
  $('#message').textContent = '';
  return json;
}

function fmt(n, digits) { return Number(n).toFixed(digits); }

function renderStations(list) {
  const body = $('#stations tbody');
  body.replaceChildren(...list.map((s) => {
    const evses = (s.evses || []).map((e) => el('span', { class: 'evse', 'data-test': `evse-${s.id}-${e.evse}` },
      el('span', { class: `badge st-${e.status}` }, `${e.evse} ${e.status}`),
      ` ${fmt(e.limitA, 0)} A · ${fmt(e.dutyPercent, 1)} % · ${fmt(e.powerKw, 1)} kW`,
      e.transaction ? ' · ⚡' : ''));
    const connection = !s.running ? el('span', { class: 'badge off' }, 'stopped')
      : el('span', { class: `badge ${s.connected ? 'on' : 'off'}` },
        `${s.connected ? 'connected' : 'offline'}${s.network === 'down' ? ' (network off)' : ''} · ${s.registration || ''}`);
    const row = el('tr', { 'data-station': s.id, onclick: () => select(s.id) },
      el('td', {}, s.id, el('br'), el('small', {}, s.template)), el('td', {}, s.protocol || ''),
      el('td', {}, connection), el('td', {}, ...evses));
    if (s.id === selected) row.classList.add('selected');
    return row;
  }));
}

function select(id) {
  selected = id;
  detailBuiltFor = null;
  $('#detail').hidden = false;
  $('#detail-id').textContent = id;
  renderFrames();
  refresh();
}

function evseCard(id, e, v16) {
  const n = e.evse;
  const model = el('select', { 'data-test': `model-${n}` }, ...models.map((m) => el('option', { value: m.name }, `${m.name} (${m.description})`)));
  const idToken = el('input', { value: '04A1B2C3D4E5F6', 'data-test': `token-${n}`, title: 'idToken' });
  const fault = el('select', { 'data-test': `fault-${n}` },
    ...(v16 ? ERROR_CODES_16 : PROBLEMS_201).map((c) => el('option', { value: c }, c)));
  const base = `/stations/${encodeURIComponent(id)}/evses/${n}`;
  const act = (fn) => () => fn().then(refresh, () => {});
  return el('div', { class: 'evse-card', 'data-evse': n },
    el('strong', {}, `EVSE ${n} `), el('span', { class: 'state', 'data-test': `state-${n}` }),
    el('div', { class: 'evse-actions' },
      model, 'token', idToken,
      el('button', { 'data-test': `plug-${n}`, onclick: act(() => api('POST', `${base}/plug`, { model: model.value, idToken: idToken.value || undefined })) }, 'Plug in'),
      el('button', { 'data-test': `tap-${n}`, onclick: act(() => api('POST', `${base}/token`, { idToken: idToken.value })) }, 'Present token'),
      el('button', { 'data-test': `refuse-tariff-${n}`, title: 'the driver declines the tariff shown: the session ends', onclick: act(() => api('POST', `${base}/tariff/refuse`)) }, 'Refuse tariff'),
      el('button', { 'data-test': `unplug-${n}`, onclick: act(() => api('POST', `${base}/unplug`)) }, 'Unplug'),
      el('button', { 'data-test': `pause-${n}`, onclick: act(() => api('POST', `${base}/ev`, { charging: false })) }, 'EV pauses'),
      el('button', { 'data-test': `resume-${n}`, onclick: act(() => api('POST', `${base}/ev`, { charging: true })) }, 'EV resumes'),
      fault,
      el('button', { 'data-test': `fault-on-${n}`, onclick: act(() => api('POST', `${base}/fault`, v16 ? { errorCode: fault.value } : { problem: fault.value })) }, 'Fault'),
      el('button', { 'data-test': `fault-off-${n}`, onclick: act(() => api('DELETE', `${base}/fault`)) }, 'Clear fault')));
}

function renderDetail(state) {
  if (!state.running) {
    $('#detail-csms').textContent = 'stopped';
    $('#evses').replaceChildren();
    detailBuiltFor = null;
    return;
  }
  $('#detail-csms').textContent = `${state.protocol} · ${state.csmsUrl} · queue ${state.queueDepth}`;
  const key = `${state.id}/${state.evses.length}/${state.protocol}`;
  if (detailBuiltFor !== key) {
    $('#evses').replaceChildren(...state.evses.map((e) => evseCard(state.id, e, state.protocol === 'ocpp1.6')));
    detailBuiltFor = key;
  }
  for (const e of state.evses) {
    const tx = e.transaction;
    const ev = e.ev;
    $(`#evses [data-evse="${e.evse}"] .state`).textContent = [
      e.status,
      `limit ${fmt(e.limitA, 1)} A`,
      `pilot ${fmt(e.pilot.dutyPercent, 1)} % (${e.pilot.state})`,
      `draws ${fmt(e.drawA, 1)} A`,
      ev ? `EV ${fmt(ev.batteryKwh, 0)} kWh, ${ev.phases}×${fmt(ev.maxA, 0)} A, SoC ${fmt(ev.soc ?? 0, 1)} %` : 'no EV',
      tx ? `transaction ${tx.csmsId ?? tx.id} for ${tx.idToken}, ${fmt(tx.energyWh, 0)} Wh` : 'no transaction',
    ].join(' · ');
  }
}

function renderFrames() {
  const list = frames[selected] || [];
  $('#frames').replaceChildren(...list.slice().reverse().map((f) =>
    el('li', { class: f.dir }, `${f.ts.substring(11, 23)} ${f.dir === 'tx' ? '→' : '←'} ${typeof f.frame === 'string' ? f.frame : JSON.stringify(f.frame)}`)));
}

function drawSite() {
  const svg = $('#site-plot');
  const now = sitePoints.length ? sitePoints[sitePoints.length - 1].t : 0;
  while (sitePoints.length && sitePoints[0].t < now - SITE_SECONDS * 1000) sitePoints.shift();
  // The window grows with the run up to SITE_SECONDS, so a young run fills the plot too.
  const span = Math.max(30000, now - (sitePoints.length ? sitePoints[0].t : now));
  // PV and a battery: the net grid power may go below 0 (export), the battery too (charging)
  const energy = sitePoints.length > 0 && sitePoints[sitePoints.length - 1].gridKw !== undefined;
  const values = (p) => [p.powerKw, p.limitKw, p.gridKw ?? 0, p.pvKw ?? 0, p.batteryKw ?? 0];
  const top = Math.max(1, ...sitePoints.map((p) => Math.max(...values(p)))) * 1.15;
  const bottom = Math.min(0, ...sitePoints.map((p) => Math.min(...values(p)))) * 1.15;
  const x = (t) => 800 - ((now - t) / span) * 800;
  const y = (kw) => 178 - ((kw - bottom) / (top - bottom)) * 174;
  const line = (key) => sitePoints.map((p, i) => `${i ? 'L' : 'M'}${x(p.t).toFixed(1)},${y(p[key]).toFixed(1)}`).join(' ');
  const ns = 'http://www.w3.org/2000/svg';
  const path = (d, color, dash) => {
    const p = document.createElementNS(ns, 'path');
    p.setAttribute('d', d); p.setAttribute('fill', 'none'); p.setAttribute('stroke', color);
    p.setAttribute('stroke-width', '2'); p.setAttribute('vector-effect', 'non-scaling-stroke');
    if (dash) p.setAttribute('stroke-dasharray', '6 4');
    return p;
  };
  const lines = [path(line('limitKw'), '#c0392b', true), path(line('powerKw'), '#1f6feb'), path(line('evPowerKw'), '#2da44e')];
  const last = sitePoints[sitePoints.length - 1];
  if (energy) {
    lines.push(path(line('gridKw'), '#24292f'));
    if (last.pvKw !== undefined) lines.push(path(line('pvKw'), '#d4a000'));
    if (last.batteryKw !== undefined) lines.push(path(line('batteryKw'), '#8250df', true));
  }
  svg.replaceChildren(...lines);
  $('#site-energy-keys').hidden = !energy;
  if (last) {
    let now = `· now ${fmt(last.powerKw, 1)} kW, EVs ${fmt(last.evPowerKw, 1)} kW, limit ${fmt(last.limitKw, 1)} kW; `;
    if (energy) now += `grid ${fmt(last.gridKw, 1)} kW`
      + (last.pvKw !== undefined ? `, PV ${fmt(last.pvKw, 1)} kW (curtailed ${fmt(last.curtailedKw, 1)})` : '')
      + (last.batteryKw !== undefined ? `, battery ${fmt(last.batteryKw, 1)} kW at ${fmt(last.socPercent, 0)} %` : '') + '; ';
    $('#site-now').textContent = now + `scale ${fmt(bottom, 0)}–${fmt(top, 0)} kW over the last ${Math.round(span / 1000)} s`;
  }
}

let refreshing = false;
async function refresh() {
  if (refreshing) return;
  refreshing = true;
  try {
    renderStations(await api('GET', '/stations'));
    if (selected) renderDetail(await api('GET', `/stations/${encodeURIComponent(selected)}`));
  } catch (e) {
    // shown in #message by api()
  } finally {
    refreshing = false;
  }
}

function connectEvents() {
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/events${token ? '?token=' + encodeURIComponent(token) : ''}`;
  const ws = new WebSocket(url);
  ws.onopen = () => { $('#stream').textContent = 'events: live'; $('#stream').className = 'badge on'; };
  ws.onclose = () => {
    $('#stream').textContent = 'events: reconnecting'; $('#stream').className = 'badge off';
    setTimeout(connectEvents, 2000);
  };
  ws.onmessage = (message) => {
    const e = JSON.parse(message.data);
    if (e.type === 'frame' || e.type === 'notSent') {
      const list = frames[e.station] || (frames[e.station] = []);
      list.push(e);
      if (list.length > FRAMES_KEPT) list.shift();
      if (e.station === selected) renderFrames();
    } else if (e.type === 'site') {
      $('#site').hidden = false;
      sitePoints.push({
        t: Date.parse(e.ts), powerKw: e.powerKw, limitKw: e.limitKw, evPowerKw: e.evPowerKw,
        gridKw: e.gridKw, pvKw: e.pvKw, curtailedKw: e.curtailedKw, batteryKw: e.batteryKw, socPercent: e.batterySocPercent,
      });
      drawSite();
    }
  };
}

document.querySelectorAll('#detail .actions button').forEach((b) => b.addEventListener('click', () => {
  if (!selected) return;
  const op = b.dataset.op;
  const id = encodeURIComponent(selected);
  const call = op === 'remove' ? api('DELETE', `/stations/${id}`) : api('POST', `/stations/${id}/${op}`);
  call.then(() => { if (op === 'remove') { selected = null; $('#detail').hidden = true; } refresh(); }, () => {});
}));
$('#add').addEventListener('click', () => {
  const template = $('#add-template').value;
  api('POST', '/stations', { count: Number($('#add-count').value), ...(template === 'default' ? {} : { template }) })
    .then(refresh, () => {});
});

(async () => {
  try {
    models = await api('GET', '/evs');
    const templates = await api('GET', '/templates');
    $('#add-template').replaceChildren(...templates.map((t) => el('option', { value: t.name }, t.name)));
  } catch (e) { /* shown */ }
  connectEvents();
  refresh();
  setInterval(refresh, 1000);
})();
