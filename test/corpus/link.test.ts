/**
 * The link stage: every reference becomes a backlink on what it points at (with the sentence it
 * stands in and its pinpoint), what nothing refers to is reported, and the corpus is frozen.
 */
import { describe, expect, test } from '@jest/globals';
import { backlinksOf, type RecordRef } from '../../src/model/records.js';
import { corpusOf, memo } from '../helpers/memory-corpus.js';
import { ParseCache } from '../../src/corpus/parse.js';

const LIBRARY = '- id: case\n  type: legal_case\n  title: Prosecutor v. Someone\n- id: report\n  type: report\n  title: A report\n- id: unread\n  type: book\n  title: Nobody cites this\n';
const FILES: Record<string, string> = {
  'citations/lib.yaml': LIBRARY,
  'corpus/topics.yaml': '- id: law\n  label: Law\n',
  'corpus/speakers/sp.md': '---\nname: A Speaker\n---\nBiography.\n',
  'corpus/statements/used.md': '---\nspeaker: sp\nkind: paraphrase\nsource: report\n---\nSomething was said.\n',
  'corpus/statements/spare.md': '---\nspeaker: sp\nkind: paraphrase\nsource: report\n---\nSomething else.\n',
  'corpus/memos/a.md': memo('The court held so [@case, para. 12]. See [[b]].\n\n![[statement:used]]', 'title: Memo A\ntopics: [law]'),
  'corpus/memos/b.md': memo('No source here, only [[a|the first memo]].', 'title: Memo B'),
};
const corpus = corpusOf(FILES);
const ids = (ref: RecordRef) => backlinksOf(corpus, ref).map((backlink) => `${backlink.from.type}:${backlink.from.id} via ${backlink.via}${backlink.field ? ` ${backlink.field}` : ''}`);

describe('backlinks: who refers to a record, and how', () => {
  test.each([
    [{ type: 'source', id: 'case' }, ['memo:a via citation']],
    [{ type: 'source', id: 'report' }, ['statement:spare via field source', 'statement:used via field source']],
    [{ type: 'memo', id: 'a' }, ['memo:b via link']],
    [{ type: 'memo', id: 'b' }, ['memo:a via link']],
    [{ type: 'statement', id: 'used' }, ['memo:a via embed']],
    [{ type: 'speaker', id: 'sp' }, ['statement:spare via field speaker', 'statement:used via field speaker']],
    [{ type: 'topic', id: 'law' }, ['memo:a via field topics']],
    [{ type: 'source', id: 'unread' }, []],
  ] as Array<[RecordRef, string[]]>)('%j', (ref, expected) => {
    expect(ids(ref).sort()).toEqual(expected);
  });

  test('a citation’s backlink carries its sentence as a reader sees it, its pinpoint and its place, for "cited by"', () => {
    const [cited] = backlinksOf(corpus, { type: 'source', id: 'case' } as RecordRef);
    expect(cited).toMatchObject({
      sentence: 'The court held so.',
      locator: '12',
      label: 'paragraph',
      place: { file: 'corpus/memos/a.md', line: 5 },
    });
  });
});

describe('linking again after an edit', () => {
  test('gives the records parsed before the same frozen backlinks, and an edited record new ones that say what it now says', () => {
    const cache = new ParseCache();
    const before = corpusOf(FILES, cache);
    const after = corpusOf({ ...FILES, 'corpus/memos/a.md': memo('The court held otherwise [@case, para. 13]. See [[b]].\n\n![[statement:used]]', 'title: Memo A\ntopics: [law]') }, cache);
    const report = { type: 'source', id: 'report' } as RecordRef;
    const kept = backlinksOf(after, report);
    expect(kept.length).toBe(2);
    kept.forEach((backlink, at) => {
      expect(backlink).toBe(backlinksOf(before, report)[at]);
      expect(Object.isFrozen(backlink)).toBe(true);
    });
    const [cited] = backlinksOf(after, { type: 'source', id: 'case' } as RecordRef);
    expect(cited).not.toBe(backlinksOf(before, { type: 'source', id: 'case' } as RecordRef)[0]);
    expect(cited).toMatchObject({ sentence: 'The court held otherwise.', locator: '13' });
    expect(Object.isFrozen(cited)).toBe(true);
  });

  test('gives records that take their folder\'s default visibility, and sources, the same backlinks too', () => {
    const cache = new ParseCache();
    const withDefaults = { ...FILES, 'corpus/statements/_defaults.yaml': 'visibility: public\n', 'corpus/topics.yaml': '- id: law\n  label: Law\n', 'citations/lib.yaml': LIBRARY.replace('  title: A report\n', '  title: A report\n  custom:\n    topics: [law]\n') };
    const before = corpusOf(withDefaults, cache);
    const after = corpusOf({ ...withDefaults, 'corpus/memos/b.md': memo('Only [[a|the first memo]], reworded.', 'title: Memo B') }, cache);
    for (const ref of [{ type: 'source', id: 'report' }, { type: 'topic', id: 'law' }] as RecordRef[]) {
      const kept = backlinksOf(after, ref).filter((backlink) => backlink.from.type !== 'memo');
      expect(kept.length).toBeGreaterThan(0);
      for (const backlink of kept) expect(backlinksOf(before, ref)).toContain(backlink);
    }
    expect(after.statements.get('used' as never)).toBe(before.statements.get('used' as never));
    expect(after.sources.get('report' as never)).toBe(before.sources.get('report' as never));
  });
});

describe('what nothing refers to is reported, once, where it is written', () => {
  test.each([
    ['uncited-source', 'citations/lib.yaml', 'nothing cites @unread'],
    ['unused-statement', 'corpus/statements/spare.md', 'no memo links to or embeds statement "spare"'],
    ['memo-without-citation', 'corpus/memos/b.md', 'memo "b" cites no source'],
  ])('%s', (code, file, message) => {
    expect(corpus.diagnostics.filter((found) => found.code === code)).toEqual([expect.objectContaining({ file, severity: 'warning', message })]);
  });

  test('a source named only in statements’ source field is cited', () => {
    expect(corpus.diagnostics.filter((found) => found.message.includes('@report'))).toEqual([]);
  });

  test('diagnostics come sorted by file, line and column', () => {
    const places = corpus.diagnostics.map((found) => [found.file, found.line, found.column] as const);
    expect(places).toEqual([...places].sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : x[1] - y[1] || x[2] - y[2])));
  });
});

test('the linked corpus is frozen, down to its records’ lists', () => {
  const a = corpus.memos.get('a' as never)!;
  expect(Object.isFrozen(corpus)).toBe(true);
  expect(Object.isFrozen(a)).toBe(true);
  expect(Object.isFrozen(a.citations)).toBe(true);
  // What the lists hold is frozen too, down to a cited item's position.
  expect(a.citations.length).toBeGreaterThan(0);
  for (const cluster of a.citations) {
    expect(Object.isFrozen(cluster)).toBe(true);
    for (const item of cluster.items) expect(Object.isFrozen(item)).toBe(true);
    expect(Object.isFrozen(cluster.position)).toBe(true);
  }
  expect(() => (a.topics as unknown as string[]).push('other')).toThrow(TypeError);
});
