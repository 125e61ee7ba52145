/** A worker thread that writes a static site's whole search index (a build with no previous state to start from) while the pages are rendered. */
import { parentPort } from 'node:worker_threads';
import type { SearchDocument } from '../search/documents.js';
import { buildStaticSearchFiles, PreviousSearchFileUnreadable, type ShownDocument } from './search-shards.js';

parentPort?.once('message', (message: { documents: SearchDocument[]; shown: Map<string, ShownDocument>; expansions: Array<[string, string[]]> }) => {
  try {
    const built = buildStaticSearchFiles(message.documents, message.shown, message.expansions, null, (file) => {
      throw new PreviousSearchFileUnreadable(`a whole build reads no previous file (${file})`);
    });
    parentPort?.postMessage({ built });
  } catch (error) {
    parentPort?.postMessage({ error: (error as Error).message });
  }
});
