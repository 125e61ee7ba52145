/** A worker thread that writes a static site's whole search index (a build with no previous state to start from) while the pages are rendered. */
import { parentPort } from 'node:worker_threads';
import type { SearchDocument } from '../search/documents.js';
import { buildStaticSearchFiles, PreviousSearchFileUnreadable, type KeptSearchRows, type ShownDocument } from './search-shards.js';

parentPort?.once('message', (message: { documents: SearchDocument[]; shown: Map<string, ShownDocument>; expansions: Array<[string, string[]]>; keepRows: boolean }) => {
  try {
    // Every term's rows, sent back when the build that asked keeps them (a watching build's next edit starts from them).
    const keptRows: KeptSearchRows | undefined = message.keepRows ? new Map() : undefined;
    const built = buildStaticSearchFiles(
      message.documents,
      message.shown,
      message.expansions,
      null,
      (file) => {
        throw new PreviousSearchFileUnreadable(`a whole build reads no previous file (${file})`);
      },
      keptRows === undefined ? {} : { keptRows },
    );
    parentPort?.postMessage({ built, rows: keptRows });
  } catch (error) {
    parentPort?.postMessage({ error: (error as Error).message });
  }
});
