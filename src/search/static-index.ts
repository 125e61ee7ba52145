/**
 * What the static site's search needs besides its pages: the index data (index, field names,
 * topic synonyms) and the browser modules that run the server's analysis and query preparation
 * (analysis.js, query-core.js, client-search.js, compiled, served under /assets/search/).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Corpus } from '../model/records.js';
import { SEARCH_FIELDS, type SearchDocument } from './documents.js';
import { buildShardIndex } from './shards.js';
import { topicExpansions } from './search-index.js';
import type { StaticSearchData } from './client-search.js';

/** The browser modules of the static search, as files to copy: their compiled path and their path under the site's assets/. */
export const CLIENT_SEARCH_MODULES: ReadonlyArray<{ readonly file: string; readonly asset: string }> = ['analysis', 'query-core', 'client-search'].map((name) => {
  const beside = fileURLToPath(new URL(`./${name}.js`, import.meta.url));
  // Run from the TypeScript sources (tests), the compiled modules are in dist/.
  return { file: existsSync(beside) ? beside : fileURLToPath(new URL(`../../dist/search/${name}.js`, import.meta.url)), asset: `search/${name}.js` };
});

/** The static search index over the given (public) documents. */
export function staticSearchData(corpus: Corpus, documents: readonly SearchDocument[]): StaticSearchData {
  return { index: buildShardIndex(documents).toJSON(), fields: SEARCH_FIELDS.map((field) => field.name), expansions: [...topicExpansions(corpus)] };
}
