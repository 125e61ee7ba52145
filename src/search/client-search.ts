/**
 * Search in the browser, for the static site: the same analysis (analysis.ts) and the same query
 * preparation (query-core.ts) as the server, over the prebuilt index `dossier build` writes, with
 * the server's order (records matching every term first, then Lunr's score). It imports only
 * modules that import nothing, so the browser loads it as it is. What the server does and this
 * does not: phrases are not checked word by word against the texts (the static index carries no
 * texts), so a phrase finds the records holding all its words.
 */
import type lunrModule from 'lunr';
import { createQueryPreparer } from './query-core.js';

/** What `dossier build` writes to search/index.json. */
export interface StaticSearchData {
  readonly index: object;
  readonly fields: readonly string[];
  readonly expansions: ReadonlyArray<[string, readonly string[]]>;
}

/** A result of the browser's search: the record's ref, and how well it matched. */
export interface ClientHit {
  readonly ref: string;
  readonly score: number;
  readonly matchedTerms: number;
}

/** A search function over the static index, for one Lunr (the browser's). */
export function createClientSearch(lunr: typeof lunrModule, data: StaticSearchData): (q: string) => ClientHit[] {
  const preparer = createQueryPreparer(lunr, data.fields);
  const index = lunr.Index.load(data.index);
  const expansions = new Map(data.expansions);
  return (q) => {
    const prepared = preparer.prepareQuery(q.trim(), expansions);
    if (prepared.clauses.length === 0) return [];
    const results = index.query((query) => {
      for (const clause of prepared.clauses) query.clauses.push({ ...clause, fields: [...clause.fields] });
    });
    return results
      .map((result) => {
        const terms = Object.keys(result.matchData.metadata);
        return { ref: result.ref, score: result.score, matchedTerms: prepared.termMatchers.filter((matches) => terms.some(matches)).length };
      })
      .sort((a, b) => b.matchedTerms - a.matchedTerms || b.score - a.score || (a.ref < b.ref ? -1 : 1));
  };
}
