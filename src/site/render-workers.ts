/**
 * Record pages rendered in worker threads while the main thread does the rest: rendering (citeproc
 * above all) was most of a cold build, and one thread used one core. For a new site a worker is
 * started before the corpus is parsed, so that its code loads meanwhile, and parses beside the
 * main thread (see LentParsing); once every file is parsed it is given the files the main thread
 * read and the parses it lacks, building its corpus from them while the main thread links its own
 * (otherwise it is given the files once the parse cache holds them all, and reads the cache); it
 * refuses to work when its global digest is not the main thread's, and writes its pages into the
 * site itself. Whatever a worker could not render (it failed to start, died,
 * or refused) is returned to be rendered in the main thread.
 */
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import type { RecordRef } from '../model/records.js';
import type { DependencyKey } from './page-dependencies.js';
import type { LoadedFiles, RawFile } from '../corpus/load.js';
import { isRecordFile, withoutText, type ParseCache, type ParsedFile, type ParseReply } from '../corpus/parse.js';
import type { ParsingThread } from '../corpus/parse-workers.js';
import type { LibraryBibliography, SharedRenderings } from '../corpus/citations/format.js';

const WORKER_URL = new URL('./render-worker.js', import.meta.url);

/** A file's parse as the main thread sends it to a render worker: without its text (see withoutText) or its kept body tree. */
export interface ParsedEntry {
  readonly path: string;
  readonly parsed: ParsedFile;
}

/** What a render worker builds its corpus from. */
export interface RenderWorkerCorpus {
  /** The parse cache, which holds every record file of `loaded` when this is sent without `entries`. */
  readonly parsedCacheDir: string;
  /** The files as the main thread read them: the worker builds its corpus from them. */
  readonly loaded: LoadedFiles;
  readonly style: string;
  /**
   * The parses of the files of `loaded` the worker did not parse itself (as a parse thread, see
   * RenderWorkers.parseThreads): with them it builds its corpus from memory and does not read the
   * parse cache. A file in neither it parses itself.
   */
  readonly entries?: readonly ParsedEntry[];
}

/** Where a render worker writes its pages, and what its corpus must give. */
export interface RenderWorkerSite {
  /** The main thread's global digest (page-dependencies.ts): the worker's corpus must give the same. */
  readonly global: string;
  /** The folder the site is being written into, and how (see SiteWriter). */
  readonly folder: string;
  readonly replaceInPlace: boolean;
}

/** The main thread's messages to a render worker, in the order it sends them. */
export type RenderWorkerMessage =
  | { readonly corpus: RenderWorkerCorpus }
  | { readonly site: RenderWorkerSite }
  | { readonly pages: readonly RecordPageJob[] }
  /** After the last pages: the citations the worker rendered, for this thread to take over. */
  | { readonly renderings: true };

/** Pages sent to a worker at once: enough to amortise a message, few enough to share the work out evenly. */
const BATCH = 25;

/** When fewer batches than this are left, a batch given to a worker holds ENDGAME_BATCH pages instead of BATCH. */
const ENDGAME_BATCHES = 6;
const ENDGAME_BATCH = 5;

/** Below this many pages to render, loading the corpus into workers costs more than it saves. */
export const MIN_PAGES_FOR_WORKERS = 400;

/** A page to render: its file in the site and its record. */
export interface RecordPageJob {
  readonly file: string;
  readonly ref: RecordRef;
  /** The body tree this thread's parse kept for the record (see keptRenderTree), lent to the worker. */
  readonly renderTree?: string;
}

/** A page a worker rendered and wrote into the site. */
export interface RenderedRecordPage {
  readonly file: string;
  /** The bytes written; null when the worker's corpus has no such public record, so it wrote nothing. */
  readonly written: number | null;
  /** The questions the page asked of the corpus, for the build's manifest. */
  readonly asked: DependencyKey[];
}

/** A render worker's answer: that it is ready (with the library's bibliography it made), a batch's pages, or why it stopped. */
export interface RenderWorkerReply {
  readonly ready?: boolean;
  /** With `ready`: the library's bibliography in the build's style (see CitationFormatter.sharedLibraryBibliography). */
  readonly library?: LibraryBibliography | null;
  readonly results?: RenderedRecordPage[];
  /** The answer to `renderings`: the citations it rendered in the build's style (see CitationFormatter.sharedRenderings). */
  readonly renderings?: SharedRenderings;
  readonly error?: string;
}

