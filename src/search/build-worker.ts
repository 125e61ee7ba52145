/** A worker thread that builds one shard's index and sends it back serialised. */
import { parentPort } from 'node:worker_threads';
import type { SearchDocument } from './documents.js';
import { buildShardIndex } from './shards.js';
import { serialiseIndex } from './persist.js';

parentPort?.on('message', (message: { id: number; documents: SearchDocument[] }) => {
  try {
    const bytes = serialiseIndex(buildShardIndex(message.documents));
    parentPort?.postMessage({ id: message.id, bytes }, [bytes.buffer as ArrayBuffer]);
  } catch (error) {
    parentPort?.postMessage({ id: message.id, error: (error as Error).message });
  }
});
