/**
 * The relevance set (issue 17): queries as jurists type them, over a frozen copy of the bundled
 * corpus (test/fixtures/corpus-relevance), each with the records it must return in its first
 * results. `npm run relevance` prints the same set's precision@5 and MRR.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, test } from '@jest/globals';
import { buildCorpus } from '../../src/corpus/pipeline.js';
import { openSearchIndex, type SearchIndex } from '../../src/search/index.js';
import { measureRelevance, type RelevanceQuery } from '../../src/search/relevance.js';
import { fixture } from '../helpers/server.js';

const set = JSON.parse(readFileSync(new URL('./relevance-set.json', import.meta.url), 'utf8')) as RelevanceQuery[];
let index: SearchIndex;
beforeAll(async () => {
  ({ index } = await openSearchIndex(await buildCorpus(fixture('corpus-relevance')), { cacheDir: null, workers: 0 }));
});

describe('the relevance set', () => {
  test('has at least 40 queries and covers every kind of query of the issue', () => {
    expect(set.length).toBeGreaterThanOrEqual(40);
    expect(new Set(set.map((query) => query.bullet))).toEqual(new Set(['stop words', 'identifiers', 'pinpoints', 'diacritics', 'word forms', 'synonyms', 'cited for', 'general']));
  });

  test.each(set.map((query) => [`${query.bullet}: ${query.q}${Object.keys(query.filters).length > 0 ? ` (${JSON.stringify(query.filters)})` : ''}`, query] as const))('%s', (_name, query) => {
    const [outcome] = measureRelevance(index, [query]).outcomes;
    // The message names what is missing and what came instead.
    expect({ q: query.q, missing: outcome!.missing, results: outcome!.results }).toEqual({ q: query.q, missing: [], results: outcome!.results });
  });
});
