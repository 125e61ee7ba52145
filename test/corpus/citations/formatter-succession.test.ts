/**
 * A process that builds again after an edit (`build --watch`) makes each build's formatter by
 * taking over the last one's citeproc engines and library-wide work (CitationFormatter.succeeding).
 * The guards: a successor prints everything, in every style and fixture corpus, as a new formatter
 * does, even after its predecessor printed a whole corpus; it really takes the work over; and it
 * takes nothing from a formatter of other sources (a source retitled, a source fewer).
 */
import { describe, expect, test } from '@jest/globals';
import { buildCorpus } from '../../../src/corpus/pipeline.js';
import { CitationFormatter, CITATION_STYLES } from '../../../src/corpus/citations/format.js';
import type { CiteKey } from '../../../src/model/ids.js';
import type { Corpus, Source } from '../../../src/model/records.js';
import { fixture } from '../../helpers/server.js';
import { fixtureCorporaWithLibraries, printedBy } from '../../helpers/formatter-output.js';

describe('a formatter that succeeds another', () => {
  let corpora: Array<[string, Corpus]> | undefined;

  test.each(CITATION_STYLES.map((style) => [style.id]))('%s: prints every fixture corpus as a new formatter does, its predecessor having printed it all first (as that new formatter)', async (styleId) => {
    corpora ??= await fixtureCorporaWithLibraries();
    expect(corpora.length).toBeGreaterThan(5);
    for (const [name, corpus] of corpora) {
      // What a new formatter prints, having printed nothing before.
      const previous = new CitationFormatter(corpus.sources);
      const expected = printedBy(corpus, previous, styleId);
      const successor = CitationFormatter.succeeding(previous, corpus.sources);
      expect([name, printedBy(corpus, successor, styleId)]).toEqual([name, expected]);
    }
  });

  test('takes over the work of the same sources: the library bibliography its predecessor made is the one it uses', async () => {
    const corpus = await buildCorpus(fixture('corpus-basic'), { workers: 0 });
    const previous = new CitationFormatter(corpus.sources);
    const made = previous.sharedLibraryBibliography('oscola');
    expect(made).toBeTruthy();
    const successor = CitationFormatter.succeeding(previous, corpus.sources);
    expect(successor.sharedLibraryBibliography('oscola')).toBe(made);
  });

  test('takes over no document: a memo formatted again under the same id with other citations is formatted anew', async () => {
    const corpus = await buildCorpus(fixture('corpus-basic'), { workers: 0 });
    const memo = [...corpus.memos.values()].find((item) => item.citations.length > 1)!;
    const previous = new CitationFormatter(corpus.sources);
    const before = previous.formatDocument('oscola', `memo:${memo.id}`, memo.citations);
    const successor = CitationFormatter.succeeding(previous, corpus.sources);
    // The edited memo cites one source fewer: the same id, other clusters.
    const edited = memo.citations.slice(1);
    const after = successor.formatDocument('oscola', `memo:${memo.id}`, edited);
    expect(after).toEqual(new CitationFormatter(corpus.sources).formatDocument('oscola', `memo:${memo.id}`, edited));
    expect(after.clusters.length).toBe(before.clusters.length - 1);
  });

  test('takes nothing from a formatter of other sources: a source retitled, or one fewer, is printed as it is now', async () => {
    const corpus = await buildCorpus(fixture('corpus-basic'), { workers: 0 });
    const [firstKey, first] = [...corpus.sources][0]!;
    const retitled = new Map<CiteKey, Source>(corpus.sources);
    retitled.set(firstKey, { ...first, csl: { ...first.csl, title: 'Zyzzyva retitled' } });
    const fewer = new Map<CiteKey, Source>([...corpus.sources].slice(1));
    for (const [sources, expectTitle] of [[retitled, true], [fewer, false]] as const) {
      const previous = new CitationFormatter(corpus.sources);
      const made = previous.sharedLibraryBibliography('oscola');
      const successor = CitationFormatter.succeeding(previous, sources);
      expect(successor.sharedLibraryBibliography('oscola')).not.toBe(made);
      expect(successor.formatBibliography('oscola', [...sources.keys()]).join('\n').includes('Zyzzyva retitled')).toBe(expectTitle);
      expect(successor.formatBibliography('oscola', [...sources.keys()])).toEqual(new CitationFormatter(sources).formatBibliography('oscola', [...sources.keys()]));
    }
  });
});
