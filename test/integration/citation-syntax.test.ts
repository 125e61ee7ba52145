/**
 * dossier reads Pandoc citations as pandoc does. pandoc.json holds pandoc's own clusters (its
 * suffixes still hold the locators, which citeproc splits off later: the test splits them with
 * dossier's locator rules, tested on their own in locator.test.ts). `UPDATE=1` regenerates the
 * file from the installed pandoc.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, test } from '@jest/globals';
import { parse } from 'yaml';
import { dossierClusters, pandocClusters, pandocVersion, withLocators, type ComparableCluster, type PandocItem } from '../helpers/citation-compare.js';

interface Case {
  name: string;
  markdown: string;
  differs?: string;
  expect?: ComparableCluster[];
}

const folder = new URL('../fixtures/citation-syntax/', import.meta.url);
const cases = parse(readFileSync(new URL('cases.yaml', folder), 'utf8')) as Case[];
const expectedFile = new URL('pandoc.json', folder);

if (process.env.UPDATE === '1') {
  const answers: Record<string, PandocItem[][]> = {};
  for (const row of cases) answers[row.name] = pandocClusters(row.markdown);
  writeFileSync(expectedFile, `${JSON.stringify({ pandoc: pandocVersion(), cases: answers }, null, 2)}\n`);
}
const expected = JSON.parse(readFileSync(expectedFile, 'utf8')) as { pandoc: string; cases: Record<string, PandocItem[][]> };

describe('citation syntax agrees with pandoc', () => {
  test('every case has pandoc’s answer recorded', () => {
    expect(cases.length).toBeGreaterThanOrEqual(50);
    expect(Object.keys(expected.cases).sort()).toEqual(cases.map((row) => row.name).sort());
  });

  test.each(cases.filter((row) => row.differs === undefined))('$name', (row) => {
    expect(dossierClusters(row.markdown)).toEqual(withLocators(expected.cases[row.name]!));
  });

  test.each(cases.filter((row) => row.differs !== undefined))('$name (differs from pandoc on purpose)', (row) => {
    expect(dossierClusters(row.markdown)).toEqual(row.expect);
    expect(withLocators(expected.cases[row.name]!)).not.toEqual(row.expect);
  });
});
