/**
 * The worker thread that holds a build's search index (see search-index.ts): it builds and writes
 * the search files while the main thread renders pages, keeps the state and rows for the next
 * build in the same process, and writes the state into the cache folder when asked.
 */
import { parentPort } from 'node:worker_threads';
import { HeldSearchIndex, type SearchWorkerMessage, type SearchWorkerReply } from './search-index.js';

const held = new HeldSearchIndex();
const reply = (message: SearchWorkerReply): void => parentPort?.postMessage(message);

async function take(message: SearchWorkerMessage): Promise<void> {
  try {
    if ('load' in message) reply({ loaded: await held.load(message.load) });
    else if ('build' in message) reply({ built: await held.build(message.build) });
    else {
      await held.writeState(message.writeState);
      reply({ stateWritten: true });
    }
  } catch (error) {
    reply({ error: (error as Error).message });
  }
}

// One message at a time, in the order sent: the main thread matches the replies to its messages in order.
let previous: Promise<void> = Promise.resolve();
parentPort?.on('message', (message: SearchWorkerMessage) => {
  previous = previous.then(() => take(message));
});
