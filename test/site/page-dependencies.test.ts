/**
 * Which of a previous build's questions have another answer after an edit: a page is kept when
 * none of its questions is flagged, so a question whose answer changed must always be flagged, and
 * one an edit did not touch must not be (or every page would be rendered again).
 */
import { describe, expect, test } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import { DEFAULT_STYLE_ID } from '../../src/corpus/citations/format.js';
import { loadCorpusFiles, type LoadedFiles } from '../../src/corpus/load.js';
import { buildCorpusFromFiles } from '../../src/corpus/pipeline.js';
import type { Corpus, RecordRef } from '../../src/model/records.js';
import { ListDigestCache, DependencyDigests, RecordingCorpusView, type DependencyKey } from '../../src/site/page-dependencies.js';
import { ParseCache } from '../../src/corpus/parse.js';

const basic = fileURLToPath(new URL('../fixtures/corpus-basic/', import.meta.url));

/** The basic fixture with one file's text edited (from → to), built in memory (with `cache`, the other files' records are those parsed before). */
function edited(loaded: LoadedFiles, file: string, from: string, to: string, cache?: ParseCache): Corpus {
  const files = loaded.files.map((raw) => {
    if (raw.path !== file) return raw;
    if (!raw.text.includes(from)) throw new TypeError(`${file} does not hold ${JSON.stringify(from)}`);
    return { ...raw, text: raw.text.replace(from, to) };
  });
  return buildCorpusFromFiles({ ...loaded, files }, cache);
}

const keys: DependencyKey[] = [
  'r:memo:genocide',
  'r:memo:jurisdiction',
  'r:statement:david-try',
  'r:statement:robertson-fatwa',
  'r:speaker:robertson',
  'r:speaker:david',
  'r:source:eichmann',
  'b:memo:genocide',
  'b:source:eichmann',
  'b:source:akayesu',
  'l:memo',
  'l:statement',
  'l:speaker',
  'w:speaker:robertson',
  'w:speaker:david',
  'u:topic:genocide',
  'u:topic:jurisdiction',
  'p:corpus/memos/genocide.md',
];

interface EditRow {
  readonly name: string;
  readonly file: string;
  readonly from: string;
  readonly to: string;
  /** Questions that must be flagged. */
  readonly flagged: DependencyKey[];
  /** Questions the edit does not touch: flagging them would render pages again for nothing. */
  readonly kept: DependencyKey[];
}

const rows: EditRow[] = [
  {
    name: 'a sentence added to a memo',
    file: 'corpus/memos/genocide.md',
    from: 'Political groups were left out.',
    to: 'Political groups were left out. Another sentence.',
    flagged: ['r:memo:genocide', 'l:memo', 'u:topic:genocide'],
    kept: ['r:memo:jurisdiction', 'r:statement:david-try', 'b:source:eichmann', 'l:statement', 'w:speaker:david', 'u:topic:jurisdiction'],
  },
  {
    name: 'the sentence that cites a source reworded (the source shows it)',
    file: 'corpus/memos/jurisdiction.md',
    from: 'Israel tried Eichmann for crimes committed abroad [@eichmann].',
    to: 'Israel judged Eichmann for crimes done abroad [@eichmann].',
    flagged: ['r:memo:jurisdiction', 'b:source:eichmann', 'l:memo', 'u:topic:jurisdiction'],
    kept: ['r:memo:genocide', 'b:source:akayesu', 'l:statement', 'u:topic:genocide'],
  },
  {
    name: 'a statement given to another speaker (both lists of statements change)',
    file: 'corpus/statements/robertson-fatwa.md',
    from: 'speaker: robertson',
    to: 'speaker: david',
    flagged: ['r:statement:robertson-fatwa', 'l:statement', 'w:speaker:robertson', 'w:speaker:david'],
    kept: ['r:memo:jurisdiction', 'r:statement:david-try', 'r:speaker:david', 'l:memo'],
  },
  {
    name: 'a speaker renamed',
    file: 'corpus/speakers/robertson.md',
    from: 'name: Geoffrey Robertson',
    to: 'name: G. Robertson QC',
    flagged: ['r:speaker:robertson', 'l:speaker'],
    kept: ['r:speaker:david', 'r:statement:robertson-fatwa', 'w:speaker:robertson', 'l:memo'],
  },
  {
    name: 'a memo turned internal (its citations leave the backlinks an anonymous reader sees)',
    file: 'corpus/memos/jurisdiction.md',
    from: 'title: Who may try the perpetrators?',
    to: 'title: Who may try the perpetrators?\nvisibility: internal',
    flagged: ['r:memo:jurisdiction', 'l:memo', 'u:topic:jurisdiction'],
    kept: ['r:memo:genocide', 'r:speaker:robertson', 'l:speaker', 'u:topic:genocide'],
  },
  {
    name: 'a memo filed under another topic (both topics\' lists of memos change)',
    file: 'corpus/memos/jurisdiction.md',
    from: 'topics: jurisdiction',
    to: 'topics: genocide',
    flagged: ['r:memo:jurisdiction', 'u:topic:jurisdiction', 'u:topic:genocide'],
    kept: ['r:memo:genocide', 'l:speaker'],
  },
];

