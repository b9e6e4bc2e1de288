// The command centre: open whistles on the map by grade and clock, updated live by server-sent events.
(function () {
  const t = Fengqiao.texts();
  const api = document.getElementById('map').dataset.api;
  const csrf = { header: document.querySelector('meta[name=_csrf_header]').content,
                 token: document.querySelector('meta[name=_csrf]').content };
  const map = L.map('map', { preferCanvas: true }).setView([37.6, 108.8], 10);
  window.fengqiaoCommandMap = map;
  L.control.scale({ imperial: false }).addTo(map);
  const colours = { 1: '#c62828', 2: '#f9a825', 3: '#1565c0' };
  const markers = new Map();
  const items = new Map();
  let selected = null;

  // The county is fitted into view once its outline arrives, unless someone has moved the map meanwhile.
  let viewChosen = false;
  map.on('movestart zoomstart', () => { viewChosen = true; });
  fetch(api + '/public/county-outline').then(r => r.ok ? r.json() : null).then(g => {
    if (g) {
      const layer = L.geoJSON(g, { style: { color: '#b3261e', weight: 2, fill: false } }).addTo(map);
      if (!viewChosen) map.fitBounds(layer.getBounds());
    }
  }).catch(() => {});

  function filters() {
    const form = new FormData(document.getElementById('filters'));
    const p = new URLSearchParams({ open: 'true', size: '200' });
    for (const [k, v] of form.entries()) if (v) p.set(k, v);
    return p;
  }

  function matches(w) {
    const p = filters();
    return (!p.get('township') || w.township === p.get('township')) && (!p.get('grade') || String(w.grade) === p.get('grade'))
      && (!p.get('category') || w.category === p.get('category')) && (!p.get('line') || w.line === p.get('line'))
      && !['CLOSED', 'TRANSFERRED', 'MERGED', 'REJECTED', 'CONFIRMED'].includes(w.state);
  }

  function show(w) {
    items.set(w.id, w);
    let m = markers.get(w.id);
    if (!matches(w)) {
      if (m) { map.removeLayer(m); markers.delete(w.id); }
      items.delete(w.id);
      refreshLists();
      return;
    }
    const style = { radius: 8, color: w.clock === 'OVERDUE' ? '#000' : colours[w.grade], weight: w.clock === 'OVERDUE' ? 4 : 2,
      fillColor: colours[w.grade], fillOpacity: 0.8 };
    if (!m) {
      m = L.circleMarker([w.lat, w.lon], style).addTo(map);
      m.on('click', () => select(w.id));
      markers.set(w.id, m);
    } else {
      m.setStyle(style);
    }
    m.bindTooltip(Fengqiao.text(w.categoryName + ' · ' + (t[w.clock] || w.state)));
    refreshLists();
  }

  function refreshLists() {
    document.getElementById('open-count').textContent = markers.size;
    const list = document.getElementById('overdue');
    list.replaceChildren();
    [...items.values()].filter(w => w.clock === 'OVERDUE' && markers.has(w.id)).forEach(w => {
      const li = document.createElement('li');
      li.textContent = w.categoryName + ' · ' + t.level + ' ' + w.level + ' · ' + new Date(w.reportedAt).toLocaleString();
      li.className = 'grade-' + w.grade;
      li.addEventListener('click', () => select(w.id));
      list.append(li);
    });
  }

  function select(id) {
    selected = id;
    const w = items.get(id);
    document.getElementById('selected').hidden = false;
    document.getElementById('selected-title').textContent = w.categoryName + ' (' + w.trackingCode + ')';
    document.getElementById('selected-text').textContent = w.description + ' — ' + w.state + ', ' + t.level + ' ' + w.level
      + (w.clock ? ', ' + t[w.clock] : '');
  }

  function load() {
    markers.forEach(m => map.removeLayer(m));
    markers.clear();
    items.clear();
    fetch(api + '/whistles?' + filters()).then(r => r.json()).then(page => page.items.forEach(show));
  }

  function act(action, body) {
    const error = document.getElementById('action-error');
    error.hidden = true;
    fetch(api + '/whistles/' + selected + '/' + action, {
      method: 'POST', headers: { 'Content-Type': 'application/json', [csrf.header]: csrf.token }, body: JSON.stringify(body)
    }).then(r => r.json().then(j => {
      if (!r.ok) { error.textContent = j.detail || j.title; error.hidden = false; return; }
      show(j); select(j.id);
    }));
  }

  document.querySelectorAll('[data-card]').forEach(b => b.addEventListener('click', () => {
    const reason = document.getElementById('action-reason').value.trim();
    if (!reason) { alert(t.reasonNeeded); return; }
    act('supervise', { card: b.dataset.card, reason });
  }));
  document.getElementById('redispatch').addEventListener('click', () => {
    const reason = document.getElementById('action-reason').value.trim();
    if (!reason) { alert(t.reasonNeeded); return; }
    act('redispatch', { level: Number(document.getElementById('redispatch-level').value), reason });
  });
  document.getElementById('filters').addEventListener('change', load);

  const events = new EventSource(api + '/whistles/stream');
  events.onopen = () => { document.getElementById('live-state').textContent = t.connected; };
  events.onerror = () => { document.getElementById('live-state').textContent = t.connecting; };
  events.addEventListener('whistle', e => {
    const change = JSON.parse(e.data);
    fetch(api + '/whistles/' + change.id).then(r => r.ok ? r.json() : null).then(w => { if (w) show(w); });
  });
  // Clocks move even when nothing happens: refresh the lamps every minute.
  setInterval(load, 60000);
  load();
})();
