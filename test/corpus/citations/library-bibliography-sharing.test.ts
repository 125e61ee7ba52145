/**
 * A static build's main thread takes the library's bibliography its render worker made
 * (sharedLibraryBibliography, sent as a message, adoptLibraryBibliography) instead of making it
 * again. The guard: a formatter that adopted it prints everything as one that made its own, in
 * every style and every fixture corpus; and it is really used (or refused once made).
 */
import { describe, expect, test } from '@jest/globals';
import { buildCorpus } from '../../../src/corpus/pipeline.js';
import { CitationFormatter, CITATION_STYLES, type LibraryBibliography } from '../../../src/corpus/citations/format.js';
import { fixture } from '../../helpers/server.js';
import { fixtureCorporaWithLibraries, printedBy } from '../../helpers/formatter-output.js';

describe('sharing the library bibliography between threads', () => {
  // Only the styles formatted against the library's bibliography have one to share; citeproc
  // formats the others (APA, Harvard, Vancouver) a document at a time.
  test('only the note styles have a library bibliography to share', async () => {
    const corpus = await buildCorpus(fixture('corpus-basic'), { workers: 0 });
    const sharing = CITATION_STYLES.filter((style) => new CitationFormatter(corpus.sources).sharedLibraryBibliography(style.id) !== undefined).map((style) => style.id);
    expect(sharing).toEqual(['oscola', 'chicago-notes']);
  });

  test.each([['oscola'], ['chicago-notes']])('%s: a formatter that adopts another\'s prints every fixture corpus as one that made its own', async (styleId) => {
    const corpora = await fixtureCorporaWithLibraries();
    expect(corpora.length).toBeGreaterThan(5);
    for (const [, corpus] of corpora) {
      // As a worker sends it: a structured clone.
      const shared = structuredClone(new CitationFormatter(corpus.sources).sharedLibraryBibliography(styleId));
      expect(shared).not.toBeUndefined();
      const adopting = new CitationFormatter(corpus.sources);
      adopting.adoptLibraryBibliography(styleId, shared!);
      expect(printedBy(corpus, adopting, styleId)).toEqual(printedBy(corpus, new CitationFormatter(corpus.sources), styleId));
    }
  });

  test('an adopted bibliography is the one used, and one offered after the formatter made its own is refused', async () => {
    const corpus = await buildCorpus(fixture('corpus-basic'), { workers: 0 });
    const keys = [...corpus.sources.keys()];
    const made = new CitationFormatter(corpus.sources).sharedLibraryBibliography('oscola') as LibraryBibliography;
    expect(made).not.toBeNull();
    const marked: LibraryBibliography = { ...made, entries: new Map([...made.entries].map(([key, html]) => [key, `MARKED ${html}`])) };

    const adopting = new CitationFormatter(corpus.sources);
    adopting.adoptLibraryBibliography('oscola', marked);
    expect(adopting.formatBibliography('oscola', keys).every((entry) => entry.startsWith('MARKED '))).toBe(true);

    const own = new CitationFormatter(corpus.sources);
    const before = own.formatBibliography('oscola', keys);
    own.adoptLibraryBibliography('oscola', marked);
    expect(own.formatBibliography('oscola', keys)).toEqual(before);
    expect(before.some((entry) => entry.startsWith('MARKED '))).toBe(false);
  });
});
