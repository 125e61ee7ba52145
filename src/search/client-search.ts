/**
 * Search in the browser, for the static site: the same analysis (analysis.ts) and the same query
 * preparation (query-core.ts) as the server, over the prebuilt index `dossier build` writes, with
 * the server's order (records matching every term first, then Lunr's score). The site's
 * static-search.js prepares a query here, fetches the index shards its clauses need, and runs it
 * here on the index assembled from them. It imports only
 * modules that import nothing, so the browser loads it as it is. Phrases are checked from the
 * word numbers the static index keeps for each occurrence (see static-index.ts): the phrase's
 * words other than stop words must stand in its order, as many words apart as in the phrase. What
 * the server checks and this cannot (the static index carries no texts): which stop words stand
 * between them, and a phrase of stop words only.
 */
import type lunrModule from 'lunr';
import { createQueryPreparer, type Phrase, type PreparedQuery } from './query-core.js';

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

/** The static site's query steps, bound to one Lunr: prepare a query as the server does, then rank an index's results as the server does. */
export function createClientQuery(lunr: typeof lunrModule, fields: readonly string[], expansionPairs: StaticSearchData['expansions']) {
  const preparer = createQueryPreparer(lunr, fields);
  const expansions = new Map(expansionPairs);
  return {
    /** The query's Lunr clauses and term matchers; throws the server's QueryError for a query it refuses. */
    prepare: (q: string): PreparedQuery => preparer.prepareQuery(q.trim(), expansions),
    /** Runs a prepared query on an index (whole, or assembled from the shards its clauses need), in the server's order. */
    run(index: lunrModule.Index, prepared: PreparedQuery): ClientHit[] {
      if (prepared.clauses.length === 0) return [];
      const results = index.query((query) => {
        for (const clause of prepared.clauses) query.clauses.push({ ...clause, fields: [...clause.fields] });
      });
      return results
        .filter((result) => prepared.phrases.every((phrase) => phraseStandsInOrder(result.matchData.metadata as WordMetadata, phrase, fields)))
        .map((result) => {
          const terms = Object.keys(result.matchData.metadata);
          return { ref: result.ref, score: result.score, matchedTerms: prepared.termMatchers.filter((matches) => terms.some(matches)).length };
        })
        .sort((a, b) => b.matchedTerms - a.matchedTerms || b.score - a.score || (a.ref < b.ref ? -1 : 1));
    },
  };
}

/** Match metadata of the static index: term → field → the word numbers of its occurrences (`3 17 40`). */
type WordMetadata = Record<string, Record<string, { words?: string } | undefined> | undefined>;

/**
 * Whether a phrase's words other than stop words stand in one of the given fields in the phrase's
 * order and at its distances (stop words counted), from the word numbers of the match. A phrase
 * of stop words only, which the index does not hold, is not checked here.
 */
export function phraseStandsInOrder(metadata: WordMetadata, phrase: Phrase, fields: readonly string[]): boolean {
  if (phrase.stopWordsOnly) return true;
  const content = phrase.words.flatMap((word, offset) => (word.stop ? [] : [offset]));
  return (phrase.field === null ? fields : [phrase.field]).some((field) => {
    const numbers = content.map((offset) => {
      const words = metadata[phrase.words[offset]!.key]?.[field]?.words;
      return words === undefined || words === '' ? null : new Set(words.split(' ').map(Number));
    });
    if (numbers.some((set) => set === null)) return false;
    const first = content[0]!;
    return [...numbers[0]!].some((start) => start - first >= 0 && content.every((offset, k) => numbers[k]!.has(start + offset - first)));
  });
}

/** A search function over the whole static index, for one Lunr (the browser's). */
export function createClientSearch(lunr: typeof lunrModule, data: StaticSearchData): (q: string) => ClientHit[] {
  const steps = createClientQuery(lunr, data.fields, data.expansions);
  const index = lunr.Index.load(data.index);
  return (q) => steps.run(index, steps.prepare(q));
}
