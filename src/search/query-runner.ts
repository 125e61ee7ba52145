/**
 * Runs searches in a worker thread with a deadline. The query's bounds are checked here first
 * (cheap, and a malformed query never reaches the worker); the search itself runs in the worker,
 * so the server's thread keeps answering pages meanwhile; a search that runs past its deadline
 * is stopped by terminating the worker, answered with a QueryError, and the next search starts a
 * fresh worker. Where the compiled worker is not at hand (tests run from the sources), searches
 * run in this thread, bounded by the same limits.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { prepareQuery, QueryError } from './query.js';
import type { SearchIndex, SearchRequest, SearchResult, SearchSnapshot } from './search-index.js';
import type { QueryWorkerRequest } from './query-worker.js';

/** How long one search may run in the worker before it is stopped. */
export const DEFAULT_SEARCH_DEADLINE_MS = 3000;

const DEFAULT_WORKER_URL = new URL('./query-worker.js', import.meta.url);

export interface QueryRunnerOptions {
  readonly deadlineMs?: number;
  /**
   * The index as bytes for a worker to load (a pool serialises each index once and keeps the
   * bytes): a worker started again after a deadline then costs the server's thread a copy of
   * bytes, not a snapshot and its serialisation, which at thousands of records hold it for seconds.
   */
  readonly serialised?: (index: SearchIndex) => Uint8Array;
  /** The compiled worker; null runs searches in this thread. */
  readonly workerUrl?: URL | null;
}

interface WorkerReply {
  readonly id: number;
  readonly loaded?: boolean;
  readonly result?: SearchResult;
  readonly queryError?: { message: string; start: number; end: number };
  readonly error?: string;
}

/** What a stopped search answers: a 400 that says what to change. */
export function deadlineError(query: string, deadlineMs: number): QueryError {
  return new QueryError(
    `the search took longer than ${(deadlineMs / 1000).toFixed(1)} s and was stopped: use fewer wildcard (*) or fuzzy (~) terms, or more letters in each`,
    0,
    query.length,
  );
}

/** One search worker, fed one search at a time, replaced when a search runs past its deadline. */
export class QueryRunner {
  private readonly deadlineMs: number;
  private readonly workerUrl: URL | null;
  private readonly serialised: ((index: SearchIndex) => Uint8Array) | null;
  private worker: Worker | null = null;
  private loadedFor: SearchIndex | null = null;
  private nextId = 1;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly pending = new Map<number, (reply: WorkerReply) => void>();

  constructor(options: QueryRunnerOptions = {}) {
    this.deadlineMs = options.deadlineMs ?? DEFAULT_SEARCH_DEADLINE_MS;
    this.serialised = options.serialised ?? null;
    const url = options.workerUrl === undefined ? DEFAULT_WORKER_URL : options.workerUrl;
    this.workerUrl = url !== null && existsSync(fileURLToPath(url)) ? url : null;
  }

  /** Whether searches run in a worker (false: in this thread). */
  get usesWorker(): boolean {
    return this.workerUrl !== null;
  }

  /** Runs a search on an index; rejects with QueryError for a malformed, too costly or stopped query. */
  search(index: SearchIndex, request: SearchRequest, deadlineMs: number = this.deadlineMs): Promise<SearchResult> {
    const q = request.q.trim();
    try {
      if (q !== '') prepareQuery(q);
      if (this.workerUrl === null) return Promise.resolve(index.search(request));
    } catch (error) {
      return Promise.reject(error as Error);
    }
    const run = this.queue.then(() => this.searchInWorker(index, request, deadlineMs));
    // One search at a time: the next waits for this one, whether it answered or failed.
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Loads an index into the worker ahead of its first search (a new generation), in the queue like
   * a search. A pool gives every worker the same snapshot, made once.
   */
  preload(index: SearchIndex, snapshot?: () => SearchSnapshot): void {
    if (this.workerUrl === null) return;
    const run = this.queue.then(async () => {
      if (this.worker !== null && this.loadedFor === index) return;
      const loaded = await this.ask(this.loadMessage(index, snapshot), null);
      // The worker lets its index go before it loads another, so after a failed load it holds none.
      this.loadedFor = loaded.error === undefined ? index : null;
    });
    this.queue = run.catch(() => undefined);
  }

  /** Stops the worker; later searches start a new one. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.discardWorker('the search worker was closed');
    await worker?.terminate();
  }

  private async searchInWorker(index: SearchIndex, request: SearchRequest, deadlineMs: number): Promise<SearchResult> {
    if (this.worker === null || this.loadedFor !== index) {
      const loaded = await this.ask(this.loadMessage(index), null);
      if (loaded.error !== undefined) {
        this.loadedFor = null;
        throw new Error(`the search worker could not load the index: ${loaded.error}`);
      }
      this.loadedFor = index;
    }
    const started = performance.now();
    const reply = await this.ask({ id: this.nextId++, kind: 'search', request }, deadlineMs);
    // An answer that came after the deadline counts as stopped too, so the rule is one rule.
    if (performance.now() - started > deadlineMs) throw deadlineError(request.q, deadlineMs);
    if (reply.queryError !== undefined) throw new QueryError(reply.queryError.message, reply.queryError.start, reply.queryError.end);
    if (reply.error !== undefined || reply.result === undefined) throw new Error(`the search failed: ${reply.error ?? 'no answer'}`);
    return reply.result;
  }

  private loadMessage(index: SearchIndex, snapshot?: () => SearchSnapshot): QueryWorkerRequest {
    if (this.serialised !== null) return { id: this.nextId++, kind: 'load-serialised', bytes: this.serialised(index) };
    return { id: this.nextId++, kind: 'load', snapshot: snapshot === undefined ? index.snapshot() : snapshot() };
  }

  private ask(message: QueryWorkerRequest, deadlineMs: number | null): Promise<WorkerReply> {
    const worker = this.ensureWorker();
    return new Promise<WorkerReply>((resolve, reject) => {
      const timer =
        deadlineMs === null
          ? null
          : setTimeout(() => {
              this.pending.delete(message.id);
              this.discardWorker('stopped');
              void worker.terminate();
              reject(deadlineError(message.kind === 'search' ? message.request.q : '', deadlineMs));
            }, deadlineMs);
      this.pending.set(message.id, (reply) => {
        if (timer !== null) clearTimeout(timer);
        if (reply.error === '\u0000exit') reject(new Error('the search worker stopped unexpectedly'));
        else resolve(reply);
      });
      worker.postMessage(message);
    });
  }

  private ensureWorker(): Worker {
    if (this.worker !== null) return this.worker;
    const worker = new Worker(this.workerUrl!);
    worker.on('message', (reply: WorkerReply) => {
      const settle = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      settle?.(reply);
    });
    // A worker that dies (out of memory, a bug) fails what it was doing; the next search starts another.
    const died = () => {
      if (this.worker === worker) this.discardWorker('\u0000exit');
    };
    worker.on('error', died);
    worker.on('exit', died);
    worker.unref();
    this.worker = worker;
    this.loadedFor = null;
    return worker;
  }

  private discardWorker(reason: string): void {
    this.worker = null;
    this.loadedFor = null;
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const settle of waiting) settle({ id: 0, error: reason === '\u0000exit' ? reason : '\u0000exit' });
  }
}
