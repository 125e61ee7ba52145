/** /search and /api/search over the search fixture corpus. */
import { beforeAll, describe, expect, test } from '@jest/globals';
import request from 'supertest';
import type { Express } from 'express';
import { buildCorpus } from '../../../src/corpus/pipeline.js';
import { createApp } from '../../../src/server/app.js';
import { openSearchIndex } from '../../../src/search/index.js';
import { MutableSearchHandle } from '../../../src/server/search-handle.js';
import { fixture } from '../../helpers/server.js';

let app: Express;
beforeAll(async () => {
  const corpus = await buildCorpus(fixture('corpus-search'));
  const { index } = await openSearchIndex(corpus, { cacheDir: null });
  app = createApp({ corpus, search: new MutableSearchHandle(index) });
});

describe('/search without JavaScript', () => {
  test('results with type, title, highlighted snippet, total and facets', async () => {
    const res = await request(app).get('/search?q=immunity').expect(200);
    expect(res.text).toContain('<input id="search-q" type="search" name="q" value="immunity"');
    expect(res.text).toMatch(/<p class="total">\d+ results<\/p>/);
    expect(res.text).toMatch(/<span class="badge type-memo">memo<\/span>\s*<a class="result-link" href="\/memos\/immunity(#user-content-p\d+)?">Immunity of officials<\/a>/);
    expect(res.text).toContain('<mark>immunity</mark>');
    expect(res.text).toMatch(/<h2>Record type<\/h2>[\s\S]*<a href="\/search\?q=immunity&amp;type=memo">Memos<\/a> <span class="count">\d+<\/span>/);
    expect(res.text).toContain('<script src="/assets/search.js" defer></script>');
  });

  test('a facet link filters, and the filter can be removed', async () => {
    const res = await request(app).get('/search?q=genocide&type=memo').expect(200);
    expect(res.text).toContain('<p class="total">2 results</p>');
    expect(res.text).toContain('<a class="badge" href="/search?q=genocide" aria-label="Remove the filter type: memo">type: memo ✕</a>');
    expect(res.text).toContain('<input type="hidden" name="type" value="memo">');
  });

  test('pages link to each other', async () => {
    const first = await request(app).get('/search?q=jurisdiction+genocide+immunity&size=2').expect(200);
    expect(first.text).toContain('<a rel="next" href="/search?q=jurisdiction+genocide+immunity&amp;size=2&amp;page=2">Next →</a>');
    const second = await request(app).get('/search?q=jurisdiction+genocide+immunity&size=2&page=2').expect(200);
    expect(second.text).toContain('<a rel="prev" href="/search?q=jurisdiction+genocide+immunity&amp;size=2&amp;page=1">← Previous</a>');
    expect(second.text).toContain('<ol class="results" start="3">');
  });

  test('a malformed query is a 400 that shows the fault beside the query', async () => {
    const res = await request(app).get('/search?q=immunity+title%3A').expect(400);
    expect(res.text).toContain('<strong>This query cannot be run:</strong> expecting term, found nothing.');
    expect(res.text).toContain('<code class="query-echo">immunity <mark class="fault">title</mark>:</code>');
    expect(res.text).toContain('value="immunity title:"');
  });

  test('the empty search page is a form', async () => {
    const res = await request(app).get('/search').expect(200);
    expect(res.text).toContain('<h1>Search</h1>');
    expect(res.text).not.toContain('class="total"');
  });
});

describe('/api/search', () => {
  test('the same as JSON, with snippets as segments', async () => {
    const res = await request(app).get('/api/search?q=immunity&size=5').expect(200);
    expect(res.body).toMatchObject({ query: 'immunity', page: 1, size: 5 });
    expect(res.body.hits[0]).toMatchObject({ ref: 'memo:immunity', type: 'memo', id: 'immunity', href: expect.stringMatching(/^\/memos\/immunity#user-content-p\d+$/), title: 'Immunity of officials' });
    expect(res.body.hits[0].snippet).toEqual(expect.arrayContaining([{ text: 'immunity', mark: true }]));
    expect(Object.keys(res.body.facets).sort()).toEqual(['court', 'sourceType', 'speaker', 'topic', 'type', 'year']);
  });

  test.each([
    ['title:', 'expecting term, found nothing', 0, 5],
    ['foo^', 'boost must be numeric', 4, 4],
    ['+', 'expecting term or field, found nothing', 0, 1],
  ])('%s is a 400 with lunr’s message and the position', async (q, message, start, end) => {
    const res = await request(app).get(`/api/search?q=${encodeURIComponent(q)}`).expect(400);
    expect(res.body).toEqual({ error: { status: 400, message, query: q, start, end } });
  });

  test('bad parameters are 400s, not 500s', async () => {
    await request(app).get('/api/search?q=x&page=0').expect(400);
    await request(app).get('/api/search?q=x&size=1000').expect(400);
    await request(app).get('/api/search?q=a&q=b').expect(400);
  });

  test('internal records never appear for an anonymous reader', async () => {
    const res = await request(app).get('/api/search?q=canaryword').expect(200);
    expect(res.body.total).toBe(0);
    expect(JSON.stringify(res.body)).not.toContain('secret');
    expect(res.body.facets.type).toEqual([]);
  });
});

test('while the index is being built, search says so and everything else answers', async () => {
  const corpus = await buildCorpus(fixture('corpus-search'));
  const building = createApp({ corpus, search: new MutableSearchHandle() });
  const res = await request(building).get('/api/search?q=immunity').expect(503);
  expect(res.headers['retry-after']).toBe('2');
  expect(res.body.error.message).toBe('The search index is being built. Try again in a moment.');
  await request(building).get('/memos/immunity').expect(200);
});
