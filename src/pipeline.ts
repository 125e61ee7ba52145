/**
 * The one place that knows the order of the stages: load → parse → validate → link.
 * Every stage is a function of its input; only `load` touches the file system.
 */
import type { Corpus } from './model/records.js';
import { loadCorpusFiles, type LoadedFiles } from './corpus/load.js';
import { parseCorpusFiles } from './corpus/parse.js';
import { validateCorpus } from './corpus/validate.js';
import { linkCorpus } from './corpus/link.js';
import { keepLastGood, type LastGoodTexts } from './corpus/last-good.js';
import type { Diagnostic } from './model/diagnostic.js';

/** Builds the linked corpus from files already in memory; used by tests and by `buildCorpus`. */
export function buildCorpusFromFiles(loaded: LoadedFiles): Corpus {
  const parsed = parseCorpusFiles(loaded.files);
  const validated = validateCorpus({ ...parsed, diagnostics: [...loaded.diagnostics, ...parsed.diagnostics] });
  return linkCorpus(validated, loaded.root);
}

/** Reads the corpus under root (its corpus/ and citations/ folders) and links it. */
export async function buildCorpus(root: string): Promise<Corpus> {
  return buildCorpusFromFiles(await loadCorpusFiles(root));
}

/**
 * Rebuilds the corpus for live editing: files that stopped parsing are built from their last good
 * text, and their problems are returned as `rejected` for the banner.
 */
export async function rebuildCorpus(root: string, lastGood: LastGoodTexts): Promise<{ corpus: Corpus; rejected: Diagnostic[] }> {
  const loaded = await loadCorpusFiles(root);
  const { files, rejected } = keepLastGood(loaded.files, lastGood);
  return { corpus: buildCorpusFromFiles({ ...loaded, files }), rejected };
}
