/**
 * The lists a CorpusView works out once are shared by every view of the same corpus with the same
 * audience: a public view never gets a signed-in reader's list, whichever asked first, and what a
 * caller does to its list reaches no other.
 */
import { beforeAll, describe, expect, test } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import { buildCorpus } from '../../src/corpus/pipeline.js';
import { CorpusView } from '../../src/access/index.js';
import type { Corpus, CorpusRecord, RecordRef } from '../../src/model/records.js';

const confidential = fileURLToPath(new URL('../fixtures/corpus-confidential/', import.meta.url));
let corpus: Corpus;
/** A second corpus of the same files: views of it share nothing with views of the first. */
let again: Corpus;

beforeAll(async () => {
  corpus = await buildCorpus(confidential, {});
  again = await buildCorpus(confidential, {});
});

const TYPES: ReadonlyArray<RecordRef['type']> = ['memo', 'statement', 'speaker', 'event', 'source', 'topic'];
const ids = (records: readonly CorpusRecord[]): string[] => records.map((record) => (record.type === 'source' ? record.key : record.id));

describe('a public view never holds an internal record, whichever view asked first', () => {
  test.each([
    ['a signed-in view asks first', true],
    ['a public view asks first', false],
  ])('%s', async (_name, signedInFirst) => {
    const fresh = await buildCorpus(confidential, {});
    const views = signedInFirst ? [new CorpusView(fresh, true), new CorpusView(fresh, false)] : [new CorpusView(fresh, false), new CorpusView(fresh, true)];
    for (const view of views) for (const type of TYPES) view.all(type);
    for (const view of views) view.statementsWith('speaker', 'canaryquill-speaker');
    const publicView = new CorpusView(fresh, false);
    for (const type of TYPES) {
      expect(publicView.all(type).every((record) => record.type === 'topic' || record.visibility === 'public')).toBe(true);
    }
    // The internal speaker's public statement is public; the internal one is not.
    expect(ids(publicView.statementsWith('speaker', 'canaryquill-speaker'))).toEqual(['public-statement']);
    expect(ids(new CorpusView(fresh, true).statementsWith('speaker', 'canaryquill-speaker')).sort()).toEqual(['canaryquill-statement', 'public-statement']);
    // The fixture has internal records of each kind, or the test above proves nothing.
    expect(ids(new CorpusView(fresh, true).memos()).length).toBeGreaterThan(ids(publicView.memos()).length);
    expect(ids(new CorpusView(fresh, true).sources()).length).toBeGreaterThan(ids(publicView.sources()).length);
  });
});

test('each call gives a list of its own: sorting or emptying one changes no later answer', () => {
  const view = new CorpusView(corpus, true);
  const before = ids(view.memos());
  const mine = view.memos();
  mine.reverse();
  mine.length = 0;
  expect(ids(view.memos())).toEqual(before);
  expect(ids(new CorpusView(corpus, true).memos())).toEqual(before);
});

test('views of the same files built again are answered from their own corpus', () => {
  const first = new CorpusView(corpus, false).memos();
  const second = new CorpusView(again, false).memos();
  expect(ids(second)).toEqual(ids(first));
  second.forEach((memo, index) => {
    expect(memo).toBe(again.memos.get(memo.id));
    expect(memo).not.toBe(first[index]);
  });
});

test('a view that decides visibility otherwise works out its own lists', () => {
  /** A reader shown only what is public, whatever view of the corpus asked before. */
  class NothingInternal extends CorpusView {
    override isVisible(record: CorpusRecord): boolean {
      return record.type === 'topic' || record.visibility === 'public';
    }
  }
  new CorpusView(corpus, true).memos();
  new CorpusView(corpus, true).statementsWith('speaker', 'canaryquill-speaker');
  const strict = new NothingInternal(corpus, true);
  expect(ids(strict.memos())).toEqual(ids(new CorpusView(corpus, false).memos()));
  expect(ids(strict.statementsWith('speaker', 'canaryquill-speaker'))).toEqual(['public-statement']);
});
