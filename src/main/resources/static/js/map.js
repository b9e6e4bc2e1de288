// The county map: GeoJSON layers over an empty background (no tile server), click to locate.
(function () {
  const t = Fengqiao.texts();
  const element = document.getElementById('map');
  const api = element.dataset.api;
  const map = L.map('map', { preferCanvas: true, zoomSnap: 0.25 });
  window.fengqiaoMap = map;
  let clickedGrid = null;

  const styles = {
    county: { color: '#b3261e', weight: 3, fill: false },
    townships: { color: '#3f51b5', weight: 2, fillOpacity: 0.04 },
    villages: { color: '#607d8b', weight: 1, fillOpacity: 0.03 },
    grids: { color: '#2e7d32', weight: 1, fillOpacity: 0.05 },
    micro: { color: '#9e9d24', weight: 0.6, fillOpacity: 0.03, dashArray: '2 2' },
    policeGrids: { color: '#1565c0', weight: 2, fillOpacity: 0.04, dashArray: '6 4' },
    stations: { color: '#0d47a1', weight: 3, fill: false }
  };

  function layer(url, style, selectable) {
    const group = L.geoJSON(null, {
      style: style,
      pointToLayer: (feature, latlng) => L.circleMarker(latlng, {
        radius: feature.properties.kind === 'POLICE_ROOM' ? 4 : 6,
        color: feature.properties.kind === 'CAMPUS_POLICE_ROOM' ? '#6a1b9a' : feature.properties.kind === 'WORKSTATION' ? '#e65100' : '#1565c0',
        fillOpacity: 0.8, weight: 1
      }),
      onEachFeature: (feature, item) => {
        const p = feature.properties;
        // Names come from imports: text, never HTML (Leaflet puts a string tooltip in as HTML).
        item.bindTooltip(() => Fengqiao.text(p.name + (p.kind && t[p.kind] ? ' · ' + t[p.kind] : '')), { sticky: true });
        if (selectable) {
          item.on('click', () => { clickedGrid = p.code; });
        }
      }
    });
    group.source = url;
    return group;
  }

  const layers = {
    county: layer(api + '/geo/layers/county', styles.county),
    townships: layer(api + '/geo/layers/townships', styles.townships),
    villages: layer(api + '/geo/layers/villages', styles.villages),
    grids: layer(api + '/geo/layers/grids?level=4', styles.grids, true),
    micro: layer(api + '/geo/layers/grids?level=5', styles.micro, true),
    policeGrids: layer(api + '/geo/layers/police-grids', styles.policeGrids),
    stations: layer(api + '/geo/layers/police-stations', styles.stations),
    rooms: layer(api + '/geo/layers/police-rooms')
  };

  // One fetch per layer; everyone who asks (the layer control's overlayadd fires as soon as a layer is added)
  // waits for the same one, so nobody fits the map to a layer whose shapes have not arrived yet.
  function load(group) {
    if (!group.loading) {
      group.loading = fetch(group.source, { headers: { Accept: 'application/geo+json' } })
        .then(r => r.json())
        .then(data => { group.addData(data); return group; });
    }
    return group.loading;
  }

  map.on('overlayadd', e => load(e.layer));
  L.control.layers(null, {
    [t.layerCounty]: layers.county,
    [t.layerTownships]: layers.townships,
    [t.layerVillages]: layers.villages,
    [t.layerGrids]: layers.grids,
    [t.layerMicroGrids]: layers.micro,
    [t.layerPoliceGrids]: layers.policeGrids,
    [t.layerStations]: layers.stations,
    [t.layerRooms]: layers.rooms
  }, { collapsed: window.innerWidth < 760 }).addTo(map);
  L.control.scale({ imperial: false }).addTo(map);

  map.setView([37.6, 108.8], 9);
  ['county', 'townships', 'grids', 'rooms'].forEach(name => layers[name].addTo(map));
  load(layers.county).then(g => map.fitBounds(g.getBounds()));
  ['townships', 'grids', 'rooms'].forEach(name => load(layers[name]));

  const marker = L.circleMarker([0, 0], { radius: 7, color: '#b3261e', weight: 3, fillOpacity: 0.3 });

  function row(list, label, value) {
    const dt = document.createElement('dt');
    dt.textContent = label;
    const dd = document.createElement('dd');
    dd.textContent = value == null ? t.none : value;
    list.append(dt, dd);
  }

  const named = a => a ? a.name + ' (' + a.code + ')' : null;

  function showChain(c) {
    const list = document.getElementById('chain-list');
    list.replaceChildren();
    row(list, t.county, named(c.county));
    row(list, t.township, named(c.township));
    row(list, t.village, named(c.village));
    row(list, t.grid, named(c.grid));
    row(list, t.microGrid, named(c.microGrid));
    row(list, t.policeGrid, named(c.policeGrid));
    row(list, t.policeStation, named(c.policeStation));
    row(list, t.policeRoom, c.policeRoom ? c.policeRoom.name + ' · ' + (t[c.policeRoom.kind] || '') + ' · '
      + c.policeRoom.distanceMetres + ' ' + t.metres : null);
    document.getElementById('chain').hidden = false;
  }

  function showGrid(code) {
    fetch(api + '/geo/grids/' + code).then(r => r.ok ? r.json() : null).then(g => {
      const section = document.getElementById('grid');
      if (!g) { section.hidden = true; return; }
      const list = document.getElementById('grid-detail');
      list.replaceChildren();
      row(list, t.grid, g.name);
      row(list, t.code, g.code);
      row(list, t.level, g.level);
      row(list, t.parents, g.parents.map(p => p.name).join(' › '));
      row(list, t.chief, g.chief);
      row(list, t.households, g.households);
      row(list, t.population, g.population);
      row(list, t.policeGrid, g.policeGrid ? g.policeGrid.name + ' · ' + g.policeGrid.station : null);
      section.hidden = false;
    });
  }

  map.on('click', e => {
    const selected = clickedGrid;
    clickedGrid = null;
    marker.setLatLng(e.latlng).addTo(map);
    const lon = e.latlng.lng.toFixed(7), lat = e.latlng.lat.toFixed(7);
    fetch(api + '/locate?lon=' + lon + '&lat=' + lat).then(r => {
      document.getElementById('hint').hidden = true;
      document.getElementById('not-covered').hidden = r.status !== 404;
      if (!r.ok) {
        document.getElementById('chain').hidden = true;
        document.getElementById('grid').hidden = true;
        return;
      }
      return r.json().then(c => {
        showChain(c);
        const code = selected || (c.microGrid || c.grid || {}).code;
        if (code) showGrid(code);
      });
    });
  });
})();
