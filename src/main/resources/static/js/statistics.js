// The statistics dashboard: pick an area and a period; cards, trend, breakdown, choropleth map and tables, all from
// the indicator API (within the caller's data scope). Text from the server goes on the page as text: tables and cards
// by textContent, map tooltips as elements (Fengqiao.text), chart tooltips rendered by ECharts on its canvas.
(function () {
  const t = Fengqiao.texts();
  const page = document.getElementById('dashboard');
  const api = page.dataset.api;
  const english = page.dataset.lang === 'en';
  // Today from the server's clock (the browser's may differ, and tests run on the suite's calendar).
  const today = page.dataset.today;
  const [thisYear, thisMonth] = today.split('-').map(Number);
  const $ = id => document.getElementById(id);

  const CARDS = ['whistles.received', 'whistles.closed', 'whistles.closure-rate', 'whistles.on-time-rate',
    'whistles.response-minutes-p50', 'whistles.within-30-minutes-share', 'whistles.satisfaction', 'whistles.rework-rate',
    'disputes.screened', 'disputes.success-rate', 'disputes.settled-in-village-share', 'disputes.civil-to-criminal-prevented'];
  const BY_OF_KIND = {
    county: ['township', 'station', 'category', 'grade', 'type', 'source'],
    township: ['village', 'category', 'grade', 'type', 'source'],
    village: ['grid', 'category', 'grade', 'type', 'source'],
    grid: ['category', 'grade', 'type', 'source'],
    station: ['police-grid', 'category', 'grade', 'type', 'source'],
    'police-grid': ['category', 'grade', 'type', 'source']
  };

  const state = { definitions: new Map(), area: null, choices: null, indicator: 'whistles.received', generation: 0 };
  const charts = {};

  // --- formatting -------------------------------------------------------------------------------------------------
  const integer = new Intl.NumberFormat(english ? 'en' : 'zh-CN', { maximumFractionDigits: 0 });
  function format(def, v) {
    if (v == null) return '—';
    switch (def && def.unit) {
      case 'SHARE': return (v * 100).toFixed(1) + '%';
      case 'MINUTES': return integer.format(v) + ' ' + t.minutes;
      case 'STARS': return Number(v).toFixed(2) + ' ' + t.stars;
      case 'PERSONS': return integer.format(v) + ' ' + t.persons;
      default: return integer.format(v);
    }
  }
  function change(v) {
    if (v == null) return '—';
    return (v > 0 ? '+' : '') + (v * 100).toFixed(1) + '%';
  }
  function arrow(v) {
    return v == null || v === 0 ? '→' : v > 0 ? '▲' : '▼';
  }
  /** good (green), bad (red) or flat: the direction of the change against whether higher is better. */
  function tone(def, v) {
    if (v == null || v === 0 || !def) return 'flat';
    return (v > 0) === def.higherIsBetter ? 'good' : 'bad';
  }
  const nameOf = def => def ? (english ? def.nameEn : def.nameZh) : '';

  // --- fetching ---------------------------------------------------------------------------------------------------
  function json(url) {
    return fetch(url, { headers: { Accept: 'application/json' } }).then(r => r.json().catch(() => ({})).then(body => {
      if (!r.ok) throw new Error(body.detail || body.title || String(r.status));
      return body;
    }));
  }
  function problem(error) {
    const p = $('problem');
    if (!error) { p.hidden = true; return; }
    p.textContent = error.message || String(error);
    p.hidden = false;
  }
  const query = params => new URLSearchParams(Object.entries(params).filter(([, v]) => v != null && v !== ''));

  // --- the period -------------------------------------------------------------------------------------------------
  function isoWeek(y, m, d) {
    const date = new Date(Date.UTC(y, m - 1, d));
    const day = date.getUTCDay() || 7;
    date.setUTCDate(date.getUTCDate() + 4 - day);
    const yearStart = new Date(Date.UTC(date.getUTCFullYear(), 0, 1));
    return [date.getUTCFullYear(), Math.ceil(((date - yearStart) / 86400000 + 1) / 7)];
  }
  const pad = n => String(n).padStart(2, '0');
  const [weekYear, week] = isoWeek(...today.split('-').map(Number));

  for (let y = thisYear; y > thisYear - 5; y--) $('period-year').append(new Option(String(y), String(y)));
  $('period-month').max = thisYear + '-' + pad(thisMonth);
  $('period-month').value = thisYear + '-' + pad(thisMonth);
  $('period-week').max = weekYear + '-W' + pad(week);
  $('period-week').value = weekYear + '-W' + pad(week);
  $('period-day').max = today;
  $('period-day').value = today;

  function fillUpTo() {
    const select = $('period-upto');
    const keep = select.value;
    const last = Number($('period-year').value) === thisYear ? thisMonth : 12;
    select.replaceChildren();
    for (let m = 1; m <= last; m++) {
      select.append(new Option((english ? 'Jan–' : '1-') + m + (english ? '' : '月'), String(m)));
    }
    select.value = keep && Number(keep) <= last ? keep : String(last);
  }
  function fillQuarters() {
    const last = Number($('period-year').value) === thisYear ? Math.ceil(thisMonth / 3) : 4;
    [...$('period-quarter').options].forEach(o => { o.disabled = Number(o.value) > last; });
    if (Number($('period-quarter').value) > last) $('period-quarter').value = String(last);
  }
  function showPeriodInputs() {
    const kind = $('period-kind').value;
    $('period-year').hidden = !['year', 'quarter', 'months'].includes(kind);
    $('period-quarter').hidden = kind !== 'quarter';
    $('period-upto').hidden = kind !== 'months';
    $('period-month').hidden = kind !== 'month';
    $('period-week').hidden = kind !== 'week';
    $('period-day').hidden = kind !== 'day';
  }
  function period() {
    const y = $('period-year').value;
    switch ($('period-kind').value) {
      case 'year': return y;
      case 'quarter': return y + '-Q' + $('period-quarter').value;
      case 'month': return $('period-month').value;
      case 'week': return $('period-week').value;
      case 'day': return $('period-day').value;
      default: return y + '-01..' + y + '-' + pad($('period-upto').value);
    }
  }
  /** The calendar year of the period, for the month trend. */
  function yearOfPeriod(p) {
    if (/^\d{4}-W\d{2}$/.test(p)) {
      return Number(p.slice(0, 4));
    }
    return Number(p.slice(0, 4));
  }

  // --- the area ---------------------------------------------------------------------------------------------------
  function crumb(area, current) {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'crumb' + (current ? ' current' : '');
    b.textContent = area.name;
    b.dataset.code = area.code;
    if (current) b.disabled = true;
    else b.addEventListener('click', () => goTo(area.code));
    return b;
  }
  function goTo(code) {
    return json(api + '/indicators/areas?' + query({ parent: code })).then(choices => {
      state.choices = choices;
      state.area = choices.area;
      const chain = $('area-chain');
      chain.replaceChildren(...choices.chain.map(a => crumb(a, false)), crumb(choices.area, true));
      const select = $('area-child');
      select.replaceChildren(new Option(t.choose, ''));
      choices.children.forEach(c => select.append(new Option(c.name, c.code)));
      select.hidden = choices.children.length === 0;
      fillBreakdowns();
      problem(null);
      return refresh();
    }).catch(problem);
  }
  $('area-child').addEventListener('change', e => { if (e.target.value) goTo(e.target.value); });

  // --- indicators and breakdowns ----------------------------------------------------------------------------------
  function fillIndicators() {
    const select = $('indicator');
    state.definitions.forEach(def => {
      if (def.breakdowns.length) select.append(new Option(nameOf(def), def.code));
    });
    select.value = state.indicator;
  }
  function fillBreakdowns() {
    const def = state.definitions.get(state.indicator);
    const select = $('breakdown-by');
    const keep = select.value;
    const words = (BY_OF_KIND[state.area.kind] || []).filter(w => def.breakdowns.includes(w));
    select.replaceChildren(...words.map(w => new Option(t['by.' + w] || w, w)));
    if (words.includes(keep)) select.value = keep;
    select.disabled = words.length === 0;
  }
  $('indicator').addEventListener('change', e => { state.indicator = e.target.value; fillBreakdowns(); refresh(); });
  $('breakdown-by').addEventListener('change', () => refresh());
  $('period-kind').addEventListener('change', () => { showPeriodInputs(); refresh(); });
  $('period-year').addEventListener('change', () => { fillUpTo(); fillQuarters(); refresh(); });
  ['period-quarter', 'period-upto', 'period-month', 'period-week', 'period-day']
    .forEach(id => $(id).addEventListener('change', () => refresh()));

  // --- rendering --------------------------------------------------------------------------------------------------
  function chart(id) {
    if (!charts[id]) charts[id] = echarts.init($(id), null, { renderer: 'canvas' });
    return charts[id];
  }
  window.addEventListener('resize', () => Object.values(charts).forEach(c => c.resize()));

  function cell(tr, text, className) {
    const td = document.createElement('td');
    td.textContent = text;
    if (className) td.className = className;
    tr.append(td);
  }

  function showValues(values) {
    $('heading').textContent = values.areaName + ' · ' + values.period + ' · ' + t.comparedWith + ' ' + values.previousYearPeriod;
    const byCode = new Map(values.values.map(v => [v.code, v]));
    const cards = $('cards');
    cards.replaceChildren();
    CARDS.filter(code => byCode.has(code) && state.definitions.has(code)).forEach(code => {
      const def = state.definitions.get(code);
      const v = byCode.get(code);
      const card = document.createElement('button');
      card.type = 'button';
      card.className = 'stat-card' + (code === state.indicator ? ' chosen' : '');
      card.dataset.code = code;
      const name = document.createElement('span');
      name.className = 'stat-name';
      name.textContent = nameOf(def);
      const value = document.createElement('span');
      value.className = 'stat-value';
      value.textContent = format(def, v.value);
      const yoy = document.createElement('span');
      yoy.className = 'stat-change ' + tone(def, v.yearOnYear);
      yoy.textContent = arrow(v.yearOnYear) + ' ' + t.yoy + ' ' + change(v.yearOnYear);
      const before = document.createElement('span');
      before.className = 'stat-before';
      before.textContent = values.previousYearPeriod + ': ' + format(def, v.previousYear);
      card.append(name, value, yoy, before);
      if (def.breakdowns.length) {
        card.addEventListener('click', () => { state.indicator = code; $('indicator').value = code; fillBreakdowns(); refresh(); });
      }
      cards.append(card);
    });
    const body = $('values-table').querySelector('tbody');
    body.replaceChildren();
    values.values.forEach(v => {
      const def = state.definitions.get(v.code);
      const tr = document.createElement('tr');
      cell(tr, nameOf(def) || v.code);
      cell(tr, format(def, v.value), 'num');
      cell(tr, format(def, v.previousYear), 'num');
      cell(tr, arrow(v.yearOnYear) + ' ' + change(v.yearOnYear), 'num ' + tone(def, v.yearOnYear));
      cell(tr, format(def, v.previousPeriod), 'num');
      cell(tr, arrow(v.periodOnPeriod) + ' ' + change(v.periodOnPeriod), 'num ' + tone(def, v.periodOnPeriod));
      body.append(tr);
    });
  }

  /** A plain-text axis tooltip, drawn by ECharts itself (no HTML). */
  function tooltip(def) {
    return {
      trigger: 'axis', renderMode: 'richText',
      valueFormatter: v => format(def, v)
    };
  }
  function scaled(def, v) {
    return v == null ? null : def.unit === 'SHARE' ? Math.round(v * 1000) / 10 : Number(v);
  }
  /** Counts are whole numbers: no 0.2 ticks. */
  function whole(def) {
    return def.unit === 'COUNT' || def.unit === 'PERSONS' ? 1 : null;
  }
  function axisLabel(def) {
    return { formatter: v => def.unit === 'SHARE' ? v + '%' : String(v) };
  }

  function showTrend(def, now, before, year) {
    const months = [...Array(12).keys()].map(i => year + '-' + pad(i + 1));
    const thisLine = new Map(now.rows.map(r => [r.key, r.value]));
    const lastLine = new Map(before.rows.map(r => [r.key, r.value]));
    const lastYear = months.map(m => (Number(m.slice(0, 4)) - 1) + m.slice(4));
    const shareTooltip = def.unit === 'SHARE'
      ? { trigger: 'axis', renderMode: 'richText', valueFormatter: v => v == null ? '—' : v + '%' } : tooltip(def);
    chart('trend-chart').setOption({
      animation: false,
      tooltip: shareTooltip,
      legend: { data: [String(year), String(year - 1)], top: 0 },
      grid: { left: 48, right: 16, top: 32, bottom: 28 },
      xAxis: { type: 'category', data: months.map(m => String(Number(m.slice(5)))) },
      yAxis: { type: 'value', axisLabel: axisLabel(def), minInterval: whole(def) },
      series: [
        { name: String(year), type: 'line', data: months.map(m => scaled(def, thisLine.get(m))), smooth: true,
          itemStyle: { color: '#b3261e' }, connectNulls: false },
        { name: String(year - 1), type: 'line', data: lastYear.map(m => scaled(def, lastLine.get(m))), smooth: true,
          itemStyle: { color: '#8d8d99' }, lineStyle: { type: 'dashed' } }
      ]
    }, true);
    $('trend-title').textContent = nameOf(def) + ' · ' + year + ' / ' + (year - 1);
  }

  /** Category names from the catalogue where the breakdown gives only a code. */
  const categoryNames = fetch(api + '/categories').then(r => r.ok ? r.json() : [])
    .then(list => new Map(list.map(c => [c.code, english ? c.nameEn : c.nameZh]))).catch(() => new Map());
  function named(breakdown) {
    if (breakdown.by !== 'category') return Promise.resolve(breakdown);
    return categoryNames.then(names => Object.assign({}, breakdown, {
      rows: breakdown.rows.map(r => Object.assign({}, r, { name: r.name === r.key && names.has(r.key) ? names.get(r.key) : r.name }))
    }));
  }

  function showBreakdown(def, breakdown) {
    const rows = breakdown.rows.filter(r => r.value != null);
    const ranked = [...rows].sort((a, b) => b.value - a.value);
    const top = breakdown.by === 'month' || breakdown.by === 'grade' ? rows : ranked.slice(0, 15).reverse();
    const shareTooltip = def.unit === 'SHARE'
      ? { trigger: 'axis', renderMode: 'richText', valueFormatter: v => v == null ? '—' : v + '%' } : tooltip(def);
    chart('breakdown-chart').setOption({
      animation: false,
      tooltip: shareTooltip,
      legend: { data: [t.thisYear, t.lastYear], top: 0 },
      grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'value', axisLabel: axisLabel(def), minInterval: whole(def) },
      yAxis: { type: 'category', data: top.map(r => r.name), axisLabel: { width: 110, overflow: 'truncate' } },
      series: [
        { name: t.thisYear, type: 'bar', barMaxWidth: 22, data: top.map(r => scaled(def, r.value)), itemStyle: { color: '#b3261e' } },
        { name: t.lastYear, type: 'bar', barMaxWidth: 22, data: top.map(r => scaled(def, r.previousYear)), itemStyle: { color: '#c9c9d3' } }
      ]
    }, true);
    const body = $('breakdown-table').querySelector('tbody');
    body.replaceChildren();
    (breakdown.by === 'month' || breakdown.by === 'grade' ? breakdown.rows : [...breakdown.rows]
      .sort((a, b) => (b.value ?? -Infinity) - (a.value ?? -Infinity))).forEach(r => {
      const tr = document.createElement('tr');
      cell(tr, r.name);
      cell(tr, format(def, r.value), 'num');
      cell(tr, r.numerator == null ? '—' : integer.format(r.numerator), 'num');
      cell(tr, r.denominator == null ? '—' : integer.format(r.denominator), 'num');
      cell(tr, format(def, r.previousYear), 'num');
      cell(tr, arrow(r.yearOnYear) + ' ' + change(r.yearOnYear), 'num ' + tone(def, r.yearOnYear));
      body.append(tr);
    });
    if (!breakdown.rows.length) {
      const tr = document.createElement('tr');
      cell(tr, t.noData);
      body.append(tr);
    }
  }

  // --- the choropleth ---------------------------------------------------------------------------------------------
  const map = L.map('choropleth', { preferCanvas: true, zoomSnap: 0.25, attributionControl: false });
  window.fengqiaoStatisticsMap = map;
  L.control.scale({ imperial: false }).addTo(map);
  map.setView([37.6, 108.8], 9);
  const geo = {};
  let shown = null;
  function layer(name) {
    if (!geo[name]) {
      geo[name] = fetch(api + '/geo/layers/' + name, { headers: { Accept: 'application/geo+json' } })
        .then(r => r.ok ? r.json() : { type: 'FeatureCollection', features: [] });
    }
    return geo[name];
  }
  function mapSource(area) {
    switch (area.kind) {
      case 'county': return ['townships', f => f.properties.code.startsWith(area.code)];
      case 'township': return ['villages', f => f.properties.code.startsWith(area.code)];
      case 'village': return ['grids?level=4', f => f.properties.code.startsWith(area.code)];
      case 'grid': return ['grids?level=4', f => f.properties.code === area.code];
      case 'station': return ['police-grids', f => f.properties.stationCode === area.code];
      default: return ['police-grids', f => f.properties.code === area.code];
    }
  }
  function colour(def, x) {
    // Counts: light to dark blue; rates and means: from the bad end (red) to the good end (green).
    if (def.unit === 'COUNT' || def.unit === 'PERSONS') {
      const light = [227, 238, 250], dark = [21, 72, 150];
      return 'rgb(' + light.map((c, i) => Math.round(c + (dark[i] - c) * x)).join(',') + ')';
    }
    const good = def.higherIsBetter ? x : 1 - x;
    const bad = [198, 40, 40], mid = [249, 168, 37], ok = [46, 125, 50];
    const [a, b, s] = good < 0.5 ? [bad, mid, good * 2] : [mid, ok, (good - 0.5) * 2];
    return 'rgb(' + a.map((c, i) => Math.round(c + (b[i] - c) * s)).join(',') + ')';
  }
  function showMap(def, valueOf, generation) {
    const [name, keep] = mapSource(state.area);
    const drillable = new Set(state.choices.children.map(c => c.code));
    const deeper = ['county', 'township', 'village', 'station'].includes(state.area.kind);
    return layer(name).then(data => {
      if (generation !== state.generation) return;
      const features = data.features.filter(keep);
      const values = features.map(f => valueOf(f.properties.code)).filter(v => v != null);
      const min = Math.min(...values), max = Math.max(...values);
      if (shown) map.removeLayer(shown);
      shown = L.geoJSON({ type: 'FeatureCollection', features: features }, {
        style: f => {
          const v = valueOf(f.properties.code);
          return v == null
            ? { color: '#7a7a86', weight: 1, fillColor: '#e0e0e6', fillOpacity: 0.6 }
            : { color: '#4a4a55', weight: 1, fillColor: colour(def, max > min ? (v - min) / (max - min) : 1), fillOpacity: 0.8 };
        },
        onEachFeature: (f, item) => {
          const p = f.properties;
          item.bindTooltip(() => Fengqiao.text(p.name + ': ' + format(def, valueOf(p.code))), { sticky: true });
          if (deeper && drillable.has(p.code)) item.on('click', () => goTo(p.code));
        }
      }).addTo(map);
      if (features.length) map.fitBounds(shown.getBounds(), { padding: [8, 8] });
      $('map-title').textContent = nameOf(def) + ' · ' + state.area.name;
      $('map-legend').textContent = values.length
        ? t.low + ' ' + format(def, min) + ' … ' + t.high + ' ' + format(def, max) : t.noData;
    });
  }

  // --- one refresh of everything ----------------------------------------------------------------------------------
  function exportLink(id, path, params) {
    $(id).href = api + path + '?' + query(params);
  }
  function refresh() {
    if (!state.area) return Promise.resolve();
    const generation = ++state.generation;
    const p = period();
    const area = state.area.code;
    const def = state.definitions.get(state.indicator);
    const by = $('breakdown-by').value;
    const year = yearOfPeriod(p);
    const trendPeriod = String(Math.min(year, thisYear));
    page.classList.add('loading');
    exportLink('values-export', '/indicators/values.xlsx', { area: area, period: p });
    exportLink('trend-export', '/indicators/breakdown.xlsx', { code: def.code, area: area, period: trendPeriod, by: 'month' });
    const jobs = [
      json(api + '/indicators/values?' + query({ area: area, period: p })).then(v => {
        if (generation === state.generation) showValues(v);
      }),
      Promise.all([
        json(api + '/indicators/breakdown?' + query({ code: def.code, area: area, period: trendPeriod, by: 'month' })),
        json(api + '/indicators/breakdown?' + query({ code: def.code, area: area, period: String(Number(trendPeriod) - 1), by: 'month' }))
      ]).then(([now, before]) => { if (generation === state.generation) showTrend(def, now, before, Number(trendPeriod)); })
    ];
    if (by) {
      exportLink('breakdown-export', '/indicators/breakdown.xlsx', { code: def.code, area: area, period: p, by: by });
      exportLink('breakdown-export-2', '/indicators/breakdown.xlsx', { code: def.code, area: area, period: p, by: by });
      jobs.push(json(api + '/indicators/breakdown?' + query({ code: def.code, area: area, period: p, by: by }))
        .then(named).then(b => { if (generation === state.generation) showBreakdown(def, b); }));
    }
    const childBy = state.choices.childBreakdown;
    if (childBy && def.breakdowns.includes(childBy)) {
      jobs.push(json(api + '/indicators/breakdown?' + query({ code: def.code, area: area, period: p, by: childBy }))
        .then(b => {
          const values = new Map(b.rows.map(r => [r.key, r.value]));
          return showMap(def, code => values.get(code), generation);
        }));
    } else {
      jobs.push(json(api + '/indicators/values?' + query({ area: area, period: p, codes: def.code }))
        .then(v => {
          const value = v.values.length ? v.values[0].value : null;
          return showMap(def, () => value, generation);
        }));
    }
    return Promise.all(jobs).then(() => problem(null)).catch(problem).finally(() => {
      if (generation === state.generation) page.classList.remove('loading');
    });
  }

  // --- start ------------------------------------------------------------------------------------------------------
  fillUpTo();
  fillQuarters();
  showPeriodInputs();
  Promise.all([json(api + '/indicators'), json(api + '/indicators/areas')]).then(([definitions, roots]) => {
    definitions.forEach(d => state.definitions.set(d.code, d));
    fillIndicators();
    if (!roots.children.length) throw new Error(t.noData);
    return goTo(roots.children[0].code);
  }).catch(problem);
})();
