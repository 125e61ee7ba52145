/** Search over a fixture corpus: relevance, lawyer-style queries, facets, errors, visibility. */
import { beforeAll, describe, expect, test } from '@jest/globals';
import { buildCorpus } from '../../src/corpus/pipeline.js';
import { openSearchIndex, prepareQuery, QueryError, type SearchIndex } from '../../src/search/index.js';
import { fixture } from '../helpers/server.js';

let index: SearchIndex;
const refs = (q: string, includeInternal = false) => index.search({ q, includeInternal, size: 100 }).hits.map((hit) => hit.ref);

beforeAll(async () => {
  const corpus = await buildCorpus(fixture('corpus-search'));
  index = (await openSearchIndex(corpus, { cacheDir: null })).index;
});

describe('relevance', () => {
  /** query → the records expected at the top, in that order. */
  const rows: Array<[string, string[]]> = [
    ['immunity', ['memo:immunity', 'source:book']],
    ['genocide protected group', ['memo:genocide-group']],
    ['"crimes against humanity"', ['memo:cah-humanity']],
    ['universal jurisdiction eichmann', ['memo:universal']],
    ['mass graves', ['source:uncited-but-searchable']],
    ['Cassese', ['source:book']],
    ['title:immunity', ['memo:immunity', 'source:book']],
  ];
  test.each(rows)('%s', (q, top) => {
    expect(refs(q).slice(0, top.length)).toEqual(top);
  });

  test('a title match ranks above a body match', () => {
    const hits = refs('jurisdiction');
    expect(hits.indexOf('memo:universal')).toBeLessThan(hits.indexOf('statement:david-any-state') === -1 ? Infinity : hits.indexOf('statement:david-any-state'));
    expect(hits[0]).toBe('topic:jurisdiction');
  });

  test('records matching every term rank above records matching some', () => {
    const result = index.search({ q: 'immunity foreign courts', includeInternal: false });
    const matched = result.hits.map((hit) => hit.matchedTerms);
    expect(matched).toEqual([...matched].sort((a, b) => b - a));
    expect(result.hits[0]).toMatchObject({ ref: 'memo:immunity', matchedTerms: 3 });
  });
});

describe('what lawyers type', () => {
  test('an exact phrase matches only where the words stand together', () => {
    expect(refs('"crimes against humanity"')).toContain('memo:cah-humanity');
    expect(refs('"crimes against humanity"')).not.toContain('memo:scattered');
    // Without quotation marks the scattered words match too.
    expect(refs('crimes against humanity')).toContain('memo:scattered');
  });

  test('a phrase can be limited to a field', () => {
    expect(refs('title:"protected group"')).toEqual(['memo:genocide-group']);
    expect(refs('body:"personal immunity"')).toEqual(['memo:immunity']);
  });

  test('a wildcard finds what the stemmed word finds', () => {
    const stemmed = new Set(refs('genocide'));
    expect(stemmed.size).toBeGreaterThan(0);
    expect(new Set(refs('genocide*'))).toEqual(stemmed);
    expect(refs('genocid*')).toEqual(expect.arrayContaining([...stemmed]));
    expect(refs('immun*')).toEqual(expect.arrayContaining(['memo:immunity']));
  });

  test.each([
    ['+genocide -universal', (r: string[]) => r.includes('memo:genocide-group') && !r.includes('memo:universal')],
    ['religous~1', (r: string[]) => r.includes('source:src')],
    // The fixture's one source is cited by every memo, so it holds both words; among memos the boost decides.
    ['immunity^10 genocide', (r: string[]) => r.find((ref) => ref.startsWith('memo:')) === 'memo:immunity'],
    ['people:david', (r: string[]) => r.includes('speaker:david') && r.includes('statement:david-any-state')],
  ])('lunr syntax keeps working: %s', (q, check) => {
    expect(check(refs(q))).toBe(true);
  });

  test('snippets mark the matched words, stemmed and fuzzy ones included', () => {
    const hit = index.search({ q: 'immunities', includeInternal: false }).hits.find((h) => h.ref === 'memo:immunity')!;
    expect(hit.snippetHtml).toContain('<mark>immunity</mark>');
    const fuzzy = index.search({ q: 'religous~1', includeInternal: false }).hits.find((h) => h.ref === 'source:src')!;
    expect(fuzzy.snippetHtml).toContain('<mark>religious</mark>');
  });
});

