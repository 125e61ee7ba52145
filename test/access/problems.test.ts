/**
 * The problems each reader may see: anonymous readers only problems of public records, worded
 * without anything hidden; signed-in readers all. One row per side door the issue found.
 */
import { describe, expect, test } from '@jest/globals';
import { CorpusView, problemsFor, rejectedProblemsFor } from '../../src/access/index.js';
import { diagnostic } from '../../src/model/diagnostic.js';
import type { RecordRef } from '../../src/model/records.js';
import { RecordingCorpusView } from '../../src/site/page-dependencies.js';
import { corpusOf, memo } from '../helpers/memory-corpus.js';

const corpus = corpusOf({
  'corpus/topics.yaml': '- id: law\n  label: Law\n',
  'citations/public.yaml': '- id: pub\n  type: book\n  title: Public book\n',
  'citations/secret.yaml': '- id: secret-key\n  type: interview\n  title: Transcript\n  custom: { visibility: internal }\n- type: nonsense\n  title: X without an id\n',
  'citations/texts/secret-key.txt': 'The witness said the commander gave the order.\n',
  'corpus/speakers/p.md': '---\nname: P\n---\nA person.\n',
  'corpus/memos/public.md': memo('Public [@pub]. Also [@secret-key] and [@nowhere].', 'title: Public'),
  'corpus/memos/secret-memo.md': memo('Hidden [@pub] [[no-such-memo]].', 'title: Hidden\nvisibility: internal'),
  'corpus/memos/team/_defaults.yml': 'visibility: internal',
  'corpus/memos/team/unparsed.md': '---\ntitle: [\n---\nBroken.\n',
  'corpus/statements/quoting.md': '---\nspeaker: p\nkind: verbatim\nsource: secret-key\n---\nThe witness said the commander hesitated.\n',
});
const anonymous = problemsFor(new CorpusView(corpus, false));
const everyone = problemsFor(new CorpusView(corpus, true));
const said = anonymous.map((d) => `${d.file} ${d.code} ${d.message}`).join('\n');

describe('an anonymous reader’s problems', () => {
  test.each([
    ['the file names of internal records', /secret-memo|team\//],
    ['hidden cite keys', /secret-key/],
    ['errors inside a bibliography file that holds an internal entry', /secret\.yaml|nonsense/],
    ['the result of checking a public statement against an internal source’s text', /verbatim|commander|witness/],
    ['warnings that a public record refers to an internal one', /public-links-internal/],
  ])('leave out %s', (_what, pattern) => {
    expect(everyone.map((d) => `${d.file} ${d.code} ${d.message}`).join('\n')).toMatch(pattern);
    expect(said).not.toMatch(pattern);
  });

  test('are worked out once per corpus yet answered alike to every view, and a recording view is still asked', () => {
    const first = problemsFor(new CorpusView(corpus, false));
    first.splice(0, first.length);
    // What one page did with its list does not reach the next page's.
    expect(problemsFor(new CorpusView(corpus, false))).toEqual(anonymous);
    const recording = new RecordingCorpusView(corpus, false);
    recording.startRecording();
    expect(problemsFor(recording)).toEqual(anonymous);
    // The static build's view writes down what the problems depend on, so an edit re-renders the page.
    expect(recording.stopRecording().length).toBeGreaterThan(0);
  });

  test('keep the problems of public records', () => {
    expect(anonymous.map((d) => [d.file, d.code])).toContainEqual(['corpus/memos/public.md', 'unknown-cite-key']);
  });

  test('count as uncited what only a hidden record cites', () => {
    const lonely = corpusOf({
      'citations/public.yaml': '- id: pub\n  type: book\n  title: Public book\n',
      'corpus/memos/hidden.md': memo('Cites [@pub].', 'title: H\nvisibility: internal'),
    });
    expect(problemsFor(new CorpusView(lonely, false)).map((d) => d.code)).toContain('uncited-source');
    expect(problemsFor(new CorpusView(lonely, true)).map((d) => d.code)).not.toContain('uncited-source');
  });
});

describe('whether anything an anonymous reader may see refers to a record', () => {
  // A hidden memo cites the source first and a public one after it: the answer must look past the first.
  const both = corpusOf({
    'citations/public.yaml': '- id: pub\n  type: book\n  title: Public book\n- id: talk\n  type: speech\n  title: A talk\n- id: lonely\n  type: book\n  title: Nobody cites this\n',
    'corpus/speakers/p.md': '---\nname: P\n---\nA person.\n',
    'corpus/statements/said.md': '---\nspeaker: p\nkind: paraphrase\nsource: talk\n---\nSomething said.\n',
    'corpus/memos/a-hidden.md': memo('Cites [@pub].\n\n![[statement:said]]', 'title: A\nvisibility: internal'),
    'corpus/memos/b-public.md': memo('Cites [@pub] too.', 'title: B'),
  });

  test('is found past a backlink from a hidden record', () => {
    expect(both.backlinks.get('source:pub')?.map((backlink) => backlink.from.id)).toEqual(['a-hidden', 'b-public']);
    const codes = problemsFor(new CorpusView(both, false)).map((d) => `${d.code} ${d.file} ${d.message}`);
    expect(codes).not.toContain('uncited-source citations/public.yaml nothing cites @pub');
    // The check can fail: the source no one cites is reported.
    expect(codes).toContain('uncited-source citations/public.yaml nothing cites @lonely');
    // Only the hidden memo embeds the statement: to an anonymous reader it is unused.
    expect(codes.filter((code) => code.startsWith('unused-statement corpus/statements/said.md'))).toHaveLength(1);
  });

  test('is written down by a recording view: the list, and each record looked at until one counted', () => {
    const recording = new RecordingCorpusView(both, false);
    recording.startRecording();
    expect(recording.hasBacklink({ type: 'source', id: 'pub' } as RecordRef, () => true)).toBe(true);
    expect(recording.stopRecording().sort()).toEqual(['b:source:pub', 'r:memo:a-hidden', 'r:memo:b-public']);
    recording.startRecording();
    expect(recording.hasBacklink({ type: 'statement', id: 'said' } as RecordRef, (backlink) => backlink.from.type === 'memo')).toBe(false);
    expect(recording.stopRecording().sort()).toEqual(['b:statement:said', 'r:memo:a-hidden']);
  });
});

describe('the live-reload banner', () => {
  test('shows anonymous readers edits not taken in public files only', () => {
    const rejected = [
      diagnostic({ file: 'corpus/memos/public.md', line: 2, column: 1 }, 'yaml-syntax', 'broken'),
      diagnostic({ file: 'corpus/memos/secret-memo.md', line: 2, column: 1 }, 'yaml-syntax', 'broken'),
      diagnostic({ file: 'corpus/memos/team/new.md', line: 2, column: 1 }, 'yaml-syntax', 'broken'),
      diagnostic({ file: 'corpus/memos/never-parsed.md', line: 2, column: 1 }, 'yaml-syntax', 'broken'),
    ];
    expect(rejectedProblemsFor(new CorpusView(corpus, false), rejected).map((d) => d.file)).toEqual(['corpus/memos/public.md']);
    expect(rejectedProblemsFor(new CorpusView(corpus, true), rejected)).toHaveLength(4);
  });
});
