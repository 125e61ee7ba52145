/**
 * The loader, the only stage that reads the file system: which file holds what, by its folder and
 * ending; what it cannot read is reported at the file and the rest is loaded.
 */
import { afterAll, describe, expect, test } from '@jest/globals';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { kindOfPath, loadCorpusFiles } from '../../src/corpus/load.js';

describe('what a path holds', () => {
  test.each([
    ['corpus/memos/genocide.md', 'memo'],
    ['corpus/memos/deep/er/genocide.md', 'memo'],
    ['corpus/memos/_defaults.yaml', 'defaults'],
    ['corpus/memos/internal/_defaults.yml', 'defaults'],
    ['corpus/statements/s.md', 'statement'],
    ['corpus/speakers/s.md', 'speaker'],
    ['corpus/events/e.md', 'event'],
    ['corpus/elements/genocide.yaml', 'element-set'],
    ['corpus/elements/genocide.yml', 'element-set'],
    ['corpus/topics.yaml', 'topics'],
    ['corpus/topics.yml', 'topics'],
    ['corpus/aliases.yaml', 'aliases'],
    ['citations/library.yaml', 'bibliography'],
    ['citations/cases.bib', 'bibliography'],
    ['citations/books.ris', 'bibliography'],
    ['citations/more.json', 'bibliography'],
    ['citations/texts/report.txt', 'archived-text'],
    ['citations/texts/report.md', 'archived-text'],
    ['citations/texts/_defaults.yaml', null],
    ['corpus/memos/notes.txt', null],
    ['corpus/memos.md', null],
    ['corpus/elements/genocide.json', null],
    ['README.md', null],
    ['src/pipeline.ts', null],
  ] as const)('%s: %s', (relative, kind) => {
    expect(kindOfPath(relative)).toBe(kind);
  });
});

describe('loading a folder', () => {
  const roots: string[] = [];
  afterAll(async () => {
    for (const root of roots) await rm(root, { recursive: true, force: true });
  });

  async function folderWith(files: Record<string, string>): Promise<string> {
    const root = await mkdtemp(path.join(os.tmpdir(), 'dossier-load-test-'));
    roots.push(root);
    for (const [relative, text] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(root, relative)), { recursive: true });
      await writeFile(path.join(root, relative), text);
    }
    return root;
  }

  test('every corpus file, sorted by path, with its kind and text; other files are not read', async () => {
    const root = await folderWith({
      'corpus/memos/b.md': 'B',
      'corpus/memos/a.md': 'A',
      'corpus/memos/.hidden.md': 'hidden',
      'corpus/topics.yaml': '[]',
      'citations/library.yaml': '[]',
      'notes/elsewhere.md': 'not ours',
    });
    const loaded = await loadCorpusFiles(root);
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.files.map((file) => [file.path, file.kind, file.text])).toEqual([
      ['citations/library.yaml', 'bibliography', '[]'],
      ['corpus/memos/a.md', 'memo', 'A'],
      ['corpus/memos/b.md', 'memo', 'B'],
      ['corpus/topics.yaml', 'topics', '[]'],
    ]);
  });

  test('a file the folder does not hold is named, with what the folder does hold', async () => {
    const root = await folderWith({ 'corpus/memos/a.md': 'A', 'corpus/memos/notes.docx': 'x', 'citations/texts/scan.pdf': 'x' });
    const loaded = await loadCorpusFiles(root);
    expect(loaded.files.map((file) => file.path)).toEqual(['corpus/memos/a.md']);
    expect(loaded.diagnostics.map((d) => [d.file, d.code, d.message]).sort()).toEqual([
      ['citations/texts/scan.pdf', 'unknown-file-type', 'not read: citations/texts/ holds archived texts (.txt or .md)'],
      ['corpus/memos/notes.docx', 'unknown-file-type', 'not read: corpus/memos/ holds Markdown files (.md)'],
    ]);
  });

  test.each([
    ['a root that does not exist', (root: string) => path.join(root, 'missing'), /^the corpus root .*missing does not exist$/],
    ['a root with no corpus in it', (root: string) => root, /^no corpus\/ or citations\/ folder under /],
  ])('%s is one diagnostic, not an exception', async (_case, rootOf, message) => {
    const root = rootOf(await folderWith({ 'other/file.md': 'x' }));
    const loaded = await loadCorpusFiles(root);
    expect(loaded.files).toEqual([]);
    expect(loaded.diagnostics).toEqual([expect.objectContaining({ file: '.', line: 1, column: 1, code: 'unreadable-file', message: expect.stringMatching(message) })]);
  });
});
