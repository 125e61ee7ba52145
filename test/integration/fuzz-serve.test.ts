/**
 * Hostile memo text thrown at a running `dossier serve --watch` (the built command, on a copy of
 * a fixture corpus): nested brackets, huge paragraphs, control characters, broken YAML, deep
 * lists and block quotes. After each edit has been taken in (or refused), every page asked for
 * is answered and the server is still running. Bounded in count; nothing is timed.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { fixture } from '../helpers/server.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
let root: string;
let child: ChildProcess;
let base: string;
let output = '';

/** How many rebuilds the server has finished (taken or refused). */
function rebuildsSeen(): number {
  return (output.match(/dossier: (reloaded|could not rebuild)/g) ?? []).length;
}

/** Resolves once the server has finished another rebuild after `seen`, or rejects if it exits. */
function nextRebuild(seen: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = (): void => {
      if (rebuildsSeen() > seen) {
        child.stdout?.off('data', check);
        child.off('exit', exited);
        resolve();
      }
    };
    const exited = (code: number | null): void => reject(new Error(`dossier serve exited (${code}):\n${output}`));
    child.stdout?.on('data', check);
    child.once('exit', exited);
    check();
  });
}

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'dossier-fuzz-serve-'));
  await cp(fixture('corpus-basic'), root, { recursive: true });
  child = spawn(process.execPath, [path.join(repoRoot, 'bin/dossier'), 'serve', '--watch', '--no-cache', '--port', '0', '--root', root], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.setEncoding('utf8');
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (text: string) => (output += text));
  base = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (text: string) => {
      output += text;
      const match = /serving .* at (http:\/\/[^/\s]+)\//.exec(output);
      if (match !== null) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`dossier serve exited (${code}):\n${output}`)));
  });
  // Wait for the watcher to start before editing.
  await new Promise<void>((resolve) => {
    const check = (): void => {
      if (output.includes('watching corpus/')) resolve();
    };
    child.stdout!.on('data', check);
    check();
  });
}, 120_000);

afterAll(async () => {
  if (child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  await rm(root, { recursive: true, force: true });
});

const frontmatter = '---\ntitle: Fuzz\ntopics: genocide\n---\n';
/** The inputs the attack found, and their relatives. */
const known: string[] = [
  frontmatter + '[@a '.repeat(16),
  frontmatter + '['.repeat(24) + '[@a '.repeat(500),
  frontmatter + '[[x|'.repeat(1000),
  frontmatter + '@{'.repeat(1000),
  frontmatter + '[@akayesu]'.repeat(1000),
  frontmatter + 'witness '.repeat(40_000),
  frontmatter + '>'.repeat(5000) + ' deep\n',
  frontmatter + '- '.repeat(3000) + 'x\n',
  frontmatter + Array.from({ length: 300 }, (_, i) => `${' '.repeat(i * 2)}- x`).join('\n'),
  '---\ntitle: [unclosed\n  - : :\n---\nbody',
  '---\ntitle: ' + '['.repeat(2000) + '\n---\nbody',
  '---\ntitle: ' + '['.repeat(20_000) + ']'.repeat(20_000) + '\n---\nbody',
  '---\n' + 'a: &x [*x]\n'.repeat(50) + '---\n',
  frontmatter + '\u0000\u0001\u0007\u001b[31m\u202e\ud800 text [@a\u0000] [[memo\u0000]]',
  frontmatter + '::: {.evidence element="x" stance="supports"}\n'.repeat(200),
  '',
];

const hostileText = fc.oneof(
  fc.string({ unit: fc.constantFrom('[', ']', '@', ';', '{', '}', '-', '|', '!', '>', '*', '_', '`', ' ', '\n', 'a', ':', '#'), maxLength: 1500 }).map((body) => frontmatter + body),
  fc.string({ unit: 'binary', maxLength: 2000 }),
  fc.tuple(fc.constantFrom('> ', '- ', '1. ', '  - ', '* > '), fc.integer({ min: 1, max: 400 })).map(([marker, depth]) => frontmatter + marker.repeat(depth) + 'deep'),
  fc.tuple(fc.constantFrom('[@a ', '[see @b, p. ', '@c [', '[[', '![[statement:'), fc.integer({ min: 1, max: 800 })).map(([piece, count]) => frontmatter + piece.repeat(count)),
  fc.string({ unit: fc.constantFrom('-', ':', ' ', '\n', '[', '{', '&', '*', '!', '|', '>', '"', "'", 'a'), maxLength: 400 }).map((yaml) => `---\n${yaml}\n---\nbody`),
);

const pages = ['/', '/memos', '/memos/genocide', '/problems', '/api/diagnostics', '/api/memos', '/healthz', '/search?q=genocide', '/graph', '/sources'];

async function everyPageAnswers(): Promise<void> {
  for (const page of pages) {
    const response = await fetch(base + page);
    await response.arrayBuffer();
    // /search and /healthz say 503 while the index is built: an answer, not a failure.
    const allowed = response.status < 500 || (response.status === 503 && (page.startsWith('/search') || page === '/healthz'));
    expect([page, allowed]).toEqual([page, true]);
  }
}

describe('serve --watch under hostile memo text', () => {
  test('stays up and answers every request after every edit', async () => {
    const inputs = [...known, ...fc.sample(hostileText, { numRuns: 12, seed: 15 })];
    for (const [index, text] of inputs.entries()) {
      const seen = rebuildsSeen();
      // Alternate between a new memo and an existing one, so both adding and editing are tried.
      const target = index % 2 === 0 ? 'corpus/memos/fuzz.md' : 'corpus/memos/genocide.md';
      await writeFile(path.join(root, target), text);
      await nextRebuild(seen);
      await everyPageAnswers();
      expect(child.exitCode).toBeNull();
    }
    expect(output).not.toMatch(/RangeError|Maximum call stack/);
  }, 900_000);
});
