/**
 * A parse worker loads what parsing a record file needs and nothing more: citation-js, which only a
 * library needs, cost each worker a tenth of a second of a build's start (parse-corpus.ts reads
 * libraries, in the main thread). Checked on the built modules, in a process of its own, by
 * looking at which CommonJS modules the import loaded.
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
