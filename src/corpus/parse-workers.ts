/**
 * Parses the record files a cache does not hold, in worker threads when there are enough of them:
 * parsing is most of a cold build, and on a machine with several cores it need not use only one.
 * Each file's parse depends on its text alone, so where it ran changes nothing in the result.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { RawFile } from './load.js';
import { isRecordFile, parseRecordFile, withText, type ParseCache, type ParsedFile } from './parse.js';

const WORKER_URL = new URL('./parse-worker.js', import.meta.url);

/** Below this many files to parse, starting workers costs more than it saves. */
const MIN_FILES_FOR_WORKERS = 2000;
/** Files sent to a worker at once: large enough to amortise messages, small enough to share out. */
const BATCH = 250;
/** The smallest batch, which the last ones shrink to so that the workers finish together. */
const LAST_BATCH = 25;
/**
 * Files the main thread parses itself while the workers load their code: a few, enough for its
 * parser to be compiled. Parsing on as a third thread on two cores, it held up the workers and the
 * render worker loading beside them, and collected its own garbage for most of a second.
 */
const PARSED_HERE = 16;

/**
 * The young generation of each worker, in MB. Parsing makes a great deal of short-lived garbage,
 * and a larger young generation lets more of it die before it is collected (a larger semi-space
 * made parsing on the main thread about 15% faster when measured).
 */
const YOUNG_GENERATION_MB = 64;

/** How many workers to parse these many files with; 0 parses in this thread. */
export function defaultParseWorkers(files: number): number {
  if (files < MIN_FILES_FOR_WORKERS || !existsSync(fileURLToPath(WORKER_URL))) return 0;
  return Math.max(1, Math.min(availableParallelism(), Math.ceil(files / BATCH)));
}

/** Parses every record file the cache lacks and puts the results in the cache; onParsed hears how many of them are done. */
export async function parseIntoCache(files: readonly RawFile[], cache: ParseCache, workers = -1, onParsed?: (done: number, total: number) => void): Promise<void> {
  const missing = files.filter((file) => isRecordFile(file) && cache.get(file) === undefined);
  const count = workers < 0 ? defaultParseWorkers(missing.length) : workers;
  const inThisThread = (): void => {
    let done = 0;
    for (const file of missing) {
      if (isRecordFile(file) && cache.get(file) === undefined) cache.set(file, parseRecordFile(file));
      done++;
      if (done % 100 === 0 || done === missing.length) onParsed?.(done, missing.length);
    }
  };
  if (count <= 0 || !existsSync(fileURLToPath(WORKER_URL))) {
    inThisThread();
    return;
  }
  try {
    await inWorkers(missing, cache, count, onParsed);
  } catch {
    // A worker that cannot start or dies (out of memory, a missing build) costs time, not the
    // build: what it did not parse is parsed here.
  }
  inThisThread();
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

async function inWorkers(missing: readonly RawFile[], cache: ParseCache, count: number, onParsed?: (done: number, total: number) => void): Promise<void> {
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
  const pool = Array.from(
    { length: Math.min(count, Math.ceil(missing.length / BATCH)) },
    () => new Worker(WORKER_URL, { resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } }),
  );
  let failed = false;
  let answered = false;
  /**
   * While the workers load their code, this thread, which would wait for them, parses a few files
   * itself, one at a time from the back (stopping sooner if an answer comes): its parser is then
   * ready for the edits a watching build parses here.
   */
  const parseHere = async (): Promise<void> => {
    for (let parsed = 0; parsed < PARSED_HERE && !answered && !failed && front < back; parsed++) {
      const file = missing[--back]!;
      if (isRecordFile(file)) cache.set(file, parseRecordFile(file));
      done++;
      onParsed?.(done, missing.length);
      // Lets a worker's answer in.
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
            worker.once('message', (message: { parsed?: Array<ParsedFile | null>; error?: string }) => {
              answered = true;
              worker.off('error', reject);
              if (message.parsed === undefined) reject(new Error(message.error ?? 'the parse worker sent nothing'));
              else resolve(message.parsed);
            });
            worker.once('error', reject);
            worker.postMessage({ files: current });
          });
          current.forEach((file, index) => {
            const result = parsed[index];
            if (result !== null && result !== undefined) cache.set(file, withText(result, file.text));
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
