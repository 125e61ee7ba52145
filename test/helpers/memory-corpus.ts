/** Builds a corpus from files given in memory, classified exactly as the loader classifies them. */
import { kindOfPath, type RawFile } from '../../src/corpus/load.js';
import { buildCorpusFromFiles } from '../../src/corpus/pipeline.js';
import type { Corpus } from '../../src/model/records.js';
import type { ParseCache } from '../../src/corpus/parse.js';

/** A corpus from `{ 'corpus/memos/a.md': '…', … }`; with `cache`, files parsed before are taken from it (as the same records). */
export function corpusOf(files: Record<string, string>, cache?: ParseCache): Corpus {
  const raw: RawFile[] = Object.entries(files).map(([path, text]) => {
    const kind = kindOfPath(path);
    if (kind === null) throw new TypeError(`${path} is not a corpus file path`);
    return { path, kind, text };
  });
  raw.sort((a, b) => (a.path < b.path ? -1 : 1));
  return buildCorpusFromFiles({ root: '/memory', files: raw, diagnostics: [] }, cache);
}

/** A minimal valid memo with the given body. */
export function memo(body: string, frontmatter = 'title: A memo'): string {
  return `---\n${frontmatter}\n---\n${body}\n`;
}
