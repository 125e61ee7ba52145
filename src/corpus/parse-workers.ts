/**
 * Parses the record files a cache does not hold, in worker threads beside this one when there are
 * enough of them: parsing is most of a cold build, and on a machine with several cores it need not
 * use only one.
 * Each file's parse depends on its text alone, so where it ran changes nothing in the result.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { RawFile } from './load.js';
import { isRecordFile, parseRecordFile, withText, type ParseCache, type ParsedFile, type ParseReply } from './parse.js';

const WORKER_URL = new URL('./parse-worker.js', import.meta.url);

/** Below this many files to parse, starting workers costs more than it saves. */
const MIN_FILES_FOR_WORKERS = 2000;
/** Files sent to a worker at once: large enough to amortise messages, small enough to share out. */
const BATCH = 250;
/** The smallest batch, which the last ones shrink to so that the workers finish together. */
const LAST_BATCH = 25;

/**
 * The young generation of each worker, in MB. Parsing makes a great deal of short-lived garbage,
 * and a larger young generation lets more of it die before it is collected (a larger semi-space
 * made parsing on the main thread about 15% faster when measured).
 */
const YOUNG_GENERATION_MB = 64;

/**
 * Up to this many files, this thread parses beside the workers all along (see inWorkers), and
 * there is one worker fewer than the machine's cores; above it, this thread parses only while the
 * workers load, and there is a worker per core. On this project's two-core machine on 4 December:
 * - at 6,000 files (1,000 memos), one worker and this thread parsed them about a second sooner
 *   than two workers, and the cold build was faster in eight of ten pairs measured one after the
 *   other: a worker loads and compiles the parser again, and every file it parses is cloned to
 *   this thread, which this thread's own files are not;
 * - at 60,000 files (10,000 memos), the corpus stage took 64 s against 44 s: this thread's heap
 *   grows to gigabytes as the parses come in, and its own parsing's garbage was then collected
 *   along with all of it.
 * Between the two nothing was measured; the bound is set where the heap stays well under a gigabyte.
 */
export const MAX_FILES_PARSED_BESIDE = 20_000;

/** How many workers to parse these many files with; 0 parses in this thread (see MAX_FILES_PARSED_BESIDE). */
export function defaultParseWorkers(files: number): number {
  if (files < MIN_FILES_FOR_WORKERS || !existsSync(fileURLToPath(WORKER_URL))) return 0;
  const cores = files <= MAX_FILES_PARSED_BESIDE ? availableParallelism() - 1 : availableParallelism();
  return Math.max(1, Math.min(cores, Math.ceil(files / BATCH)));
}

/**
 * Files this thread parses while the workers load their code, when there are too many for it to
 * parse beside them: a few, enough for its parser to be compiled for the edits a watching build
 * parses here.
 */
const PARSED_WHILE_LOADING = 16;

