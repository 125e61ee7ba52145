/**
 * A search index rebuilt from its snapshot, in a query worker: the shards from their serialised
 * bytes, the field texts and facet labels from the snapshot's tables instead of the corpus.
 */
import { deserialiseIndex } from './persist.js';
import { SearchIndex, type LoadedShard, type SearchSnapshot } from './search-index.js';

/** The index a snapshot describes; it answers every query as the original does. */
export function indexFromSnapshot(snapshot: SearchSnapshot): SearchIndex {
  const fields = new Map(snapshot.fields);
  const labels = new Map(snapshot.labels);
  const shards: LoadedShard[] = snapshot.shards.map((shard) => ({
    name: shard.name,
    key: shard.key,
    visibility: shard.visibility,
    index: deserialiseIndex(Buffer.from(shard.bytes)),
    digests: new Map(),
    masked: new Set(shard.masked),
    delta: shard.delta === null ? null : deserialiseIndex(Buffer.from(shard.delta)),
  }));
  return new SearchIndex(
    { fields: (ref) => fields.get(ref) ?? null, label: (facet, value) => labels.get(`${facet}:${value}`), expansions: new Map(snapshot.expansions) },
    shards,
    new Map(snapshot.facets),
  );
}
