/**
 * The search index as the server sees it: absent while it is being built (the server answers
 * everything else meanwhile), then present; replaced in one assignment when a new one is ready.
 * Searches run through a QueryRunner: in a worker thread with a deadline, so that no query can
 * stop the server or hold its thread.
 */
import { QueryPool, SearchIndex, type SearchEngine, type SearchRequest, type SearchResult, type SearchRunner } from '../search/index.js';

/**
 * The search engine as the server sees it: the one interface every route uses, whatever the
 * engine (Lunr here; test/server/search-backend.test.ts serves through a second one).
 */
export interface SearchHandle {
  /** The engine, or null while it is being built. */
  current(): SearchEngine | null;
  /** Why the last build failed, if it did. */
  failure(): string | null;
  /** Runs a search on the current engine with a deadline; rejects with QueryError for a query that cannot be run. */
  run(index: SearchEngine, request: SearchRequest): Promise<SearchResult>;
}

/** The pages of one search, answered through the handle's worker before a caller that wants them at once (an export of a search's results). */
export async function searchAnswered(handle: SearchHandle, q: string, includeInternal: boolean): Promise<SearchEngine | null> {
  const index = handle.current();
  if (index === null) return null;
  const first = await handle.run(index, { q, includeInternal, size: 100, page: 1 });
  const pages = [first];
  for (let page = 2; page <= first.pages; page++) pages.push(await handle.run(index, { q, includeInternal, size: 100, page }));
  return {
    search: (request) => {
      const found = pages[(request.page ?? 1) - 1];
      if (found === undefined || request.q !== q || request.size !== 100) throw new TypeError('only the pages of the search answered beforehand can be read');
      return found;
    },
  };
}

let sharedRunner: SearchRunner | null = null;

/** The runner every handle shares by default: one pool of search workers for the process, whatever the generation. */
export function sharedQueryRunner(): SearchRunner {
  sharedRunner ??= new QueryPool();
  return sharedRunner;
}

/** A handle whose index is set later (by `dossier serve`) or straight away (tests). */
export class MutableSearchHandle implements SearchHandle {
  private index: SearchIndex | null = null;
  private error: string | null = null;

  constructor(
    index: SearchIndex | null = null,
    private readonly runner: SearchRunner = sharedQueryRunner(),
  ) {
    this.index = index;
    if (index !== null) runner.preload(index);
  }

  current(): SearchIndex | null {
    return this.index;
  }

  failure(): string | null {
    return this.error;
  }

  run(index: SearchEngine, request: SearchRequest): Promise<SearchResult> {
    if (index instanceof SearchIndex) return this.runner.search(index, request);
    try {
      return Promise.resolve(index.search(request));
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }

  /** Makes a newly built index the one every later request uses, and loads it into the search worker meanwhile. */
  replace(index: SearchIndex): void {
    this.index = index;
    this.error = null;
    this.runner.preload(index);
  }

  fail(message: string): void {
    this.error = message;
  }
}
