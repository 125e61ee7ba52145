/** An app over a fixture corpus, with its search index, for supertest. */
import { fileURLToPath } from 'node:url';
import { buildCorpus } from '../../src/corpus/pipeline.js';
import { createApp, type AppOptions } from '../../src/server/app.js';
import { openSearchIndex } from '../../src/search/index.js';
import { MutableSearchHandle } from '../../src/server/search-handle.js';

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