/**
 * Lets the event loop take its turn (the render workers' finished pages, and more pages for them)
 * once `everyMs` of this thread's own work has passed since the last turn. A loop of awaits on
 * synchronous work (writing the exports, the graph's files) never lets a worker's message in: the
 * workers, given their few batches, then sat idle for seconds while this thread wrote.
 */
export function turnTaker(everyMs = 5): () => Promise<void> {
  let last = performance.now();
  return async () => {
    if (performance.now() - last < everyMs) return;
    await new Promise((resolve) => setImmediate(resolve));
    last = performance.now();
  };
}

/** How many render workers to start for these many pages (0: render in this thread). */
export function renderWorkerCount(pages: number): number {
  if (pages < MIN_PAGES_FOR_WORKERS || !existsSync(fileURLToPath(WORKER_URL))) return 0;
  // This thread renders too, so one worker fewer than cores; each worker holds a copy of the corpus,
  // so no more than two.
  return Math.max(1, Math.min(availableParallelism() - 1, 2));
}

/** One worker's messages, one at a time. */
function messages(worker: Worker): () => Promise<RenderWorkerReply> {
  const waiting: Array<{ resolve: (message: object) => void; reject: (error: unknown) => void }> = [];
  const arrived: object[] = [];
  let failure: unknown = null;
  worker.on('message', (message: object) => {
    const next = waiting.shift();
    if (next === undefined) arrived.push(message);
    else next.resolve(message);
  });
  const fail = (error: unknown): void => {
    failure ??= error;
    for (const next of waiting.splice(0)) next.reject(error);
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`the render worker stopped (exit code ${code})`)));
  return () => {
    if (arrived.length > 0) return Promise.resolve(arrived.shift()!);
    if (failure !== null) return Promise.reject(failure);
    return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
  };
}

/** One render worker started ahead of its pages: it builds the corpus while this thread does other work. */
interface StartedWorker {
  readonly worker: Worker | null;
  readonly next: () => Promise<RenderWorkerReply>;
  /** Its parsing, lent to the corpus's parse (null when the worker did not start). */
  readonly parsing?: LentParsing | null;
}

/**
 * A render worker's parsing, lent to the parse of the corpus as one of its threads: batches go
 * over a port of their own, so that neither the answers nor the pages' messages are taken for the
 * other's. It notes which files the worker parsed (and keeps, for its corpus), so that only the
 * others are sent to it. `terminate` ends the parsing, not the worker.
 */
export class LentParsing implements ParsingThread {
  /** The files whose parses the worker has sent back (and keeps). */
  readonly held = new Set<string>();
  private pending: readonly string[] = [];

  constructor(
    private readonly worker: Worker,
    private readonly port: MessagePort,
  ) {
    // Held open only while a batch is out: the worker itself does not keep the process alive until it is given pages.
    port.unref();
  }

  postMessage(message: { files: RawFile[] }): void {
    this.pending = message.files.map((file) => file.path);
    this.port.ref();
    this.port.postMessage(message);
  }

  once(event: 'message', listener: (reply: ParseReply) => void): this;
  once(event: 'error', listener: (error: Error) => void): this;
  once(event: 'exit', listener: (code: number) => void): this;
  once(event: 'message' | 'error' | 'exit', listener: ((reply: ParseReply) => void) | ((error: Error) => void) | ((code: number) => void)): this {
    if (event === 'message') {
      const heard = listener as (reply: ParseReply) => void;
      this.port.once('message', (reply: ParseReply) => {
        this.port.unref();
        if (reply.parsed !== undefined) for (const file of this.pending) this.held.add(file);
        this.pending = [];
        heard(reply);
      });
    } else this.worker.once(event, listener as (value: Error | number) => void);
    return this;
  }

  off(event: 'error', listener: (error: Error) => void): this;
  off(event: 'exit', listener: (code: number) => void): this;
  off(event: 'error' | 'exit', listener: ((error: Error) => void) | ((code: number) => void)): this {
    this.worker.off(event, listener as (value: Error | number) => void);
    return this;
  }

  /** Ends the parsing: the port is closed, and the worker goes on to build its corpus and render. */
  async terminate(): Promise<number> {
    this.port.close();
    return 0;
  }
}

/**
 * The parses a worker that holds `held` lacks of the files of `loaded`: record files, libraries and
 * topics files the cache holds, each without its text (the worker has the files) or kept body tree
 * (lent with each page's job instead).
 */
