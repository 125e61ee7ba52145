/**
 * OSCOLA's forms for cases, as the page prints them and as pandoc prints them from the Word
 * hand-off's CSL-JSON: a Strasbourg application "App no … (ECtHR, date)", a judgment whose report
 * page is not known cited without a dangling report reference, "v" without a full stop.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import { toString as hastToString } from 'hast-util-to-string';
import { CitationFormatter } from '../../../src/corpus/citations/format.js';
import { pandocCslJson } from '../../../src/export/formats.js';
import { readStyleFile } from '../../../src/corpus/citations/style-files.js';
import { oscolaCourtForm } from '../../../src/corpus/citations/oscola-court-forms.js';
import type { CiteKey } from '../../../src/model/ids.js';
import type { CslItem, Source } from '../../../src/model/records.js';

function source(key: string, csl: Record<string, unknown>): Source {
  return { type: 'source', key: key as CiteKey, csl: { id: key, ...csl } as CslItem } as unknown as Source;
}

const SOURCES = [
  source('strasbourg', { type: 'legal_case', title: 'Vasiliauskas v. Lithuania', authority: 'European Court of Human Rights, Grand Chamber', number: '35343/05', genre: 'Judgment', issued: { 'date-parts': [[2015, 10, 20]] } }),
  source('strasbourg-chamber', { type: 'legal_case', title: 'Kononov v. Latvia', authority: 'European Court of Human Rights', number: 'no. 36376/04', issued: { 'date-parts': [[2008, 7, 24]] } }),
  source('icj-no-page', { type: 'legal_case', title: 'Application of the Genocide Convention (Croatia v. Serbia)', authority: 'International Court of Justice', genre: 'Judgment', 'container-title': 'I.C.J. Reports', 'container-title-short': 'ICJ Rep', issued: { 'date-parts': [[2015, 2, 3]] } }),
  source('icj-reported', { type: 'legal_case', title: 'Application of the Genocide Convention (Bosnia and Herzegovina v. Serbia and Montenegro)', authority: 'International Court of Justice', genre: 'Judgment', 'container-title': 'I.C.J. Reports', 'container-title-short': 'ICJ Rep', page: '43', issued: { 'date-parts': [[2007, 2, 26]] } }),
];

const EXPECTED_NOTES: ReadonlyArray<[string, string]> = [
  ['strasbourg', 'Vasiliauskas v Lithuania App no 35343/05 (ECtHR [GC], 20 October 2015), para 148.'],
  ['strasbourg-chamber', 'Kononov v Latvia App no 36376/04 (ECtHR, 24 July 2008).'],
  ['icj-no-page', 'Application of the Genocide Convention (Croatia v Serbia) (Judgment) (ICJ, 3 February 2015), para 148.'],
  ['icj-reported', 'Application of the Genocide Convention (Bosnia and Herzegovina v Serbia and Montenegro) (Judgment) [2007] ICJ Rep 43, para 148.'],
];

let folder: string;
beforeAll(() => {
  folder = mkdtempSync(path.join(os.tmpdir(), 'dossier-oscola-forms-'));
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const text = (html: string): string => hastToString(fromHtml(html, { fragment: true })).replace(/\s+/g, ' ').trim();

/** The note the page prints for one citation (with a paragraph pinpoint unless the source is a chamber case). */
function pageNote(key: string): string {
  const formatter = new CitationFormatter(new Map(SOURCES.map((entry) => [entry.key, entry])));
  const item = { key: key as CiteKey, locator: key === 'strasbourg-chamber' ? null : '148', label: key === 'strasbourg-chamber' ? null : 'paragraph', prefix: '', suffix: '', mode: 'normal' };
  const document = formatter.formatDocument('oscola', `probe-${key}`, [{ items: [item] } as never]);
  return text(document.clusters[0]!.html);
}

/** The note pandoc --citeproc prints for the same citation from the Word hand-off's files. */
function pandocNote(key: string): string {
  writeFileSync(path.join(folder, 'sources.json'), pandocCslJson(SOURCES));
  writeFileSync(path.join(folder, 'style.csl'), readStyleFile('oscola-international.csl'));
  const citation = key === 'strasbourg-chamber' ? `[@${key}]` : `[@${key}, {para 148}]`;
  writeFileSync(path.join(folder, 'memo.md'), `---\nbibliography: sources.json\ncsl: style.csl\nlang: en-GB\nsuppress-bibliography: true\n---\n\nText.${citation}\n`);
  const html = execFileSync('pandoc', ['memo.md', '--citeproc', '-t', 'html'], { cwd: folder, encoding: 'utf8' });
  const note = /<li id="fn1"[^>]*>([\s\S]*?)<\/li>/.exec(html)?.[1] ?? '';
  return text(note).replace(/↩︎?\s*$/u, '').trim();
}

describe('OSCOLA court forms', () => {
  test.each(EXPECTED_NOTES)('%s: the page prints OSCOLA\'s form', (key, expected) => {
    expect(pageNote(key)).toBe(expected);
  });

  test.each(EXPECTED_NOTES)('%s: pandoc prints the same from the hand-off', (key, expected) => {
    expect(pandocNote(key)).toBe(expected);
  });

  test('the library keeps the court\'s full name and the bare number; only the style is given the form', () => {
    const strasbourg = SOURCES[0]!.csl;
    expect(oscolaCourtForm(strasbourg)).toMatchObject({ authority: 'ECtHR [GC]', number: 'App no 35343/05' });
    expect(strasbourg).toMatchObject({ authority: 'European Court of Human Rights, Grand Chamber', number: '35343/05', genre: 'Judgment' });
    const national = { id: 'x', type: 'legal_case', authority: 'Stockholm District Court', number: 'B 15255-19' };
    expect(oscolaCourtForm(national)).toBe(national);
  });
});
