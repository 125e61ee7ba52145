/**
 * The search index as the server sees it: absent while it is being built (the server answers
 * everything else meanwhile), then present; replaced in one assignment when a new one is ready.
 * Searches run through a QueryRunner: in a worker thread with a deadline, so that no query can
 * stop the server or hold its thread.
 */
import { QueryRunner, type SearchIndex, type SearchRequest, type SearchResult } from '../search/index.js';

export interface SearchHandle {
  /** The index, or null while it is being built. */
  current(): SearchIndex | null;
  /** Why the last build failed, if it did. */
  failure(): string | null;
  /** Runs a search on the current index with a deadline; rejects with QueryError for a query that cannot be run. */
  run(index: SearchIndex, request: SearchRequest): Promise<SearchResult>;
}

/** The pages of one search, answered through the handle's worker before a caller that wants them at once (an export of a search's results). */
export async function searchAnswered(handle: SearchHandle, q: string, includeInternal: boolean): Promise<Pick<SearchIndex, 'search'> | null> {
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

let sharedRunner: QueryRunner | null = null;

/** The runner every handle shares by default: one search worker for the process, whatever the generation. */
export function sharedQueryRunner(): QueryRunner {
  sharedRunner ??= new QueryRunner();
  return sharedRunner;
}

/** A handle whose index is set later (by `dossier serve`) or straight away (tests). */
export class MutableSearchHandle implements SearchHandle {
  private index: SearchIndex | null = null;
  private error: string | null = null;

  constructor(
    index: SearchIndex | null = null,
    private readonly runner: QueryRunner = sharedQueryRunner(),
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

  run(index: SearchIndex, request: SearchRequest): Promise<SearchResult> {
    return this.runner.search(index, request);
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
