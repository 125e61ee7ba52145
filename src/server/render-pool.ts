/**
 * Pages rendered in worker threads for `dossier serve`: a page not found in the page cache (or
 * prerendered at start) is rendered by a worker, so the event loop that answers every other
 * request is held up for a lookup and a message, not for a memo's citations being formatted.
 *
 * A worker renders only for the corpus the main thread serves (each job carries its digest); a
 * worker still loading, out of step after a live edit, dead, or busy past its queue answers null,
 * and the caller renders the page in the main thread as it always could. So the pool changes when
 * and where a page is rendered, never what it says.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { recordRefOf, type Corpus, type RecordRef } from '../model/records.js';
import type { PageChrome, PageRequest } from '../render/render-page.js';
import { corpusDigest } from './page-digest.js';

const WORKER_URL = new URL('./render-pool-worker.js', import.meta.url);

/** Jobs waiting for one worker beyond which the main thread renders instead of queueing more. */
const MAX_QUEUE_PER_WORKER = 64;

/** What a render worker is started with. */
export interface RenderPoolSetup {
  readonly root: string;
  /** The parse cache the main thread wrote at start; null: the worker parses the corpus itself. */
  readonly parsedCacheDir: string | null;
}

/** The pages a worker can render: the ones that need nothing but the corpus, the reader's audience and style. */
export type PooledPageRequest =
  | { readonly kind: 'home' }
  | { readonly kind: 'list'; readonly type: RecordRef['type'] }
  | { readonly kind: 'record'; readonly ref: RecordRef }
  | { readonly kind: 'problems' };

/** One page for a worker to render. */
export interface RenderPoolJob {
  readonly request: PooledPageRequest;
  readonly includeInternal: boolean;
  readonly styleId: string;
  readonly chrome: PageChrome;
  /** The served corpus's digest: a worker with another corpus does not render. */
  readonly corpusDigest: string;
}

/** A page request as a worker can take it, or null for pages rendered in the main thread only. */
export function pooledRequest(request: PageRequest): PooledPageRequest | null {
  switch (request.kind) {
    case 'home':
    case 'problems':
      return { kind: request.kind };
    case 'list':
      return { kind: 'list', type: request.type };
    case 'record': {
      const record = request.record;
      const ref = recordRefOf(record.type, record.type === 'source' ? record.key : record.id);
      return ref === null ? null : { kind: 'record', ref };
    }
    default:
      return null;
  }
}

interface PoolWorker {
  readonly worker: Worker;
  /** The digest of the corpus it has loaded; null while it loads or after it failed. */
  digest: string | null;
  readonly pending: Map<number, (html: string | null) => void>;
  alive: boolean;
  /** Resolved when the load under way ends (loaded, failed or the worker died). */
  loaded: Promise<void>;
  endLoad: () => void;
}

/** How many render workers suit this machine: a core is kept for the event loop, and each worker holds a copy of the corpus. */
export function defaultRenderWorkers(): number {
  return Math.max(1, Math.min(availableParallelism() - 1, 2));
}

/** How a pool starts: at once, or asleep until a page must be rendered. */
export interface RenderPoolStartOptions {
  /**
   * Asleep: no worker is started (none loads a copy of the corpus) until the first page is asked
   * of the pool or `wake()` is called. A server restarting on a full page cache then loads its
   * index alone on the machine's cores and holds no second copy of the corpus it never renders from.
   */
  readonly asleep?: boolean;
}

/** Render workers beside the server's event loop. */
export class RenderPool {
  private workers: PoolWorker[] = [];
  /** What the workers are started with, until they are (then null). */
  private sleeping: { readonly setup: RenderPoolSetup; readonly count: number; readonly workerUrl: URL } | null;
  private nextId = 0;
  /** Jobs answered by a worker, and jobs handed back to the caller. */
  readonly counts = { rendered: 0, declined: 0 };

  private constructor(setup: RenderPoolSetup, count: number, workerUrl: URL, asleep: boolean) {
    this.sleeping = { setup, count, workerUrl };
    if (!asleep) this.wake();
  }

