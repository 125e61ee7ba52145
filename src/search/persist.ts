/**
 * The search cache on disk: one gzipped file per shard, named by the shard's content key. A file
 * that is missing, unreadable or corrupt is simply not used — the shard is rebuilt — and files no
 * current shard needs are removed.
 */
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import lunr from './lunr.js';
import { removeAbandonedTemporaryFiles, writePrivateFile } from '../corpus/private-files.js';
import { analysisFor } from './analysis.js';

const SUFFIX = '.lunr.json.gz';

function fileOf(cacheDir: string, key: string): string {
  return path.join(cacheDir, `${key}${SUFFIX}`);
}

/**
 * Term positions, as the index keeps them once loaded: `start,length;` for each occurrence. Lunr
 * passes metadata through untouched (copying it with `slice`, joining it with `concat`, both of
 * which a string has), and positions as arrays of pairs were most of the index: of its size on
 * disk, of the time to parse it, of its memory, and of the garbage every query left.
 */
export type EncodedPositions = string;

export function encodePositions(positions: ReadonlyArray<readonly [number, number]>): EncodedPositions {
  let encoded = '';
  for (const [start, length] of positions) encoded += `${start},${length};`;
  return encoded;
}

/** Positions from either form (a delta built in memory keeps Lunr's arrays), sorted, without repeats. */
export function decodePositions(value: EncodedPositions | ReadonlyArray<readonly [number, number]> | undefined): Array<[number, number]> {
  if (value === undefined) return [];
  const pairs: Array<[number, number]> = [];
  if (typeof value === 'string') {
    for (const item of value.split(';')) {
      const comma = item.indexOf(',');
      if (comma > 0) pairs.push([Number(item.slice(0, comma)), Number(item.slice(comma + 1))]);
    }
  } else {
    for (const [start, length] of value) pairs.push([start, length]);
  }
  pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return pairs.filter((pair, index) => index === 0 || pair[0] !== pairs[index - 1]![0] || pair[1] !== pairs[index - 1]![1]);
}

/**
 * Positions as one flat list, `[start, length, start, length, …]`, sorted, without repeats: what
 * decodePositions gives, without an array per occurrence. Phrase checks read the positions of
 * every candidate a phrase's words reach, and the pairs were most of the garbage they left.
 */
export function flatPositions(value: EncodedPositions | ReadonlyArray<readonly [number, number]> | undefined): Int32Array {
  if (value === undefined) return new Int32Array(0);
  if (typeof value !== 'string') return new Int32Array(decodePositions(value).flat());
  let count = 0;
  for (let at = 0; at < value.length; at++) if (value.charCodeAt(at) === 59) count++;
  const flat = new Int32Array(count * 2);
  let filled = 0;
  let number = 0;
  let digits = 0;
  let ordered = true;
  for (let at = 0; at < value.length; at++) {
    const code = value.charCodeAt(at);
    if (code >= 48 && code <= 57) {
      number = number * 10 + (code - 48);
      digits++;
      continue;
    }
    // Anything but `start,length;` (never written by encodePositions) is read the slow, forgiving way.
    if (digits === 0 || (code === 44) !== (filled % 2 === 0) || (code !== 44 && code !== 59)) return new Int32Array(decodePositions(value).flat());
    flat[filled++] = number;
    if (code === 59 && filled > 2) {
      const previousStart = flat[filled - 4]!;
      const previousLength = flat[filled - 3]!;
      if (flat[filled - 2]! < previousStart || (flat[filled - 2] === previousStart && number <= previousLength)) ordered = false;
    }
    number = 0;
    digits = 0;
  }
  if (digits !== 0 || filled !== count * 2) return new Int32Array(decodePositions(value).flat());
  // Lunr writes a field's occurrences in order; identifier words (added after the words) and a
  // lemma's twin token can break the order or repeat a pair: those take the sorting path.
  return ordered ? flat : new Int32Array(decodePositions(value).flat());
}

/** The serialised form of an index, compressed, with positions encoded. */
export function serialiseIndex(index: lunr.Index): Buffer {
  const json = JSON.stringify(index, (key, value: unknown) => (key === 'position' && Array.isArray(value) ? encodePositions(value as Array<[number, number]>) : value));
  return gzipSync(json, { level: 6 });
}

/** An index from its serialised form; throws on anything corrupt. */
export function deserialiseIndex(bytes: Buffer): lunr.Index {
  // The index names dossier's pipeline functions; they must be registered before it loads.
  analysisFor(lunr);
  return lunr.Index.load(JSON.parse(gunzipSync(bytes).toString('utf8')));
}

/** The cached index for a key (with its bytes), or null when there is none or it cannot be read. */
export async function readCachedShard(cacheDir: string, key: string): Promise<{ index: lunr.Index; bytes: Buffer } | null> {
  let bytes: Buffer;
  try {
    bytes = await readFile(fileOf(cacheDir, key));
  } catch {
    return null;
  }
  try {
    return { index: deserialiseIndex(bytes), bytes };
  } catch {
    await rm(fileOf(cacheDir, key), { force: true });
    return null;
  }
}

/**
 * Writes a shard's cache atomically (write, then rename), so a crash never leaves half a file,
 * and owner-only: an internal shard holds internal text.
 */
export async function writeCachedShard(cacheDir: string, key: string, bytes: Buffer): Promise<void> {
  await writePrivateFile(fileOf(cacheDir, key), bytes);
}

/** Removes cached shards whose keys are not in use any more, and temporary files of writers that died. */
export async function pruneCache(cacheDir: string, keep: ReadonlySet<string>): Promise<void> {
  await removeAbandonedTemporaryFiles(cacheDir);
  let names: string[];
  try {
    names = await readdir(cacheDir);
  } catch {
    return;
  }
  await Promise.all(
    names
      .filter((name) => name.endsWith(SUFFIX) && !keep.has(name.slice(0, -SUFFIX.length)))
      .map((name) => rm(path.join(cacheDir, name), { force: true })),
  );
}
