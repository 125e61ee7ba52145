/**
 * What a citation formatter prints of a corpus, for tests that compare two formatters (one that
 * adopted or took over another's work against a new one), and the fixture corpora that have a
 * library to print.
 */
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { buildCorpus } from '../../src/corpus/pipeline.js';
import type { CitationFormatter } from '../../src/corpus/citations/format.js';
import type { Corpus } from '../../src/model/records.js';
import { fixture } from './server.js';

/** Everything the exports and pages print with a formatter, in one fixed order. */
export function printedBy(corpus: Corpus, formatter: CitationFormatter, styleId: string): unknown[] {
  const out: unknown[] = [formatter.formatBibliography(styleId, [...corpus.sources.keys()])];
  for (const memo of corpus.memos.values()) {
    out.push(formatter.formatBibliography(styleId, memo.citations.flatMap((cluster) => cluster.items.map((item) => item.key))));
    const formatted = formatter.formatDocument(styleId, `memo:${memo.id}`, memo.citations);
    out.push(formatted.clusters, formatted.bibliography);
  }
  for (const key of corpus.sources.keys()) out.push(formatter.formatReference(styleId, key));
  return out;
}

/** Every fixture corpus with a citations/ folder, built, by name. */
export async function fixtureCorporaWithLibraries(): Promise<Array<[string, Corpus]>> {
  const names = (await readdir(fixture('.').replace(/\.\/?$/, ''))).filter((name) => existsSync(path.join(fixture(name), 'citations')));
  return Promise.all(names.map(async (name): Promise<[string, Corpus]> => [name, await buildCorpus(fixture(name), { workers: 0 })]));
}
