// Shared by every page. Data from the server or the user is always put on the page as text, never as HTML:
// pages build nodes with textContent, hand Leaflet an element (Fengqiao.text) instead of a string, and use
// Fengqiao.escapeHtml where a library insists on an HTML string.
window.Fengqiao = (function () {
  const entities = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

  /** The value as HTML text: & < > " ' replaced by their entities (null and undefined become ''). */
  function escapeHtml(value) {
    return value == null ? '' : String(value).replace(/[&<>"']/g, c => entities[c]);
  }

  /** A span holding the value as text, for Leaflet's bindTooltip/bindPopup/setContent (which take an element). */
  function text(value) {
    const span = document.createElement('span');
    span.textContent = value == null ? '' : String(value);
    return span;
  }

  /**
   * The page's translated texts, from the hidden element #i18n whose children carry data-key and the text
   * (rendered by Thymeleaf with th:text, so no inline script is needed for them).
   */
  function texts() {
    const out = {};
    const holder = document.getElementById('i18n');
    if (holder) holder.querySelectorAll('[data-key]').forEach(e => { out[e.dataset.key] = e.textContent; });
    return out;
  }

  return { escapeHtml: escapeHtml, text: text, texts: texts };
})();
