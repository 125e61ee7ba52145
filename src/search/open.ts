/**
 * Opening the search index of a corpus: plan the shards, load every shard whose cache is valid,
 * build the others (in worker threads when there are several), save what was built, and drop
 * cache files no shard needs any more.
 */
import type { Corpus } from '../model/records.js';
import { searchDocuments } from './documents.js';
import { planShards } from './shards.js';
import { deserialiseIndex, pruneCache, readCachedShard, writeCachedShard } from './persist.js';
import { buildShards, defaultWorkerCount } from './build.js';
import { SearchIndex, type LoadedShard } from './search-index.js';

export interface OpenOptions {
  /** Where shard caches live; null keeps everything in memory. */
  readonly cacheDir: string | null;
  /** Worker threads for building; by default one per core when there are several shards. */
  readonly workers?: number;
  /** Documents per shard to aim at (see TARGET_SHARD_SIZE). */
  readonly shardSize?: number;
}

export interface OpenStats {
  readonly shards: number;
  readonly loaded: number;
  readonly built: number;
  readonly documents: number;
}

/** Opens (loading or building) the search index of a corpus. */
export async function openSearchIndex(corpus: Corpus, options: OpenOptions): Promise<{ index: SearchIndex; stats: OpenStats }> {
  const documents = searchDocuments(corpus);
  const plans = planShards(documents, options.shardSize);
  const shards: LoadedShard[] = [];
  const missing = [];
  for (const plan of plans) {
    const cached = options.cacheDir === null ? null : await readCachedShard(options.cacheDir, plan.key);
    if (cached === null) missing.push(plan);
    else shards.push({ visibility: plan.visibility, index: cached });
  }
  const built = await buildShards(missing, options.workers ?? defaultWorkerCount(missing.length));
  for (const plan of missing) {
    const bytes = built.get(plan.key)!;
    shards.push({ visibility: plan.visibility, index: deserialiseIndex(bytes) });
    if (options.cacheDir !== null) {
      // A cache that cannot be written costs the next start a rebuild, nothing more.
      await writeCachedShard(options.cacheDir, plan.key, bytes).catch(() => undefined);
    }
  }
  if (options.cacheDir !== null) await pruneCache(options.cacheDir, new Set(plans.map((plan) => plan.key)));
  const facets = new Map(documents.map((document) => [document.ref, { facets: document.facets, visibility: document.visibility }]));
  return {
    index: new SearchIndex(corpus, shards, facets),
    stats: { shards: plans.length, loaded: plans.length - missing.length, built: missing.length, documents: documents.length },
  };
}
