// Grids in breach of a compliance rule, highlighted on the county's grid layer.
(function () {
  const element = document.getElementById('compliance-map');
  const breaches = new Set(JSON.parse(document.getElementById('breach-codes').textContent));
  const map = L.map(element, { preferCanvas: true });
  window.fengqiaoComplianceMap = map;
  fetch(element.dataset.grids).then(r => r.json()).then(data => {
    const layer = L.geoJSON(data, {
      style: f => breaches.has(f.properties.code)
        ? { color: '#b3261e', weight: 2, fillColor: '#b3261e', fillOpacity: 0.55 }
        : { color: '#2e7d32', weight: 0.6, fillOpacity: 0.04 },
      onEachFeature: (f, item) => item.bindTooltip(() => Fengqiao.text(f.properties.name + ' ' + f.properties.code))
    }).addTo(map);
    map.fitBounds(layer.getBounds());
  });
})();
