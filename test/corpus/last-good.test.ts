/** While serving with --watch, a file that stops parsing is served as it last parsed, and its problems are reported. */
import { expect, test } from '@jest/globals';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { rebuildCorpus } from '../../src/corpus/pipeline.js';
import { keepLastGood } from '../../src/corpus/last-good.js';
import { fixtureCopies } from '../helpers/fixture-copies.js';

const copyOf = fixtureCopies();

test('a broken file is served as it last parsed, and its problems are reported', async () => {
  const root = await copyOf('corpus-basic');
  const lastGood = new Map<string, string>();
  await rebuildCorpus(root, lastGood);
  await writeFile(path.join(root, 'corpus/memos/genocide.md'), '---\ntitle: [unclosed\n---\nBroken.\n');
  const { corpus, rejected } = await rebuildCorpus(root, lastGood);
  expect(corpus.memos.get('genocide' as never)?.title).toBe('Genocide of a religious group?');
  // The list left open is closed to read on: the title is then a list, which is reported too.
  expect(rejected.map((d) => [d.file, d.code])).toEqual([
    ['corpus/memos/genocide.md', 'yaml-syntax'],
    ['corpus/memos/genocide.md', 'invalid-field'],
  ]);
  await writeFile(path.join(root, 'corpus/memos/genocide.md'), '---\ntitle: Mended\n---\nMended [@akayesu].\n');
  const mended = await rebuildCorpus(root, lastGood);
  expect(mended.corpus.memos.get('genocide' as never)?.title).toBe('Mended');
  expect(mended.rejected).toEqual([]);
});

test('a new file that never parsed is not hidden: it is reported as usual', () => {
  const { files, rejected } = keepLastGood([{ path: 'corpus/memos/new.md', kind: 'memo', text: '---\n[\n---\n' }], new Map());
  expect(files[0]!.text).toBe('---\n[\n---\n');
  expect(rejected).toEqual([]);
});
