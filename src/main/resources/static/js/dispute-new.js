// Registering a dispute: the place can be filled in from the device's position.
(function () {
  document.getElementById('use-location').addEventListener('click', () => {
    if (!navigator.geolocation) return;
    navigator.geolocation.getCurrentPosition(p => {
      document.getElementById('lon').value = p.coords.longitude.toFixed(6);
      document.getElementById('lat').value = p.coords.latitude.toFixed(6);
    });
  });
})();
