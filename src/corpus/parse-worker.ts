/** A worker thread that parses record files and sends back what each gave. */
import { parentPort } from 'node:worker_threads';
import type { RawFile } from './load.js';
import { isRecordFile, parseRecordFile, withoutText, type ParsedFile } from './parse.js';

parentPort?.on('message', (message: { files: RawFile[] }) => {
  try {
    // A record's text and body are its file's text and a slice of it, which the main thread holds
    // already: they are left out (withoutText) and put back there (withText), instead of copied
    // twice more into the message and out of it.
    const parsed: Array<ParsedFile | null> = message.files.map((file) => (isRecordFile(file) ? withoutText(parseRecordFile(file)) : null));
    parentPort?.postMessage({ parsed });
  } catch (error) {
    parentPort?.postMessage({ error: (error as Error).message });
  }
});
