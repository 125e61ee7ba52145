/**
 * The parse cache on disk, so that a server started again on an unchanged corpus reads its
 * records instead of parsing every file. One file, written atomically, named by a digest of the
 * code that parses: after an upgrade the old file is simply not found (and removed). An entry is
 * used only for a file whose text is exactly the text it was parsed from, so the cache can be
 * stale or missing, never wrong; a file that cannot be read back is ignored.
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

const PREFIX = 'parsed-';
const SUFFIX = '.v8';

let codeDigest: string | undefined;

// The libraries whose behaviour decides what a parse gives: an upgrade of any of them is a new parser.
const PARSING_LIBRARIES = ['remark-parse', 'micromark', 'mdast-util-from-markdown', 'remark-gfm', 'remark-frontmatter', 'yaml', 'zod'];

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
  for (const folder of [here, path.join(here, '../syntax'), path.join(here, '../model')]) {
    for (const name of readdirSync(folder).sort()) {
      if (/\.(js|ts)$/.test(name)) hash.update(name).update(readFileSync(path.join(folder, name)));
    }
  }
  codeDigest = hash.digest('hex').slice(0, 16);
  return codeDigest;
}

function cacheFile(cacheDir: string): string {
  return path.join(cacheDir, `${PREFIX}${parserDigest()}${SUFFIX}`);
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
    (entry.parsed.record === null ? typeof entry.text === 'string' : typeof entry.parsed.record?.fileText === 'string')
  );
}

/** Reads the cache kept in cacheDir into `cache`; nothing when there is none that this code wrote. */
export async function readParseCache(cacheDir: string, cache = new ParseCache()): Promise<ParseCache> {
  await removeAbandonedTemporaryFiles(cacheDir);
  let entries: unknown;
  try {
    entries = deserialize(await readFile(cacheFile(cacheDir)));
  } catch {
    return cache;
  }
  if (!Array.isArray(entries)) return cache;
  const empty = cache.size === 0;
  for (const entry of entries) {
    if (!isStoredEntry(entry)) continue;
    const { record } = entry.parsed;
    const text = record === null ? entry.text! : record.fileText;
    // The objects were made by deserialize, for this cache alone: the body is put back in place.
    if (record !== null) (record as { body: string }).body = text.slice(record.bodyOffset);
    cache.set({ path: entry.path, kind: entry.kind, text }, entry.parsed);
  }
  if (empty) cache.saved();
  return cache;
}

/** Writes the cache to cacheDir (owner-only; write, then rename) and removes files older code wrote. */
export async function writeParseCache(cacheDir: string, cache: ParseCache): Promise<void> {
  const stored: StoredEntry[] = [];
  for (const { file, parsed: withTree } of cache.entries()) {
    // Kept body trees stay out: they made the file (and every server's start, which never renders
    // from them) a third larger; a build lends them to its render workers with their jobs.
    const { renderTree: _renderTree, ...parsed } = withTree;
    stored.push(
      parsed.record === null
        ? { path: file.path, kind: file.kind, text: file.text, parsed }
        : { path: file.path, kind: file.kind, parsed: { ...parsed, record: { ...parsed.record, body: '' } } },
    );
  }
  // The records hold internal text: the cache is the owner's alone, like the users file.
  const target = cacheFile(cacheDir);
  await writePrivateFile(target, serialize(stored));
  cache.saved();
  for (const name of await readdir(cacheDir)) {
    if (name.startsWith(PREFIX) && name.endsWith(SUFFIX) && name !== path.basename(target)) await rm(path.join(cacheDir, name), { force: true });
  }
}