export function entriesLacking(loaded: LoadedFiles, cache: ParseCache, held: ReadonlySet<string>): ParsedEntry[] {
  const entries: ParsedEntry[] = [];
  for (const file of loaded.files) {
    if (held.has(file.path) || !(isRecordFile(file) || file.kind === 'bibliography' || file.kind === 'topics')) continue;
    const parsed = cache.get(file);
    if (parsed === undefined) continue;
    const { renderTree: _renderTree, ...withoutTree } = withoutText(parsed);
    entries.push({ path: file.path, parsed: withoutTree });
  }
  return entries;
}

/** Render workers started early, for renderInWorkers to give pages to. */
export interface StartedRenderWorkers {
  readonly workers: readonly StartedWorker[];
}

/** Render workers started early (see startRenderWorkers): they are given their corpus and their site by message. */
export class RenderWorkers implements StartedRenderWorkers {
  private stopped = false;

  constructor(readonly workers: readonly StartedWorker[]) {}

  /**
   * Gives each worker the files to build its corpus from. With `parsed` (this thread's parses of
   * them, every one), each is sent the parses it lacks and builds its corpus from memory; without,
   * every record file of them must be in the parse cache, which it reads.
   */
  giveCorpus(corpus: RenderWorkerCorpus, parsed?: ParseCache): void {
    if (parsed === undefined) {
      this.post({ corpus });
      return;
    }
    if (this.stopped) return;
    for (const { worker, parsing } of this.workers) {
      try {
        worker?.postMessage({ corpus: { ...corpus, entries: entriesLacking(corpus.loaded, parsed, parsing?.held ?? new Set()) } });
      } catch {
        // A worker that has stopped answers nothing; renderInWorkers gives its pages to the caller.
      }
    }
  }

  /** The workers' parsing, for the corpus's parse to use as threads of its own (see LentParsing). */
  parseThreads(): LentParsing[] {
    return this.workers.flatMap(({ parsing }) => (parsing === undefined || parsing === null ? [] : [parsing]));
  }

  /** Tells each worker where to write and what its corpus must give; it answers that it is ready, or refuses. */
  giveSite(site: RenderWorkerSite): void {
    this.post({ site });
  }

  /** Stops the workers (those no page will be given to: a build that failed, or has too few pages to share), and resolves once every one has exited. */
  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.workers.map(({ worker }) => worker?.terminate()));
  }

  get size(): number {
    return this.workers.filter(({ worker }) => worker !== null).length;
  }

  private post(message: RenderWorkerMessage): void {
    if (this.stopped) return;
    for (const { worker } of this.workers) {
      try {
        worker?.postMessage(message);
      } catch {
        // A worker that has stopped answers nothing; renderInWorkers gives its pages to the caller.
      }
    }
  }
}

/**
 * Starts `count` render workers now, before their corpus and pages are known: each loads its code
 * while this thread does other work (parsing the corpus, for a new site), instead of after it.
 * They do not keep the process alive until renderInWorkers takes them on (and stops them when
 * done), so a build that fails before its pages leaves nothing running that holds the process open.
 */
export function startRenderWorkers(count: number): RenderWorkers {
  return new RenderWorkers(
    Array.from({ length: count }, (): StartedWorker => {
      try {
        const { port1, port2 } = new MessageChannel();
        const worker = new Worker(WORKER_URL, { resourceLimits: { maxYoungGenerationSizeMb: 64 }, workerData: { parsePort: port2 }, transferList: [port2] });
        worker.unref();
        return { worker, next: messages(worker), parsing: new LentParsing(worker, port1) };
      } catch {
        // A worker that cannot start costs time, not pages: its share is rendered by the others or the caller.
        return { worker: null, next: () => Promise.reject(new Error('the render worker did not start')) };
      }
    }),
  );
}

/** What renderInWorkers does besides rendering: each is optional. */
export interface RenderInWorkersHooks {
  /** This thread's other work, done before it takes pages: the workers render meanwhile. */
  readonly firstHere?: () => Promise<void>;
  /** Hears each worker's answer that it is ready (with what it sends along). */
  readonly onReady?: (reply: RenderWorkerReply) => void;
  /** When given, each worker that rendered all it was given is asked for the citations it rendered, which are handed here. */
  readonly onRenderings?: ((renderings: SharedRenderings) => void) | null;
}

/**
 * Renders pages in the started workers and, between their messages, in this thread with renderHere,
 * handing each worker's page to onPage as it comes; returns the pages no one rendered. `firstHere`
 * is this thread's other work, done before it takes pages: the workers render meanwhile. With
 * `onRenderings`, each worker that rendered all it was given is then asked for the citations it
 * rendered, which are handed to it. A worker that failed is stopped before it returns; one that
 * rendered all it was given is told to stop, and its exit (tearing down its heap took 0.1–0.15 s
 * at 1,000 memos, with nothing for this thread to do but wait) is waited for by RenderWorkers.stop.
 */
