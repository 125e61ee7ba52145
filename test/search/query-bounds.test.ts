/**
 * The work one query may cause is bounded before it is done (issue 15): long fuzzy terms, edit
 * distances too large for a word's length, too many clauses, wildcards that stand for too many
 * words. Each is a QueryError that says what to change, never a search that runs away.
 */
import { describe, expect, test } from '@jest/globals';
import { prepareQuery, QueryError } from '../../src/search/query.js';
import { SearchIndex } from '../../src/search/search-index.js';
import { buildShardIndex } from '../../src/search/shards.js';
import type { SearchDocument } from '../../src/search/documents.js';

function refusal(run: () => unknown): QueryError {
  try {
    run();
  } catch (error) {
    if (error instanceof QueryError) return error;
    throw error;
  }
  throw new Error('the query was accepted');
}

const letters = (count: number) => Array.from({ length: count }, (_, i) => String.fromCharCode(97 + (i % 26))).join('');

describe('queries refused before any search runs', () => {
  /** query → what the message must tell the reader. */
  const rows: Array<[string, string, RegExp]> = [
    ['a 300-letter fuzzy term (the crash of issue 15)', `${letters(300)}~2`, /at most 64|longer than any word/],
    ['a 60-letter fuzzy term', `${letters(60)}~2`, /fuzzy term \(~\) may have at most 20 letters, this one has 60: shorten it or remove the ~/],
    ['four 120-letter fuzzy terms', Array.from({ length: 4 }, () => `${letters(120)}~2`).join(' '), /longer than any word/],
    ['four 40-letter fuzzy terms', Array.from({ length: 4 }, () => `${letters(40)}~2`).join(' '), /at most 20 letters/],
    ['~2 on a five-letter word', 'crime~2', /'crime~2' would match too many words: a word of 5 letters allows at most ~1/],
    ['~1 on a two-letter word', 'un~1', /too short for a fuzzy search/],
    ['a fuzzy wildcard', 'genoc*~1', /both a wildcard/],
    ['three wildcards in a word', 'ge*no*ci*', /at most 2 wildcards/],
    ['33 clauses', Array.from({ length: 33 }, (_, i) => `w${i}`).join(' '), /at most 32 are allowed/],
    ['five fuzzy terms', 'crime~1 court~1 judge~1 trial~1 state~1', /at most 4 fuzzy terms/],
    ['a 501-character query', 'x '.repeat(251), /longer than 500 characters/],
  ];
  test.each(rows)('%s', (_name, q, message) => {
    expect(refusal(() => prepareQuery(q)).message).toMatch(message);
  });

  test('the fault is placed on the term', () => {
    const q = `genocide crime~2`;
    const error = refusal(() => prepareQuery(q));
    expect(q.slice(error.start, error.end)).toBe('crime~2');
  });

  test.each([['religous~1'], ['religous~2'], ['crime~1'], ['genoc*'], ['gen*de'], [`${letters(20)}~2`]])('%s is still allowed', (q) => {
    expect(() => prepareQuery(q)).not.toThrow();
  });
});

describe('wildcards that stand for too many words', () => {
  // 2,100 distinct words starting "zz": more than one term may stand for.
  const documents: SearchDocument[] = Array.from({ length: 30 }, (_, d) => ({
    ref: `memo:m${d}`,
    visibility: 'public',
    fields: { title: `memo ${d}`, headings: '', people: '', citing: '', body: Array.from({ length: 70 }, (_, w) => `zz${(d * 70 + w).toString(36)}q`).join(' ') },
    facets: { type: 'memo', topics: [], speakers: [], year: null, sourceType: null, court: null, date: null },
    digest: String(d),
  }));
  const index = new SearchIndex(
    { fields: (ref) => documents.find((document) => document.ref === ref)?.fields ?? null, label: () => undefined },
    [{ name: 'public-0', key: 'k', visibility: 'public', index: buildShardIndex(documents), digests: new Map(), masked: new Set(), delta: null }],
    new Map(documents.map((document) => [document.ref, { facets: document.facets, visibility: document.visibility }])),
  );

  test('are refused with the number of words and what to do', () => {
    const error = refusal(() => index.search({ q: 'memo zz*', includeInternal: false }));
    expect(error.message).toMatch(/'zz\*' stands for 2100 different words; at most 2000 are allowed: add letters before the \*/);
  });

  test('a narrower wildcard answers', () => {
    expect(index.search({ q: 'zz1*', includeInternal: false }).total).toBeGreaterThan(0);
  });
});
