/**
 * A watching build's main thread takes over the citations its render worker rendered
 * (sharedRenderings, sent as a message, adoptRenderings), so that the first edit of a memo does not
 * render its citations with citeproc from scratch. The guards: a formatter that adopted them prints
 * everything as one that rendered its own, in every style and fixture corpus; the adopted renderings
 * are the ones used; and a formatter of other sources takes none.
 */
import { describe, expect, test } from '@jest/globals';
import { buildCorpus } from '../../../src/corpus/pipeline.js';
import { CitationFormatter, type SharedRenderings } from '../../../src/corpus/citations/format.js';
import type { CiteKey } from '../../../src/model/ids.js';
import type { Source } from '../../../src/model/records.js';
import { fixture } from '../../helpers/server.js';
import { fixtureCorporaWithLibraries, printedBy } from '../../helpers/formatter-output.js';

describe('sharing rendered citations between threads', () => {
  // Only the note styles are rendered a citation at a time (the others by citeproc a document at a time), so only they have renderings to share.
  test.each([['oscola'], ['chicago-notes']])('%s: a formatter that adopts another\'s renderings prints every fixture corpus as one that rendered its own', async (styleId) => {
    const corpora = await fixtureCorporaWithLibraries();
    expect(corpora.length).toBeGreaterThan(5);
    for (const [name, corpus] of corpora) {
      const worker = new CitationFormatter(corpus.sources);
      const expected = printedBy(corpus, worker, styleId);
      // As the worker sends them: a structured clone.
      const shared = structuredClone(worker.sharedRenderings(styleId)!);
      expect(shared.clusters.length + shared.templates.length).toBeGreaterThan(0);
      const adopting = new CitationFormatter(corpus.sources);
      adopting.adoptRenderings(styleId, shared);
      expect([name, printedBy(corpus, adopting, styleId)]).toEqual([name, expected]);
    }
  });

  test('the adopted renderings are the ones used, and a formatter of other sources takes none', async () => {
    const corpus = await buildCorpus(fixture('corpus-basic'), { workers: 0 });
    const memo = [...corpus.memos.values()].find((item) => item.citations.length > 1)!;
    const worker = new CitationFormatter(corpus.sources);
    const rendered = worker.formatDocument('oscola', `memo:${memo.id}`, memo.citations);
    const shared = worker.sharedRenderings('oscola')!;
    expect(shared.clusters.length + shared.templates.length).toBeGreaterThan(0);
    // Every rendering marked, so that a page printed from them shows it.
    const marked: SharedRenderings = {
      ...shared,
      clusters: shared.clusters.map(([key, html]) => [key, `MARKED ${html}`]),
      templates: shared.templates.map(([key, template]) => [key, template === null ? null : `MARKED ${template}`]),
    };
    const adopting = new CitationFormatter(corpus.sources);
    adopting.adoptRenderings('oscola', marked);
    const printed = adopting.formatDocument('oscola', `memo:${memo.id}`, memo.citations);
    expect(printed.clusters.filter((cluster) => cluster.html !== '').every((cluster) => cluster.html.startsWith('MARKED '))).toBe(true);
    expect(printed.clusters.map((cluster) => cluster.html.replace(/^MARKED /, ''))).toEqual(rendered.clusters.map((cluster) => cluster.html));

    const [firstKey, first] = [...corpus.sources][0]!;
    const retitled = new Map<CiteKey, Source>(corpus.sources);
    retitled.set(firstKey, { ...first, csl: { ...first.csl, title: 'Zyzzyva retitled' } });
    const other = new CitationFormatter(retitled);
    other.adoptRenderings('oscola', marked);
    const otherPrinted = other.formatDocument('oscola', `memo:${memo.id}`, memo.citations);
    expect(otherPrinted.clusters.some((cluster) => cluster.html.startsWith('MARKED '))).toBe(false);
  });
});
