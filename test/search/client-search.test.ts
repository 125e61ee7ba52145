/**
 * The static site's search runs the server's analysis and query preparation in the browser
 * (issue 17). Here the browser's Lunr is the minified file the site serves, loaded in a VM
 * context of its own (as a page would, with its own registry of pipeline functions), over the
 * index data `dossier build` writes; it must rank as the server does.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import vm from 'node:vm';
import { beforeAll, describe, expect, test } from '@jest/globals';
import type lunrModule from 'lunr';
import { buildCorpus } from '../../src/corpus/pipeline.js';
import { openSearchIndex, type SearchIndex } from '../../src/search/index.js';
import { searchDocuments } from '../../src/search/documents.js';
import { createClientSearch, type ClientHit } from '../../src/search/client-search.js';
import { staticSearchData } from '../../src/search/static-index.js';
import { prepareQuery } from '../../src/search/query.js';
import type { RelevanceQuery } from '../../src/search/relevance.js';
import { fixture } from '../helpers/server.js';

const set = JSON.parse(readFileSync(new URL('./relevance-set.json', import.meta.url), 'utf8')) as RelevanceQuery[];
let server: SearchIndex;
let browser: (q: string) => ClientHit[];

beforeAll(async () => {
  const corpus = await buildCorpus(fixture('corpus-relevance'));
  ({ index: server } = await openSearchIndex(corpus, { cacheDir: null, workers: 0 }));
  const documents = searchDocuments(corpus).filter((document) => document.visibility === 'public');
  // What the browser fetches: the data as JSON text.
  const data = JSON.parse(JSON.stringify(staticSearchData(corpus, documents)));
  const sandbox: { lunr?: typeof lunrModule; window?: object } = {};
  sandbox.window = sandbox;
  vm.runInNewContext(readFileSync(createRequire(import.meta.url).resolve('lunr/lunr.min.js'), 'utf8'), sandbox);
  browser = createClientSearch(sandbox.lunr!, data);
});

// Filters are the server's; and the browser checks a phrase's words other than stop words (their
// order and distances), not which stop words stand around and between them, since the static
// index carries no texts: the rest of the set must rank alike.
const comparable = set.filter((query) => Object.keys(query.filters).length === 0 && !prepareQuery(query.q).phrases.some((phrase) => phrase.words.some((word) => word.stop)));

/** Phrases in order and out of it: the browser keeps what the server keeps, from the words' numbers. */
const phrases = [
  '"religious group"',
  '"group religious"',
  '"destroy intent"',
  '"intent to destroy"',
  '"part in whole"',
  '"crimes against humanity"',
  '"humanity against crimes"',
  '"religious, racial, ethnical or national group"',
  'title:"genocide convention"',
  '"genocide" "religious group" krstic',
  '"enforced disappearance"',
  '"disappearance enforced"',
  '"universal jurisdiction"',
];

describe('the static site search', () => {
  test('is compared on most of the relevance set', () => {
    expect(comparable.length).toBeGreaterThanOrEqual(35);
  });

  test.each(comparable.map((query) => [query.q, query] as const))('%s: the same first results as the server', (_q, query) => {
    const expected = server.search({ q: query.q, includeInternal: false, size: 10 }).hits.map((hit) => hit.ref);
    const found = browser(query.q).map((hit) => hit.ref);
    expect(found.slice(0, 10)).toEqual(expected);
    expect(found.slice(0, query.top)).toEqual(expect.arrayContaining([...query.expected]));
  });

  test.each(phrases)('%s: the records the server finds for the phrase, in its order', (q) => {
    const expected = server.search({ q, includeInternal: false, size: 100 }).hits.map((hit) => hit.ref);
    expect(browser(q).map((hit) => hit.ref)).toEqual(expected);
  });

  test('a phrase with its words out of order finds less than in order, in the browser as on the server', () => {
    const inOrder = browser('"religious group"').map((hit) => hit.ref);
    const reversed = browser('"group religious"').map((hit) => hit.ref);
    const bothWords = browser('+religious +group').map((hit) => hit.ref);
    expect(inOrder).toContain('memo:genocide-religious-group');
    expect(reversed.length).toBeLessThan(inOrder.length);
    expect(inOrder.length).toBeLessThan(bothWords.length);
  });

  test('refuses what the server refuses, with the same message', () => {
    const q = `${'abcdefghij'.repeat(3)}~2`;
    expect(() => browser(q)).toThrow(/fuzzy term \(~\) may have at most 20 letters/);
    expect(() => server.search({ q, includeInternal: false })).toThrow(/fuzzy term \(~\) may have at most 20 letters/);
  });
});
