/**
 * A pool of search workers: each a QueryRunner (one worker thread, one search at a time, stopped
 * at its deadline), each with the current index loaded, so that searches pass each other instead
 * of queueing behind one worker. A search goes to the worker with the fewest searches waiting.
 * Answers are kept, per index, in a small cache bounded by entries, and a search already running
 * for the same request is shared: a query and its next pages asked by many readers at once run once.
 */
import { availableParallelism } from 'node:os';
import { LRUCache } from 'lru-cache';
import { QueryRunner, type QueryRunnerOptions } from './query-runner.js';
import type { SearchIndex, SearchRequest, SearchResult } from './search-index.js';
import { serialize } from 'node:v8';

/** How many search workers a pool starts by default: one per core, at most four (each holds a copy of the index). */
export function defaultSearchWorkers(): number {
  return Math.max(1, Math.min(availableParallelism(), 4));
}

/** Answers kept per index; a result page is a few kilobytes. */
const CACHED_ANSWERS = 2000;

export interface QueryPoolOptions extends QueryRunnerOptions {
  /** Worker threads; defaultSearchWorkers() when absent. */
  readonly workers?: number;
}

/** What the server's search handle needs of whatever runs its searches. */
export interface SearchRunner {
  /** Runs a search on an index; rejects with QueryError for a malformed, too costly or stopped query. */
  search(index: SearchIndex, request: SearchRequest): Promise<SearchResult>;
  /** Loads an index ahead of its first search. */
  preload(index: SearchIndex): void;
  /** Stops the workers. */
  close(): Promise<void>;
}

/** The key of a request in the answer cache: every field that changes the answer. */
function requestKey(request: SearchRequest): string {
  const filters = Object.entries(request.filters ?? {}).filter(([, value]) => value !== undefined).sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify([request.q.trim(), filters, request.page ?? 1, request.size ?? null, request.sort ?? 'relevance', request.includeInternal]);
}

/** Several QueryRunners behind one `search`, with a cache of answers per index. */
export class QueryPool implements SearchRunner {
  private readonly runners: QueryRunner[];
  private readonly waiting: number[];
  private readonly answers = new WeakMap<SearchIndex, LRUCache<string, SearchResult>>();
  private readonly running = new WeakMap<SearchIndex, Map<string, Promise<SearchResult>>>();
  private readonly serialisedIndexes = new WeakMap<SearchIndex, Uint8Array>();

  constructor(options: QueryPoolOptions = {}) {
    const workers = options.workers ?? defaultSearchWorkers();
    if (!Number.isInteger(workers) || workers < 1) throw new TypeError(`a query pool needs at least one worker, not ${workers}`);
    // Each index is serialised once, in a shared buffer every worker reads (and reads again when
    // it is started anew after a deadline), kept as long as the index is.
    const serialised = (index: SearchIndex): Uint8Array => {
      let bytes = this.serialisedIndexes.get(index);
      if (bytes === undefined) {
        const made = serialize(index.snapshot());
        bytes = new Uint8Array(new SharedArrayBuffer(made.length));
        bytes.set(made);
        this.serialisedIndexes.set(index, bytes);
      }
      return bytes;
    };
    this.runners = Array.from({ length: workers }, () => new QueryRunner({ ...options, serialised }));
    this.waiting = this.runners.map(() => 0);
  }

  /** How many worker threads the pool runs searches in. */
  get size(): number {
    return this.runners.length;
  }

  search(index: SearchIndex, request: SearchRequest, deadlineMs?: number): Promise<SearchResult> {
    const key = requestKey(request);
    let answers = this.answers.get(index);
    if (answers === undefined) {
      answers = new LRUCache({ max: CACHED_ANSWERS });
      this.answers.set(index, answers);
    }
    const answered = answers.get(key);
    if (answered !== undefined) return Promise.resolve(answered);
    let running = this.running.get(index);
    if (running === undefined) {
      running = new Map();
      this.running.set(index, running);
    }
    const already = running.get(key);
    if (already !== undefined) return already;
    const chosen = this.leastBusy();
    this.waiting[chosen]!++;
    const cache = answers;
    const inFlight = running;
    const search = this.runners[chosen]!.search(index, request, deadlineMs).then(
      (result) => {
        cache.set(key, result);
        return result;
      },
    );
    const settled = (): void => {
      this.waiting[chosen]!--;
      inFlight.delete(key);
    };
    search.then(settled, settled);
    inFlight.set(key, search);
    return search;
  }

  preload(index: SearchIndex): void {
    for (const runner of this.runners) runner.preload(index);
  }

  async close(): Promise<void> {
    await Promise.all(this.runners.map((runner) => runner.close()));
  }

  private leastBusy(): number {
    let best = 0;
    for (let i = 1; i < this.waiting.length; i++) if (this.waiting[i]! < this.waiting[best]!) best = i;
    return best;
  }
}
