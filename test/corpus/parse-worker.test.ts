/**
 * A parse worker loads what parsing a record file needs and nothing more: citation-js, which only a
 * library needs, cost each worker a tenth of a second of a build's start (parse-corpus.ts reads
 * libraries, in the main thread). Checked on the built modules, in a process of its own, by
 * looking at which CommonJS modules the import loaded. And the files are shared out in batches
 * that shrink toward the end, so that no worker goes on alone with a whole batch.
 */
import { describe, expect, test } from '@jest/globals';
import { execFile } from 'node:child_process';
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
