/**
 * The server asks its search engine through one interface (SearchHandle over a SearchEngine), so
 * a second engine is a module, not a rewrite: here a trivial one that finds memos whose title
 * holds the query, in memory, serves /api/search and /search as the Lunr index does.
 */
import { beforeAll, describe, expect, test } from '@jest/globals';
import request from 'supertest';
import type { Express } from 'express';
import { buildCorpus } from '../../src/corpus/pipeline.js';
import { createApp } from '../../src/server/app.js';
import type { SearchHandle } from '../../src/server/search-handle.js';
import { FACET_NAMES, QueryError, type SearchEngine, type SearchRequest, type SearchResult } from '../../src/search/index.js';
import type { Corpus } from '../../src/model/records.js';
import { fixture } from '../helpers/server.js';

/** A search engine over memo titles, by substring; "(" is a syntax error, as a real engine would have some. */
class TitleEngine implements SearchEngine {
  readonly asked: SearchRequest[] = [];
  constructor(private readonly corpus: Corpus) {}

  search(request: SearchRequest): SearchResult {
    this.asked.push(request);
    if (request.q.includes('(')) throw new QueryError('this engine takes no brackets', request.q.indexOf('('), request.q.indexOf('(') + 1);
    const words = request.q.toLowerCase().split(/\s+/).filter(Boolean);
    const memos = [...this.corpus.memos.values()]
      .filter((memo) => request.includeInternal || memo.visibility !== 'internal')
      .filter((memo) => words.every((word) => memo.title.toLowerCase().includes(word)));
    const size = request.size ?? 20;
    const page = request.page ?? 1;
    const hits = memos.slice((page - 1) * size, page * size).map((memo) => ({
      ref: `memo:${memo.id}`,
      type: 'memo' as const,
      id: memo.id,
      title: memo.title,
      score: 1,
      matchedTerms: words.length,
      snippetHtml: '',
    }));
    const facets = Object.fromEntries(FACET_NAMES.map((name) => [name, []])) as unknown as SearchResult['facets'];
    return { query: request.q, filters: request.filters ?? {}, total: memos.length, sort: request.sort ?? 'relevance', page, size, pages: Math.max(1, Math.ceil(memos.length / size)), terms: words.length, hits, facets };
  }
}

/** A handle over any engine, answering asynchronously as a remote engine would. */
class EngineHandle implements SearchHandle {
  constructor(private readonly engine: SearchEngine) {}
  current(): SearchEngine {
    return this.engine;
  }
  failure(): string | null {
    return null;
  }
  async run(engine: SearchEngine, request: SearchRequest): Promise<SearchResult> {
    await Promise.resolve();
    return engine.search(request);
  }
}

let app: Express;
let engine: TitleEngine;
let corpus: Corpus;
beforeAll(async () => {
  corpus = await buildCorpus(fixture('corpus-search'));
  engine = new TitleEngine(corpus);
  app = createApp({ corpus, search: new EngineHandle(engine) });
});

describe('a second search engine behind the same interface', () => {
  test('answers /api/search, for the reader the server says', async () => {
    const memo = [...corpus.memos.values()].find((m) => m.visibility !== 'internal')!;
    const word = memo.title.split(/\s+/).find((w) => w.length > 3)!;
    const res = await request(app).get(`/api/search?q=${encodeURIComponent(word)}`).expect(200);
    expect(res.body.hits.map((hit: { id: string }) => hit.id)).toContain(memo.id);
    expect(res.body.hits[0].href).toMatch(/^\/memos\//);
    expect(engine.asked.at(-1)).toMatchObject({ q: word, includeInternal: false });
  });

  test('its results show on the search page', async () => {
    const memo = [...corpus.memos.values()].find((m) => m.visibility !== 'internal')!;
    const res = await request(app).get(`/search?q=${encodeURIComponent(memo.title)}`).expect(200);
    expect(res.text).toContain(`href="/memos/${memo.id}`);
  });

  test('its query errors are the server\'s 400s', async () => {
    const res = await request(app).get('/api/search?q=a(b').expect(400);
    expect(res.body.error).toMatchObject({ status: 400, message: 'this engine takes no brackets', start: 1, end: 2 });
  });
});
