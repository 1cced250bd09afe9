'use strict';
// The management page: live state from /api/events (Server-Sent Events), changes through /api.

const $ = (sel, root = document) => root.querySelector(sel);
const HISTORY = 60; // graph points: one per status event, about a minute
const rows = new Map(); // channel id -> { el, history }
let hls = null;
let previewId = null;

async function api(method, path, body) {
  const init = { method, headers: {} };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const res = await fetch(path, init);
  const text = await res.text();
  const data = text ? JSON.parse(text) : null;
  if (!res.ok) throw new Error(data && data.error ? data.error : res.status + ' ' + res.statusText);
  return data;
}

function rate(bits) {
  if (bits >= 1e6) return (bits / 1e6).toFixed(1) + ' Mbit/s';
  if (bits >= 1e3) return (bits / 1e3).toFixed(0) + ' kbit/s';
  return bits + ' bit/s';
}

function duration(seconds) {
  const d = Math.floor(seconds / 86400), h = Math.floor(seconds / 3600) % 24, m = Math.floor(seconds / 60) % 60;
  return (d ? d + ' d ' : '') + (d || h ? h + ' h ' : '') + m + ' min';
}

function renderGateway(g) {
  const limit = g.uploadLimitBytesPerSecond ? rate(g.uploadLimitBytesPerSecond * 8) : 'none';
  const reach = g.reachable === null ? 'unknown' : g.reachable ? 'yes' : 'no';
  $('#gateway').textContent = `version ${g.version} · up ${duration(g.uptimeSeconds)} · peer port ${g.peerPort}`
    + ` (reachable from the internet: ${reach}) · upload limit ${limit} · ${g.channelsJoined} of ${g.channelsListed}`
    + ` channels joined · memory ${(g.memoryBytes / 1048576).toFixed(0)} MiB · data ${(g.dataBytes / 1024).toFixed(0)} KiB`;
  const input = $('#limit');
  if (document.activeElement !== input) input.value = g.uploadLimitBytesPerSecond * 8 / 1e6;
}

function row(c) {
  let r = rows.get(c.id);
  if (r) return r;
  const el = $('#channel-template').content.firstElementChild.cloneNode(true);
  el.dataset.id = c.id;
  r = { el, history: [] };
  rows.set(c.id, r);
  $('.play', el).onclick = () => preview(c.id);
  $('.pin', el).onclick = () => act(el, 'PATCH', { pinned: !rows.get(c.id).channel.pinned });
  $('.stop', el).onclick = () => act(el, 'PATCH', { stopped: !rows.get(c.id).channel.stopped });
  $('.remove', el).onclick = () => {
    if (confirm(`Remove ${rows.get(c.id).channel.name}?`)) act(el, 'DELETE');
  };
  const form = $('.rename-form', el);
  $('.rename', el).onclick = () => {
    form.hidden = false;
    $('.rename-input', el).value = rows.get(c.id).channel.customName || rows.get(c.id).channel.name;
    $('.rename-input', el).focus();
  };
  $('.rename-cancel', el).onclick = () => { form.hidden = true; };
  form.onsubmit = async (ev) => {
    ev.preventDefault();
    try {
      const name = $('.rename-input', el).value.trim();
      update(await api('PATCH', '/api/channels/' + c.id, { name: name === '' ? null : name }));
      form.hidden = true;
      $('.rename-error', el).textContent = '';
    } catch (e) {
      $('.rename-error', el).textContent = e.message;
    }
  };
  $('#channels').appendChild(el);
  return r;
}

async function act(el, method, body) {
  try {
    const c = await api(method, '/api/channels/' + el.dataset.id, body);
    if (c) update(c); else drop(el.dataset.id);
  } catch (e) {
    $('.rename-error', el).textContent = e.message;
  }
}

function drop(id) {
  const r = rows.get(id);
  if (r) r.el.remove();
  rows.delete(id);
  if (previewId === id) closePreview();
  $('#no-channels').hidden = rows.size > 0;
}

function update(c, sample) {
  const r = row(c);
  r.channel = c;
  const el = r.el;
  $('.name', el).textContent = c.name;
  const logo = $('.logo', el);
  if (c.logo) { if (logo.getAttribute('src') !== c.logo) logo.src = c.logo; logo.hidden = false; } else logo.hidden = true;
  const badges = $('.badges', el);
  badges.replaceChildren(...[c.joined ? 'joined' : 'not joined', c.pinned && 'pinned', c.stopped && 'stopped']
    .filter(Boolean).map(t => Object.assign(document.createElement('span'), { textContent: t, className: t.replace(' ', '-') })));
  const known = Object.entries(c.peers).filter(([, n]) => n > 0).map(([s, n]) => `${n} ${s}`).join(', ');
  $('.viewers', el).textContent = c.viewers;
  $('.peers', el).textContent = c.connectedPeers + ' connected' + (known ? ` (known: ${known})` : '');
  $('.rates', el).textContent = rate(c.downloadBitsPerSecond) + ' / ' + rate(c.uploadBitsPerSecond);
  $('.delay', el).textContent = c.joined ? (c.delayMillis / 1000).toFixed(2) + ' s' : '–';
  $('.buffer', el).textContent = c.joined ? (c.bufferAheadMillis / 1000).toFixed(1) + ' s' : '–';
  $('.chunks', el).textContent = `${c.chunksOnTime} / ${c.chunksLate} / ${c.chunksLost}`;
  $('.pin', el).textContent = c.pinned ? 'Unpin' : 'Pin';
  $('.stop', el).textContent = c.stopped ? 'Start' : 'Stop';
  for (const k of ['hls', 'ts', 'm3u']) {
    const a = $('a.' + k, el);
    a.textContent = c.urls[k];
    a.href = c.urls[k];
  }
  $('.dlna', el).textContent = c.urls.dlnaName;
  const qr = '/api/qr?text=' + encodeURIComponent(c.urls.hls);
  if ($('.qr', el).getAttribute('src') !== qr) $('.qr', el).src = qr;
  if (sample) {
    r.history.push({ down: c.downloadBitsPerSecond, up: c.uploadBitsPerSecond, delay: c.delayMillis });
    if (r.history.length > HISTORY) r.history.shift();
    graph($('.graph', el), r.history);
  }
  $('#no-channels').hidden = true;
}

