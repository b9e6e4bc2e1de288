// The work list: live countdowns to the running deadline, and the responder's actions posted to the API. The list
// itself is fetched and swapped in by htmx (see work.html).
(function () {
  const t = Fengqiao.texts();
  const list = document.getElementById('work-list');
  const api = list.dataset.api;
  // The page is signed in by its session cookie, so every post carries the CSRF token.
  const csrf = { header: list.dataset.csrfHeader, token: list.dataset.csrf };
  const format = (text, ...args) => args.reduce((s, a, i) => s.replace('{' + i + '}', a), text);
  const two = n => String(n).padStart(2, '0');

  function span(ms) {
    const s = Math.floor(Math.abs(ms) / 1000);
    const d = Math.floor(s / 86400), h = Math.floor(s % 86400 / 3600), m = Math.floor(s % 3600 / 60);
    return (d ? d + t.days + ' ' : '') + two(h) + ':' + two(m) + ':' + two(s % 60);
  }

  // The server's time minus the phone's, read from each list the server sends.
  let skew = 0;
  function readServerTime() {
    const marker = list.querySelector('.server-now');
    const server = marker ? Date.parse(marker.dataset.now) : NaN;
    if (!isNaN(server)) skew = server - Date.now();
  }

  function tick() {
    const now = Date.now() + skew;
    list.querySelectorAll('.whistle-card[data-due]').forEach(card => {
      const countdown = card.querySelector('.countdown');
      if (!countdown || !card.dataset.due) return;
      const left = Date.parse(card.dataset.due) - now;
      countdown.querySelector('.remaining').textContent = left >= 0 ? format(t.left, span(left)) : format(t.overdue, span(left));
      if (left < 0) countdown.className = 'countdown clock-OVERDUE';
    });
  }

  // htmx swaps in the list the server renders (hx-get on the list); this asks for it at once.
  const refresh = () => list.dispatchEvent(new CustomEvent('refresh'));
  // The minute's fetch waits while a text is being written; the one after an action does not.
  list.addEventListener('htmx:beforeRequest', e => {
    const asked = e.detail.requestConfig && e.detail.requestConfig.triggeringEvent;
    if ((!asked || asked.type !== 'refresh') && list.querySelector('details[open], textarea:focus')) e.preventDefault();
  });
  list.addEventListener('htmx:afterSwap', () => { readServerTime(); tick(); thumbnails(); });

  // The photos of each whistle (the resident's and the work done), as thumbnails linking to the full picture.
  // Built with DOM calls, never as HTML text.
  function thumbnails() {
    list.querySelectorAll('.photos[data-photos]:not([data-loaded])').forEach(box => {
      box.dataset.loaded = 'true';
      fetch(box.dataset.photos, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
        .then(r => r.ok ? r.json() : [])
        .then(photos => photos.forEach(p => {
          const link = document.createElement('a');
          link.href = p.url;
          link.target = '_blank';
          link.rel = 'noopener';
          const img = document.createElement('img');
          img.src = p.url;
          img.loading = 'lazy';
          img.alt = (p.stage === 'RESOLUTION' ? t.photoDone : t.photoReport) + ' ' + p.number;
          link.appendChild(img);
          box.appendChild(link);
        }))
        .catch(() => {});
    });
  }

  list.addEventListener('click', e => {
    const button = e.target.closest('button[data-action]');
    if (!button) return;
    const card = button.closest('.whistle-card');
    const error = card.querySelector('.error');
    const body = {};
    if (button.dataset.field) {
      const text = button.closest('details').querySelector('textarea').value.trim();
      if (!text) { error.textContent = t.needText; error.hidden = false; return; }
      body[button.dataset.field] = text;
    }
    button.disabled = true;
    error.hidden = true;
    const headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
    headers[csrf.header] = csrf.token;
    // Photos of the work done go first, then the transition.
    const input = button.closest('details') && button.closest('details').querySelector('input[type=file]');
    let photos = Promise.resolve({ ok: true });
    if (input && input.files.length) {
      const data = new FormData();
      [...input.files].slice(0, 3).forEach(f => data.append('photos', f));
      photos = fetch(api + '/' + card.dataset.id + '/photos', {
        method: 'POST', headers: { Accept: 'application/json', [csrf.header]: csrf.token }, body: data, credentials: 'same-origin'
      });
    }
    photos.then(p => p.ok ? fetch(api + '/' + card.dataset.id + '/' + button.dataset.action, {
      method: 'POST', headers: headers, body: JSON.stringify(body), credentials: 'same-origin'
    }) : p).then(r => {
      if (r.ok) return refresh();
      return r.json().catch(() => ({})).then(p => { error.textContent = p.detail || t.failed; error.hidden = false; });
    }).catch(() => { error.textContent = t.failed; error.hidden = false; })
      .finally(() => { button.disabled = false; });
  });

  readServerTime();
  tick();
  thumbnails();
  setInterval(tick, 1000);
})();