function startWorker(): Worker {
  return new Worker(WORKER_URL, { resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
}

/**
 * A thread that parses batches of files as a parse worker does: given `{ files }`, it answers
 * `{ parsed }` (each file's parse without its text, see withoutText) or `{ error }`, and tells of its
 * end by 'error' or 'exit'. A parse worker is one; a render worker lends one too (see
 * RenderWorkers.parseThreads), which keeps what it parsed for its own corpus and goes on after
 * `terminate`, which only ends its parsing.
 */
export interface ParsingThread {
  postMessage(message: { files: RawFile[] }): void;
  once(event: 'message', listener: (reply: ParseReply) => void): unknown;
  once(event: 'error', listener: (error: Error) => void): unknown;
  once(event: 'exit', listener: (code: number) => void): unknown;
  off(event: 'error', listener: (error: Error) => void): unknown;
  off(event: 'exit', listener: (code: number) => void): unknown;
  terminate(): Promise<unknown>;
}


/**
 * How many record files a corpus under root holds, as far as the listings of its memo and
 * statement folders tell (not of their subfolders: listing those took a tenth of a second for
 * 6,000 files). Enough to decide, before the files are read, which threads to start.
 */
export function recordFilesListed(root: string): number {
  let files = 0;
  for (const folder of ['corpus/memos', 'corpus/statements']) {
    try {
      files += readdirSync(path.join(root, folder)).length;
    } catch {
      // A missing or unreadable folder is reported by the load; it has no files to parse here.
    }
  }
  return files;
}

/**
 * Parse workers started before the files they will parse are read: a worker takes about half a
 * second to load its code, and a cold build's reading of 6,000 files took a third of a second
 * before any worker started. parseIntoCache takes them over; those it does not need are stopped.
 */
export class EarlyParseWorkers {
  private constructor(private threads: ParsingThread[]) {}

  /**
   * Threads for a build with nothing parsed yet under root, when its memos and statements are
   * enough to be worth them; null when they are not, or the built worker is missing. The threads
   * lent (a render worker's) are used first; workers are started for the rest. Lent threads that
   * are not wanted are ended (their parsing, not the thread).
   */
  static forCorpus(root: string, lent: readonly ParsingThread[] = []): EarlyParseWorkers | null {
    const count = existsSync(fileURLToPath(WORKER_URL)) ? defaultParseWorkers(recordFilesListed(root)) : 0;
    if (count <= 0) {
      for (const thread of lent) thread.terminate().catch(() => undefined);
      return null;
    }
    const threads: ParsingThread[] = lent.slice(0, count);
    for (const thread of lent.slice(count)) thread.terminate().catch(() => undefined);
    while (threads.length < count) threads.push(startWorker());
    return new EarlyParseWorkers(threads);
  }

  /** Up to `count` of the threads (lent ones first), which are then the caller's; the rest are stopped. */
  take(count: number): ParsingThread[] {
    const taken = this.threads.splice(0, count);
    this.stop();
    return taken;
  }

  /** Stops every thread not taken (not waited for). */
  stop(): void {
    const left = this.threads;
    this.threads = [];
    for (const thread of left) thread.terminate().catch(() => undefined);
  }
}

/** How many files a parse gave to worker threads and how many it parsed in the calling thread. */
export interface ParseShares {
  readonly inWorkers: number;
  readonly here: number;
}

/**
 * Parses every record file the cache lacks and puts the results in the cache; onParsed hears how
 * many of them are done. Workers started early are used if parsing in workers is worth it, and
 * stopped otherwise. Returns where the files were parsed.
 */
export async function parseIntoCache(
  files: readonly RawFile[],
  cache: ParseCache,
  workers = -1,
  onParsed?: (done: number, total: number) => void,
  early: EarlyParseWorkers | null = null,
): Promise<ParseShares> {
  const missing = files.filter((file) => isRecordFile(file) && cache.get(file) === undefined);
  const count = workers < 0 ? defaultParseWorkers(missing.length) : workers;
  /** Parses here what is still missing; returns how many files that was. */
  const inThisThread = (): number => {
    let done = 0;
    let parsed = 0;
    for (const file of missing) {
      if (isRecordFile(file) && cache.get(file) === undefined) {
        cache.set(file, parseRecordFile(file));
        parsed++;
      }
      done++;
      if (done % 100 === 0 || done === missing.length) onParsed?.(done, missing.length);
    }
    return parsed;
  };
  if (count <= 0 || !existsSync(fileURLToPath(WORKER_URL))) {
    early?.stop();
    return { inWorkers: 0, here: inThisThread() };
  }
  const shares = { inWorkers: 0, here: 0 };
  try {
    await inWorkers(parseOrder(missing), cache, count, onParsed, early, shares);
  } catch {
    // A worker that cannot start or dies (out of memory, a missing build) costs time, not the
    // build: what it did not parse is parsed here.
  }
  shares.here += inThisThread();
  return shares;
}

/**
 * The files in the order the workers take them: memos first, and one memo last. The workers take
 * batches from the front, and a render worker lent as one keeps what it parsed, so the main thread
 * need not send it again: memos are most of the parse cache's bytes (a memo's entry was 34 KB,
 * a statement's 2 KB, at 1,000 memos). This thread parses from the back, so its first file is a
 * memo: the files an edit in a watching build most often brings it are memos, and the first edited
 * memo took 40 ms to parse in a thread that had parsed none, against 4 ms for the next.
 */
export function parseOrder(files: readonly RawFile[]): RawFile[] {
  const memos = files.filter((file) => file.kind === 'memo');
  const others = files.filter((file) => file.kind !== 'memo');
  return memos.length === 0 ? others : [...memos.slice(0, -1), ...others, memos[memos.length - 1]!];
}

/**
 * How many files the next batch of `left` holds, with `workers` parsing: full batches while more
 * than two rounds of them are left, then a quarter of each worker's share of what is left (at least
 * LAST_BATCH), so that no worker is given a last full batch while the others have finished. With
 * batches of 250 throughout, one worker went on alone for about half a second of a cold build.
 */
export function nextBatchSize(left: number, workers: number): number {
  const size = left > workers * BATCH * 2 ? BATCH : Math.max(LAST_BATCH, Math.ceil(left / (workers * 4)));
  return Math.min(size, left);
}

async function inWorkers(
  missing: readonly RawFile[],
  cache: ParseCache,
  count: number,
  onParsed: ((done: number, total: number) => void) | undefined,
  early: EarlyParseWorkers | null,
  shares: { inWorkers: number; here: number },
): Promise<void> {
  let done = 0;
  // The workers take batches from the front of the files; this thread takes single files from the back.
  let front = 0;
  let back = missing.length;
  const takeBatch = (): RawFile[] | undefined => {
    if (front >= back) return undefined;
    const batch = missing.slice(front, front + nextBatchSize(back - front, pool.length));
    front += batch.length;
    return batch;
  };
  const wanted = Math.min(count, Math.ceil(missing.length / BATCH));
  const pool: ParsingThread[] = early?.take(wanted) ?? [];
  while (pool.length < wanted) pool.push(startWorker());
  let failed = false;
  let answered = false;
  const beside = missing.length <= MAX_FILES_PARSED_BESIDE;
  /**
   * This thread, which would otherwise wait for the workers, parses beside them (or, with too many
   * files, only while they load), one file at a time from the back, with a turn between files in
   * which a worker's answer is taken in and given its next batch (a server's requests are answered
   * too). Its parser is then ready for the edits a watching build parses here.
   */
  const parseHere = async (): Promise<void> => {
    for (let parsed = 0; (beside || (parsed < PARSED_WHILE_LOADING && !answered)) && !failed && front < back; parsed++) {
      const file = missing[--back]!;
      if (isRecordFile(file)) {
        cache.set(file, parseRecordFile(file));
        shares.here++;
      }
      done++;
      if (done % 100 === 0 || done === missing.length) onParsed?.(done, missing.length);
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  try {
    await Promise.all([
      parseHere(),
      ...pool.map(async (worker) => {
        for (let batch = takeBatch(); batch !== undefined; batch = takeBatch()) {
          const current = batch;
          const parsed = await new Promise<Array<ParsedFile | null>>((resolve, reject) => {
            // A worker that stops without an error (stopped by mistake, or exiting) would otherwise leave this waiting forever.
            const exited = (code: number): void => reject(new Error(`the parse worker stopped (exit code ${code}) before it answered`));
            worker.once('message', (message: ParseReply) => {
              answered = true;
              worker.off('error', reject);
              worker.off('exit', exited);
              if (message.parsed === undefined) reject(new Error(message.error ?? 'the parse worker sent nothing'));
              else resolve(message.parsed);
            });
            worker.once('error', reject);
            worker.once('exit', exited);
            worker.postMessage({ files: current });
          });
          current.forEach((file, index) => {
            const result = parsed[index];
            if (result !== null && result !== undefined) {
              cache.set(file, withText(result, file.text));
              shares.inWorkers++;
            }
          });
          done += current.length;
          onParsed?.(done, missing.length);
        }
      }),
    ]);
  } catch (error) {
    // The other workers take no more files, and are stopped before this thread parses what is
    // left, so that no answer of theirs arrives once it has.
    failed = true;
    front = back;
    throw error;
  } finally {
    // When all went well, not waited for: a worker that has sent its last files holds nothing the
    // build needs, and waiting for its thread to exit held up writing the parse cache the render
    // worker waits for.
    if (failed) await Promise.all(pool.map((worker) => worker.terminate()));
    else for (const worker of pool) worker.terminate().catch(() => undefined);
  }
}
