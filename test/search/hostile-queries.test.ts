/**
 * Hostile queries against a running server (issue 15): whatever an anonymous reader sends to
 * /api/search, /search or a search's bibliography, the server stays up, answers every request
 * with 2xx or 4xx, and a normal query still answers in between.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { fixture } from '../helpers/server.js';

const dossier = fileURLToPath(new URL('../../bin/dossier', import.meta.url));
let server: ChildProcess;
let base = '';

beforeAll(async () => {
  server = spawn(process.execPath, [dossier, 'serve', '--root', fixture('corpus-search'), '--port', '0', '--no-cache'], { stdio: ['ignore', 'pipe', 'pipe'] });
  base = await new Promise<string>((resolve, reject) => {
    let output = '';
    server.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const found = /serving .* at (http:\/\/[^\s]+?)\/\n/.exec(output);
      if (found) resolve(found[1]!);
    });
    server.once('exit', (code) => reject(new Error(`the server exited (${code}): ${output}`)));
  });
  // The index is built after the server listens; /api/search answers 503 until then.
  for (let status = 503; status === 503; ) status = (await fetch(`${base}/api/search?q=immunity`)).status;
}, 60_000);

afterAll(() => {
  server.kill('SIGTERM');
});

const letters = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzéž'), minLength: 1, maxLength: 320 });
const piece = fc.oneof(
  letters.map((word) => `${word}~2`),
  letters.map((word) => `${word}~1`),
  letters.map((word) => `${word.slice(0, 3)}*`),
  letters.map((word) => `*${word}`),
  letters.map((word) => `${word}*${word}*`),
  letters.map((word) => `"${word} ${word}"`),
  fc.constantFrom('title:', 'body:x~9', '+', '-', '^', '^99', '"', ':', '~', '*', 'in whole or in part', 'A/RES/96(I)', 'art. 7(1)(i)', '%', '\\', '\u0000'),
  fc.string({ maxLength: 40 }),
);
const hostileQuery = fc.array(piece, { minLength: 1, maxLength: 40 }).map((parts) => parts.join(' '));

async function statusOf(path: string): Promise<number> {
  const response = await fetch(`${base}${path}`);
  await response.arrayBuffer();
  return response.status;
}

describe('hostile queries', () => {
  test('every answer is 2xx or 4xx, the server stays up, and a normal query answers in between', async () => {
    await fc.assert(
      fc.asyncProperty(hostileQuery, fc.constantFrom('/api/search?q=', '/search?q=', '/api/bibliography?format=csl-json&scope=query:'), async (q, route) => {
        const status = await statusOf(`${route}${encodeURIComponent(q)}`);
        expect(status >= 200 && status < 500).toBe(true);
        const normal = await fetch(`${base}/api/search?q=immunity`);
        expect(normal.status).toBe(200);
        expect(((await normal.json()) as { hits: Array<{ ref: string }> }).hits[0]?.ref).toBe('memo:immunity');
      }),
      { numRuns: 60 },
    );
    expect(server.exitCode).toBeNull();
  }, 120_000);

  test('the queries of the issue are 400s that say what to change', async () => {
    const long = `${'abcdefghij'.repeat(30)}~2`;
    const four = Array.from({ length: 4 }, () => `${'abcdefghij'.repeat(12)}~2`).join(' ');
    for (const path of [`/api/search?q=${long}`, `/api/search?q=${encodeURIComponent(four)}`, `/api/bibliography?format=bibtex&scope=query:${long}`]) {
      const response = await fetch(`${base}${path}`);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/longer than any word in the index \(at most 64\); shorten it/);
    }
    const page = await fetch(`${base}/search?q=${long}`);
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('This query cannot be run:');
    expect(server.exitCode).toBeNull();
  });
});
