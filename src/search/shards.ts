/**
 * The index is split into shards: by visibility (so anonymous readers search an index that holds
 * no internal record at all), then by a hash of each record's reference. A record always falls
 * in the same shard, so editing, adding or deleting one file changes one shard's content key and
 * leaves every other shard's cache valid.
 */
import { createHash } from 'node:crypto';
import lunr from './lunr.js';
import type { Visibility } from '../model/records.js';
import { SEARCH_FIELDS, type SearchDocument } from './documents.js';
import { analysisFor } from './analysis.js';

/** Bump when the way documents are indexed changes, so that old caches are not reused. */
export const INDEX_FORMAT = 'dossier-search-3';

/** Documents per shard the plan aims at; shards are built in parallel and rebuilt one at a time. */
export const TARGET_SHARD_SIZE = 4000;

export interface ShardPlan {
  /** `public-0`, `internal-3`… */
  readonly name: string;
  readonly visibility: Visibility;
  /** The content key: the same documents give the same key, so a cache under it is valid. */
  readonly key: string;
  readonly documents: readonly SearchDocument[];
}

/**
 * Powers of two only: the number of shards changes when a corpus doubles or halves, not when a
 * file is added, so that adding one record invalidates one shard.
 */
function shardCount(documents: number, shardSize: number): number {
  let count = 1;
  while (count * shardSize < documents && count < 64) count *= 2;
  return count;
}

function bucketOf(ref: string, buckets: number): number {
  return createHash('md5').update(ref).digest().readUInt32BE(0) % buckets;
}

/** Splits documents into shards with content keys. */
export function planShards(documents: readonly SearchDocument[], shardSize: number = TARGET_SHARD_SIZE): ShardPlan[] {
  const plans: ShardPlan[] = [];
  for (const visibility of ['public', 'internal'] as const) {
    const own = documents.filter((document) => document.visibility === visibility);
    if (own.length === 0) continue;
    const buckets = shardCount(own.length, shardSize);
    const grouped: SearchDocument[][] = Array.from({ length: buckets }, () => []);
    for (const document of own) grouped[bucketOf(document.ref, buckets)]!.push(document);
    grouped.forEach((group, index) => {
      if (group.length === 0) return;
      group.sort((a, b) => (a.ref < b.ref ? -1 : 1));
      const hash = createHash('sha256').update(`${INDEX_FORMAT}\n${lunr.version}\n${visibility}/${buckets}/${index}\n`);
      for (const document of group) hash.update(`${document.ref}\u0000${document.digest}\n`);
      plans.push({ name: `${visibility}-${index}`, visibility, key: hash.digest('hex').slice(0, 32), documents: group });
    });
  }
  return plans;
}

/** Builds one shard's lunr index: fields with boosts, dossier's analysis (analysis.ts), term positions kept. */
export function buildShardIndex(documents: readonly SearchDocument[]): lunr.Index {
  const analysis = analysisFor(lunr);
  return lunr(function build() {
    analysis.configureBuilder(this);
    this.ref('ref');
    for (const field of SEARCH_FIELDS) this.field(field.name, { boost: field.boost });
    this.metadataWhitelist = ['position'];
    for (const document of documents) this.add({ ref: document.ref, ...document.fields });
  });
}
