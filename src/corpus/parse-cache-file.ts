/**
 * The parse cache on disk, so that a server started again on an unchanged corpus reads its
 * records instead of parsing every file. Its entries are spread over a fixed number of part files
 * by a hash of their path, each written atomically, so that an edit to one file rewrites one part
 * (a fiftieth of the cache), not the whole; the parts are named by a digest of the code that
 * parses: after an upgrade the old files are simply not found (and removed). An entry is used only
 * for a file whose text is exactly the text it was parsed from, so the cache can be stale or
 * missing, never wrong; a part that cannot be read back is ignored (its files are parsed again,
 * and the part written afresh).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import type { RawFile } from './load.js';
import { ParseCache, type ParsedFile } from './parse.js';
import { removeAbandonedTemporaryFiles, writePrivateFile } from './private-files.js';
import { MentionCache } from './authority-mentions.js';
import { nameBucket } from '../model/ids.js';
import type { Diagnostic } from '../model/diagnostic.js';

const PREFIX = 'parsed-';
const SUFFIX = '.v8';

let codeDigest: string | undefined;

// The libraries whose behaviour decides what a parse gives: an upgrade of any of them is a new parser.
const PARSING_LIBRARIES = ['remark-parse', 'micromark', 'mdast-util-from-markdown', 'remark-gfm', 'remark-frontmatter', 'yaml', 'zod', '@citation-js/core', '@citation-js/date', '@citation-js/name', '@citation-js/plugin-bibtex', '@citation-js/plugin-csl', '@citation-js/plugin-ris'];

/** The installed version of a package, or `?` when it cannot be found (the digest still changes
 * when it reappears). */
function installedVersion(name: string): string {
  // Found as Node finds it, up the folders from here: some of these packages do not export their
  // package.json, so require.resolve cannot be asked for it.
  for (let folder = fileURLToPath(new URL('.', import.meta.url)); ; folder = path.dirname(folder)) {
    try {
      const manifest = readFileSync(path.join(folder, 'node_modules', name, 'package.json'), 'utf8');
      return (JSON.parse(manifest) as { version?: string }).version ?? '?';
    } catch {
      if (path.dirname(folder) === folder) return '?';
    }
  }
}

/** The parsing libraries and their installed versions, as the parse cache's name depends on them. */
export function parsingLibraryVersions(): ReadonlyArray<readonly [string, string]> {
  return PARSING_LIBRARIES.map((name) => [name, installedVersion(name)] as const);
}

/** A digest of the parsing code (this folder, the model and the versions of the parsing
 * libraries), so a cache never outlives its parser. */
function parserDigest(): string {
  if (codeDigest !== undefined) return codeDigest;
  const hash = createHash('sha256');
  for (const [name, version] of parsingLibraryVersions()) hash.update(`${name}@${version}\n`);
  const here = fileURLToPath(new URL('.', import.meta.url));
  // citations/ reads the bibliography files, whose entries are cached too.
  for (const folder of [here, path.join(here, 'citations'), path.join(here, '../syntax'), path.join(here, '../model')]) {
    for (const name of readdirSync(folder).sort()) {
      if (/\.(js|ts)$/.test(name)) hash.update(name).update(readFileSync(path.join(folder, name)));
    }
  }
  codeDigest = hash.digest('hex').slice(0, 16);
  return codeDigest;
}

/** How many part files the cache is spread over: enough that one edit rewrites a small part, few enough to read quickly. */
export const PARSE_CACHE_PARTS = 64;
/** Parts written at the same time (libuv's file system threads are four by default). */
const PARTS_WRITTEN_AT_ONCE = 4;

/** The part file that holds a path's entry: a hash of the path (FNV-1a), so the same path always lands in the same part. */
export function parseCachePart(filePath: string): number {
  return nameBucket(filePath, PARSE_CACHE_PARTS);
}

function partFile(cacheDir: string, part: number): string {
  return path.join(cacheDir, `${PREFIX}${parserDigest()}-${String(part).padStart(2, '0')}${SUFFIX}`);
}

/** What is written per file: bodies are left out, being a slice of the file's text. */
interface StoredEntry {
  readonly path: string;
  readonly kind: RawFile['kind'];
  /** The text, only for a file that gave no record (a record carries its file's text). */
  readonly text?: string;
  readonly parsed: ParsedFile;
}

function isStoredEntry(value: unknown): value is StoredEntry {
  const entry = value as Partial<StoredEntry> | null;
  return (
    typeof entry === 'object' &&
    entry !== null &&
    typeof entry.path === 'string' &&
    typeof entry.kind === 'string' &&
    typeof entry.parsed === 'object' &&
    entry.parsed !== null &&
    Array.isArray(entry.parsed.diagnostics) &&
    (entry.parsed.renderTree === undefined || typeof entry.parsed.renderTree === 'string') &&
    (entry.parsed.library === undefined || (typeof entry.parsed.library === 'object' && entry.parsed.library !== null && Array.isArray(entry.parsed.library.entries) && Array.isArray(entry.parsed.library.diagnostics))) &&
    (entry.parsed.topics === undefined || Array.isArray(entry.parsed.topics)) &&
    (entry.parsed.record === null ? typeof entry.text === 'string' : typeof entry.parsed.record?.fileText === 'string')
  );
}

