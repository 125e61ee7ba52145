/** The search layer: index building, queries, snippets and persistence, behind one SearchIndex. Imports model/, syntax/, detect/, corpus/ and access/. */
export { openSearchIndex, compact, hasDeltas, type OpenOptions, type OpenStats } from './open.js';
export { SearchIndex, FACET_NAMES, SEARCH_SORTS, type SearchSort, snippetSegments, type SearchSnapshot, type FacetName, type SearchFilters, type SearchRequest, type SearchResult, type SearchHit } from './search-index.js';
export { QueryError, QUERY_LIMITS, prepareQuery } from './query.js';
export { QueryRunner, DEFAULT_SEARCH_DEADLINE_MS, type QueryRunnerOptions } from './query-runner.js';
export { type SearchEngine } from './search-engine.js';
export { QueryPool, defaultSearchWorkers, type QueryPoolOptions, type SearchRunner } from './query-pool.js';
export { buildShards } from './build.js';
export { searchDocuments } from './documents.js';
export { topicExpansions } from './search-index.js';
export { CLIENT_SEARCH_MODULES } from './static-index.js';
