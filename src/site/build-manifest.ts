/**
 * The record of a static build, for the next build into the same folder: for every file it wrote,
 * either the questions its page asked of the corpus (pages and exports, see page-dependencies.ts;
 * the digest of every question's answer is kept once, beside the questions) or a hash of its
 * content (everything else). It names internal records
 * (a page asks whether a hidden record may be shown), so it is kept in the corpus's cache folder,
 * never in the site, and in a private file. It belongs to one build of one folder: the site's
 * marker carries the same build id, so a site replaced by anything else is built whole again.
 */
import { createHash, randomUUID } from 'node:crypto';
import { lstat, readdir, readFile, realpath, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import { makePrivateFolder, writePrivateFile } from '../corpus/private-files.js';
import type { DependencyKey } from './page-dependencies.js';
import { STATIC_SEARCH_FORMAT, type StaticSearchState } from './search-shards.js';

/** What one file of the site was made from. */
export type FileOrigin =
  /** A page or an export: the questions it asked (indices into `keys`, whose answers' digests are `keyDigests`). */
  | { readonly asked: readonly number[] }
  /** Anything else: a hash of its content. */
  | { readonly content: string };

/** The manifest of one build. */
export interface SiteManifest {
  readonly format: typeof MANIFEST_FORMAT;
  readonly buildId: string;
  readonly style: string;
  readonly global: string;
  readonly keys: readonly DependencyKey[];
  /** The digest of each question's answer at this build, in the order of `keys`. */
  readonly keyDigests: readonly string[];
  readonly files: Readonly<Record<string, FileOrigin>>;
  /** The digest of each record's node in the citation graph (ReaderGraph.nodeDigests), which says whose neighbourhood file may have changed. */
  readonly graphNodes?: Readonly<Record<string, string>>;
}

// 2: one digest per question, not per file (a manifest of 1 is not read: that site is built whole).
export const MANIFEST_FORMAT = 'dossier-site-manifest-2';

/** A new build's id, written into the site's marker and its manifest. */
export function newBuildId(): string {
  return randomUUID();
}

/** Where the manifest of the site at `out` is kept, in the cache folder. */
export async function manifestFile(cacheDir: string, out: string): Promise<string> {
  let real = path.resolve(out);
  try {
    real = await realpath(out);
  } catch {
    // Not there yet: its resolved path names it.
  }
  return path.join(cacheDir, 'site', `${createHash('sha1').update(real).digest('hex').slice(0, 20)}.json`);
}

/** The manifest in a file, or null when there is none or it cannot be read (the site is then built whole). */
export async function readManifest(file: string): Promise<SiteManifest | null> {
  try {
    const manifest = JSON.parse(await readFile(file, 'utf8')) as SiteManifest;
    return manifest.format === MANIFEST_FORMAT && typeof manifest.buildId === 'string' && Array.isArray(manifest.keys) && Array.isArray(manifest.keyDigests) && manifest.keyDigests.length === manifest.keys.length ? manifest : null;
  } catch {
    return null;
  }
}

/** Writes a manifest (atomically, readable by its owner only). */
export async function writeManifest(file: string, manifest: Omit<SiteManifest, 'format'>): Promise<void> {
  await makePrivateFolder(path.dirname(file));
  await writePrivateFile(file, JSON.stringify({ format: MANIFEST_FORMAT, ...manifest }));
}

/**
 * The status of a manifest file as written (inode, size, modification and change times): a process that keeps
 * the manifest it wrote in memory (`build --watch`) trusts it only while the file is still the one
 * it wrote, and not one another build into the same folder wrote since. Null when there is none.
 */
export async function manifestStatus(file: string): Promise<string | null> {
  try {
    const status = await lstat(file, { bigint: true });
    return `${status.ino}:${status.size}:${status.mtimeNs}:${status.ctimeNs}`;
  } catch {
    return null;
  }
}

/** Removes a manifest: an incremental build does so first, so that one that dies leaves the next to build whole. */
export async function removeManifest(file: string): Promise<void> {
  await rm(file, { force: true });
}

/** A hash of a file's content, as the manifest keeps it. */
export function contentHash(content: string | Buffer): string {
  return createHash('sha1').update(content).digest('base64url');
}

let codeDigest: string | undefined;

/** A digest of the code that renders (this installation's compiled modules), its templates and its styles. */
export async function codeAndTemplatesDigest(): Promise<string> {
  if (codeDigest !== undefined) return codeDigest;
  const hash = createHash('sha1');
  const folders = [fileURLToPath(new URL('../', import.meta.url)), fileURLToPath(new URL('../../views/', import.meta.url)), fileURLToPath(new URL('../../src/corpus/citations/styles/', import.meta.url))];
  for (const folder of folders) {
    let names: string[];
    try {
      names = (await readdir(folder, { recursive: true })).sort();
    } catch {
      continue;
    }
    for (const name of names) {
      try {
        hash.update(name).update(await readFile(path.join(folder, name)));
      } catch {
        // A folder: its files are listed too.
      }
    }
  }
  try {
    hash.update(await readFile(fileURLToPath(new URL('../../package-lock.json', import.meta.url))));
  } catch {
    // Installed without a lock file: the code's own digest still changes with it.
  }
  codeDigest = hash.digest('base64url');
  return codeDigest;
}

/** Where the search index's state of the site whose manifest is at `manifestPath` is kept (beside it, in the cache folder). */
export function searchStateFile(manifestPath: string): string {
  return manifestPath.replace(/\.json$/, '') + '.search';
}

/** The search state in a file, or null when there is none or it cannot be read (the search index is then built whole). */
export async function readSearchState(file: string): Promise<StaticSearchState | null> {
  try {
    const state = deserialize(await readFile(file)) as StaticSearchState;
    return state !== null && typeof state === 'object' && state.format === STATIC_SEARCH_FORMAT && Array.isArray(state.terms) && Array.isArray(state.termSizes) ? state : null;
  } catch {
    return null;
  }
}

/** Writes the search state (atomically, readable by its owner only: it names no internal record, but lives with the manifest, which does). */
export async function writeSearchState(file: string, state: StaticSearchState): Promise<void> {
  await makePrivateFolder(path.dirname(file));
  await writePrivateFile(file, serialize(state));
}
