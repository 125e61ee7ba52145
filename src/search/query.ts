/**
 * Queries as lawyers type them (see query-core.ts), bound to Node's Lunr and the index's fields.
 * The static site binds the same code to the browser's Lunr.
 */
import lunr from './lunr.js';
import { SEARCH_FIELDS } from './documents.js';
import { createQueryPreparer } from './query-core.js';

export { QueryError, QUERY_LIMITS, spanOf, type Phrase, type PhraseWord, type PreparedQuery } from './query-core.js';

const preparer = createQueryPreparer(
  lunr,
  SEARCH_FIELDS.map((field) => field.name),
);

/** Parses and checks a query; throws QueryError for anything dossier will not run. */
export const prepareQuery = preparer.prepareQuery;
/** The index words of a text, as the index's own pipeline makes them (stop words left out). */
export const pipelineTokens = preparer.pipelineTokens;
