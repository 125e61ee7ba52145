/**
 * The search documents a watching build or server keeps between generations (SearchDocumentCache):
 * after each kind of edit they are exactly the documents derived afresh from the edited corpus, and
 * those the edit did not reach are kept, not derived again.
 */
import { describe, expect, test } from '@jest/globals';
import { loadCorpusFiles, type LoadedFiles } from '../../src/corpus/load.js';
import { buildCorpusFromFiles } from '../../src/corpus/pipeline.js';
import { changedRecords, searchDocuments, SearchDocumentCache } from '../../src/search/documents.js';
import type { Corpus } from '../../src/model/records.js';
import { fixture } from '../helpers/server.js';

type Edit = (files: Map<string, string>) => void;

/** Replaces text in one file, which must hold it. */
const replace = (file: string, from: string, to: string): Edit => (files) => {
  const text = files.get(file);
  if (text === undefined || !text.includes(from)) throw new TypeError(`${file} does not hold ${JSON.stringify(from)}`);
  files.set(file, text.replace(from, to));
};

const cases: Array<[string, Edit]> = [
  ['nothing edited', () => undefined],
  ['a sentence added to a memo', replace('corpus/memos/genocide.md', 'Political groups were left out.', 'Political groups were left out. Zyzzyvaedit appears here.')],
  ['a citation added to a memo (the source lists a new citing sentence)', replace('corpus/memos/genocide.md', 'Political groups were left out.', 'Political groups were left out [@eichmann].')],
  ['a citing sentence reworded', replace('corpus/memos/jurisdiction.md', 'Israel tried Eichmann for crimes committed abroad [@eichmann].', 'Israel judged Eichmann for crimes done abroad [@eichmann].')],
  ['a memo retitled (its citing lines and the links that name it)', replace('corpus/memos/jurisdiction.md', 'title: Who may try the perpetrators?', 'title: Which courts may try them?')],
  ['a memo turned internal (its citing sentences leave the sources)', replace('corpus/memos/jurisdiction.md', 'title: Who may try the perpetrators?', 'title: Who may try the perpetrators?\nvisibility: internal')],
  ['a speaker renamed (the statements show the name)', replace('corpus/speakers/robertson.md', 'name: Geoffrey Robertson', 'name: G. Robertson QC')],
  ['a speaker renamed whose statement a memo names unlabelled (the memo shows the statement with its speaker)', replace('corpus/speakers/david.md', 'name: Eric David', 'name: Professor E. David')],
  ['a speaker turned internal (the statements stop naming them)', replace('corpus/speakers/robertson.md', 'name: Geoffrey Robertson', 'name: Geoffrey Robertson\nvisibility: internal')],
  ['a statement reworded (a title that names it changes)', replace('corpus/statements/robertson-fatwa.md', 'their different view on Islam', 'their different reading of Islam')],
  ['a statement given to another speaker', replace('corpus/statements/robertson-fatwa.md', 'speaker: robertson', 'speaker: david')],
  ['a source retitled', replace('citations/library.yaml', 'title: Convention on the Prevention and Punishment of the Crime of Genocide', 'title: Genocide Convention')],
  ['a source turned internal (memos citing it lose its pinpoints; it leaves the public documents)', replace('citations/library.yaml', '  custom:\n    verified: true\n    topics: [genocide]', '  custom:\n    verified: true\n    visibility: internal\n    topics: [genocide]')],
  ['a statement turned internal (a memo that names it stops showing it)', replace('corpus/statements/david-try.md', 'speaker: david', 'speaker: david\nvisibility: internal')],
  ['a memo deleted', (files) => files.delete('corpus/memos/jurisdiction.md')],
  [
    'a memo added that cites a source',
    (files) => files.set('corpus/memos/added.md', '---\ntitle: An added memo\ntopics: genocide\n---\n\nIsrael tried Eichmann far from the crimes [@eichmann, para 12].\n'),
  ],
];

function corpusOf(loaded: LoadedFiles, texts: Map<string, string>): Corpus {
  const files = [...texts].map(([path, text]) => ({ ...loaded.files.find((file) => file.path === path) ?? { path, kind: 'memo' as const }, text }));
  return buildCorpusFromFiles({ ...loaded, files });
}

