/** `dossier export --format docx` and the memo page's "Word (.docx)": pandoc run for the user. */
import { afterAll, afterEach, describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { runCli } from '../helpers/run-cli.js';
import { appFor, fixture } from '../helpers/server.js';

const folder = mkdtempSync(path.join(os.tmpdir(), 'dossier-docx-test-'));
const originalPath = process.env.PATH;
afterEach(() => {
  process.env.PATH = originalPath;
});

describe('dossier export --format docx', () => {
  test('writes a Word file whose notes pandoc reads back', async () => {
    const out = path.join(folder, 'genocide.docx');
    const run = await runCli('export', '--root', fixture('corpus-basic'), '--memo', 'genocide', '--format', 'docx', '--out', out);
    expect(run.stderr).toContain(`wrote ${out}`);
    expect(run.code).toBe(0);
    expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');
    const back = execFileSync('pandoc', [out, '-t', 'plain', '--wrap=none'], { encoding: 'utf8' });
    expect(back).toContain('Convention on the Prevention and Punishment of the Crime of Genocide');
    expect(back).toMatch(/paras 510–516/);
  });

  test('without pandoc, says which Debian package to install', async () => {
    process.env.PATH = '/nonexistent';
    const run = await runCli('export', '--root', fixture('corpus-basic'), '--memo', 'genocide', '--format', 'docx', '--out', path.join(folder, 'x.docx'));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/pandoc is not installed.*apt-get install pandoc/);
  });
});

describe('the memo page', () => {
  test('offers "Word (.docx)" when the server has pandoc, and the link gives the Word file', async () => {
    const app = await appFor('corpus-basic');
    const page = (await request(app).get('/memos/genocide')).text;
    expect(page).toContain('<a href="/api/word?memo=genocide" download>Word (.docx)</a>');
    const word = await request(app).get('/api/word?memo=genocide').buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(word.status).toBe(200);
    expect(word.headers['content-disposition']).toContain('genocide.docx');
    expect((word.body as Buffer).subarray(0, 2).toString()).toBe('PK');
    expect((await request(app).get('/api/word?memo=nothing')).status).toBe(404);
  });
});

afterAll(() => rmSync(folder, { recursive: true, force: true }));
