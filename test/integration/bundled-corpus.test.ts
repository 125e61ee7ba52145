/**
 * The corpus that ships with dossier: free of errors and warnings, and up to the standard its
 * issue sets (real sources, verbatim statements, memos that cite with pinpoints).
 */
import { beforeAll, describe, expect, test } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import { runCli } from '../helpers/run-cli.js';
import { buildCorpus } from '../../src/corpus/pipeline.js';
import { backlinksOf, type Corpus } from '../../src/model/records.js';
import { CorpusView } from '../../src/access/index.js';
import { evidenceMatrices } from '../../src/render/evidence-matrix.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
let corpus: Corpus;
beforeAll(async () => {
  corpus = await buildCorpus(root);
});

test('the bundled corpus passes dossier check --strict', async () => {
  const run = await runCli('check', '--strict', '--root', root);
  expect(run.stdout).toMatch(/^0 errors, 0 warnings in /);
  expect(run.code).toBe(0);
});

describe('the standard of the bundled corpus', () => {
  test('at least 30 sources, legal types kept, each with its verification status', () => {
    expect(corpus.sources.size).toBeGreaterThanOrEqual(30);
    const types = new Set([...corpus.sources.values()].map((source) => source.csl.type));
    for (const type of ['treaty', 'legal_case', 'legislation', 'report', 'document']) expect(types).toContain(type);
    for (const source of corpus.sources.values()) expect(source.verification.note).toEqual(expect.any(String));
  });

  test('the seed report is archived as its own full text and says who published it', () => {
    const seed = corpus.sources.get('pmoi-2021-conference-report' as never)!;
    expect(seed.archivedText?.file).toBe('citations/texts/pmoi-2021-conference-report.txt');
    expect(seed.verification.verified).toBe(true);
    expect(String(seed.csl.note)).toMatch(/itself a party to the\s+events it reports/);
  });

  test('six speakers, the conference, and at least 12 quoted statements covering every speaker', () => {
    expect(corpus.speakers.size).toBe(6);
    expect(corpus.events.size).toBeGreaterThanOrEqual(1);
    const statements = [...corpus.statements.values()];
    expect(statements.length).toBeGreaterThanOrEqual(12);
    expect(new Set(statements.map((s) => s.speaker))).toEqual(new Set(corpus.speakers.keys()));
    for (const statement of statements) {
      // Words quoted from the report: the speaker's own, or the publisher's English (issue 20).
      expect(['verbatim', 'translation']).toContain(statement.kind);
      expect(statement.locator).toMatch(/^para\. \d+$/);
      expect(statement.topics.length).toBeGreaterThan(0);
    }
  });

  test('seven memos, each with at least 8 pinpointed citations, statements and related memos', () => {
    expect(corpus.memos.size).toBeGreaterThanOrEqual(7);
    for (const memo of corpus.memos.values()) {
      const pinpointed = memo.citations.flatMap((cluster) => cluster.items).filter((item) => item.locator !== null);
      expect({ memo: memo.id, pinpointed: pinpointed.length >= 8 }).toEqual({ memo: memo.id, pinpointed: true });
      expect(memo.links.some((link) => link.target.type === 'statement')).toBe(true);
      expect(memo.links.some((link) => link.target.type === 'memo')).toBe(true);
      expect(backlinksOf(corpus, { type: 'memo', id: memo.id }).length).toBeGreaterThan(0);
    }
  });

  test('every record is filed under at least one topic', () => {
    const untopical = [
      ...[...corpus.memos.values()].filter((r) => r.topics.length === 0).map((r) => `memo:${r.id}`),
      ...[...corpus.statements.values()].filter((r) => r.topics.length === 0).map((r) => `statement:${r.id}`),
      ...[...corpus.speakers.values()].filter((r) => r.topics.length === 0).map((r) => `speaker:${r.id}`),
      ...[...corpus.events.values()].filter((r) => r.topics.length === 0).map((r) => `event:${r.id}`),
      ...[...corpus.sources.values()].filter((r) => r.topics.length === 0).map((r) => `source:${r.key}`),
    ];
    expect(untopical).toEqual([]);
  });

  test('the bundled genocide and crimes-against-humanity memos carry full matrices', async () => {
    const view = new CorpusView(corpus, false);
    for (const [id, set] of [
      ['genocide-religious-group', 'genocide'],
      ['crimes-against-humanity-enforced-disappearance', 'crimes-against-humanity'],
    ] as const) {
      const [matrix] = evidenceMatrices(view, [corpus.memos.get(id as never)!]);
      expect(matrix!.set.id).toBe(set);
      for (const row of matrix!.rows) expect({ element: row.id, supported: row.cells.supports.some((entry) => entry.items.length > 0) }).toEqual({ element: row.id, supported: true });
    }
  });
});
