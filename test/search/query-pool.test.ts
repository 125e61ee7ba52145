/**
 * A pool of search workers: every worker answers what the index answers, searches pass each other
 * instead of waiting for one worker, a repeated request is answered from the pool's cache, and a
 * search past its deadline is stopped without stopping the others.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { buildCorpus } from '../../src/corpus/pipeline.js';
import { openSearchIndex, QueryError, QueryPool, type SearchIndex } from '../../src/search/index.js';
import { fixture } from '../helpers/server.js';

// The worker is compiled JavaScript: `npm test` builds dist/ before jest runs.
const workerUrl = new URL('../../dist/search/query-worker.js', import.meta.url);

let index: SearchIndex;
const pool = new QueryPool({ workerUrl, workers: 2 });
beforeAll(async () => {
  ({ index } = await openSearchIndex(await buildCorpus(fixture('corpus-search')), { cacheDir: null, workers: 0 }));
  pool.preload(index);
});
afterAll(() => pool.close());

const QUERIES = ['immunity', '"crimes against humanity"', 'genocid*', 'religous~1', '', 'tribunal', 'court*', 'state'];

describe('the query pool', () => {
  test('answers as the index does, with many searches at once', async () => {
    expect(pool.size).toBe(2);
    const requests = QUERIES.flatMap((q) => [1, 2].map((page) => ({ q, includeInternal: false, size: 3, page })));
    const answers = await Promise.all(requests.map((request) => pool.search(index, request)));
    answers.forEach((answer, i) => expect(answer).toEqual(index.search(requests[i]!)));
  });

  test('keeps answers for each kind of reader apart', async () => {
    const request = { q: 'immunity', size: 50 };
    const anonymous = await pool.search(index, { ...request, includeInternal: false });
    const signedIn = await pool.search(index, { ...request, includeInternal: true });
    expect(anonymous).toEqual(index.search({ ...request, includeInternal: false }));
    expect(signedIn).toEqual(index.search({ ...request, includeInternal: true }));
  });

  test('a malformed query is refused, and a refused query is not kept as an answer', async () => {
    const q = `${'abcdefghij'.repeat(3)}~2`;
    await expect(pool.search(index, { q, includeInternal: false })).rejects.toBeInstanceOf(QueryError);
    await expect(pool.search(index, { q, includeInternal: false })).rejects.toThrow(/at most 20 letters/);
  });

  test('a search stopped at its deadline fails alone; the other worker goes on answering', async () => {
    const quick = new QueryPool({ workerUrl, workers: 2, deadlineMs: 0 });
    try {
      await expect(quick.search(index, { q: 'immunity', includeInternal: false })).rejects.toThrow(/was stopped/);
    } finally {
      await quick.close();
    }
    expect((await pool.search(index, { q: 'immunity', includeInternal: false })).hits[0]?.ref).toBe('memo:immunity');
  });

  test('a worker stopped at its deadline is started again from the index as serialised once, and answers', async () => {
    const single = new QueryPool({ workerUrl, workers: 1 });
    try {
      single.preload(index);
      await expect(single.search(index, { q: 'tribunal', includeInternal: false }, 0)).rejects.toThrow(/was stopped/);
      const request = { q: 'tribunal', includeInternal: false };
      expect(await single.search(index, request)).toEqual(index.search(request));
    } finally {
      await single.close();
    }
  });

  test('refuses a pool without workers', () => {
    expect(() => new QueryPool({ workers: 0 })).toThrow(TypeError);
  });
});
