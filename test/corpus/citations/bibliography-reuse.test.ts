/**
 * A source's bibliography entry is kept and reused in the styles whose entries stand alone. The
 * guard: every document of every fixture corpus and of a generated corpus, formatted in every
 * style by a formatter that reuses entries and by one that asks citeproc every time, in the same
 * order, comes out the same — notes, in-text citations and bibliographies alike.
 */
import { afterAll, describe, expect, test } from '@jest/globals';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildCorpus } from '../../../src/corpus/pipeline.js';
import { CitationFormatter, CITATION_STYLES, entriesStandAlone } from '../../../src/corpus/citations/format.js';
import type { Corpus } from '../../../src/model/records.js';
import { generateCorpus } from '../../../src/bench/generate.js';
import { fixture } from '../../helpers/server.js';

const folders: string[] = [];
afterAll(async () => {
  await Promise.all(folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
});

/** Everything a formatter prints for a corpus in one style, in one fixed order. */
function everythingFormatted(corpus: Corpus, formatter: CitationFormatter, styleId: string): unknown[] {
  const printed: unknown[] = [];
  const documents = [...corpus.memos.values(), ...corpus.statements.values()];
  for (const document of documents) {
    const formatted = formatter.formatDocument(styleId, `${document.type}:${document.id}`, document.citations);
    printed.push(document.id, formatted.clusters, formatted.bibliography);
  }
  for (const key of corpus.sources.keys()) printed.push(formatter.formatReference(styleId, key));
  // A memo's bibliography again after the whole library's: what was kept then is reused.
  for (const memo of corpus.memos.values()) printed.push(formatter.formatBibliography(styleId, memo.citations.flatMap((cluster) => cluster.items.map((item) => item.key))));
  return printed;
}

async function fixtureCorpora(): Promise<Array<[string, Corpus]>> {
  const names = (await readdir(fixture('.').replace(/\.\/?$/, ''))).filter((name) => existsSync(path.join(fixture(name), 'citations')));
  return Promise.all(names.map(async (name): Promise<[string, Corpus]> => [name, await buildCorpus(fixture(name), { workers: 0 })]));
}

describe('reusing bibliography entries', () => {
  test('only in our note styles, whose entries do not depend on the other entries (no disambiguation, numbers or author dashes)', () => {
    const standAlone = CITATION_STYLES.filter(entriesStandAlone).map((style) => style.id);
    expect(standAlone).toEqual(['oscola', 'chicago-notes']);
  });

  // The other styles never reuse an entry (the test above); the generated corpus below checks them too.
  test('prints every fixture corpus the same in the styles that reuse entries as asking citeproc every time', async () => {
    const corpora = await fixtureCorpora();
    expect(corpora.length).toBeGreaterThan(5);
    for (const [, corpus] of corpora) {
      for (const style of CITATION_STYLES.filter(entriesStandAlone)) {
        const reused = everythingFormatted(corpus, new CitationFormatter(corpus.sources), style.id);
        const fresh = everythingFormatted(corpus, new CitationFormatter(corpus.sources, { reuseBibliographyEntries: false }), style.id);
        expect(reused).toEqual(fresh);
      }
    }
  });

  test('prints a generated corpus, whose memos cite the same sources many times, the same in every style as asking citeproc every time', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'dossier-bibliography-reuse-'));
    folders.push(root);
    await generateCorpus(root, { memos: 8, statementsPerMemo: 1, wordsPerMemo: 300 });
    const corpus = await buildCorpus(root, { workers: 0 });
    // Sources are cited by more than one memo, so entries are reused across documents.
    const memosCiting = new Map<string, number>();
    for (const memo of corpus.memos.values()) for (const key of new Set(memo.citations.flatMap((cluster) => cluster.items.map((item) => item.key)))) memosCiting.set(key, (memosCiting.get(key) ?? 0) + 1);
    expect([...memosCiting.values()].filter((count) => count > 1).length).toBeGreaterThan(5);
    for (const style of CITATION_STYLES) {
      const reused = everythingFormatted(corpus, new CitationFormatter(corpus.sources), style.id);
      const fresh = everythingFormatted(corpus, new CitationFormatter(corpus.sources, { reuseBibliographyEntries: false }), style.id);
      expect(reused).toEqual(fresh);
    }
  });
});
