/**
 * A corpus holding every authoring mistake of issue 18, several in one file: one run of the
 * pipeline reports all of them, each at the place of the mistake and naming its fix, records with
 * a bad field still load, nothing is reported against the records that refer to them, and the
 * sound memo gets no diagnostic at all.
 */
import { beforeAll, describe, expect, test } from '@jest/globals';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCorpus } from '../../src/corpus/pipeline.js';
import type { Corpus } from '../../src/model/records.js';
import type { DiagnosticCode } from '../../src/model/diagnostic.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'corpus-mistakes');

interface Row {
  readonly at: `${string}:${number}:${number}`;
  readonly code: DiagnosticCode;
  /** A fragment of the message: what to do about it. */
  readonly says: string;
  readonly suggestions?: readonly string[];
}

/** Every diagnostic the corpus must get, and no other. */
const EXPECTED: readonly Row[] = [
  { at: 'citations/books.ris:12:1', code: 'unreadable-entry', says: 'never ends: add a line "ER  - " after this one' },
  { at: 'citations/cases.bib:10:3', code: 'invalid-date', says: 'year "twenty fourteen" is not a year: write it in digits' },
  { at: 'citations/cases.bib:14:11', code: 'unreadable-entry', says: 'the { that opens field "title" is never closed: add }' },
  { at: 'citations/lib.yaml:9:3', code: 'uncited-source', says: 'nothing cites @ngo-2023' },
  { at: 'citations/lib.yaml:12:11', code: 'invalid-date', says: '[2023,13,45] is a date that does not exist: there is no month 13' },
  { at: 'citations/lib.yaml:13:3', code: 'unknown-field', says: 'field "publisher-plac", which CSL does not know; did you mean "publisher-place"', suggestions: ['publisher-place', 'original-publisher-place', 'publisher'] },
  { at: 'citations/lib.yaml:14:3', code: 'uncited-source', says: 'nothing cites @ngo-2019' },
  { at: 'citations/lib.yaml:15:9', code: 'invalid-field', says: 'type "reprot", which is not a CSL type (read as "document"); did you mean "report"?', suggestions: ['report'] },
  { at: 'citations/books.ris:8:1', code: 'uncited-source', says: 'nothing cites @amnesty-2018' },
  { at: 'citations/books.ris:14:1', code: 'uncited-source', says: 'nothing cites @pinochet-1999' },
  { at: 'citations/books.ris:14:7', code: 'invalid-field', says: 'TY JUDG is not an entry type (read as a document); a judgment is CASE' },
  { at: 'citations/cases.bib:26:1', code: 'uncited-source', says: 'nothing cites @eichmann-1961' },
  { at: 'citations/cases.bib:26:2', code: 'invalid-field', says: '@judgment is not an entry type (read as a document); a judgment is @jurisdiction' },
  { at: 'corpus/memos/colon-title.md:2:1', code: 'yaml-syntax', says: 'put the value in quotes (title: "Immunity: a second look")' },
  { at: 'corpus/memos/colon-title.md:3:9', code: 'yaml-syntax', says: 'the list opened here with [ is never closed: add ]' },
  { at: 'corpus/memos/drafted.md:3:9', code: 'invalid-field', says: 'field "status" must be one of "draft", "final"; did you mean "draft"?', suggestions: ['draft'] },
  { at: 'corpus/memos/drafted.md:4:10', code: 'unknown-topic', says: 'did you mean "genocide"?', suggestions: ['genocide'] },
  { at: 'corpus/memos/drafted.md:5:10', code: 'invalid-date', says: '"2026-02-30"; it is a date that does not exist: month 2 of 2026 has 28 days' },
  { at: 'corpus/memos/drafted.md:7:21', code: 'unknown-cite-key', says: '@akaeysu-1998 does not exist; did you mean @akayesu-1998?', suggestions: ['akayesu-1998'] },
  { at: 'corpus/memos/drafted.md:7:77', code: 'unknown-cite-key', says: '@nouri-2023 does not exist; did you mean @nouri-2022?', suggestions: ['nouri-2022'] },
  { at: 'corpus/memos/drafted.md:8:5', code: 'unknown-memo', says: 'did you mean "universal-jurisdiction"?', suggestions: ['universal-jurisdiction'] },
  { at: 'corpus/memos/drafted.md:8:37', code: 'unknown-speaker', says: 'did you mean "robertson"?', suggestions: ['robertson'] },
  { at: 'corpus/memos/drafted.md:9:1', code: 'unknown-statement', says: 'did you mean "robertson-fatwa"?', suggestions: ['robertson-fatwa'] },
  { at: 'corpus/memos/drafted.md:9:36', code: 'unknown-event', says: 'did you mean "conference-2021"?', suggestions: ['conference-2021'] },
  { at: 'corpus/memos/drafted.md:11:1', code: 'unknown-element', says: 'did you mean "genocide:intent"?', suggestions: ['intent'] },
  { at: 'corpus/memos/no-closing.md:1:1', code: 'yaml-syntax', says: 'has no closing "---" line: add one after its last field (line 3)' },
];

