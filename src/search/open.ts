/**
 * Opening the search index of a corpus: plan the shards; keep every shard the previous index
 * already holds with the same contents; load every shard whose cache is valid; after a live edit,
 * index only the changed records of a shard in a delta beside its base; build the others (in
 * worker threads when there are several); save what was built, and drop cache files no shard
 * needs any more.
 */
import type { Corpus } from '../model/records.js';
import { searchDocuments, type SearchDocument, type SearchDocumentCache } from './documents.js';
import { buildShardIndex, planShards, type ShardPlan } from './shards.js';
import { deserialiseIndex, pruneCache, readCachedShard, writeCachedShard } from './persist.js';
import { buildShards, defaultWorkerCount } from './build.js';
import { corpusTexts, SearchIndex, type LoadedShard } from './search-index.js';

/** A shard with more changed records than this since its base was built is rebuilt whole. */
export const MAX_DELTA_RECORDS = 64;
/** Shards with fewer records than this are rebuilt whole at once: that costs less than a delta and its compaction. */
export const MIN_DELTA_SHARD = 500;

export interface OpenOptions {
  /** Where shard caches live; null keeps everything in memory. */
  readonly cacheDir: string | null;
  /** Worker threads for building; by default one per core when there are several shards. */
  readonly workers?: number;
  /** Documents per shard to aim at (see TARGET_SHARD_SIZE). */
  readonly shardSize?: number;
  /** The index of the previous generation: its unchanged shards are kept as they are. */
  readonly previous?: SearchIndex | null;
  /**
   * Index a shard's few changed records in a delta beside its previous base instead of rebuilding
   * it (live edits); `compact` later rebuilds such shards whole.
   */
  readonly deltas?: boolean;
  /** The smallest shard (in records) answered with a delta; smaller ones are rebuilt (MIN_DELTA_SHARD). */
  readonly minDeltaShard?: number;
  /** Hears how many shards are ready (read from the cache, kept or built) of all of them, for a progress bar. */
  readonly onProgress?: (done: number, total: number) => void;
  /** The documents of the previous generation's corpus, derived again only where an edit reached them (live edits). */
  readonly documents?: SearchDocumentCache;
}

export interface OpenStats {
  readonly shards: number;
  readonly loaded: number;
  readonly built: number;
  /** Shards kept from the previous index as they were. */
  readonly kept: number;
  /** Shards answered by their previous base and a delta of changed records. */
  readonly deltas: number;
  readonly documents: number;
}

function digestsOf(documents: readonly SearchDocument[]): Map<string, string> {
  return new Map(documents.map((document) => [document.ref, document.digest]));
}

/** The previous base of a shard with a delta of what changed since, or null when too much changed. */
function withDelta(base: LoadedShard, plan: ShardPlan): LoadedShard | null {
  const changed = plan.documents.filter((document) => base.digests.get(document.ref) !== document.digest);
  const present = new Set(plan.documents.map((document) => document.ref));
  const deleted = [...base.digests.keys()].filter((ref) => !present.has(ref));
  if (changed.length + deleted.length > MAX_DELTA_RECORDS) return null;
  return {
    ...base,
    key: plan.key,
    masked: new Set([...changed.map((document) => document.ref), ...deleted]),
    delta: changed.length === 0 ? null : buildShardIndex(changed),
  };
}

/** Opens (loading or building) the search index of a corpus. */
export async function openSearchIndex(corpus: Corpus, options: OpenOptions): Promise<{ index: SearchIndex; stats: OpenStats }> {
  const documents = options.documents?.documentsOf(corpus) ?? searchDocuments(corpus);
  const plans = planShards(documents, options.shardSize);
  const previous = options.previous?.shardsByName() ?? new Map<string, LoadedShard>();
  const shards: LoadedShard[] = [];
  const missing: ShardPlan[] = [];
  let kept = 0;
  let deltas = 0;
  for (const plan of plans) {
    const before = previous.get(plan.name);
    // A shard answered from a delta is kept as it is by live edits, and rebuilt by `compact`.
    if (before !== undefined && before.key === plan.key && (before.masked.size === 0 || options.deltas === true)) {
      shards.push(before);
      kept++;
      options.onProgress?.(shards.length, plans.length);
      continue;
    }
    const cached = options.cacheDir === null ? null : await readCachedShard(options.cacheDir, plan.key);
    if (cached !== null) {
      shards.push({ name: plan.name, key: plan.key, visibility: plan.visibility, index: cached.index, digests: digestsOf(plan.documents), masked: new Set(), delta: null, bytes: cached.bytes });
      options.onProgress?.(shards.length, plans.length);
      continue;
    }
    const worthADelta = options.deltas === true && before !== undefined && before.digests.size >= (options.minDeltaShard ?? MIN_DELTA_SHARD);
    const patched = worthADelta ? withDelta(before, plan) : null;
    if (patched !== null) {
      shards.push(patched);
      deltas++;
      options.onProgress?.(shards.length, plans.length);
    } else {
      missing.push(plan);
    }
  }
  const ready = shards.length;
  const built = await buildShards(missing, options.workers ?? defaultWorkerCount(missing.length), (done) => options.onProgress?.(ready + done, plans.length));
  for (const plan of missing) {
    const bytes = built.get(plan.key)!;
    shards.push({
      name: plan.name,
      key: plan.key,
      visibility: plan.visibility,
      index: deserialiseIndex(bytes),
      digests: digestsOf(plan.documents),
      masked: new Set(),
      delta: null,
      bytes,
    });
    if (options.cacheDir !== null) {
      // A cache that cannot be written costs the next start a rebuild, nothing more.
      await writeCachedShard(options.cacheDir, plan.key, bytes).catch(() => undefined);
    }
  }
  // Shards answered by a delta have no cache file of their own until they are compacted; the
  // files of their bases are kept meanwhile.
  if (options.cacheDir !== null && deltas === 0) await pruneCache(options.cacheDir, new Set(plans.map((plan) => plan.key)));
  const facets = new Map(documents.map((document) => [document.ref, { facets: document.facets, visibility: document.visibility }]));
  shards.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return {
    index: new SearchIndex(corpusTexts(corpus, new Map(documents.map((document) => [document.ref, document.fields]))), shards, facets),
    stats: { shards: plans.length, loaded: plans.length - missing.length - kept - deltas, built: missing.length, kept, deltas, documents: documents.length },
  };
}

/** Whether an index answers some shard from a delta, so that `compact` has work to do. */
export function hasDeltas(index: SearchIndex): boolean {
  return [...index.shardsByName().values()].some((shard) => shard.masked.size > 0);
}

/** The same index with every delta'd shard rebuilt whole (and cached); unchanged shards are kept. */
export async function compact(corpus: Corpus, index: SearchIndex, options: Omit<OpenOptions, 'previous' | 'deltas'>): Promise<SearchIndex> {
  return (await openSearchIndex(corpus, { ...options, previous: index, deltas: false })).index;
}
