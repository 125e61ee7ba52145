/** `dossier check` and `dossier inspect` as a user meets them: output, JSON and exit status. */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFile } from 'node:child_process';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { runCli } from '../helpers/run-cli.js';

const basic = fileURLToPath(new URL('../fixtures/corpus-basic/', import.meta.url));
const repository = fileURLToPath(new URL('../../', import.meta.url));
let broken: string;

beforeAll(async () => {
  // A copy of the basic corpus with one error and one warning in it.
  broken = await mkdtemp(path.join(os.tmpdir(), 'dossier-cli-'));
  await cp(basic, broken, { recursive: true });
  await writeFile(path.join(broken, 'corpus/memos/extra.md'), '---\ntitle: Extra\n---\nNo citation, and a link to [[nowhere]].\n');
});
afterAll(async () => {
  await rm(broken, { recursive: true, force: true });
});

describe('dossier check', () => {
  test('a clean corpus: a summary and exit status 0', async () => {
    const run = await runCli('check', '--root', basic, '--strict');
    expect(run).toEqual({
      code: 0,
      stdout: '0 errors, 0 warnings in 2 memos, 2 statements, 2 speakers, 1 event, 3 topics, 5 sources\n',
      stderr: '',
    });
  });

  test('prints each problem as file:line:column severity code message, sorted, and exits 1', async () => {
    const run = await runCli('check', '--root', broken);
    expect(run.code).toBe(1);
    expect(run.stdout.split('\n')).toEqual([
      'corpus/memos/extra.md:1:1 warning memo-without-citation memo "extra" cites no source',
      'corpus/memos/extra.md:4:28 error unknown-memo memo "nowhere" does not exist: correct the id, or write corpus/memos/nowhere.md',
      '1 error, 1 warning in 3 memos, 2 statements, 2 speakers, 1 event, 3 topics, 5 sources',
      '',
    ]);
  });

  test('warnings alone pass, unless --strict', async () => {
    await writeFile(path.join(broken, 'corpus/memos/extra.md'), '---\ntitle: Extra\n---\nNo citation.\n');
    expect((await runCli('check', '--root', broken)).code).toBe(0);
    expect((await runCli('check', '--root', broken, '--strict')).code).toBe(1);
  });

  test('--json prints the diagnostics and the counts', async () => {
    const run = await runCli('check', '--root', broken, '--json');
    expect(JSON.parse(run.stdout)).toEqual({
      diagnostics: [
        {
          file: 'corpus/memos/extra.md',
          line: 1,
          column: 1,
          severity: 'warning',
          code: 'memo-without-citation',
          message: 'memo "extra" cites no source',
        },
      ],
      counts: { errors: 0, warnings: 1 },
    });
  });

  test('a missing root is a clear error, not a crash', async () => {
    const run = await runCli('check', '--root', path.join(broken, 'does-not-exist'));
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^\.:1:1 error unreadable-file the corpus root .*does-not-exist does not exist$/m);
  });
});

describe('dossier inspect', () => {
  test('one memo, with its citation clusters in the documented shape', async () => {
    const run = await runCli('inspect', '--root', basic, 'memo:genocide');
    expect(run.code).toBe(0);
    const memo = JSON.parse(run.stdout);
    expect(memo).toMatchObject({ type: 'memo', id: 'genocide', title: 'Genocide of a religious group?', statements: ['robertson-fatwa'] });
    expect(memo.citations[1]).toEqual({
      items: [{ key: 'robertson2010', mode: 'author-in-text', prefix: '', locator: '12', label: 'page', suffix: '' }],
      position: { line: 14, column: 1 },
      sentence: 'robertson2010 reads the fatwa as targeting a religious group.',
    });
    expect(memo.backlinks).toEqual([
      {
        from: { type: 'memo', id: 'jurisdiction' },
        via: 'link',
        field: null,
        file: 'corpus/memos/jurisdiction.md',
        line: 9,
        column: 10,
        sentence: 'Related: genocide, david, conference-2021, genocide.',
        locator: null,
        label: null,
      },
    ]);
  });

  test('a source by its cite key, with cited-by', async () => {
    const source = JSON.parse((await runCli('inspect', '--root', basic, '@eichmann')).stdout);
    expect(source.citedBy.map((b: { from: { id: string } }) => b.from.id)).toEqual(['jurisdiction']);
    expect(source.csl.type).toBe('legal_case');
  });

  test('a plain id that names one record', async () => {
    const statement = JSON.parse((await runCli('inspect', '--root', basic, 'david-try')).stdout);
    expect(statement).toMatchObject({ type: 'statement', speaker: 'david', usedBy: ['jurisdiction'] });
  });

  test('the whole corpus', async () => {
    const corpus = JSON.parse((await runCli('inspect', '--root', basic)).stdout);
    expect(corpus.counts).toEqual({ memos: 2, statements: 2, speakers: 2, events: 1, topics: 3, sources: 5, errors: 0, warnings: 0 });
    expect(corpus.memos.map((memo: { id: string }) => memo.id)).toEqual(['genocide', 'jurisdiction']);
  });

  test('an unknown id and an ambiguous id', async () => {
    expect(await runCli('inspect', '--root', basic, 'nothing')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'dossier inspect: no record has the id "nothing"\n',
    });
    const ambiguous = await runCli('inspect', '--root', basic, 'genocide');
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.stderr).toBe('dossier inspect: "genocide" names more than one record (memo:genocide, topic:genocide); write TYPE:ID\n');
  });
});

describe('usage', () => {
  test('help for everything and for each command', async () => {
    const general = await runCli('--help');
    expect(general.code).toBe(0);
    expect(general.stdout).toMatch(/check\s+report every problem/);
    expect(general.stdout).toMatch(/inspect\s+print the linked corpus/);
    const check = await runCli('check', '--help');
    expect(check.stdout).toMatch(/^Usage: dossier check \[--root DIR\] \[--json\] \[--strict\]/);
    expect(check.stdout).toMatch(/--strict/);
    expect((await runCli('help', 'inspect')).stdout).toMatch(/^Usage: dossier inspect/);
  });

  test('an unknown command or option exits 2 with a message', async () => {
    const command = await runCli('chek');
    expect(command.code).toBe(2);
    expect(command.stderr).toMatch(/^dossier: unknown command "chek"/);
    const option = await runCli('check', '--verbose');
    expect(option.code).toBe(2);
    expect(option.stderr).toMatch(/^dossier check: Unknown option '--verbose'/);
  });

  test('bin/dossier runs the built command and sets the exit status', async () => {
    const exec = promisify(execFile);
    const { stdout } = await exec(path.join(repository, 'bin/dossier'), ['check', '--root', basic]);
    expect(stdout).toMatch(/^0 errors, 0 warnings/);
    await expect(exec(path.join(repository, 'bin/dossier'), ['check', '--root', broken, '--strict'])).rejects.toMatchObject({ code: 1 });
  });
});
