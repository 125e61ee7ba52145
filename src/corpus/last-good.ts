/**
 * Live editing: a file that no longer parses (broken YAML, a missing title…) is served as it last
 * parsed, and its problems are reported as rejected, until it is mended.
 */
import type { Diagnostic } from '../model/diagnostic.js';
import type { RawFile } from './load.js';
import type { ParseCache } from './parse.js';
import { parseCorpusFiles } from './parse-corpus.js';

/** The last text of each file that parsed without error, by path. Owned by the caller. */
export type LastGoodTexts = Map<string, string>;

/**
 * Replaces files that fail to parse with their last good text, where there is one. Files that
 * parse are remembered as good (their parse is taken from, or kept in, the cache when one is
 * given). Returns the files to build and the problems of those replaced.
 */
export function keepLastGood(files: readonly RawFile[], lastGood: LastGoodTexts, cache?: ParseCache): { files: RawFile[]; rejected: Diagnostic[] } {
  const rejected: Diagnostic[] = [];
  const present = new Set<string>();
  const kept = files.map((file) => {
    present.add(file.path);
    if (lastGood.get(file.path) === file.text) return file;
    const errors = parseCorpusFiles([file], cache).diagnostics.filter((d) => d.severity === 'error' && d.file === file.path);
    if (errors.length === 0) {
      lastGood.set(file.path, file.text);
      return file;
    }
    const previous = lastGood.get(file.path);
    if (previous === undefined) return file;
    rejected.push(...errors);
    return { ...file, text: previous };
  });
  for (const path of [...lastGood.keys()]) if (!present.has(path)) lastGood.delete(path);
  return { files: kept, rejected };
}
