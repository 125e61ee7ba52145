/** Elements of the crime: evidence blocks, the element × evidence matrix, CSV and Pandoc. */
import { beforeAll, describe, expect, test } from '@jest/globals';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import type { Express } from 'express';
import { buildCorpus } from '../../src/corpus/pipeline.js';
import type { Corpus } from '../../src/model/records.js';
import { CorpusView } from '../../src/access/index.js';
import { evidenceMatrices, matricesToCsv } from '../../src/render/evidence-matrix.js';
import { appFor, fixture } from '../helpers/server.js';
import { runCli } from '../helpers/run-cli.js';

let corpus: Corpus;
let app: Express;
beforeAll(async () => {
  corpus = await buildCorpus(fixture('corpus-evidence'));
  app = await appFor('corpus-evidence');
});

describe('evidence blocks', () => {
  test('are read with their element, stance, reasoning and the records they rely on', () => {
    expect(corpus.diagnostics).toEqual([]);
    const memo = corpus.memos.get('one' as never)!;
    expect(memo.evidence.map((entry) => [`${entry.element.set}:${entry.element.element}`, entry.stance, entry.position.line])).toEqual([
      ['genocide:group', 'supports', 7],
      ['genocide:group', 'opposes', 11],
      ['genocide:act', 'supports', 15],
      ['genocide:intent', 'context', 19],
    ]);
    expect(memo.evidence[0]).toMatchObject({
      reasoning: 'The decree named a religion (said).',
      items: [
        { ref: { type: 'source', id: 'case' }, locator: '12', label: 'paragraph' },
        { ref: { type: 'statement', id: 'said' }, locator: null, label: null },
      ],
    });
  });

  test('render as their words, without the fences', async () => {
    const res = await request(app).get('/memos/one').expect(200);
    expect(res.text).not.toContain(':::');
    expect(res.text).not.toContain('{.evidence');
    expect(res.text).toContain('A political selection');
  });
});

describe('the element × evidence matrix', () => {
  test('for one memo: what supports, opposes and gives context, and the gaps', () => {
    const [matrix] = evidenceMatrices(new CorpusView(corpus, false), [corpus.memos.get('one' as never)!]);
    expect(matrix!.set.id).toBe('genocide');
    const rows = Object.fromEntries(matrix!.rows.map((row) => [row.id, row]));
    expect(rows.group!.cells.supports[0]!.items.map((item) => [item.type, item.pinpoint])).toEqual([
      ['source', 'para. 12'],
      ['statement', null],
    ]);
    expect(rows.group!.cells.opposes[0]!.items[0]!.title).toBe('Prosecutor v. Someone');
    expect(rows.group!.authority).toMatchObject({ title: 'The Convention', pinpoint: 'art. II' });
    expect(rows.group!.gap).toBe(false);
    expect(rows.intent!.gap).toBe(true);
    expect(rows.intent!.cells.context).toHaveLength(1);
  });

  test('on the memo page, with the gap shown', async () => {
    const res = await request(app).get('/memos/one').expect(200);
    expect(res.text).toContain('<caption>Genocide</caption>');
    expect(res.text).toMatch(/<tr class="gap">\s*<th scope="row">Intent to destroy<br><strong class="gap-marker">Gap: nothing supports this element<\/strong><\/th>/);
    expect(res.text).toContain('<a href="/api/elements?scope=memo:one" download>Download the matrix as CSV</a>');
  });

  test('across the memos of a topic', async () => {
    const res = await request(app).get('/topics/genocide').expect(200);
    expect(res.text).toContain('<caption>Genocide</caption>');
    expect(res.text).toContain('in <a href="/memos/two">Memo two</a>');
    expect(res.text).not.toContain('class="gap"');
  });

  test('as CSV, one line per piece of evidence', async () => {
    const res = await request(app).get('/api/elements?scope=topic:genocide').expect(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toMatch(/topic-genocide-elements\.csv/);
    const lines = res.text.trim().split('\r\n');
    expect(lines[0]).toBe('element set,element,stance,memo,record type,record,pinpoint,reasoning');
    expect(lines).toContain('genocide,group,supports,one,source,Prosecutor v. Someone,para. 12,The decree named a religion (A Speaker: “The decree named a religion.”).');
    expect(lines.filter((line) => line.startsWith('genocide,intent,supports,two'))).toHaveLength(2);
    expect(matricesToCsv([])).toBe('element set,element,stance,memo,record type,record,pinpoint,reasoning\r\n');
  });

  test('inside the memo’s Pandoc export, as a table that cites its sources', async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'dossier-evidence-'));
    try {
      expect((await runCli('export', '--root', fixture('corpus-evidence'), '--memo', 'one', '--format', 'markdown', '--out', folder)).code).toBe(0);
      const markdown = await readFile(path.join(folder, 'one.md'), 'utf8');
      expect(markdown).toContain('::: {.evidence element="genocide:group" stance="supports"}');
      expect(markdown).toContain('## Elements and evidence\n\n### Genocide\n\n| Element | Supports | Opposes | Context |\n|---|---|---|---|\n');
      // Pinpoints as the page prints them (braced, so pandoc prints them as they are); a cell's sources in one citation.
      expect(markdown).toContain('| A protected group | A Speaker: “The decree named a religion.”; [@case, {para 12}] | [@case, {para 14}] | — |');
      expect(markdown).toContain('| Intent to destroy (gap) | — | — | [@report, {3}] |');
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  test('in the API, with the memo', async () => {
    const res = await request(app).get('/api/memos/one').expect(200);
    expect(res.body.evidence[0]).toEqual({
      element: 'genocide:group',
      stance: 'supports',
      reasoning: 'The decree named a religion (said).',
      items: [
        { type: 'source', id: 'case', locator: '12', label: 'paragraph' },
        { type: 'statement', id: 'said', locator: null, label: null },
      ],
      position: { line: 7, column: 1 },
    });
  });
});
