/**
 * A parse worker loads what parsing a record file needs and nothing more: citation-js, which only a
 * library needs, cost each worker a tenth of a second of a build's start (parse-corpus.ts reads
 * libraries, in the main thread). Checked on the built modules, in a process of its own, by
 * looking at which CommonJS modules the import loaded. And the files are shared out in batches
 * that shrink toward the end, so that no worker goes on alone with a whole batch.
 */
import { describe, expect, test } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';

const run = promisify(execFile);
const repository = fileURLToPath(new URL('../../', import.meta.url));

/** The packages under node_modules that importing a built module loads through require. */
async function packagesLoadedBy(module: string): Promise<string[]> {
  const script = `
    import { createRequire } from 'node:module';
    await import(${JSON.stringify(new URL(module, `file://${repository}`).href)});
    const loaded = Object.keys(createRequire(import.meta.url).cache);
    console.log(JSON.stringify([...new Set(loaded.map((file) => /node_modules\\/((?:@[^/]+\\/)?[^/]+)/.exec(file)?.[1]).filter(Boolean))]));
  `;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: repository });
  return JSON.parse(stdout) as string[];
}

describe('what a parse worker loads', () => {
  test('no citation-js in the worker, which the module that reads libraries does load', async () => {
    const inWorker = await packagesLoadedBy('dist/corpus/parse-worker.js');
    const withLibraries = await packagesLoadedBy('dist/corpus/parse-corpus.js');
    expect(withLibraries).toContain('@citation-js/core');
    expect(inWorker.filter((name) => name.startsWith('@citation-js/'))).toEqual([]);
  }, 30_000);
});

describe('how the files are shared out among parse workers', () => {
  test.each([
    // files left, workers, the sizes of the batches taken one after another until none is left
    [2000, 2, 'full batches while more than two rounds are left, then smaller and smaller ones'],
    [6000, 2, 'the same at the scale of a thousand memos'],
    [600, 1, 'one worker'],
    [30, 2, 'fewer files than the smallest batch'],
  ])('%i files, %i workers: %s', async (files, workers) => {
    const { nextBatchSize } = await import('../../src/corpus/parse-workers.js');
    const sizes: number[] = [];
    for (let left = files; left > 0; left -= sizes[sizes.length - 1]!) sizes.push(nextBatchSize(left, workers));
    // Every file is in one batch, none is larger than a full batch, and they never grow.
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(files);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(250);
    for (let at = 1; at < sizes.length; at++) expect(sizes[at]).toBeLessThanOrEqual(sizes[at - 1]!);
    // The last batch each worker is given is at most a tenth of a full one (or all that was left).
    expect(sizes.slice(-workers).every((size) => size <= 25)).toBe(true);
    // Not a batch per file: at most a few dozen messages more than full batches would take.
    expect(sizes.length).toBeLessThanOrEqual(Math.ceil(files / 250) + 30);
  });
});

describe('which files the workers parse and which this thread does', () => {
  test('memos come first, for the workers (a render worker keeps what it parses), and one memo last, so that this thread, taking files from the back, parses a memo first and is ready for an edited one', async () => {
    const { parseOrder } = await import('../../src/corpus/parse-workers.js');
    const file = (path: string, kind: 'memo' | 'statement' | 'speaker') => ({ path, kind, text: '' });
    const files = [file('corpus/memos/a.md', 'memo'), file('corpus/speakers/s.md', 'speaker'), file('corpus/memos/b.md', 'memo'), file('corpus/statements/t.md', 'statement'), file('corpus/memos/c.md', 'memo')];
    expect(parseOrder(files).map((f) => f.path)).toEqual(['corpus/memos/a.md', 'corpus/memos/b.md', 'corpus/speakers/s.md', 'corpus/statements/t.md', 'corpus/memos/c.md']);
    // Without memos, the order is the files'.
    expect(parseOrder(files.filter((f) => f.kind !== 'memo')).map((f) => f.path)).toEqual(['corpus/speakers/s.md', 'corpus/statements/t.md']);
  });
});

describe('parse workers started before the files are read', () => {
  test('a build with nothing parsed yet uses them beside this thread, and parses every file as this thread alone would', async () => {
    // Everything the test writes is under this folder, removed however the test ends.
    const folder = await mkdtemp(path.join(tmpdir(), 'dossier-early-test-'));
    // In a process of its own, on the built modules (the workers run built code): 2,400 record
    // files made from the basic fixture's memos and statements, each under a path of its own.
    const script = `
      import { mkdirSync, writeFileSync } from 'node:fs';
      import path from 'node:path';
      const built = (module) => import(${JSON.stringify(`file://${repository}dist/corpus/`)} + module);
      const { loadCorpusFiles } = await built('load.js');
      const { ParseCache } = await built('parse.js');
      const { EarlyParseWorkers, parseIntoCache, defaultParseWorkers } = await built('parse-workers.js');
      const fixture = await loadCorpusFiles(${JSON.stringify(`${repository}test/fixtures/corpus-basic`)});
      const records = fixture.files.filter((file) => file.kind === 'memo' || file.kind === 'statement');
      const files = Array.from({ length: 2400 }, (_, n) => {
        const file = records[n % records.length];
        return { ...file, path: file.path.replace(/\\.md$/, '-' + n + '.md'), text: file.text + '\\nCopy ' + n + '.\\n' };
      });
      // The folders the early workers are counted from: a listing of as many entries as files.
      const root = ${JSON.stringify(path.join(folder, 'root'))};
      for (const folder of ['corpus/memos', 'corpus/statements']) mkdirSync(path.join(root, folder), { recursive: true });
      for (const file of files) writeFileSync(path.join(root, file.path), '');
      const early = EarlyParseWorkers.forCorpus(root);
      // A worker taken from them is the caller's, and answers (taking stops only the others).
      const taken = EarlyParseWorkers.forCorpus(root).take(1);
      const answer = await new Promise((resolve, reject) => {
        taken[0].once('message', resolve);
        taken[0].once('exit', () => reject(new Error('the taken worker stopped')));
        taken[0].postMessage({ files: files.slice(0, 3) });
      });
      await taken[0].terminate();
      const inWorkers = new ParseCache();
      let done = 0;
      const shares = await parseIntoCache(files, inWorkers, -1, (count) => (done = count), early);
      const here = new ParseCache();
      await parseIntoCache(files, here, 0);
      const shown = (parsed) => JSON.stringify(parsed, (key, value) => (key === 'renderTree' ? undefined : value));
      const differing = files.filter((file) => shown(inWorkers.get(file)) !== shown(here.get(file))).map((file) => file.path);
      // This thread parses beside the workers all along, not only while they load (a hundred files
      // is several times what it parsed then, and a small share of what it parses beside one
      // worker or seven), and each file is parsed once, here or there.
      const shared = shares.inWorkers > 0 && shares.here >= 100 && shares.inWorkers + shares.here === files.length;
      // With the files of 1,000 memos, one worker fewer than the cores (this thread parses beside
      // them); with those of 10,000, a worker per core (this thread's heap is too large to parse in).
      const workers = [6000, 60000].map((count) => defaultParseWorkers(count));
      console.log(JSON.stringify({ early: early !== null, taken: taken.length, answered: answer.parsed.length, done, parsed: files.filter((file) => inWorkers.get(file) !== undefined).length, shared, workers, differing }));
    `;
    // From a file: workers inherit the process's flags, and --input-type would stop them.
    const file = path.join(folder, 'early.mjs');
    await writeFile(file, script);
    const { stdout } = await run(process.execPath, [file], { cwd: repository, timeout: 60_000 }).finally(() => rm(folder, { recursive: true }));
    const result = JSON.parse(stdout) as { early: boolean; taken: number; answered: number; done: number; parsed: number; shared: boolean; workers: number[]; differing: string[] };
    const cores = availableParallelism();
    expect(result).toEqual({ early: true, taken: 1, answered: 3, done: 2400, parsed: 2400, shared: true, workers: [Math.max(1, cores - 1), cores], differing: [] });
  }, 90_000);
});
