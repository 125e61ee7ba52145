/**
 * The static site's search index as a build holds it between builds: its state (see
 * StaticSearchState) and the rows of its shards, kept in a worker thread that also writes the
 * search files. A whole build hands it every record and gets on with its pages; an edit hands it
 * only what changed (each record's ref and digest, and the search document and result of a record
 * whose digest or result is not what it was given last), so an edit's search files are spliced and
 * written in the worker while this thread renders the edit's pages. A watching build keeps the
 * worker from build to build, and the state never comes back to this thread: the worker writes it
 * into the cache folder itself. Without the compiled worker (tests run the sources), the same is
 * done in this thread.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { SearchDocument } from '../search/documents.js';
import { contentHash, readSearchState, writeSearchState } from './build-manifest.js';
import { confinedPath } from './paths.js';
import { buildStaticSearchFiles, PreviousSearchFileUnreadable, type KeptResultFiles, type KeptSearchRows, type ShownDocument, type StaticSearchState } from './search-shards.js';
import { SiteWriter } from './writer.js';

/** Where the search files go, and what the previous build wrote there. */
export interface SearchSite {
  readonly folder: string;
  /** Whether each file is written beside itself and renamed over (see SiteWriter). */
  readonly replaceInPlace: boolean;
  /** The hash of each search file the previous build wrote (search/… → contentHash); a file with the same hash is not written again. */
  readonly previousHashes: Readonly<Record<string, string>>;
}

/**
 * One record as it is handed over: its ref and digest always; its search document and its result
 * only when they are not what was handed over last (null: the same).
 */
export type SearchEntry = readonly [ref: string, digest: string, document: SearchDocument | null, shown: ShownDocument | null];

/** What a build of the search files is given. */
export interface SearchInput {
  readonly entries: readonly SearchEntry[];
  readonly expansions: ReadonlyArray<readonly [string, readonly string[]]>;
  /** Whether the state held is the previous build's, which the site's search files were written from: only the edited records' terms are written again. */
  readonly fromHeld: boolean;
  readonly site: SearchSite;
}

/** The search files of a build: each one's hash, and the bytes written (null when it was as the previous build wrote it). */
export interface SearchOutput {
  readonly files: ReadonlyArray<readonly [file: string, hash: string, written: number | null]>;
  /** Files the previous build wrote that this one did not need to make again. */
  readonly unchanged: readonly string[];
  readonly records: number;
}

/** An entry whose document or result was left out is answered so: everything must be handed over again. */
export const NEED_EVERYTHING = 'need-everything';

/**
 * The search index's state and shard rows, and the results of its records, as the last build left
 * them; builds the next build's files and writes them. Used in the worker thread (and in this one
 * without it).
 */
export class HeldSearchIndex {
  private state: StaticSearchState | null = null;
  private readonly rows: KeptSearchRows = new Map();
  private readonly results: KeptResultFiles = new Map();
  private shown = new Map<string, ShownDocument>();
  /** Set when a search file was found not to be what the previous build wrote, until a whole index is written. */
  private filesNotAsWritten = false;

  /** Takes the state a build in another process left in the cache folder (its rows are read from the site's files as needed); false when there is none to use. */
  async load(file: string): Promise<boolean> {
    this.forget();
    this.state = await readSearchState(file);
    return this.state !== null;
  }

  async writeState(file: string): Promise<void> {
    if (this.state === null) throw new Error('no search index has been built to write the state of');
    await writeSearchState(file, this.state);
  }

