/** `dossier serve`: build the corpus once, then serve it until a signal asks to stop. */
import type { AddressInfo } from 'node:net';
import { buildCorpus } from '../pipeline.js';
import { createApp } from '../server/app.js';
import { diagnosticCounts } from '../corpus/serialize.js';
import { openSearchIndex } from '../search/index.js';
import { MutableSearchHandle } from '../server/search-handle.js';
import type { CliOutput } from './main.js';

export interface ServeOptions {
  readonly root: string;
  readonly port: number;
  readonly host: string;
  /** Where the search index is cached; null for none. */
  readonly cacheDir: string | null;
}

/** Serves until SIGINT or SIGTERM; requests in flight are finished before it resolves. */
export async function serve(options: ServeOptions, output: CliOutput): Promise<number> {
  const corpus = await buildCorpus(options.root);
  const counts = diagnosticCounts(corpus);
  const search = new MutableSearchHandle();
  const app = createApp({ corpus, search });
  const server = app.listen(options.port, options.host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  }).catch((error: NodeJS.ErrnoException) => {
    output.stderr(`dossier serve: cannot listen on ${options.host}:${options.port}: ${error.code ?? error.message}\n`);
    return Promise.reject(error);
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  output.stdout(
    `dossier: ${corpus.memos.size} memos, ${corpus.sources.size} sources; ${counts.errors} errors and ${counts.warnings} warnings (see /problems)\n`,
  );
  output.stdout(`dossier: serving ${corpus.root} at http://${host}:${port}/\n`);
  // The index is built (or loaded) while the server already answers; /search says so meanwhile.
  const started = Date.now();
  openSearchIndex(corpus, { cacheDir: options.cacheDir })
    .then(({ index, stats }) => {
      search.replace(index);
      output.stdout(
        `dossier: search index ready: ${stats.documents} records in ${stats.shards} shards (${stats.loaded} from cache, ${stats.built} built) in ${Date.now() - started} ms\n`,
      );
    })
    .catch((error: Error) => {
      search.fail(error.message);
      output.stderr(`dossier: the search index could not be built: ${error.message}\n`);
    });
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      output.stdout('dossier: stopping after the requests in flight\n');
      server.close(() => resolve());
      server.closeIdleConnections();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return 0;
}