  /**
   * Starts `count` workers (none when the compiled worker is missing, as under ts-jest; tests name
   * the compiled one in dist/), or, `asleep`, starts them when the first page is asked for.
   */
  static start(setup: RenderPoolSetup, count = defaultRenderWorkers(), workerUrl = WORKER_URL, options: RenderPoolStartOptions = {}): RenderPool {
    return new RenderPool(setup, existsSync(fileURLToPath(workerUrl)) ? count : 0, workerUrl, options.asleep === true);
  }

  /** Starts the workers of a pool still asleep (each loads the corpus; until then they decline). */
  wake(): void {
    if (this.sleeping === null) return;
    const { setup, count, workerUrl } = this.sleeping;
    this.sleeping = null;
    this.workers = Array.from({ length: count }, () => this.start(setup, workerUrl));
  }

  /** Whether the workers have been started. */
  get awake(): boolean {
    return this.sleeping === null;
  }

  /** How many workers the pool started (none while asleep). */
  get size(): number {
    return this.workers.length;
  }

  private start(setup: RenderPoolSetup, workerUrl: URL): PoolWorker {
    const worker = new Worker(workerUrl, { workerData: setup });
    // A worker never keeps the process alive: the server decides when to stop.
    worker.unref();
    const entry: PoolWorker = { worker, digest: null, pending: new Map(), alive: true, loaded: Promise.resolve(), endLoad: () => undefined };
    this.beginLoad(entry);
    worker.on('message', (message: { ready?: string | null; id?: number; html?: string | null }) => {
      if ('ready' in message) {
        entry.digest = message.ready ?? null;
        entry.endLoad();
        return;
      }
      const answer = entry.pending.get(message.id!);
      entry.pending.delete(message.id!);
      answer?.(message.html ?? null);
    });
    const fail = (): void => {
      entry.alive = false;
      entry.digest = null;
      for (const answer of entry.pending.values()) answer(null);
      entry.pending.clear();
      entry.endLoad();
    };
    worker.on('error', fail);
    worker.on('exit', fail);
    return entry;
  }

  private beginLoad(entry: PoolWorker): void {
    entry.loaded = new Promise((resolve) => {
      entry.endLoad = resolve;
    });
  }

  /** Resolves when every started worker has finished loading its corpus (or died): tests and the bench wait for it. */
  async settled(): Promise<void> {
    await Promise.all(this.workers.map((entry) => entry.loaded));
  }

  /** Whether some worker has loaded this corpus. */
  ready(corpus: Corpus): boolean {
    const digest = corpusDigest(corpus);
    return this.workers.some((entry) => entry.alive && entry.digest === digest);
  }

  /**
   * A page rendered by a worker that has this corpus, or null: then the caller renders it. Jobs go
   * to the least busy such worker.
   */
  render(corpus: Corpus, request: PageRequest, reader: { includeInternal: boolean; styleId: string; chrome: PageChrome }): Promise<string | null> {
    const pooled = pooledRequest(request);
    if (pooled === null) return Promise.resolve(null);
    // The first page asked of a sleeping pool wakes it; the main thread renders this one meanwhile.
    this.wake();
    const digest = corpusDigest(corpus);
    const ready = this.workers.filter((entry) => entry.alive && entry.digest === digest && entry.pending.size < MAX_QUEUE_PER_WORKER);
    if (ready.length === 0) {
      this.counts.declined++;
      return Promise.resolve(null);
    }
    const entry = ready.reduce((best, candidate) => (candidate.pending.size < best.pending.size ? candidate : best));
    const id = this.nextId++;
    const job: RenderPoolJob = { request: pooled, includeInternal: reader.includeInternal, styleId: reader.styleId, chrome: reader.chrome, corpusDigest: digest };
    return new Promise((resolve) => {
      entry.pending.set(id, (html) => {
        if (html === null) this.counts.declined++;
        else this.counts.rendered++;
        resolve(html);
      });
      entry.worker.postMessage({ id, job });
    });
  }

  /** After a live edit: every worker reads the corpus again (until then it declines the new corpus's pages). */
  reload(): void {
    for (const entry of this.workers) {
      if (!entry.alive) continue;
      entry.digest = null;
      this.beginLoad(entry);
      entry.worker.postMessage({ reload: true });
    }
  }

  /** Stops the workers; jobs in flight are answered null. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((entry) => entry.worker.terminate()));
  }
}
