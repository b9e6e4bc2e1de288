// The command centre's big screen: today's figures, the open whistles on the map by lamp, the ranking, splits, trend
// and overdue alarms, re-fetched when the server-sent events announce a whistle change (debounced). Text from the
// server is put on the page as text; charts draw their tooltips on the canvas (no HTML).
(function () {
  const t = Fengqiao.texts();
  const screen = document.getElementById('screen');
  const api = screen.dataset.api;
  const english = screen.dataset.lang === 'en';
  const today = screen.dataset.today; // the server's date (its clock), never the browser's
  const [year, month] = today.split('-').map(Number);
  const yearToDate = year + '-01..' + year + '-' + String(month).padStart(2, '0');
  const $ = id => document.getElementById(id);
  const integer = new Intl.NumberFormat(english ? 'en' : 'zh-CN', { maximumFractionDigits: 0 });
  const percent = v => v == null ? '—' : (v * 100).toFixed(1) + '%';
  const count = v => v == null ? '—' : integer.format(v);
  const time = new Intl.DateTimeFormat(english ? 'en' : 'zh-CN',
    { timeZone: 'Asia/Shanghai', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });
  const LAMP = { RED: '#ff3b30', YELLOW: '#ffcc00', BLUE: '#2f8cff' };
  const dark = { backgroundColor: 'transparent', textStyle: { fontSize: 18, color: '#cfd8e3' } };
  const charts = {};
  const state = { area: null, childBy: null, names: new Map() };

  function json(url) {
    return fetch(url, { headers: { Accept: 'application/json' } }).then(r => {
      if (!r.ok) throw new Error(url + ': ' + r.status);
      return r.json();
    });
  }
  const query = params => new URLSearchParams(params).toString();
  function chart(id) {
    if (!charts[id]) charts[id] = echarts.init($(id), 'dark', { renderer: 'canvas' });
    return charts[id];
  }
  window.addEventListener('resize', () => Object.values(charts).forEach(c => c.resize()));

  function tile(id, text, sub) {
    $(id).querySelector('.bs-number').textContent = text;
    const s = $(id).querySelector('.bs-sub');
    if (s) s.textContent = sub || '';
  }
  function value(values, code) {
    return values.values.find(v => v.code === code) || {};
  }

  // --- figures ----------------------------------------------------------------------------------------------------
  function figures() {
    const area = state.area.code;
    const todayCodes = 'whistles.received,whistles.closed,whistles.within-30-minutes-share,whistles.on-time-rate,'
      + 'whistles.satisfied-share';
    const yearCodes = 'whistles.on-time-rate,whistles.satisfied-share,disputes.settled-in-village-share,'
      + 'disputes.settled-in-town-share';
    return Promise.all([
      json(api + '/indicators/values?' + query({ area: area, period: today, codes: todayCodes })),
      json(api + '/indicators/values?' + query({ area: area, period: yearToDate, codes: yearCodes })),
      json(api + '/indicators/breakdown?' + query({ code: 'whistles.received', area: area, period: String(year), by: 'month' })),
      json(api + '/indicators/breakdown?' + query({ code: 'whistles.received', area: area, period: String(year - 1), by: 'month' })),
      json(api + '/indicators/breakdown?' + query({ code: 'whistles.received', area: area, period: yearToDate, by: 'grade' })),
      json(api + '/indicators/breakdown?' + query({ code: 'whistles.received', area: area, period: yearToDate, by: 'category' })),
      state.childBy
        ? json(api + '/indicators/breakdown?' + query({ code: 'whistles.on-time-rate', area: area, period: yearToDate, by: state.childBy }))
        : Promise.resolve(null),
      categoryNames
    ]).then(([day, ytd, trendNow, trendBefore, grades, categories, ranking, names]) => {
      tile('tile-received', count(value(day, 'whistles.received').value));
      tile('tile-accepted', count(value(day, 'whistles.within-30-minutes-share').denominator ?? 0));
      tile('tile-closed', count(value(day, 'whistles.closed').value));
      tile('tile-on-time', percent(value(day, 'whistles.on-time-rate').value),
        t.yearToDate + ' ' + percent(value(ytd, 'whistles.on-time-rate').value));
      tile('tile-satisfaction', percent(value(day, 'whistles.satisfied-share').value),
        t.yearToDate + ' ' + percent(value(ytd, 'whistles.satisfied-share').value));
      ladder('ladder-village', value(ytd, 'disputes.settled-in-village-share').value);
      ladder('ladder-town', value(ytd, 'disputes.settled-in-town-share').value);
      trend(trendNow, trendBefore);
      gradeSplit(grades);
      categorySplit(categories, names);
      showRanking(ranking);
    });
  }

  function ladder(id, v) {
    $(id).querySelector('.bs-fill').style.width = v == null ? '0' : Math.min(100, v * 100).toFixed(1) + '%';
    $(id).querySelector('.bs-value').textContent = percent(v);
  }

  function trend(now, before) {
    const months = [...Array(12).keys()].map(i => String(i + 1).padStart(2, '0'));
    const a = new Map(now.rows.map(r => [r.key.slice(5), r.value]));
    const b = new Map(before.rows.map(r => [r.key.slice(5), r.value]));
    chart('trend-chart').setOption(Object.assign({}, dark, {
      animation: false,
      tooltip: { trigger: 'axis', renderMode: 'richText', textStyle: { fontSize: 18 } },
      legend: { data: [String(year), String(year - 1)], top: 0, right: 10, textStyle: { fontSize: 20, color: '#cfd8e3' } },
      grid: { left: 70, right: 20, top: 40, bottom: 36 },
      xAxis: { type: 'category', data: months.map(m => String(Number(m)) + (english ? '' : '月')),
        axisLabel: { fontSize: 18 } },
      yAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize: 18 }, splitLine: { lineStyle: { color: 'rgba(159,195,255,.15)' } } },
      series: [
        { name: String(year), type: 'line', data: months.map(m => a.get(m) ?? null), smooth: true, symbolSize: 8,
          lineStyle: { width: 4, color: '#ff6b6b' }, itemStyle: { color: '#ff6b6b' }, areaStyle: { opacity: 0.12 } },
        { name: String(year - 1), type: 'line', data: months.map(m => b.get(m) ?? null), smooth: true, symbolSize: 6,
          lineStyle: { width: 3, type: 'dashed', color: '#7fa7d9' }, itemStyle: { color: '#7fa7d9' } }
      ]
    }), true);
  }

  function gradeSplit(grades) {
    const colours = { 1: LAMP.RED, 2: LAMP.YELLOW, 3: LAMP.BLUE };
    const data = grades.rows.filter(r => r.value).map(r => ({
      name: t['grade' + r.key] || r.name, value: Number(r.value), itemStyle: { color: colours[r.key] || '#888' }
    }));
    chart('grade-chart').setOption(Object.assign({}, dark, {
      animation: false,
      tooltip: { trigger: 'item', renderMode: 'richText', textStyle: { fontSize: 18 } },
      legend: { orient: 'vertical', right: 0, top: 'middle', textStyle: { fontSize: 20, color: '#cfd8e3' } },
      series: [{ type: 'pie', radius: ['42%', '78%'], center: ['34%', '52%'], data: data,
        label: { formatter: '{d}%', fontSize: 20, color: '#fff' }, labelLine: { length: 6, length2: 6 } }]
    }), true);
  }

  /** Category names from the catalogue where the breakdown gives only a code. */
  const categoryNames = fetch(api + '/categories').then(r => r.ok ? r.json() : [])
    .then(list => new Map(list.map(c => [c.code, english ? c.nameEn : c.nameZh]))).catch(() => new Map());

  function categorySplit(categories, names) {
    categories.rows.forEach(r => { if (r.name === r.key && names.has(r.key)) r.name = names.get(r.key); });
    const top = categories.rows.filter(r => r.value).sort((a, b) => b.value - a.value).slice(0, 6).reverse();
    chart('category-chart').setOption(Object.assign({}, dark, {
      animation: false,
      tooltip: { trigger: 'axis', renderMode: 'richText', textStyle: { fontSize: 18 } },
      grid: { left: 8, right: 56, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', show: false },
      yAxis: { type: 'category', data: top.map(r => r.name), axisLabel: { fontSize: 19, width: 190, overflow: 'truncate', color: '#cfd8e3' } },
      series: [{ name: t.received, type: 'bar', data: top.map(r => Number(r.value)), barWidth: '60%', barMaxWidth: 40,
        itemStyle: { color: '#26c6da', borderRadius: [0, 6, 6, 0] },
        label: { show: true, position: 'right', fontSize: 19, color: '#fff' } }]
    }), true);
  }

  function showRanking(ranking) {
    const best = $('ranking-best'), worst = $('ranking-worst');
    best.replaceChildren();
    worst.replaceChildren();
    $('ranking-what').textContent = t.onTimeRate;
    if (!ranking) return;
    const rows = ranking.rows.filter(r => r.value != null).sort((a, b) => b.value - a.value);
    const n = Math.min(5, Math.ceil(rows.length / 2));
    const item = r => {
      const li = document.createElement('li');
      const who = document.createElement('span');
      who.className = 'who';
      who.textContent = r.name;
      const score = document.createElement('span');
      score.className = 'score';
      score.textContent = percent(r.value);
      li.append(who, score);
      return li;
    };
    rows.slice(0, n).forEach(r => best.append(item(r)));
    rows.slice(n).slice(-Math.min(5, rows.length - n)).reverse().forEach(r => worst.append(item(r)));
    [best, worst].forEach(list => {
      if (!list.children.length) {
        const li = document.createElement('li');
        li.textContent = t.none;
        list.append(li);
      }
    });
  }

  // --- the map and the open whistles ------------------------------------------------------------------------------
  const map = L.map('bs-map', { preferCanvas: true, zoomControl: false, attributionControl: false, zoomSnap: 0.1 });
  window.fengqiaoBigScreenMap = map;
  map.setView([37.6, 108.8], 9);
  const markers = L.layerGroup().addTo(map);

  function outlines() {
    const area = state.area;
    const layer = area.kind === 'county' ? 'townships' : area.kind === 'township' ? 'villages'
      : area.kind === 'station' || area.kind === 'police-grid' ? 'police-grids' : 'grids?level=4';
    const keep = area.kind === 'station' ? f => f.properties.stationCode === area.code
      : f => f.properties.code.startsWith(area.code);
    return fetch(api + '/geo/layers/' + layer, { headers: { Accept: 'application/geo+json' } })
      .then(r => r.ok ? r.json() : { features: [] })
      .then(data => {
        const shapes = L.geoJSON({ type: 'FeatureCollection', features: data.features.filter(keep) }, {
          style: { color: '#4fc3f7', weight: 1.5, fillColor: '#123a66', fillOpacity: 0.55 },
          onEachFeature: (f, item) => {
            state.names.set(f.properties.code, f.properties.name);
            item.bindTooltip(() => Fengqiao.text(f.properties.name), { sticky: true });
          }
        }).addTo(map);
        shapes.bringToBack();
        if (shapes.getLayers().length) map.fitBounds(shapes.getBounds(), { padding: [16, 16] });
      });
  }

  /** Where a whistle lies, as finely as the screen knows names: the village, else the township. */
  function place(w) {
    return state.names.get(w.village) || state.names.get(w.township) || '';
  }

  function whistles() {
    const open = [];
    const page = n => json(api + '/whistles?' + query({ open: 'true', size: '200', page: String(n) })).then(list => {
      open.push(...list.items);
      return (n + 1) * list.size < list.total && n < 9 ? page(n + 1) : open;
    });
    return page(0).then(items => {
      markers.clearLayers();
      items.forEach(w => {
        const overdue = w.clock === 'OVERDUE';
        const m = L.circleMarker([w.lat, w.lon], {
          radius: overdue ? 10 : 8, color: overdue ? '#ffffff' : LAMP[w.gradeColour] || '#888', weight: overdue ? 4 : 1.5,
          fillColor: LAMP[w.gradeColour] || '#888', fillOpacity: 0.9
        });
        m.bindTooltip(() => Fengqiao.text([w.categoryName, place(w)].filter(Boolean).join(' · ')));
        markers.addLayer(m);
      });
      $('open-count').textContent = items.length + ' ' + t.open;
      const late = items.filter(w => w.clock === 'OVERDUE')
        .sort((a, b) => a.grade - b.grade || new Date(a.reportedAt) - new Date(b.reportedAt));
      tile('tile-overdue', count(late.length));
      const list = $('alarms');
      list.replaceChildren();
      late.slice(0, 12).forEach(w => {
        const li = document.createElement('li');
        li.className = 'grade-' + w.grade;
        li.textContent = [time.format(new Date(w.reportedAt)), place(w), w.categoryName, t.level + ' ' + w.level]
          .filter(Boolean).join(' · ');
        list.append(li);
      });
      if (!late.length) {
        const li = document.createElement('li');
        li.className = 'none';
        li.textContent = t.none;
        list.append(li);
      }
    });
  }

  // --- live -------------------------------------------------------------------------------------------------------
  let timer = null;
  function refresh() {
    return Promise.all([figures(), whistles()]).catch(e => console.warn(e.message));
  }
  function soon() {
    clearTimeout(timer);
    timer = setTimeout(refresh, 2000);
  }

  json(api + '/indicators/areas').then(roots => {
    if (!roots.children.length) throw new Error('no area in scope');
    return json(api + '/indicators/areas?' + query({ parent: roots.children[0].code }));
  }).then(choices => {
    state.area = choices.area;
    state.childBy = choices.childBreakdown;
    state.names.set(choices.area.code, choices.area.name);
    choices.children.forEach(c => state.names.set(c.code, c.name));
    $('area-name').textContent = choices.area.name;
    return outlines().then(refresh);
  }).then(() => {
    screen.classList.add('ready');
    const events = new EventSource(api + '/whistles/stream');
    events.onopen = () => { $('live-state').textContent = t.connected; $('live-state').classList.add('on'); };
    events.onerror = () => { $('live-state').textContent = t.connecting; $('live-state').classList.remove('on'); };
    events.addEventListener('whistle', soon);
    // Clocks move even when nothing happens: the lamps and overdue alarms every minute.
    setInterval(() => whistles().catch(e => console.warn(e.message)), 60000);
    // Disputes send no events: the figures again every five minutes.
    setInterval(() => figures().catch(e => console.warn(e.message)), 300000);
  }).catch(e => console.warn(e.message));
})();
