/**
 * dossier's query runner (src/search/lunr-query.ts) against Lunr's own `index.query`, on the
 * relevance corpus: the same records, in the same order, with the same scores to the last bit and
 * the same match data, for every kind of clause the query language makes. The static site runs
 * Lunr itself, so this is what keeps the server's ranking the site's.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, test } from '@jest/globals';
import lunr from 'lunr';
import { buildCorpus } from '../../src/corpus/pipeline.js';
import { searchDocuments } from '../../src/search/documents.js';
import { buildShardIndex } from '../../src/search/shards.js';
import { prepareQuery } from '../../src/search/query.js';
import { queryLunrIndex } from '../../src/search/lunr-query.js';
import { fixture } from '../helpers/server.js';

const relevanceQueries = (JSON.parse(readFileSync(new URL('./relevance-set.json', import.meta.url), 'utf8')) as Array<{ q: string }>).map((query) => query.q);
const languageQueries = [
  'genocide',
  'genocid*',
  'religous~1',
  'intent~2 destroy',
  '+religious +group',
  '+genocide -convention',
  'title:genocide body:intent',
  '+title:convention group',
  'genocide^10 crimes',
  '+zzzunknownword genocide',
  '+genocide +zzzunknownword',
  'immun* +jurisdiction',
  'krstic stakic jelisic',
  '"crimes against humanity" -rome',
  'citing:religious',
];

let index: lunr.Index;
beforeAll(async () => {
  index = buildShardIndex(searchDocuments(await buildCorpus(fixture('corpus-relevance'))));
});

/** A result as plain data: Lunr's MatchData and ours have different classes but must hold the same. */
function plain(results: ReadonlyArray<{ ref: string; score: number; matchData: lunr.MatchData }>) {
  return results.map((result) => ({ ref: result.ref, score: result.score, metadata: JSON.parse(JSON.stringify(result.matchData.metadata)) as unknown }));
}

describe('queryLunrIndex', () => {
  test.each([...relevanceQueries, ...languageQueries])('answers %s as Lunr does', (q) => {
    const { clauses } = prepareQuery(q);
    const ours = queryLunrIndex(index, clauses);
    const lunrs = index.query((query) => {
      for (const clause of clauses) query.clauses.push({ ...clause, fields: [...clause.fields] });
    });
    expect(plain(ours)).toEqual(plain(lunrs));
    expect(ours.map((result) => [...result.terms].sort())).toEqual(lunrs.map((result) => Object.keys(result.matchData.metadata).sort()));
  });

  test('finds something for most of the queries (the comparison is not between two empty lists)', () => {
    const found = [...relevanceQueries, ...languageQueries].filter((q) => queryLunrIndex(index, prepareQuery(q).clauses).length > 0);
    expect(found.length).toBeGreaterThan(0.8 * (relevanceQueries.length + languageQueries.length));
  });
});
