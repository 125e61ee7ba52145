// Search on a static copy of dossier: the prebuilt index (public records only) is fetched in parts
// as queries need them, and Lunr runs in the browser with the server's own analysis and query
// preparation (the compiled src/search/client-search.js and the modules it imports, under
// /assets/search/), so a query finds and ranks here what it finds and ranks on the server.
'use strict';
(function () {
  const results = document.getElementById('search-results');
  const form = document.getElementById('search-form');
  const input = document.getElementById('search-q');
  if (!results || !form || !input) return;
  const indexUrl = results.getAttribute('data-static-index');
  // The index is split by the first letters of its terms (see src/site/search-shards.ts): a query
  // fetches the manifest, then only the shards its terms fall in, and the files of what it shows.
  const SHOWN = 50;
  const base = indexUrl.slice(0, indexUrl.lastIndexOf('/') + 1);
  const files = new Map();
  let manifest = null;

  function fetchJson(url) {
    if (!files.has(url)) {
      files.set(url, fetch(url).then(function (response) {
        if (!response.ok) throw new Error('the index did not load');
        return response.json();
      }));
    }
    return files.get(url);
  }

  // Lunr, the manifest, and the server's query steps (prepare, run) bound to this Lunr; importing
  // them also registers the index's pipeline functions, so the shards' pipeline loads.
  function loadLunr() {
    if (manifest) return manifest;
    manifest = new Promise(function (resolve, reject) {
      const script = document.createElement('script');
      script.src = '/assets/vendor/lunr.min.js';
      script.onload = resolve;
      script.onerror = reject;
      document.head.append(script);
    }).then(function () {
      return Promise.all([fetchJson(indexUrl), import('/assets/search/client-search.js'), import('/assets/search/static-shards.js')]);
    }).then(function (loaded) {
      const info = loaded[0];
      return { info: info, steps: loaded[1].createClientQuery(window.lunr, info.fields, info.expansions || []), shards: loaded[2] };
    });
    return manifest;
  }

  // The least edit distance between a key and any prefix of the term: a word that starts with the
  // key can be within `distance` edits of the term only if this is.
  function prefixDistance(key, term) {
    let previous = [];
    for (let j = 0; j <= term.length; j++) previous.push(j);
    for (let i = 1; i <= key.length; i++) {
      const current = [i];
      for (let j = 1; j <= term.length; j++) {
        current.push(Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (key[i - 1] === term[j - 1] ? 0 : 1)));
      }
      previous = current;
    }
    return Math.min.apply(null, previous);
  }

  // The shards a term needs: the one holding it, every shard of a wildcard's prefix, or for a
  // fuzzy term every shard whose key is close enough.
  function shardsFor(keys, term, editDistance) {
    const needed = new Set();
    const star = term.indexOf('*');
    if (star !== -1) {
      const prefix = term.slice(0, star);
      keys.forEach(function (key, number) { if (key.startsWith(prefix) || prefix.startsWith(key)) needed.add(number); });
    } else {
      let best = -1;
      keys.forEach(function (key, number) { if (term.startsWith(key) && (best === -1 || key.length > keys[best].length)) best = number; });
      if (best !== -1) needed.add(best);
    }
    if (editDistance > 0) {
      const stem = star === -1 ? term : term.slice(0, star);
      keys.forEach(function (key, number) { if (prefixDistance(key, stem) <= editDistance) needed.add(number); });
    }
    return needed;
  }

  // A Lunr index over the shards a query needs; the weights of the terms loaded are all its
  // scores use, so results and their order are those of the whole index.
  async function load(query) {
    const loaded = await loadLunr();
    const info = loaded.info;
    const lunr = window.lunr;
    // The server's preparation: identifiers kept whole, synonyms added, its limits and messages.
    const prepared = loaded.steps.prepare(query);
    if (prepared.clauses.length > 0 && prepared.clauses.every(function (clause) { return clause.presence === lunr.Query.presence.PROHIBITED; })) {
      throw new Error('give at least one word to look for, not only words to leave out');
    }
    const pipeline = lunr.Pipeline.load(info.pipeline);
    const needed = new Set();
    prepared.clauses.forEach(function (clause) {
      const terms = clause.usePipeline ? pipeline.runString(clause.term, { fields: clause.fields }) : [clause.term];
      terms.forEach(function (term) { shardsFor(info.keys, term, clause.editDistance || 0).forEach(function (n) { needed.add(n); }); });
    });
    // Each shard's files are named by its key (see shardFileName in src/search/static-shards.ts).
    const names = Array.from(needed).sort(function (a, b) { return a - b; }).map(function (n) { return loaded.shards.shardFileName(info.keys[n]); });
    // The fields' lengths, which the weights are computed from, come with the first shards.
    const fetched = await Promise.all([fetchJson(base + 'lengths.json')].concat(names.map(function (name) { return fetchJson(base + 'terms-' + name + '.json'); })));
    // A phrase is checked from its words' numbers in each record, kept in files of their own.
    const words = prepared.phrases.length === 0 ? [] : await Promise.all(names.map(function (name) { return fetchJson(base + 'words-' + name + '.json'); }));
    const index = loaded.shards.assembleStaticIndex(lunr, info, fetched[0], [].concat.apply([], fetched.slice(1)), [].concat.apply([], words));
    return {
      hits: loaded.steps.run(index, prepared),
      // The index names records by number (see src/search/static-shards.ts); documents-N.json holds them in that order.
      documents: async function (names) {
        const per = info.documentsPerFile;
        const files = Array.from(new Set(names.map(function (name) { return Math.floor(Number(name) / per); })));
        const rows = await Promise.all(files.map(function (n) { return fetchJson(base + 'documents-' + n + '.json'); }));
        const shown = {};
        files.forEach(function (n, at) {
          rows[at].forEach(function (row, offset) {
            shown[loaded.shards.staticRecordName(n * per + offset, info.records)] = { type: row[1], title: row[2], href: row[3], excerpt: row[4] };
          });
        });
        return shown;
      },
    };
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
    let total;
    try {
      const search = await load(query);
      const found = search.hits;
      total = found.length;
      const documents = await search.documents(found.slice(0, SHOWN).map(function (hit) { return hit.ref; }));
      hits = found.slice(0, SHOWN).map(function (hit) { return documents[hit.ref]; }).filter(Boolean);
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
    const more = total > hits.length ? ' (the first ' + hits.length + ' shown)' : '';
    results.replaceChildren(element('p', 'total', total + (total === 1 ? ' result' : ' results') + more), list);
  }

  const initial = new URLSearchParams(window.location.search).get('q') || '';
  input.value = initial;
  if (initial) run(initial);
  input.addEventListener('focus', function () { loadLunr().catch(function () {}); }, { once: true });
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    history.replaceState(null, '', '/search/?q=' + encodeURIComponent(input.value));
    run(input.value);
  });
})();
