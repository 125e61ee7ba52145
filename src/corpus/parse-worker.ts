/** A worker thread that parses record files and sends back what each gave (see parseBatch). */
import { parentPort } from 'node:worker_threads';
import type { RawFile } from './load.js';
import { parseBatch } from './parse.js';

parentPort?.on('message', (message: { files: RawFile[] }) => parentPort?.postMessage(parseBatch(message.files)));
