/** An app over a fixture corpus, for supertest. */
import { fileURLToPath } from 'node:url';
import { buildCorpus } from '../../src/pipeline.js';
import { createApp, type AppOptions } from '../../src/server/app.js';

/** The path of a fixture corpus by name. */
export function fixture(name: string): string {
  return fileURLToPath(new URL(`../fixtures/${name}/`, import.meta.url));
}

/** createApp over a fixture corpus. */
export async function appFor(name: string, options: Partial<AppOptions> = {}) {
  const corpus = await buildCorpus(fixture(name));
  return createApp({ corpus, ...options });
}