  /** The search files for the records given, written into the site; NEED_EVERYTHING when a record left out cannot be taken from what is held. */
  async build(input: SearchInput): Promise<SearchOutput | typeof NEED_EVERYTHING> {
    const held = input.fromHeld ? this.state : null;
    const heldDigests = new Map<string, string>();
    if (held !== null) held.refs.forEach((ref, number) => heldDigests.set(ref, held.digests[number]!));
    // A record whose document was left out must be one the held state has, with the same digest
    // (then its terms are not read again); its result must be held too.
    const sameRecords = held !== null && held.refs.length === input.entries.length && input.entries.every(([ref]) => heldDigests.has(ref));
    const documents: SearchDocument[] = [];
    const shown = new Map<string, ShownDocument>();
    for (const [ref, digest, document, result] of input.entries) {
      if (document === null && (!sameRecords || heldDigests.get(ref) !== digest)) return NEED_EVERYTHING;
      const resultNow = result ?? this.shown.get(ref);
      if (resultNow === undefined) return NEED_EVERYTHING;
      // Only its ref and digest are read of a record whose digest is the held one.
      documents.push(document ?? ({ ref, digest } as SearchDocument));
      shown.set(ref, resultNow);
    }
    const readPrevious = (file: string): string => {
      let content: string;
      try {
        content = readFileSync(confinedPath(input.site.folder, file), 'utf8');
      } catch {
        throw new PreviousSearchFileUnreadable(`${file} cannot be read`);
      }
      if (input.site.previousHashes[file] !== contentHash(content)) throw new PreviousSearchFileUnreadable(`${file} is not what the previous build wrote`);
      return content;
    };
    // Whether the site's search files are what the previous build wrote (a file whose content is as
    // it was then is not written again); once one was found otherwise, the index is written whole.
    let asWritten = !this.filesNotAsWritten;
    let built;
    try {
      built = buildStaticSearchFiles(documents, shown, input.expansions, asWritten ? held : null, readPrevious, { keptRows: this.rows, keptResults: this.results });
    } catch (error) {
      // Whatever failed, the rows may be half brought up to date: nothing held is trusted.
      this.forget();
      if (!(error instanceof PreviousSearchFileUnreadable)) throw error;
      // A search file changed or gone since the previous build: the index is written whole, from every record's document.
      this.filesNotAsWritten = true;
      if (input.entries.some(([, , document]) => document === null)) return NEED_EVERYTHING;
      asWritten = false;
      built = buildStaticSearchFiles(documents, shown, input.expansions, null, readPrevious, { keptRows: this.rows, keptResults: this.results });
    }
    try {
      const writer = new SiteWriter(input.site.folder, input.site.replaceInPlace);
      const files: Array<readonly [string, string, number | null]> = [];
      for (const [file, content] of built.files) {
        const hash = contentHash(content);
        if (asWritten && input.site.previousHashes[file] === hash) {
          files.push([file, hash, null]);
          continue;
        }
        const before = writer.bytes;
        await writer.write(file, content);
        files.push([file, hash, writer.bytes - before]);
      }
      await writer.flush();
      this.state = built.state;
      this.shown = shown;
      this.filesNotAsWritten = false;
      return { files, unchanged: built.unchanged, records: built.records };
    } catch (error) {
      // The rows are this build's, the files half written: nothing held is trusted.
      this.forget();
      throw error;
    }
  }

  /** Drops what is held (after a failure, whose rows may be half brought up to date). */
  private forget(): void {
    this.state = null;
    this.filesNotAsWritten = false;
    this.rows.clear();
    this.results.clear();
    this.shown = new Map();
  }
}

/** The main thread's messages to the search worker, answered one at a time in order. */
export type SearchWorkerMessage = { readonly load: string } | { readonly build: SearchInput } | { readonly writeState: string };
export type SearchWorkerReply = { readonly loaded: boolean } | { readonly built: SearchOutput | typeof NEED_EVERYTHING } | { readonly stateWritten: true } | { readonly error: string };

