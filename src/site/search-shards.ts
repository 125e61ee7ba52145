/**
 * The static site's search index, split so that a reader's browser fetches only what a query
 * needs: the Lunr index is cut by the first letters of its terms (a shard holds the terms that
 * begin with its key, with their postings and their weights in each record's field vector), and
 * what a result shows is cut into buckets by a hash of the record's reference. A manifest lists
 * the keys and the topic synonyms; the browser prepares the query with the server's modules
 * (src/search/client-search.ts), fetches the shards of its terms, builds a Lunr index from them,
 * runs the query, and then fetches the buckets of the results it shows.
 */

/** A Lunr index as `index.toJSON()` writes it. */
export interface SerialisedLunrIndex {
  readonly version: string;
  readonly fields: readonly string[];
  readonly fieldVectors: ReadonlyArray<readonly [string, readonly number[]]>;
  readonly invertedIndex: ReadonlyArray<readonly [string, { readonly _index: number } & Record<string, unknown>]>;
  readonly pipeline: readonly string[];
}

/** What a result shows. */
export interface ShownDocument {
  readonly type: string;
  readonly title: string;
  readonly href: string;
  readonly excerpt: string;
}

/** A shard is split further while it is larger than this (in characters of JSON). */
const TARGET_SHARD_CHARACTERS = 64 * 1024;
/** Keys stop growing here: a longer common prefix is rare, and the shard is kept whole. */
const LONGEST_KEY = 8;
/** Records per bucket of shown documents. */
const DOCUMENTS_PER_BUCKET = 256;

/** A 32-bit FNV-1a hash of a string's UTF-16 code units; static-search.js computes the same. */
export function bucketHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

export interface SplitSearchIndex {
  /** `search/manifest.json`: the Lunr version, fields and pipeline, the shard keys and the bucket count. */
  readonly manifest: object;
  /** File (relative to the site) → content. */
  readonly files: ReadonlyArray<readonly [string, string]>;
}

/** Splits a serialised Lunr index and the shown documents into the files of a static site's search; the topic synonyms (index word → synonyms' index words) go into the manifest. */
export function splitSearchIndex(
  index: SerialisedLunrIndex,
  documents: ReadonlyMap<string, ShownDocument>,
  expansions: ReadonlyArray<readonly [string, readonly string[]]> = [],
): SplitSearchIndex {
  const termOf = new Map<number, string>();
  const sizeOf = new Map<string, number>();
  const postingOf = new Map<string, object>();
  // The word numbers of each occurrence (static-index.ts), which only a phrase needs: kept apart, in
  // a file per shard that the browser fetches for phrase queries alone.
  const wordsOf = new Map<string, Record<string, Record<string, string>>>();
  for (const [term, posting] of index.invertedIndex) {
    termOf.set(posting._index, term);
    // Term positions serve snippets on the server; the browser shows an excerpt, so they are left out.
    const slim: Record<string, unknown> = { _index: posting._index };
    const words: Record<string, Record<string, string>> = {};
    for (const field of index.fields) {
      const refs = posting[field] as Record<string, { words?: string }> | undefined;
      if (refs === undefined) continue;
      slim[field] = Object.fromEntries(Object.keys(refs).map((ref) => [ref, {}]));
      for (const [ref, metadata] of Object.entries(refs)) if (metadata.words !== undefined) (words[field] ??= {})[ref] = metadata.words;
    }
    wordsOf.set(term, words);
    postingOf.set(term, slim);
    sizeOf.set(term, JSON.stringify(slim).length + term.length);
  }

  // Each term's weights in the field vectors travel with the term.
  const vectorsOf = new Map<string, Array<[string, number]>>();
  for (const [fieldRef, elements] of index.fieldVectors) {
    for (let at = 0; at < elements.length; at += 2) {
      const term = termOf.get(elements[at]!);
      if (term === undefined) continue;
      let list = vectorsOf.get(term);
      if (list === undefined) vectorsOf.set(term, (list = []));
      list.push([fieldRef, elements[at + 1]!]);
      sizeOf.set(term, sizeOf.get(term)! + fieldRef.length + 16);
    }
  }

  const keys: Array<{ key: string; terms: string[] }> = [];
  const partition = (prefix: string, terms: string[]): void => {
    const size = terms.reduce((total, term) => total + sizeOf.get(term)!, 0);
    if (size <= TARGET_SHARD_CHARACTERS || prefix.length >= LONGEST_KEY) {
      keys.push({ key: prefix, terms });
      return;
    }
    const exact = terms.filter((term) => term.length === prefix.length);
    if (exact.length > 0) keys.push({ key: prefix, terms: exact });
    const byNext = new Map<string, string[]>();
    for (const term of terms) {
      if (term.length === prefix.length) continue;
      const next = prefix + String.fromCodePoint(term.codePointAt(prefix.length)!);
      const group = byNext.get(next);
      if (group === undefined) byNext.set(next, [term]);
      else group.push(term);
    }
    for (const [next, group] of byNext) partition(next, group);
  };
  partition('', [...postingOf.keys()]);
  keys.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

  const files: Array<[string, string]> = [];
  keys.forEach(({ terms }, number) => {
    const vectors = new Map<string, number[]>();
    for (const term of terms) {
      const index = (postingOf.get(term) as { _index: number })._index;
      for (const [fieldRef, weight] of vectorsOf.get(term) ?? []) {
        let list = vectors.get(fieldRef);
        if (list === undefined) vectors.set(fieldRef, (list = []));
        list.push(index, weight);
      }
    }
    files.push([`search/terms-${number}.json`, JSON.stringify({ terms: terms.map((term) => [term, postingOf.get(term)]), vectors: [...vectors] })]);
    files.push([`search/words-${number}.json`, JSON.stringify(terms.map((term) => [term, wordsOf.get(term)]))]);
  });

  const bucketCount = Math.max(1, Math.ceil(documents.size / DOCUMENTS_PER_BUCKET));
  const buckets: Array<Record<string, ShownDocument>> = Array.from({ length: bucketCount }, () => ({}));
  for (const [ref, shown] of documents) buckets[bucketHash(ref) % bucketCount]![ref] = shown;
  buckets.forEach((bucket, number) => files.push([`search/documents-${number}.json`, JSON.stringify(bucket)]));

  const manifest = { format: 'dossier-static-search-1', version: index.version, fields: index.fields, pipeline: index.pipeline, keys: keys.map(({ key }) => key), buckets: bucketCount, records: documents.size, expansions };
  return { manifest, files };
}
