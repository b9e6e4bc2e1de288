// The resident's report: category, a pin on the county map (or the phone's position), description; sent once.
(function () {
  const t = Fengqiao.texts();
  const form = document.getElementById('report-form');
  const api = form.dataset.api;
  const $ = id => document.getElementById(id);
  const format = (text, ...args) => args.reduce((s, a, i) => s.replace('{' + i + '}', a), text);

  // One key per filled-in form: a double tap or a retry after a lost answer creates nothing new.
  // (crypto.getRandomValues, unlike randomUUID, also works on plain http.)
  function newKey() {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    return 'web-' + Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
  }
  let key = newKey();
  let point = null;
  let sending = false;

  // Category search: rebuild the list from the options the page was rendered with.
  const select = $('category');
  const groups = Array.from(select.querySelectorAll('optgroup')).map(g => ({
    label: g.label, options: Array.from(g.querySelectorAll('option')).map(o => ({ value: o.value, text: o.textContent }))
  }));
  $('category-search').addEventListener('input', e => {
    const q = e.target.value.trim().toLowerCase();
    const chosen = select.value;
    Array.from(select.querySelectorAll('optgroup')).forEach(g => g.remove());
    let first = null;
    groups.forEach(g => {
      const matching = g.options.filter(o => !q || o.text.toLowerCase().includes(q) || g.label.toLowerCase().includes(q)
        || o.value.toLowerCase().includes(q));
      if (!matching.length) return;
      const group = document.createElement('optgroup');
      group.label = g.label;
      matching.forEach(o => {
        const option = new Option(o.text, o.value);
        group.append(option);
        first = first || o.value;
      });
      select.append(group);
    });
    select.value = Array.from(select.options).some(o => o.value === chosen && chosen) ? chosen : (q && first) || '';
  });

  // The map: the county outline over an empty background (no tile server).
  const element = $('report-map');
  const map = L.map(element, { zoomSnap: 0.25 });
  window.fengqiaoReportMap = map;
  map.setView([37.6, 108.8], 9);
  L.control.scale({ imperial: false }).addTo(map);
  fetch(element.dataset.outline, { headers: { Accept: 'application/geo+json' } })
    .then(r => r.json())
    .then(data => {
      const outline = L.geoJSON(data, { style: { color: '#b3261e', weight: 2, fillOpacity: 0.04 }, interactive: false })
        .addTo(map);
      map.fitBounds(outline.getBounds());
      element.dataset.ready = 'true';
    });
  const marker = L.circleMarker([0, 0], { radius: 9, color: '#b3261e', weight: 3, fillOpacity: 0.5 });

  function place(lat, lon) {
    point = { lat: lat, lon: lon };
    marker.setLatLng([lat, lon]).addTo(map);
    $('position').textContent = format(t.position, lon.toFixed(5), lat.toFixed(5));
    $('position').dataset.lon = lon;
    $('position').dataset.lat = lat;
    $('geo-error').hidden = true;
  }
  map.on('click', e => place(e.latlng.lat, e.latlng.lng));

  $('locate-me').addEventListener('click', () => {
    const error = $('geo-error');
    if (!navigator.geolocation) {
      error.textContent = t.geoUnsupported;
      error.hidden = false;
      return;
    }
    $('position').textContent = t.locating;
    navigator.geolocation.getCurrentPosition(p => {
      place(p.coords.latitude, p.coords.longitude);
      map.setView([p.coords.latitude, p.coords.longitude], 16);
    }, e => {
      $('position').textContent = point ? format(t.position, point.lon.toFixed(5), point.lat.toFixed(5)) : t.noPosition;
      error.textContent = e.code === 1 ? t.geoDenied : t.geoUnavailable;
      error.hidden = false;
    }, { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
  });

  const description = $('description');
  description.addEventListener('input', () => { $('count').textContent = description.value.length; });

  function showError(text) {
    const error = $('form-error');
    error.textContent = text;
    error.hidden = !text;
  }

  form.addEventListener('submit', e => {
    e.preventDefault();
    if (sending) return;
    if (!select.value) return showError(t.needCategory);
    if (!point) return showError(t.needPlace);
    if (!description.value.trim()) return showError(t.needDescription);
    const photos = [...$('photos').files];
    if (photos.length > 3) return showError(t.tooManyPhotos);
    showError('');
    sending = true;
    $('submit').disabled = true;
    $('submit').textContent = t.sending;
    const body = {
      categoryCode: select.value, lon: point.lon, lat: point.lat, description: description.value,
      reporterName: $('reporter-name').value.trim() || null, reporterPhone: $('reporter-phone').value.trim() || null
    };
    // With photos the report goes as multipart: a JSON part "report" and up to three "photos".
    let request;
    if (photos.length) {
      const data = new FormData();
      data.append('report', new Blob([JSON.stringify(body)], { type: 'application/json' }));
      photos.forEach(p => data.append('photos', p));
      request = { method: 'POST', body: data, headers: { Accept: 'application/json', 'Idempotency-Key': key } };
    } else {
      request = { method: 'POST', body: JSON.stringify(body),
        headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'Idempotency-Key': key } };
    }
    fetch(api + '/whistles', request).then(r => r.json().catch(() => ({})).then(answer => {
      if (!r.ok) {
        const type = answer.type || '';
        showError(type.endsWith('/not-covered') ? t.notCovered : (answer.detail || t.failed));
        return;
      }
      form.hidden = true;
      $('tracking-code').textContent = answer.trackingCode;
      $('track-link').href = form.dataset.track + answer.trackingCode;
      $('done').hidden = false;
      $('done').scrollIntoView();
    })).catch(() => showError(t.offline)) // the same key is sent again on retry
      .finally(() => {
        sending = false;
        $('submit').disabled = false;
        $('submit').textContent = t.submit;
      });
  });

  $('again').addEventListener('click', () => {
    form.reset();
    key = newKey();
    point = null;
    marker.remove();
    $('count').textContent = '0';
    $('position').textContent = t.noPosition;
    $('done').hidden = true;
    form.hidden = false;
    window.scrollTo(0, 0);
  });
})();