/** A build's search index: the state and rows it holds, from which it writes the search files of the next build. */
export interface StaticSearchIndex {
  /** Whether it holds a state (built or loaded), which a build that starts from the previous one may build on. */
  readonly holdsState: boolean;
  /** Takes the state in a cache folder's file (see HeldSearchIndex.load). */
  load(file: string): Promise<boolean>;
  /** Writes the search files of these records and returns what was written; without `fromHeld`, or when what is held cannot serve, the whole index. */
  build(documents: readonly SearchDocument[], shown: ReadonlyMap<string, ShownDocument>, expansions: SearchInput['expansions'], fromHeld: boolean, site: SearchSite): Promise<SearchOutput>;
  /** Writes the state of the last build into a file of the cache folder. */
  writeState(file: string): Promise<void>;
  /** Stops its thread, if it has one. */
  close(): Promise<void>;
}

const WORKER_URL = new URL('./search-worker.js', import.meta.url);

/** A search index held in a worker thread when the compiled worker is there (and `inThread` does not ask otherwise), in this thread otherwise. */
export function openStaticSearchIndex({ inThread = false }: { inThread?: boolean } = {}): StaticSearchIndex {
  return !inThread && existsSync(fileURLToPath(WORKER_URL)) ? new WorkerSearchIndex() : new InThreadSearchIndex();
}

/**
 * Hands over what the worker does not have: every record's ref and digest, and the document and
 * result of those whose digest or result is not what was handed over last. `sent` is what was.
 */
function entriesFor(documents: readonly SearchDocument[], shown: ReadonlyMap<string, ShownDocument>, sent: ReadonlyMap<string, readonly [string, ShownDocument]>): SearchEntry[] {
  return documents.map((document): SearchEntry => {
    const before = sent.get(document.ref);
    const result = shown.get(document.ref)!;
    return [document.ref, document.digest, before?.[0] === document.digest ? null : document, before?.[1] === result ? null : result];
  });
}

/** What was handed over, for the next build's entries. */
function sentOf(documents: readonly SearchDocument[], shown: ReadonlyMap<string, ShownDocument>): Map<string, readonly [string, ShownDocument]> {
  return new Map(documents.map((document) => [document.ref, [document.digest, shown.get(document.ref)!] as const]));
}

/** The index held in this thread (without the compiled worker). */
class InThreadSearchIndex implements StaticSearchIndex {
  private readonly held = new HeldSearchIndex();
  holdsState = false;

  async load(file: string): Promise<boolean> {
    this.holdsState = await this.held.load(file);
    return this.holdsState;
  }

  async build(documents: readonly SearchDocument[], shown: ReadonlyMap<string, ShownDocument>, expansions: SearchInput['expansions'], fromHeld: boolean, site: SearchSite): Promise<SearchOutput> {
    this.holdsState = false;
    const entries = documents.map((document): SearchEntry => [document.ref, document.digest, document, shown.get(document.ref)!]);
    const built = await this.held.build({ entries, expansions, fromHeld, site });
    if (built === NEED_EVERYTHING) throw new Error('the search index was not given every record');
    this.holdsState = true;
    return built;
  }

  writeState(file: string): Promise<void> {
    return this.held.writeState(file);
  }

  async close(): Promise<void> {
    this.holdsState = false;
  }
}

/**
 * The index held in a worker thread. The worker does not keep the process alive while it waits
 * for work (a watching build keeps it between builds), only while it is answering. A worker that
 * cannot start or dies costs time, not the build: from then on the index is held in this thread,
 * starting from nothing (the build under way writes the whole index).
 */
class WorkerSearchIndex implements StaticSearchIndex {
  private worker: Worker | null = null;
  private failure: Error | null = null;
  private closed = false;
  private fallback: InThreadSearchIndex | null = null;
  private readonly pending: Array<{ resolve: (reply: SearchWorkerReply) => void; reject: (error: Error) => void }> = [];
  /** Each record's digest and result as last handed over, while the worker holds them. */
  private sent = new Map<string, readonly [string, ShownDocument]>();
  private workerHoldsState = false;

  get holdsState(): boolean {
    return this.fallback !== null ? this.fallback.holdsState : this.workerHoldsState;
  }

