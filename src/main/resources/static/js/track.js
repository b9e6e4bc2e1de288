// The resident confirms a resolved report with a rating, or reopens it with a reason.
(function () {
  const t = Fengqiao.texts();
  const api = document.getElementById('whistle').dataset.api;
  const error = document.getElementById('action-error');

  function send(action, body) {
    error.hidden = true;
    return fetch(api + '/' + action, {
      method: 'POST', body: JSON.stringify(body),
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' }
    }).then(r => {
      if (r.ok) { window.location.reload(); return; }
      return r.json().catch(() => ({})).then(p => { error.textContent = p.detail || t.failed; error.hidden = false; });
    }).catch(() => { error.textContent = t.failed; error.hidden = false; });
  }

  function show(text) { error.textContent = text; error.hidden = false; }

  const confirmForm = document.getElementById('confirm-form');
  if (!confirmForm) return;
  confirmForm.addEventListener('submit', e => {
    e.preventDefault();
    const chosen = confirmForm.querySelector('input[name=rating]:checked');
    if (!chosen) return show(t.needRating);
    send('confirm', { rating: Number(chosen.value) });
  });
  document.getElementById('reopen-form').addEventListener('submit', e => {
    e.preventDefault();
    const reason = document.getElementById('reopen-reason').value.trim();
    if (!reason) return show(t.needReason);
    send('reopen', { reason: reason });
  });
})();
