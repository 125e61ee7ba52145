/** The table of authorities as submissions set it out: grouped, sorted, each with where it is cited. */
import { describe, expect, test } from '@jest/globals';
import request from 'supertest';
import { findExportFormat, tableOfAuthorities, caseSortName } from '../../src/export/formats.js';
import { CitationFormatter } from '../../src/corpus/citations/format.js';
import type { CiteKey } from '../../src/model/ids.js';
import type { Source } from '../../src/model/records.js';
import { appFor } from '../helpers/server.js';

function source(key: string, csl: Record<string, unknown>): Source {
  return { type: 'source', key: key as CiteKey, csl: { id: key, ...csl }, topics: [], verification: { verified: true, note: '' }, visibility: 'public', archivedText: null } as unknown as Source;
}

const sources = [
  source('tadic', { type: 'legal_case', title: 'Prosecutor v. Duško Tadić', authority: 'International Criminal Tribunal for the former Yugoslavia, Appeals Chamber', issued: { 'date-parts': [[1999]] } }),
  source('akayesu', { type: 'legal_case', title: 'Prosecutor v. Jean-Paul Akayesu', authority: 'International Criminal Tribunal for Rwanda, Trial Chamber', issued: { 'date-parts': [[1998]] } }),
  source('bosnia', { type: 'legal_case', title: 'Application of the Genocide Convention (Bosnia and Herzegovina v. Serbia and Montenegro)', authority: 'International Court of Justice', issued: { 'date-parts': [[2007]] } }),
  source('arrest', { type: 'legal_case', title: 'Arrest Warrant of 11 April 2000', authority: 'International Court of Justice', issued: { 'date-parts': [[2002]] } }),
  source('nouri', { type: 'legal_case', title: 'Public Prosecutor v. Hamid Nouri', authority: 'Stockholm District Court', issued: { 'date-parts': [[2022]] } }),
  source('eichmann', { type: 'legal_case', title: 'Attorney-General of Israel v. Eichmann', authority: 'District Court of Jerusalem', issued: { 'date-parts': [[1961]] } }),
  source('genocide-convention', { type: 'treaty', title: 'Convention on the Prevention and Punishment of the Crime of Genocide', issued: { 'date-parts': [[1948, 12, 9]] } }),
  source('charter', { type: 'treaty', title: 'Charter of the International Military Tribunal', issued: { 'date-parts': [[1945, 8, 8]] } }),
  source('res-96', { type: 'document', title: 'The crime of genocide', number: 'A/RES/96(I)', authority: 'United Nations General Assembly', issued: { 'date-parts': [[1946]] } }),
  source('book', { type: 'book', title: 'Customary International Humanitarian Law', author: [{ family: 'Henckaerts', given: 'Jean-Marie' }], issued: { 'date-parts': [[2005]] } }),
];

describe('grouping and order', () => {
  const groups = tableOfAuthorities(sources).map((group) => ({ section: group.section.title, court: group.court, keys: group.sources.map((s) => s.key as string) }));

  test('treaties and instruments; UN and other international documents; international cases by court; national cases; secondary sources', () => {
    expect(groups.map((group) => [group.section, group.court])).toEqual([
      ['Treaties and instruments', null],
      ['United Nations and other international documents', null],
      ['International cases', 'International Court of Justice'],
      ['International cases', 'International Criminal Tribunal for Rwanda'],
      ['International cases', 'International Criminal Tribunal for the former Yugoslavia'],
      ['National cases', null],
      ['Secondary sources', null],
    ]);
  });

  test('treaties by date of adoption; cases by the first party, ignoring "Prosecutor v"', () => {
    expect(groups[0]!.keys).toEqual(['charter', 'genocide-convention']);
    expect(groups[2]!.keys).toEqual(['bosnia', 'arrest']);
    expect(groups[5]!.keys).toEqual(['eichmann', 'nouri']);
    expect(caseSortName('Prosecutor v. Jean-Paul Akayesu')).toBe('jean-paul akayesu');
    expect(caseSortName('Public Prosecutor v Hamid Nouri')).toBe('hamid nouri');
  });

  test('headed "Table of authorities", not "Bibliography"', () => {
    const text = findExportFormat('authorities-text')!.render(sources, { formatter: new CitationFormatter(new Map(sources.map((s) => [s.key, s]))), styleId: 'oscola', title: 'Bibliography: A memo' });
    expect(text).toMatch(/^Table of authorities\nA memo\n\nTreaties and instruments\n\n {2}Charter of the International Military Tribunal/);
    expect(text).not.toContain('Bibliography');
  });
});

describe('for a memo', () => {
  test('each authority says in which notes the memo cites it, in every format', async () => {
    const app = await appFor('corpus-basic');
    const text = (await request(app).get('/api/bibliography?scope=memo:genocide&format=authorities-text&style=oscola')).text;
    expect(text).toMatch(/^Table of authorities\nGenocide of a religious group\?\n/);
    expect(text).toMatch(/Prosecutor v Jean-Paul Akayesu.* … n 1\n/);
    expect(text).toMatch(/Convention on the Prevention and Punishment of the Crime of Genocide.* … n 1\n/);
    const html = (await request(app).get('/api/bibliography?scope=memo:genocide&format=authorities-html&style=oscola')).text;
    expect(html).toContain('<span class="cited-at">n 1</span>');
  });
});