describe('the questions a previous build asked, after an edit', () => {
  test.each(rows)('$name', async ({ file, from, to, flagged, kept }) => {
    const loaded = await loadCorpusFiles(basic);
    const digestsThen = new DependencyDigests(buildCorpusFromFiles(loaded), DEFAULT_STYLE_ID).digestsOf(keys);
    const flags = new DependencyDigests(edited(loaded, file, from, to), DEFAULT_STYLE_ID).changedSince(keys, digestsThen);
    const changed = keys.filter((_, number) => flags[number] === 1);
    expect(changed).toEqual(expect.arrayContaining(flagged));
    expect(changed.filter((key) => kept.includes(key))).toEqual([]);
  });

  // As `build --watch` builds: the records of files not edited are the same objects, and the digests of backlink lists and of lists of records are kept.
  test.each(rows)('$name, as a watching build asks: the same questions are flagged', async ({ file, from, to }) => {
    const loaded = await loadCorpusFiles(basic);
    const digestsThen = new DependencyDigests(buildCorpusFromFiles(loaded), DEFAULT_STYLE_ID).digestsOf(keys);
    const expected = new DependencyDigests(edited(loaded, file, from, to), DEFAULT_STYLE_ID).changedSince(keys, digestsThen);
    const cache = new ParseCache();
    const kept = new ListDigestCache();
    expect(new DependencyDigests(buildCorpusFromFiles(loaded, cache), DEFAULT_STYLE_ID, kept).digestsOf(keys)).toEqual(digestsThen);
    expect([...new DependencyDigests(edited(loaded, file, from, to, cache), DEFAULT_STYLE_ID, kept).changedSince(keys, digestsThen)]).toEqual([...expected]);
  });

  test('nothing edited: no question is flagged, so every page is kept', async () => {
    const loaded = await loadCorpusFiles(basic);
    const digestsThen = new DependencyDigests(buildCorpusFromFiles(loaded), DEFAULT_STYLE_ID).digestsOf(keys);
    expect([...new DependencyDigests(buildCorpusFromFiles(loaded), DEFAULT_STYLE_ID).changedSince(keys, digestsThen)]).toEqual(keys.map(() => 0));
  });

  test('a question of a kind this version does not know is always flagged (its page is rendered)', async () => {
    const corpus = buildCorpusFromFiles(await loadCorpusFiles(basic));
    const question = 'z:from-another-version';
    const digestsThen = new DependencyDigests(corpus, DEFAULT_STYLE_ID).digestsOf([question]);
    expect([...new DependencyDigests(corpus, DEFAULT_STYLE_ID).changedSince([question], digestsThen)]).toEqual([1]);
  });
});

describe('a page being recorded', () => {
  test('asking for a record\'s backlinks again gives the same list and the same questions, and the next page asks its own', async () => {
    const corpus = buildCorpusFromFiles(await loadCorpusFiles(basic));
    const view = new RecordingCorpusView(corpus, false);
    const ref = { type: 'source', id: 'eichmann' } as RecordRef;
    view.startRecording();
    const first = view.backlinks(ref);
    const once = new Set(view.stopRecording());
    expect(first.length).toBeGreaterThan(0);
    expect(once).toContain('b:source:eichmann');
    expect([...once].filter((key) => key.startsWith('r:')).length).toBeGreaterThan(0);

    view.startRecording();
    const again = view.backlinks(ref);
    // A caller that changes its list changes no later answer.
    again.pop();
    expect(view.backlinks(ref)).toEqual(first);
    expect(new Set(view.stopRecording())).toEqual(once);
  });
});
