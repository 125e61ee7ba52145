/** Watching a corpus for changes, as `serve --watch` does. */
import { expect, test } from '@jest/globals';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { watchCorpus } from '../../src/corpus/watch.js';
import { fixtureCopies } from '../helpers/fixture-copies.js';

const copyOf = fixtureCopies();

test('the watcher reports every path that changed, once per call and sorted, and loses none', async () => {
  // How the changes of a burst fall into calls depends on when the file system reports them,
  // which no test controls; what a reader relies on does not: every change reaches a call,
  // none twice in one call, and a change made after a call still reaches a later one.
  const root = await copyOf('corpus-basic');
  const batches: string[][] = [];
  let wake: (() => void) | null = null;
  let ready!: () => void;
  const watching = new Promise<void>((resolve) => (ready = resolve));
  const stop = watchCorpus(root, (changed) => {
    batches.push([...changed]);
    wake?.();
  }, { onReady: ready });
  /** Resolves once some call has reported `file`, waiting for each call in turn. */
  const reported = async (file: string): Promise<number> => {
    for (;;) {
      const at = batches.findIndex((batch) => batch.includes(file));
      if (at !== -1) return at;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  };
  try {
    await watching;
    for (let i = 0; i < 5; i++) await writeFile(path.join(root, 'corpus/memos/genocide.md'), `---\ntitle: T${i}\n---\nx [@akayesu]\n`);
    await writeFile(path.join(root, 'citations/library.yaml'), '[]\n');
    await reported('corpus/memos/genocide.md');
    await reported('citations/library.yaml');
    await writeFile(path.join(root, 'corpus/memos/new.md'), '---\ntitle: New\n---\nx [@akayesu]\n');
    await reported('corpus/memos/new.md');
    for (const batch of batches) {
      expect(batch.length).toBeGreaterThan(0);
      expect(batch).toEqual([...new Set(batch)].sort());
    }
    expect([...new Set(batches.flat())].sort()).toEqual(['citations/library.yaml', 'corpus/memos/genocide.md', 'corpus/memos/new.md']);
  } finally {
    stop();
  }
});

test('a root given relative to the working folder: paths are still relative to the root', async () => {
  // `--root mycase`, run from the folder that holds it.
  const copy = await copyOf('corpus-basic');
  const workingFolder = process.cwd();
  process.chdir(path.dirname(copy));
  const root = path.basename(copy);
  let ready!: () => void;
  const watching = new Promise<void>((resolve) => (ready = resolve));
  let reported!: (changed: readonly string[]) => void;
  const first = new Promise<readonly string[]>((resolve) => (reported = resolve));
  const stop = watchCorpus(root, (changed) => reported(changed), { onReady: ready });
  try {
    await watching;
    await writeFile(path.join(root, 'corpus/memos/genocide.md'), '---\ntitle: Edited\n---\nx [@akayesu]\n');
    expect(await first).toEqual(['corpus/memos/genocide.md']);
  } finally {
    await stop();
    process.chdir(workingFolder);
  }
});
