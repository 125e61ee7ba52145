/**
 * What search shows away from a memo's page names records by their titles, never by ids, and
 * leaves no empty brackets where a citation or wiki-link stood; a record an anonymous reader may
 * not see is left out of that text altogether.
 */
import { beforeAll, describe, expect, test } from '@jest/globals';
import { buildCorpus } from '../../src/corpus/pipeline.js';
import { openSearchIndex, type SearchIndex } from '../../src/search/index.js';
import { fixture } from '../helpers/server.js';

let index: SearchIndex;
beforeAll(async () => {
  ({ index } = await openSearchIndex(await buildCorpus(fixture('corpus-shown-text')), { cacheDir: null, workers: 0 }));
});

/** Every snippet a query's results show, as plain text. */
function snippets(query: string): string[] {
  const results = index.search({ q: query, includeInternal: false, size: 20 });
  return results.hits.map((hit) => hit.snippetHtml.replace(/<[^>]+>/g, '').replace(/&#39;/g, "'").replace(/&quot;/g, '"'));
}

describe('search snippets', () => {
  test.each([
    ['weakest point', 'the weakest point of the case (Genocide of a religious group?)'],
    ['strongest ground', 'cited for: States parties undertake to punish genocide, the strongest ground (Genocide of a religious group?). (art. I)'],
  ])('%s: a wiki-link shows its record\'s title', (query, expected) => {
    const shown = snippets(query);
    expect(shown.some((text) => text.includes(expected))).toBe(true);
  });

  test.each(['weakest point', 'strongest ground', 'faith', 'genocide'])('%s: no record id, no empty brackets, no internal title', (query) => {
    const shown = snippets(query);
    expect(shown.length).toBeGreaterThan(0);
    for (const text of shown) {
      expect(text).not.toMatch(/\(\s*[;,]?\s*\)/);
      expect(text).not.toMatch(/religious-group|team-strategy|genocide-convention/);
      expect(text).not.toContain('Witness strategy');
    }
  });
});
