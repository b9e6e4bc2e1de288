// The monthly brief's background job: start it, show its progress, offer the file once made. Text only.
(function () {
  const box = document.getElementById('brief-jobs');
  if (!box) return;
  const texts = Fengqiao.texts();
  const status = document.getElementById('brief-job-status');
  const progress = document.getElementById('brief-progress');

  function say(text) {
    status.textContent = text;
  }

  function poll(url) {
    fetch(url, { headers: { Accept: 'application/json' } }).then(r => r.json()).then(job => {
      progress.hidden = false;
      progress.max = Math.max(job.total, 1);
      progress.value = job.progress;
      if (job.state === 'DONE') {
        say(texts.done + ' ');
        const link = document.createElement('a');
        link.id = 'brief-job-download';
        link.href = job.downloadUrl;
        link.textContent = texts.download;
        status.appendChild(link);
      } else if (job.state === 'FAILED') {
        say(texts.failed);
      } else {
        say(texts.running.replace('{0}', job.progress).replace('{1}', job.total));
        setTimeout(() => poll(url), 700);
      }
    }).catch(() => say(texts.failed));
  }

  box.querySelectorAll('button[data-format]').forEach(button => button.addEventListener('click', () => {
    say('');
    fetch(box.dataset.url + '?all=true', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', [box.dataset.csrfHeader]: box.dataset.csrf },
      body: JSON.stringify({ area: box.dataset.area, month: box.dataset.month, format: button.dataset.format })
    }).then(r => r.ok ? r.json() : Promise.reject(r)).then(job => poll(box.dataset.url + '/' + encodeURIComponent(job.id)))
      .catch(() => say(texts.failed));
  }));
})();
