/**
 * dossier reads Pandoc citations as pandoc does. The expectations in pandoc.json are pandoc's own
 * output; `UPDATE=1` regenerates them from the installed pandoc.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, test } from '@jest/globals';
import { parse } from 'yaml';
import { dossierClusters, pandocClusters, pandocVersion, type ComparableCluster } from './helpers/citation-compare.js';

interface Case {
  name: string;
  markdown: string;
  differs?: string;
  expect?: ComparableCluster[];
}

const folder = new URL('./fixtures/citation-syntax/', import.meta.url);
const cases = parse(readFileSync(new URL('cases.yaml', folder), 'utf8')) as Case[];
const expectedFile = new URL('pandoc.json', folder);

if (process.env.UPDATE === '1') {
  const answers: Record<string, ComparableCluster[]> = {};
  for (const row of cases) answers[row.name] = pandocClusters(row.markdown);
  writeFileSync(expectedFile, `${JSON.stringify({ pandoc: pandocVersion(), cases: answers }, null, 2)}\n`);
}
const expected = JSON.parse(readFileSync(expectedFile, 'utf8')) as { pandoc: string; cases: Record<string, ComparableCluster[]> };

describe('citation syntax agrees with pandoc', () => {
  test('every case has pandoc’s answer recorded', () => {
    expect(cases.length).toBeGreaterThanOrEqual(50);
    expect(Object.keys(expected.cases).sort()).toEqual(cases.map((row) => row.name).sort());
  });

  test.each(cases.filter((row) => row.differs === undefined))('$name', (row) => {
    expect(dossierClusters(row.markdown)).toEqual(expected.cases[row.name]);
  });

  test.each(cases.filter((row) => row.differs !== undefined))('$name (differs from pandoc on purpose)', (row) => {
    expect(dossierClusters(row.markdown)).toEqual(row.expect);
    expect(expected.cases[row.name]).not.toEqual(row.expect);
  });
});
