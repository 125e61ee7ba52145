// Search on a static copy of dossier: the prebuilt index (public records only) is fetched the
// first time it is needed, and Lunr runs in the browser with the server's own analysis and query
// preparation (assets/search/client-search.js, compiled from src/search/), so that a query finds
// here what it finds on the server.
'use strict';
(function () {
  const results = document.getElementById('search-results');
  const form = document.getElementById('search-form');
  const input = document.getElementById('search-q');
  if (!results || !form || !input) return;
  const indexUrl = results.getAttribute('data-static-index');
  let loaded = null;

  function load() {
    if (loaded) return loaded;
    loaded = new Promise(function (resolve, reject) {
      const script = document.createElement('script');
      script.src = '/assets/vendor/lunr.min.js';
      script.onload = resolve;
      script.onerror = reject;
      document.head.append(script);
    })
      .then(function () { return Promise.all([fetch(indexUrl).then(function (response) { return response.json(); }), import('/assets/search/client-search.js')]); })
      .then(function (loadedParts) {
        const data = loadedParts[0];
        return { search: loadedParts[1].createClientSearch(window.lunr, data), documents: data.documents };
      });
    return loaded;
  }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  async function run(query) {
    if (!query) {
      results.replaceChildren();
      return;
    }
    let hits;
    try {
      const search = await load();
      hits = search.search(query).map(function (hit) { return search.documents[hit.ref]; }).filter(Boolean);
    } catch (error) {
      results.replaceChildren(element('p', 'query-error', 'This query cannot be run: ' + (error.message || 'the index did not load') + '.'));
      return;
    }
    const list = element('ol', 'results');
    for (const hit of hits) {
      const item = element('li', 'result');
      item.append(element('span', 'badge type-' + hit.type, hit.type), ' ');
      const link = element('a', 'result-link', hit.title);
      link.href = hit.href;
      item.append(link, element('p', 'snippet', hit.excerpt));
      list.append(item);
    }
    results.replaceChildren(element('p', 'total', hits.length + (hits.length === 1 ? ' result' : ' results')), list);
  }

  const initial = new URLSearchParams(window.location.search).get('q') || '';
  input.value = initial;
  if (initial) run(initial);
  input.addEventListener('focus', function () { load().catch(function () {}); }, { once: true });
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    history.replaceState(null, '', '/search/?q=' + encodeURIComponent(input.value));
    run(input.value);
  });
})();