  private ask(message: SearchWorkerMessage): Promise<SearchWorkerReply> {
    if (this.failure !== null) return Promise.reject(this.failure);
    if (this.worker === null) {
      // A young generation larger than the default: counting every word's postings makes short-lived
      // objects by the million, and the default's collections took a tenth of the worker's time.
      const worker = new Worker(WORKER_URL, { resourceLimits: { maxYoungGenerationSizeMb: 64 } });
      worker.on('message', (reply: SearchWorkerReply) => {
        this.pending.shift()?.resolve(reply);
        if (this.pending.length === 0) worker.unref();
      });
      const fail = (error: Error): void => {
        // The first cause is kept: an error is followed by the exit it caused.
        this.failure ??= error;
        this.workerHoldsState = false;
        for (const waiting of this.pending.splice(0)) waiting.reject(this.failure);
      };
      worker.on('error', fail);
      worker.on('exit', (code) => fail(new Error(`the search worker stopped (exit code ${code})`)));
      this.worker = worker;
    }
    this.worker.ref();
    this.worker.postMessage(message);
    return new Promise((resolve, reject) => this.pending.push({ resolve, reject }));
  }

  private async answer<K extends string>(message: SearchWorkerMessage, key: K): Promise<Extract<SearchWorkerReply, Record<K, unknown>>[K]> {
    const reply = await this.ask(message);
    if ('error' in reply) throw new Error(reply.error);
    if (!(key in reply)) throw new Error(`the search worker answered out of turn (${Object.keys(reply).join(', ')})`);
    return (reply as Record<K, unknown>)[key] as Extract<SearchWorkerReply, Record<K, unknown>>[K];
  }

  /** The index in this thread once the worker has failed (not once it was closed); null while the worker serves. */
  private inThreadAfterFailure(): InThreadSearchIndex | null {
    if (this.fallback === null && this.failure !== null && !this.closed) {
      this.fallback = new InThreadSearchIndex();
      void this.worker?.terminate().catch(() => undefined);
      this.worker = null;
    }
    return this.fallback;
  }

  async load(file: string): Promise<boolean> {
    this.sent = new Map();
    this.workerHoldsState = false;
    const here = this.inThreadAfterFailure();
    if (here !== null) return here.load(file);
    try {
      this.workerHoldsState = await this.answer({ load: file }, 'loaded');
      return this.workerHoldsState;
    } catch (error) {
      const after = this.inThreadAfterFailure();
      if (after === null) throw error;
      return after.load(file);
    }
  }

  async build(documents: readonly SearchDocument[], shown: ReadonlyMap<string, ShownDocument>, expansions: SearchInput['expansions'], fromHeld: boolean, site: SearchSite): Promise<SearchOutput> {
    const sent = this.sent;
    this.sent = new Map();
    this.workerHoldsState = false;
    const here = this.inThreadAfterFailure();
    if (here !== null) return here.build(documents, shown, expansions, fromHeld, site);
    let built;
    try {
      built = await this.answer({ build: { entries: entriesFor(documents, shown, fromHeld ? sent : new Map()), expansions, fromHeld, site } }, 'built');
      if (built === NEED_EVERYTHING) built = await this.answer({ build: { entries: entriesFor(documents, shown, new Map()), expansions, fromHeld, site } }, 'built');
    } catch (error) {
      // The worker died: this thread writes the whole index (what the worker held is gone with it).
      const after = this.inThreadAfterFailure();
      if (after === null) throw error;
      return after.build(documents, shown, expansions, false, site);
    }
    if (built === NEED_EVERYTHING) throw new Error('the search worker was given every record and asked for them again');
    this.sent = sentOf(documents, shown);
    this.workerHoldsState = true;
    return built;
  }

  async writeState(file: string): Promise<void> {
    const here = this.inThreadAfterFailure();
    if (here !== null) return here.writeState(file);
    await this.answer({ writeState: file }, 'stateWritten');
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.closed = true;
    this.workerHoldsState = false;
    this.failure ??= new Error('the search index was closed');
    await this.fallback?.close();
    if (worker !== null) await worker.terminate();
  }
}
