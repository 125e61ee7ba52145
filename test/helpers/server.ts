/** An app over a fixture corpus, with its search index, for supertest. */
import { fileURLToPath } from 'node:url';
import { buildCorpus } from '../../src/corpus/pipeline.js';
import { createApp, type AppOptions } from '../../src/server/app.js';
import { openSearchIndex } from '../../src/search/index.js';
import { MutableSearchHandle } from '../../src/server/search-handle.js';
import { recordPath } from '../../src/access/index.js';
import type { Corpus, RecordRef } from '../../src/model/records.js';

/** The path of a fixture corpus by name. */
export function fixture(name: string): string {
  return fileURLToPath(new URL(`../fixtures/${name}/`, import.meta.url));
}

/** createApp over a fixture corpus, its search index built in memory. */
export async function appFor(name: string, options: Partial<AppOptions> = {}) {
  const corpus = await buildCorpus(fixture(name));
  const { index } = await openSearchIndex(corpus, { cacheDir: null, workers: 0 });
  return createApp({ corpus, search: new MutableSearchHandle(index), ...options });
}

/** Every page a reader can reach in a corpus: the lists, the problems, the graph, a search for `query`, the selection, and each record's page. */
export function everyPagePath(corpus: Corpus, query: string): string[] {
  const refs: RecordRef[] = [
    ...[...corpus.memos.keys()].map((id) => ({ type: 'memo', id }) as RecordRef),
    ...[...corpus.statements.keys()].map((id) => ({ type: 'statement', id }) as RecordRef),
    ...[...corpus.speakers.keys()].map((id) => ({ type: 'speaker', id }) as RecordRef),
    ...[...corpus.events.keys()].map((id) => ({ type: 'event', id }) as RecordRef),
    ...[...corpus.topics.keys()].map((id) => ({ type: 'topic', id }) as RecordRef),
    ...[...corpus.sources.keys()].map((id) => ({ type: 'source', id }) as RecordRef),
  ];
  return ['/', '/memos', '/sources', '/statements', '/speakers', '/events', '/topics', '/problems', '/graph', `/search?q=${encodeURIComponent(query)}`, '/basket', ...refs.map(recordPath)];
}

/** The CSRF token a page's form carries (the first on the page); throws when the page has none. */
export function csrfToken(html: string): string {
  const found = /name="_csrf" value="([^"]+)"/.exec(html);
  if (found === null) throw new Error('the page has no form with a CSRF token');
  return found[1]!;
}
