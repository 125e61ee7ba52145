/**
 * Searches run in a worker thread with a deadline (issue 15): the compiled worker answers what
 * the index answers; a search past its deadline is stopped with a QueryError that says what to
 * change, and the next search is answered by a fresh worker.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { buildCorpus } from '../../src/corpus/pipeline.js';
import { openSearchIndex, QueryError, QueryRunner, type SearchIndex } from '../../src/search/index.js';
import { fixture } from '../helpers/server.js';

// The worker is compiled JavaScript: `npm test` builds dist/ before jest runs.
const workerUrl = new URL('../../dist/search/query-worker.js', import.meta.url);

let index: SearchIndex;
const runner = new QueryRunner({ workerUrl });
beforeAll(async () => {
  ({ index } = await openSearchIndex(await buildCorpus(fixture('corpus-search')), { cacheDir: null, workers: 0 }));
});
afterAll(() => runner.close());

describe('the search worker', () => {
  test('runs in a worker, and answers as the index does', async () => {
    expect(runner.usesWorker).toBe(true);
    for (const q of ['immunity', '"crimes against humanity"', 'genocid*', 'religous~1', '']) {
      const request = { q, includeInternal: false, size: 5 };
      expect(await runner.search(index, request)).toEqual(index.search(request));
    }
  });

  test('a malformed query is refused before it reaches the worker', async () => {
    await expect(runner.search(index, { q: `${'abcdefghij'.repeat(3)}~2`, includeInternal: false })).rejects.toThrow(/at most 20 letters/);
  });

  test('a search past its deadline is stopped and answered with what to change; the next one is answered', async () => {
    const stopped = runner.search(index, { q: 'immunity', includeInternal: false }, 0);
    await expect(stopped).rejects.toBeInstanceOf(QueryError);
    await expect(stopped).rejects.toThrow(/was stopped: use fewer wildcard \(\*\) or fuzzy \(~\) terms/);
    const next = await runner.search(index, { q: 'immunity', includeInternal: false });
    expect(next.hits[0]?.ref).toBe('memo:immunity');
  });

  test('searches of two indexes in turn are each answered from their own: the worker lets one go to load the other, and loads it again when asked', async () => {
    const { index: other } = await openSearchIndex(await buildCorpus(fixture('corpus-basic')), { cacheDir: null, workers: 0 });
    const alternate = new QueryRunner({ workerUrl });
    try {
      for (const [engine, q] of [[index, 'immunity'], [other, 'genocide'], [index, 'genocid*'], [other, 'jurisdiction']] as const) {
        const request = { q, includeInternal: false, size: 5 };
        const answer = await alternate.search(engine, request);
        expect(answer).toEqual(engine.search(request));
        expect(answer.hits.length).toBeGreaterThan(0);
      }
    } finally {
      await alternate.close();
    }
  });
});