let corpus: Corpus;

beforeAll(async () => {
  corpus = await buildCorpus(root, { workers: 0 });
});

describe('every mistake at once, with its fix', () => {
  test.each(EXPECTED.map((row) => [row.at, row.code, row] as const))('%s %s', (_at, _code, row) => {
    const found = corpus.diagnostics.filter((d) => `${d.file}:${d.line}:${d.column}` === row.at && d.code === row.code);
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain(row.says);
    if (row.suggestions !== undefined) expect(found[0]!.suggestions).toEqual(row.suggestions);
  });

  test('nothing else is reported: no knock-on errors, and none against the sound memo', () => {
    const reported = corpus.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.code}`).sort();
    expect(reported).toEqual(EXPECTED.map((row) => `${row.at} ${row.code}`).sort());
    expect(corpus.diagnostics.filter((d) => d.file === 'corpus/memos/sound.md')).toEqual([]);
  });
});

describe('records with a bad field still load', () => {
  test('the memo with an invalid status is kept without it, so the memo linking to it has no error', () => {
    const drafted = corpus.memos.get('drafted' as never);
    expect(drafted).toMatchObject({ title: 'A memo with several mistakes', status: null, updated: null, topics: ['genocde', 'crimes-against-humanity'] });
    expect(corpus.diagnostics.filter((d) => d.file === 'corpus/memos/universal-jurisdiction.md')).toEqual([]);
  });

  test('YAML mistakes are mended to read the other fields', () => {
    expect(corpus.memos.get('colon-title' as never)).toMatchObject({ title: 'Immunity: a second look', status: 'final', topics: ['genocide', 'universal-jurisdiction'] });
    expect(corpus.memos.get('no-closing' as never)).toMatchObject({ title: 'A memo whose frontmatter is never closed', topics: ['genocide'] });
  });

  test('bibliography entries with a mistake load without what cannot be printed', () => {
    expect(corpus.sources.get('ngo-2023' as never)?.csl.issued).toBeUndefined();
    expect(corpus.sources.get('ngo-2019' as never)?.csl.type).toBe('document');
    expect(corpus.sources.get('hrw-2014' as never)?.csl.issued).toBeUndefined();
    expect(corpus.sources.get('nouri-2022' as never)?.csl.title).toBe('Prosecutor v Hamid Nouri');
    expect(corpus.sources.get('amnesty-2018' as never)?.csl.title).toBe('Blood-soaked secrets');
    expect(corpus.sources.get('pinochet-1999' as never)?.csl).toMatchObject({ type: 'document', title: 'R v Bow Street Magistrate, ex parte Pinochet (No 3)' });
    expect(corpus.sources.get('eichmann-1961' as never)?.csl).toMatchObject({ type: 'document', title: 'Attorney General v Eichmann' });
  });
});
