/**
 * `dossier serve` tells its operator how the start goes (issue 19): records parsed, search shards
 * ready and pages prerendered, as plain lines when standard error is not a terminal, then one line
 * saying when it was ready and how long each stage took. A second start on the same cache says
 * the pages came from the page cache and the shards from the index cache. A --root that holds no
 * corpus is refused before anything is made under it.
 */
import { afterEach, describe, expect, test } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fixtureCopies } from '../helpers/fixture-copies.js';
import { runCli } from '../helpers/run-cli.js';

const dossier = fileURLToPath(new URL('../../bin/dossier', import.meta.url));
const copyOf = fixtureCopies('dossier-serve-progress-');
const running: ChildProcess[] = [];
const caches: string[] = [];
afterEach(async () => {
  for (const child of running.splice(0)) child.kill('SIGTERM');
  await Promise.all(caches.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
});

/** Starts `dossier serve` and resolves with what it printed once it says it is ready. */
function startUntilReady(root: string, cache: string): Promise<{ stdout: string; stderr: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [dossier, 'serve', '--root', root, '--port', '0', '--cache', cache], { stdio: ['ignore', 'pipe', 'pipe'] });
  running.push(child);
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (/^dossier: ready in .*\n/m.test(stdout)) resolve({ stdout, stderr, child });
    });
    child.once('exit', (code) => reject(new Error(`the server exited (${code}) before it was ready: ${stdout}${stderr}`)));
  });
}

/** Stops a server and waits for it to exit (it flushes the page cache first). */
function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

describe('dossier serve progress', () => {
  test('a first start shows each stage and one summary line; a second start renders nothing again', async () => {
    const root = await copyOf('corpus-basic');
    const cache = await mkdtemp(path.join(os.tmpdir(), 'dossier-serve-cache-'));
    caches.push(cache);

    const first = await startUntilReady(root, cache);
    // Not a terminal here: plain lines, each stage ending at its total.
    expect(first.stderr).toMatch(/^dossier serve: parsed (\d+)\/\1$/m);
    expect(first.stderr).toMatch(/^dossier serve: search (\d+)\/\1$/m);
    expect(first.stderr).toMatch(/^dossier serve: pages (\d+)\/\1$/m);
    expect(first.stderr).not.toContain('\r');
    const summary = /^dossier: ready in [\d.]+ s: corpus [\d.]+ s \((\d+) records\), listening after [\d.]+ s, search index [\d.]+ s \((\d+) shards?: 0 from cache, \2 built\), pages [\d.]+ s \((\d+): \3 rendered, 0 from the page cache\)$/m.exec(first.stdout);
    expect(summary).not.toBeNull();
    expect(Number(summary![1])).toBeGreaterThan(0);
    await stop(first.child);

    const second = await startUntilReady(root, cache);
    // Nothing was parsed: the parse cache had every file.
    expect(second.stderr).not.toMatch(/parsed \d+\/\d+/);
    expect(second.stdout).toMatch(/search index [\d.]+ s \((\d+) shards?: \1 from cache, 0 built\)/);
    expect(second.stdout).toMatch(/pages [\d.]+ s \((\d+): 0 rendered, \1 from the page cache\)/);
    await stop(second.child);
  });
});

describe('dossier serve on a mistyped --root', () => {
  test.each([
    ['a root that does not exist', async (parent: string) => path.join(parent, 'corpsu'), 'the corpus root {root} does not exist'],
    ['a root without corpus/ or citations/', async (parent: string) => parent, 'no corpus/ or citations/ folder under {root}'],
  ])('%s is refused (exit status 2) and nothing is made there', async (_name, rootIn, problem) => {
    const parent = await mkdtemp(path.join(os.tmpdir(), 'dossier-serve-no-root-'));
    caches.push(parent);
    const root = await rootIn(parent);
    const run = await runCli('serve', '--root', root, '--port', '0');
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`dossier serve: not serving: ${problem.replace('{root}', root)}; --root names the folder that holds corpus/ and citations/.\n`);
    // Not even the cache folder, which a server would keep under its root.
    expect(await readdir(parent)).toEqual([]);
  });
});
