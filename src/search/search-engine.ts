/**
 * The one interface the server and the CLI ask of a search engine. The Lunr index
 * (search-index.ts, opened by open.ts) is one implementation; another engine (OpenSearch,
 * Elasticsearch, see docs/scaling.md) is a module that implements the same interface, and the
 * server takes it through a SearchHandle (server/search-handle.ts), whose `run` may be asynchronous.
 */
import type { SearchRequest, SearchResult } from './search-index.js';

/** A search engine over one generation of the corpus: answers a request with one page of results. */
export interface SearchEngine {
  /** Answers one search; throws QueryError for a query that cannot be run. */
  search(request: SearchRequest): SearchResult;
}