describe('search documents kept between generations', () => {
  test.each(cases)('%s: the documents are those derived afresh, and the rest are kept', async (_name, edit) => {
    const loaded = await loadCorpusFiles(fixture('corpus-basic'));
    const texts = new Map(loaded.files.map((file) => [file.path, file.text]));
    const before = corpusOf(loaded, texts);
    const cache = new SearchDocumentCache();
    const first = cache.documentsOf(before);
    expect(first).toEqual(searchDocuments(before));

    edit(texts);
    const after = corpusOf(loaded, texts);
    const kept = cache.documentsOf(after);
    expect(kept).toEqual(searchDocuments(after));
    // The documents of records the edit did not reach are the very objects of the first generation.
    const changed = changedRecords(before, after);
    const untouched = kept.filter((document) => !changed.has(document.ref) && first.some((earlier) => earlier === document));
    expect(untouched.length).toBeGreaterThan(kept.length / 2);
  });

  test('a memo that names a statement (unlabelled) is derived again when the statement\'s speaker is renamed: the statement\'s title names its speaker', async () => {
    const loaded = await loadCorpusFiles(fixture('corpus-basic'));
    const texts = new Map(loaded.files.map((file) => [file.path, file.text]));
    texts.set('corpus/memos/names-a-statement.md', '---\ntitle: A memo naming a statement\n---\n\nAs was said: [[statement:david-try]].\n');
    const cache = new SearchDocumentCache();
    const memoBody = (documents: ReturnType<typeof searchDocuments>) => documents.find((document) => document.ref === 'memo:names-a-statement')!.fields.body;
    expect(memoBody(cache.documentsOf(corpusOf(loaded, texts)))).toContain('Eric David');
    replace('corpus/speakers/david.md', 'name: Eric David', 'name: Professor E. David')(texts);
    const after = corpusOf(loaded, texts);
    expect(memoBody(cache.documentsOf(after))).toContain('Professor E. David');
    expect(cache.documentsOf(after)).toEqual(searchDocuments(after));
  });

  test('a heading that names a record shows its title, and nothing of a record the public may not see', async () => {
    const loaded = await loadCorpusFiles(fixture('corpus-basic'));
    const texts = new Map(loaded.files.map((file) => [file.path, file.text]));
    texts.set('corpus/memos/heading-names.md', '---\ntitle: A memo whose heading names a speaker\n---\n\n## On [[speaker:david]]\n\nText.\n');
    const headings = (corpus: Corpus) => searchDocuments(corpus).find((document) => document.ref === 'memo:heading-names')!.fields.headings;
    expect(headings(corpusOf(loaded, texts))).toBe('On Eric David');
    replace('corpus/speakers/david.md', 'name: Eric David', 'name: Eric David\nvisibility: internal')(texts);
    const hidden = headings(corpusOf(loaded, texts));
    // Neither the name nor the id (a mark of the link's target once went into the index as words).
    expect(hidden).not.toMatch(/david|speaker|\uE000/i);
  });

  test('an internal statement made public again: the memo that names it shows it again', async () => {
    const loaded = await loadCorpusFiles(fixture('corpus-basic'));
    const texts = new Map(loaded.files.map((file) => [file.path, file.text]));
    replace('corpus/statements/david-try.md', 'speaker: david', 'speaker: david\nvisibility: internal')(texts);
    const cache = new SearchDocumentCache();
    cache.documentsOf(corpusOf(loaded, texts));
    replace('corpus/statements/david-try.md', 'speaker: david\nvisibility: internal', 'speaker: david')(texts);
    const after = corpusOf(loaded, texts);
    expect(cache.documentsOf(after)).toEqual(searchDocuments(after));
  });

  test('a record that names another is derived again when that one changes, and only then', async () => {
    const loaded = await loadCorpusFiles(fixture('corpus-basic'));
    const texts = new Map(loaded.files.map((file) => [file.path, file.text]));
    const cache = new SearchDocumentCache();
    const first = cache.documentsOf(corpusOf(loaded, texts));
    replace('corpus/speakers/robertson.md', 'name: Geoffrey Robertson', 'name: G. Robertson QC')(texts);
    const second = cache.documentsOf(corpusOf(loaded, texts));
    const fatwaBefore = first.find((document) => document.ref === 'statement:robertson-fatwa')!;
    const fatwaAfter = second.find((document) => document.ref === 'statement:robertson-fatwa')!;
    expect(fatwaAfter).not.toBe(fatwaBefore);
    expect(fatwaAfter.fields.people).toBe('G. Robertson QC');
    // A memo that neither names the speaker nor any of the statements is kept as it was.
    const genocide = (documents: typeof first) => documents.find((document) => document.ref === 'memo:genocide');
    expect(genocide(second)).toBe(genocide(first));
  });
});