describe('facets, filters and pages', () => {
  test('counts by record type, topic, speaker, year and source type', () => {
    const result = index.search({ q: 'genocide', includeInternal: false });
    expect(result.facets.type).toEqual(expect.arrayContaining([{ value: 'memo', label: 'Memos', count: 2 }]));
    expect(result.facets.topic.find((f) => f.value === 'genocide')).toMatchObject({ label: 'Genocide' });
    expect(result.facets.year.map((f) => f.value)).toEqual([...result.facets.year.map((f) => f.value)].sort().reverse());
    const sources = index.search({ q: 'religious', includeInternal: false });
    expect(sources.facets.sourceType).toEqual([{ value: 'judgment', label: 'Judgment', count: 1 }]);
    const speaker = index.search({ q: 'state', includeInternal: false });
    expect(speaker.facets.speaker).toEqual([{ value: 'david', label: 'Eric David', count: 1 }]);
  });

  test('filters narrow the results and the counts', () => {
    const all = index.search({ q: 'genocide', includeInternal: false });
    const memos = index.search({ q: 'genocide', includeInternal: false, filters: { type: 'memo' } });
    expect(memos.total).toBe(2);
    expect(memos.total).toBeLessThan(all.total);
    expect(memos.hits.every((hit) => hit.type === 'memo')).toBe(true);
    expect(index.search({ q: 'jurisdiction', includeInternal: false, filters: { year: '2021' } }).hits.map((h) => h.ref)).toEqual(['memo:universal']);
  });

  test('pagination walks the whole ranked list, a page at a time', () => {
    const all = index.search({ q: 'jurisdiction genocide immunity', includeInternal: false, size: 100 });
    const pages = Math.ceil(all.total / 3);
    const paged = Array.from({ length: pages }, (_, i) => index.search({ q: 'jurisdiction genocide immunity', includeInternal: false, size: 3, page: i + 1 }).hits).flat();
    expect(all.total).toBeGreaterThan(6);
    expect(paged.map((hit) => hit.ref)).toEqual(all.hits.map((hit) => hit.ref));
    expect(index.search({ q: 'jurisdiction genocide immunity', includeInternal: false, size: 3, page: 2 })).toMatchObject({ page: 2, size: 3, pages: Math.ceil(all.total / 3) });
  });
});

describe('bad queries', () => {
  /** query → message and the span of the fault. */
  const rows: Array<[string, RegExp, number, number]> = [
    ['title:', /expecting term/, 0, 5],
    ['foo^', /boost must be numeric/, 4, 4],
    ['+', /expecting term or field/, 0, 1],
    ['nosuchfield:x', /unrecognised field 'nosuchfield'/, 0, 11],
    ['"unclosed phrase', /quotation mark is not closed/, 0, 1],
    ['*cide', /wildcard cannot start a term/, 0, 5],
    ['a*', /at least 2 letters/, 0, 2],
    ['word~3', /edit distance above 2/, 0, 6],
    ['aaa~1 bbb~1 ccc~1 ddd~1 eee~1', /at most 4 fuzzy terms/, 0, 29],
    ['x'.repeat(501), /longer than 500 characters/, 500, 501],
  ];
  test.each(rows.map((row) => [row[0].length > 30 ? `${row[0].slice(0, 12)}… (${row[0].length} characters)` : row[0], ...row] as const))('%s', (_name, q, message, start, end) => {
    let error: unknown;
    try {
      prepareQuery(q);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(QueryError);
    expect((error as QueryError).message).toMatch(message);
    expect([(error as QueryError).start, (error as QueryError).end]).toEqual([start, end]);
  });
});

describe('visibility', () => {
  test('internal records are searchable only by those allowed to see them', () => {
    expect(refs('canaryword')).toEqual([]);
    expect(refs('secret strategy')).not.toContain('memo:secret');
    expect(index.search({ q: 'genocide', includeInternal: false }).facets.type.find((f) => f.value === 'memo')?.count).toBe(2);
    expect(refs('canaryword', true)).toEqual(['memo:secret']);
  });
});