// Download (blue) and upload (green) on one scale, delay (orange) on its own.
function graph(canvas, h) {
  const g = canvas.getContext('2d'), w = canvas.width, ht = canvas.height;
  g.clearRect(0, 0, w, ht);
  const maxRate = Math.max(1, ...h.map(p => Math.max(p.down, p.up)));
  const maxDelay = Math.max(1, ...h.map(p => p.delay));
  const line = (color, value, max) => {
    g.strokeStyle = color;
    g.lineWidth = 1.5;
    g.beginPath();
    h.forEach((p, i) => {
      const x = (i / (HISTORY - 1)) * w, y = ht - 2 - (value(p) / max) * (ht - 4);
      if (i === 0) g.moveTo(x, y); else g.lineTo(x, y);
    });
    g.stroke();
  };
  line('#1f77b4', p => p.down, maxRate);
  line('#2ca02c', p => p.up, maxRate);
  line('#ff7f0e', p => p.delay, maxDelay);
}

function applyStatus(s) {
  renderGateway(s.gateway);
  const seen = new Set();
  for (const c of s.channels) {
    seen.add(c.id);
    update(c, true);
  }
  for (const id of [...rows.keys()]) if (!seen.has(id)) drop(id);
  $('#no-channels').hidden = s.channels.length > 0;
}

// A channel joined a moment ago has no segment yet and its playlist answers 503: try again.
const RETRY_MS = 2000;
let retry = null;

function retryPreview(id) {
  clearTimeout(retry);
  retry = setTimeout(() => { if (previewId === id) preview(id); }, RETRY_MS);
}

function preview(id) {
  const c = rows.get(id).channel;
  const video = $('#player');
  previewId = id;
  clearTimeout(retry);
  video.onerror = () => retryPreview(id);
  $('#preview-name').textContent = c.name;
  $('#preview').hidden = false;
  if (hls) { hls.destroy(); hls = null; }
  // Safari plays HLS itself, and so AirPlay sends the gateway's URL to an Apple TV. Elsewhere hls.js
  // feeds Media Source: Chromium also claims native HLS now, but its player stalls on our TS variant.
  const safari = /Apple/.test(navigator.vendor || '');
  const native = video.canPlayType('application/vnd.apple.mpegurl');
  if (native && (safari || !(window.Hls && Hls.isSupported()))) {
    video.src = c.urls.hls;
  } else if (window.Hls && Hls.isSupported()) {
    hls = new Hls({ lowLatencyMode: true });
    hls.on(Hls.Events.ERROR, (event, data) => { if (data.fatal) retryPreview(id); });
    hls.loadSource(c.urls.hls);
    hls.attachMedia(video);
  } else {
    video.src = c.urls.hls;
  }
  video.play().catch(() => { /* autoplay refused: the controls are there */ });
}

function closePreview() {
  const video = $('#player');
  clearTimeout(retry);
  video.onerror = null;
  if (hls) { hls.destroy(); hls = null; }
  video.removeAttribute('src');
  video.load();
  previewId = null;
  $('#preview').hidden = true;
}

$('#preview-close').onclick = closePreview;

$('#add-form').onsubmit = async (ev) => {
  ev.preventDefault();
  const body = { link: $('#add-link').value };
  if ($('#add-name').value.trim()) body.name = $('#add-name').value.trim();
  if ($('#add-logo').value.trim()) body.logo = $('#add-logo').value.trim();
  $('#add-error').textContent = '';
  try {
    update(await api('POST', '/api/channels', body));
    $('#add-error').textContent = '';
    ev.target.reset();
  } catch (e) {
    $('#add-error').textContent = e.message;
  }
};

$('#limit-form').onsubmit = async (ev) => {
  ev.preventDefault();
  const mbit = Number($('#limit').value);
  try {
    renderGateway(await api('PATCH', '/api/gateway', { uploadLimitBytesPerSecond: Math.round(mbit * 1e6 / 8) }));
    $('#limit-error').textContent = '';
  } catch (e) {
    $('#limit-error').textContent = e.message;
  }
};

const events = new EventSource('/api/events');
events.addEventListener('status', (ev) => {
  $('#connection').textContent = 'live';
  applyStatus(JSON.parse(ev.data));
});
events.onerror = () => { $('#connection').textContent = 'connection lost; reconnecting…'; };
