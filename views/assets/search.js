// Search as you type, with keyboard navigation through the results. The page works without this
// script; with it, results follow the query without a page load. Text is set with textContent.
'use strict';
(function () {
  const form = document.getElementById('search-form');
  const input = document.getElementById('search-q');
  const results = document.getElementById('search-results');
  if (!form || !input || !results) return;
  let timer = null;
  let latest = 0;

  function parameters() {
    const params = new URLSearchParams(new FormData(form));
    if (!params.get('q')) params.delete('q');
    return params;
  }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function render(data) {
    results.replaceChildren();
    results.append(element('p', 'total', data.total + (data.total === 1 ? ' result' : ' results')));
    const list = element('ol', 'results');
    for (const hit of data.hits) {
      const item = element('li', 'result');
      item.append(element('span', 'badge type-' + hit.type, hit.type), ' ');
      const link = element('a', 'result-link', hit.title);
      link.href = hit.href;
      item.append(link);
      const snippet = element('p', 'snippet');
      for (const segment of hit.snippet) snippet.append(segment.mark ? element('mark', '', segment.text) : document.createTextNode(segment.text));
      item.append(snippet);
      list.append(item);
    }
    results.append(list);
  }

  function showError(message) {
    results.replaceChildren(element('p', 'query-error', 'This query cannot be run: ' + message + '.'));
  }

  async function update() {
    const params = parameters();
    const request = ++latest;
    history.replaceState(null, '', params.toString() ? '/search?' + params : '/search');
    if (!params.get('q')) return;
    try {
      const response = await fetch('/api/search?' + params, { headers: { Accept: 'application/json' } });
      const data = await response.json();
      if (request !== latest) return;
      if (!response.ok) showError(data.error.message);
      else render(data);
    } catch {
      if (request === latest) showError('the search service did not answer');
    }
  }

  input.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(update, 200);
  });

  function links() {
    return Array.from(results.querySelectorAll('a.result-link'));
  }

  // ArrowDown from the box enters the results; arrows move between them; Escape returns.
  document.addEventListener('keydown', function (event) {
    const all = links();
    const at = all.indexOf(document.activeElement);
    if (event.key === 'ArrowDown' && (document.activeElement === input || at !== -1)) {
      const next = all[at + 1];
      if (next) {
        next.focus();
        event.preventDefault();
      }
    } else if (event.key === 'ArrowUp' && at !== -1) {
      (at === 0 ? input : all[at - 1]).focus();
      event.preventDefault();
    } else if (event.key === 'Escape' && at !== -1) {
      input.focus();
      event.preventDefault();
    }
  });
})();
