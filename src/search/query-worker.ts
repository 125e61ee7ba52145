/**
 * A worker thread that answers searches: the server sends it a snapshot of each new index, then
 * queries one at a time. The server stops (terminates) it when a query runs past its deadline,
 * so no query can hold the server's own thread.
 */
import { parentPort } from 'node:worker_threads';
import { deserialize } from 'node:v8';
import { QueryError } from './query.js';
import type { SearchIndex, SearchRequest, SearchSnapshot } from './search-index.js';
import { indexFromSnapshot } from './snapshot.js';

/** A message to the worker. */
export type QueryWorkerRequest =
  | { readonly id: number; readonly kind: 'load'; readonly snapshot: SearchSnapshot }
  /** The snapshot serialised once by the server (v8.serialize), deserialised here, off the server's thread. */
  | { readonly id: number; readonly kind: 'load-serialised'; readonly bytes: Uint8Array }
  | { readonly id: number; readonly kind: 'search'; readonly request: SearchRequest };

let index: SearchIndex | null = null;

parentPort?.on('message', (message: QueryWorkerRequest) => {
  try {
    if (message.kind === 'load' || message.kind === 'load-serialised') {
      // The index it replaces is let go first: messages are taken one at a time, so no search can
      // need it meanwhile, and a worker holding both while it builds the new one (at 10,000 memos,
      // a gigabyte or more) loaded far more slowly. A load that fails leaves no index: searches
      // are then answered "no index loaded" rather than from an index the server has replaced.
      index = null;
      index = indexFromSnapshot(message.kind === 'load' ? message.snapshot : (deserialize(message.bytes) as SearchSnapshot));
      parentPort?.postMessage({ id: message.id, loaded: true });
    } else if (index === null) {
      parentPort?.postMessage({ id: message.id, error: 'no index loaded' });
    } else {
      parentPort?.postMessage({ id: message.id, result: index.search(message.request) });
    }
  } catch (error) {
    if (error instanceof QueryError) parentPort?.postMessage({ id: message.id, queryError: { message: error.message, start: error.start, end: error.end } });
    else parentPort?.postMessage({ id: message.id, error: (error as Error).message });
  }
});
