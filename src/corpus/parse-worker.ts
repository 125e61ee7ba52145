/** A worker thread that parses record files and sends back what each gave. */
import { parentPort } from 'node:worker_threads';
import type { RawFile } from './load.js';
import { isRecordFile, parseRecordFile, type ParsedFile } from './parse.js';

parentPort?.on('message', (message: { files: RawFile[] }) => {
  try {
    const parsed: Array<ParsedFile | null> = message.files.map((file) => (isRecordFile(file) ? parseRecordFile(file) : null));
    parentPort?.postMessage({ parsed });
  } catch (error) {
    parentPort?.postMessage({ error: (error as Error).message });
  }
});