export async function renderInWorkers(
  jobs: readonly RecordPageJob[],
  started: StartedRenderWorkers,
  onPage: (page: RenderedRecordPage) => Promise<void>,
  renderHere: (job: RecordPageJob) => Promise<void>,
  { firstHere = async () => undefined, onReady = () => undefined, onRenderings = null }: RenderInWorkersHooks = {},
): Promise<RecordPageJob[]> {
  const batches: RecordPageJob[][] = [];
  for (let start = 0; start < jobs.length; start += BATCH) batches.push(jobs.slice(start, start + BATCH));
  const left: RecordPageJob[] = [];
  const here = async (): Promise<void> => {
    // Let the workers' first messages in before this thread takes its first batch, then share the queue with them.
    await new Promise((resolve) => setImmediate(resolve));
    await firstHere();
    // From the end of the queue: the workers take from its front, so the pages of one kind (memos,
    // whose citations each thread would otherwise format again for itself) stay in one thread.
    for (let batch = batches.pop(); batch !== undefined; batch = batches.pop()) {
      for (const job of batch) {
        await renderHere(job);
        // Between pages, the workers' pages are taken in and they are given more: waiting for this
        // thread's whole batch, a worker that had rendered its own sat idle (two fifths of its time).
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
  };
  // When this thread's part fails, no worker is given more pages, and every worker is stopped
  // before the failure is passed on: the caller may remove the folder they were writing into.
  let failure: { error: unknown } | null = null;
  const hereOrStop = here().catch((error: unknown) => {
    failure = { error };
    batches.length = 0;
    for (const { worker } of started.workers) void worker?.terminate();
  });
  await Promise.all([
    hereOrStop,
    ...started.workers.map(async ({ worker, next }) => {
      if (worker === null) return;
      worker.ref();
      // Three batches are given at a time: the worker renders the next while this thread, busy
      // with a page of its own, has not yet taken in the last.
      const given: RecordPageJob[][] = [];
      const give = (): void => {
        let batch = batches.shift();
        if (batch === undefined) return;
        // Near the end of the queue a worker's batches are of a few pages: with three whole
        // batches in hand, it went on rendering for a third of a second after this thread had run
        // out of pages (at 1,000 memos), with one core idle.
        if (batches.length < ENDGAME_BATCHES && batch.length > ENDGAME_BATCH) {
          batches.unshift(batch.slice(ENDGAME_BATCH));
          batch = batch.slice(0, ENDGAME_BATCH);
        }
        given.push(batch);
        worker.postMessage({ pages: batch });
      };
      // Whether the worker rendered all it was given and answered every question: it has written its last file.
      let done = false;
      try {
        // The first are given before the worker is ready: it takes them in as soon as it has read
        // the corpus, instead of waiting (a second and more) for this thread, busy preparing the
        // lists and the graph, to hear that it is ready.
        give();
        give();
        give();
        const ready = await next();
        if (ready.ready !== true) {
          left.push(...given.splice(0).flat());
          return;
        }
        onReady(ready);
        while (given.length > 0) {
          let reply: RenderWorkerReply;
          try {
            reply = await next();
          } catch (error) {
            left.push(...given.splice(0).flat());
            throw error;
          }
          if (reply.results === undefined) {
            left.push(...given.splice(0).flat());
            return;
          }
          const batch = given.shift()!;
          give();
          for (const [taken, page] of reply.results.entries()) {
            try {
              await onPage(page);
            } catch (error) {
              // A page this thread could not take in (onPage threw), and the rest of its batch, go back
              // to the caller, which renders them itself: no page is lost unreported.
              const done = new Set(reply.results.slice(0, taken).map((earlier) => earlier.file));
              left.push(...batch.filter((job) => !done.has(job.file)));
              throw error;
            }
          }
        }
        if (onRenderings !== null) {
          worker.postMessage({ renderings: true });
          const answer = await next();
          if (answer.renderings !== undefined) onRenderings(answer.renderings);
        }
        done = true;
      } catch {
        // A worker that fails costs time, not pages: what it did not render is rendered by the caller.
        left.push(...given.splice(0).flat());
      } finally {
        if (done) worker.terminate().catch(() => undefined);
        else await worker.terminate();
      }
    }),
  ]);
  if (failure !== null) throw (failure as { error: unknown }).error;
  // Batches no worker took (every worker failed) are the caller's too.
  for (const batch of batches) left.push(...batch);
  return left;
}