/** Reads the cache kept in cacheDir into `cache`; nothing when there is none that this code wrote. */
export async function readParseCache(cacheDir: string, cache = new ParseCache()): Promise<ParseCache> {
  await removeAbandonedTemporaryFiles(cacheDir);
  const empty = cache.size === 0;
  const parts = await Promise.all(Array.from({ length: PARSE_CACHE_PARTS }, (_, part) => readFile(partFile(cacheDir, part)).catch(() => null)));
  for (const [part, bytes] of parts.entries()) {
    if (bytes === null) continue;
    let entries: unknown;
    try {
      entries = deserialize(bytes);
    } catch {
      continue;
    }
    if (!Array.isArray(entries)) continue;
    for (const entry of entries) {
      // An entry in another part than its path's was not written by this code: it is left out.
      if (!isStoredEntry(entry) || parseCachePart(entry.path) !== part) continue;
      const { record } = entry.parsed;
      const text = record === null ? entry.text! : record.fileText;
      // The objects were made by deserialize, for this cache alone: the body is put back in place.
      if (record !== null) (record as { body: string }).body = text.slice(record.bodyOffset);
      cache.set({ path: entry.path, kind: entry.kind, text }, entry.parsed);
    }
  }
  if (empty) cache.saved();
  return cache;
}

/** What one entry is stored as: the body and the kept body tree left out. */
function storedEntry(file: RawFile, withTree: ParsedFile): StoredEntry {
  // Kept body trees stay out: they made the file (and every server's start, which never renders
  // from them) a third larger; a build lends them to its render workers with their jobs.
  const { renderTree: _renderTree, ...parsed } = withTree;
  return parsed.record === null
    ? { path: file.path, kind: file.kind, text: file.text, parsed }
    : { path: file.path, kind: file.kind, parsed: { ...parsed, record: { ...parsed.record, body: '' } } };
}

/**
 * Writes to cacheDir the parts that hold entries changed since the cache was last read or written
 * (owner-only; write, then rename), and removes files older code wrote.
 */
export async function writeParseCache(cacheDir: string, cache: ParseCache): Promise<void> {
  const parts = new Set([...cache.unsavedPaths].map(parseCachePart));
  // A part that is not on disk (removed, or never written) is written too, so a cache read back is whole.
  const present = new Set(await readdir(cacheDir).catch(() => [] as string[]));
  for (let part = 0; part < PARSE_CACHE_PARTS; part++) if (!present.has(path.basename(partFile(cacheDir, part)))) parts.add(part);
  const stored = new Map<number, StoredEntry[]>([...parts].map((part) => [part, []]));
  for (const { file, parsed } of cache.entries()) stored.get(parseCachePart(file.path))?.push(storedEntry(file, parsed));
  // The records hold internal text: the cache is the owner's alone, like the users file.
  // A few at a time: one after another, a cold build's 64 parts kept its render worker waiting for
  // them; all at once, every part's bytes were held together (hundreds of MB at 10,000 memos).
  const queue = [...stored];
  const writer = async (): Promise<void> => {
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) await writePrivateFile(partFile(cacheDir, next[0]), serialize(next[1]));
  };
  await Promise.all(Array.from({ length: PARTS_WRITTEN_AT_ONCE }, writer));
  cache.saved();
  const current = new Set(Array.from({ length: PARSE_CACHE_PARTS }, (_, part) => path.basename(partFile(cacheDir, part))));
  for (const name of await readdir(cacheDir)) {
    if (name.startsWith(PREFIX) && name.endsWith(SUFFIX) && !current.has(name)) await rm(path.join(cacheDir, name), { force: true });
  }
}

const MENTIONS_PREFIX = 'mentions-';
let mentionsCodeDigest: string | undefined;

/** The mentions cache's file, named by the parsing code and the detector's code (src/detect), so it never outlives either. */
function mentionsFile(cacheDir: string): string {
  if (mentionsCodeDigest === undefined) {
    const hash = createHash('sha256').update(parserDigest());
    const folder = path.join(fileURLToPath(new URL('.', import.meta.url)), '../detect');
    for (const name of readdirSync(folder).sort()) if (/\.(js|ts)$/.test(name)) hash.update(name).update(readFileSync(path.join(folder, name)));
    mentionsCodeDigest = hash.digest('hex').slice(0, 16);
  }
  return path.join(cacheDir, `${MENTIONS_PREFIX}${mentionsCodeDigest}${SUFFIX}`);
}

function isDiagnostic(value: unknown): value is Diagnostic {
  const found = value as Partial<Diagnostic> | null;
  return typeof found === 'object' && found !== null && typeof found.file === 'string' && typeof found.line === 'number' && typeof found.column === 'number' && typeof found.code === 'string' && typeof found.message === 'string' && (found.severity === 'error' || found.severity === 'warning' || found.severity === 'info');
}

/** The problems mentions gave in each memo at the last build (an empty cache when there is none this code wrote, or it cannot be read). */
export async function readMentionCache(cacheDir: string): Promise<MentionCache> {
  const entries = new Map<string, readonly Diagnostic[]>();
  try {
    const stored: unknown = deserialize(await readFile(mentionsFile(cacheDir)));
    if (Array.isArray(stored)) {
      for (const entry of stored) {
        if (Array.isArray(entry) && entry.length === 2 && typeof entry[0] === 'string' && Array.isArray(entry[1]) && entry[1].every(isDiagnostic)) entries.set(entry[0], entry[1] as Diagnostic[]);
      }
    }
  } catch {
    // None, or unreadable: every memo is read again.
  }
  return new MentionCache(entries);
}

/** Writes the mentions this build used (owner-only: internal memos' problems are in it), and removes files older code wrote. */
export async function writeMentionCache(cacheDir: string, mentions: MentionCache): Promise<void> {
  const target = mentionsFile(cacheDir);
  await writePrivateFile(target, serialize(mentions.entries()));
  for (const name of await readdir(cacheDir)) {
    if (name.startsWith(MENTIONS_PREFIX) && name.endsWith(SUFFIX) && name !== path.basename(target)) await rm(path.join(cacheDir, name), { force: true });
  }
}
