/**
 * The loader: the only code that reads the file system. It finds the corpus files under a root
 * and returns their text; a file it cannot read becomes a diagnostic, never an exception.
 */
import { lstatSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { lstat, readdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import { diagnostic, type Diagnostic } from '../model/diagnostic.js';
import { LIBRARY_EXTENSIONS } from './citations/library.js';

export type RawFileKind = 'memo' | 'statement' | 'speaker' | 'event' | 'topics' | 'bibliography' | 'archived-text' | 'defaults' | 'element-set' | 'aliases';

/** The name of the file that sets defaults (visibility) for the records of its folder and below. */
export const DEFAULTS_FILE = '_defaults.yaml';
/** Both spellings are read: a `_defaults.yml` that was ignored would publish a confidential folder. */
export const DEFAULTS_FILES: ReadonlySet<string> = new Set([DEFAULTS_FILE, '_defaults.yml']);

/** One corpus file: its path relative to the root (with `/`), what it holds, and its text. */
export interface RawFile {
  readonly path: string;
  readonly kind: RawFileKind;
  readonly text: string;
  /**
   * Set on a defaults file that exists but could not be read (its text is then empty): its folder
   * is made internal, since a confidentiality marker dossier cannot read must not publish anything.
   */
  readonly unreadable?: true;
}

export interface LoadedFiles {
  readonly root: string;
  readonly files: readonly RawFile[];
  readonly diagnostics: readonly Diagnostic[];
}

/** Files larger than this are reported and skipped: no memo or bibliography is this big. */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;

/** The folders of a corpus and the kind of record each holds, with the endings it reads. */
const FOLDERS: ReadonlyArray<{ folder: string; kind: RawFileKind; accepts: (name: string) => boolean }> = [
  { folder: 'corpus/memos', kind: 'memo', accepts: (name) => name.endsWith('.md') },
  { folder: 'corpus/statements', kind: 'statement', accepts: (name) => name.endsWith('.md') },
  { folder: 'corpus/speakers', kind: 'speaker', accepts: (name) => name.endsWith('.md') },
  { folder: 'corpus/events', kind: 'event', accepts: (name) => name.endsWith('.md') },
  { folder: 'corpus/elements', kind: 'element-set', accepts: (name) => name.endsWith('.yaml') || name.endsWith('.yml') },
  { folder: 'citations/texts', kind: 'archived-text', accepts: (name) => name.endsWith('.txt') || name.endsWith('.md') },
  {
    folder: 'citations',
    kind: 'bibliography',
    accepts: (name) => LIBRARY_EXTENSIONS.has(name.slice(name.lastIndexOf('.') + 1).toLowerCase()),
  },
];

const TOPICS_FILES = ['corpus/topics.yaml', 'corpus/topics.yml'];
/** The names of instruments that authority detection should know (src/detect/aliases.ts). */
const ALIASES_FILES = ['corpus/aliases.yaml'];
/** How many files are read at once. */
const READ_BATCH = 256;
const decoder = new TextDecoder('utf-8', { fatal: true });

function toPosix(relative: string): string {
  return relative.split(path.sep).join('/');
}

/** Reads every corpus file under root; the result is sorted by path so runs are reproducible. */
/**
 * The texts of files read before, by a digest of their bytes. A file whose bytes digest as before
 * is not decoded and parsed again, and keeps its text. The file's status (size, times) is never
 * trusted for this: on a file system with coarse timestamps an edit of the same length within
 * one tick would otherwise show the old text.
 */
export class KnownTexts {
  private readonly byPath = new Map<string, { readonly stamp: string; readonly text: string; readonly status?: string }>();

  /** The digest a file's bytes are known by. */
  static stampOf(bytes: Uint8Array): string {
    return createHash('sha256').update(bytes).digest('hex');
  }

  get(relative: string, stamp: string): string | undefined {
    const known = this.byPath.get(relative);
    return known !== undefined && known.stamp === stamp ? known.text : undefined;
  }

  set(relative: string, stamp: string, text: string, status?: string): void {
    this.byPath.set(relative, status === undefined ? { stamp, text } : { stamp, text, status });
  }

  /** The text of a file whose status (fileStatusStamp) was `status` when it was read, if it was. */
  byStatus(relative: string, status: string): string | undefined {
    const known = this.byPath.get(relative);
    return known !== undefined && known.status === status ? known.text : undefined;
  }

  /** Forgets every file not in the list. */
  retain(paths: ReadonlySet<string>): void {
    for (const relative of [...this.byPath.keys()]) if (!paths.has(relative)) this.byPath.delete(relative);
  }
}

/** What a load may take from an earlier one. */
export interface LoadOptions {
  /**
   * The files a watcher of the corpus reported changed since the last load with the same known
   * texts. When given, a file it does not name whose status (inode, size, modification and change
   * times, to the nanosecond) is what it was when read is taken as unchanged without being read
   * again. The two are not independent (chokidar too skips an event whose modification time did
   * not move): what both miss is an edit that keeps the file's size on a file system whose times
   * do not move between two writes. Without it, every file is read and its bytes compared.
   */
  readonly changedSince?: ReadonlySet<string>;
}

/**
 * The corpus root's real path, and what is wrong with it as a corpus root: null when it holds a
 * corpus/ or citations/ folder. A root that does not exist has no real path. `load` reports the
 * problem as a diagnostic; `build` and `serve` refuse such a root before they make anything.
 */
export async function corpusRoot(root: string): Promise<{ real: string | null; problem: string | null }> {
  const absoluteRoot = path.resolve(root);
  let real: string;
  try {
    real = await realpath(absoluteRoot);
  } catch {
    return { real: null, problem: `the corpus root ${absoluteRoot} does not exist` };
  }
  const found = (await isDirectory(path.join(real, 'corpus'))) || (await isDirectory(path.join(real, 'citations')));
  return { real, problem: found ? null : `no corpus/ or citations/ folder under ${absoluteRoot}` };
}

/** A file's status as compared between loads (see LoadOptions). */
export function fileStatusStamp(stats: { ino: bigint; size: bigint; mtimeNs: bigint; ctimeNs: bigint }): string {
  return `${stats.ino}:${stats.size}:${stats.mtimeNs}:${stats.ctimeNs}`;
}

export async function loadCorpusFiles(root: string, known?: KnownTexts, options: LoadOptions = {}): Promise<LoadedFiles> {
  const absoluteRoot = path.resolve(root);
  const files: RawFile[] = [];
  const diagnostics: Diagnostic[] = [];
  const checked = await corpusRoot(absoluteRoot);
  if (checked.problem !== null) diagnostics.push(diagnostic({ file: '.', line: 1, column: 1 }, 'unreadable-file', checked.problem));
  if (checked.real === null) return { root: absoluteRoot, files, diagnostics };
  const realRoot = checked.real;

  // Files are read in batches, each batch at once without giving the event loop a turn (one
  // asynchronous read is four trips through libuv's thread pool, and made reading 60,000 small
  // files take five times as long), with a turn between batches so a running server answers.
  const pending: Array<{ relative: string; kind: RawFileKind }> = [];
  const readOne = async (relative: string, kind: RawFileKind): Promise<void> => {
    pending.push({ relative, kind });
  };

  for (const name of TOPICS_FILES) {
    if (await passesThroughLink(realRoot, name, diagnostics)) continue;
    if (await isFile(path.join(realRoot, name))) await readOne(name, 'topics');
  }
  for (const name of ALIASES_FILES) {
    if (await isFile(path.join(realRoot, name))) await readOne(name, 'aliases');
  }
  for (const { folder, kind, accepts } of FOLDERS) {
    for (const relative of await listFiles(realRoot, folder, true, diagnostics)) {
      // `citations/texts/` is its own folder, read above.
      if (kind === 'bibliography' && relative.startsWith('citations/texts/')) continue;
      const name = relative.slice(relative.lastIndexOf('/') + 1);
      if (name.startsWith('.')) continue;
      if (DEFAULTS_FILES.has(name) && kind !== 'archived-text') await readOne(relative, 'defaults');
      else if (accepts(name)) await readOne(relative, kind);
      else diagnostics.push(diagnostic({ file: relative, line: 1, column: 1 }, 'unknown-file-type', `not read: ${folder}/ holds ${describeAccepted(kind)}`));
    }
  }
  for (let start = 0; start < pending.length; start += READ_BATCH) {
    const batch = pending.slice(start, start + READ_BATCH);
    if (start > 0) await new Promise((resolve) => setImmediate(resolve));
    const texts = batch.map(({ relative }) => readText(realRoot, relative, diagnostics, known, options.changedSince));
    batch.forEach(({ relative, kind }, index) => {
      const text = texts[index];
      if (text !== null && text !== undefined) files.push({ path: relative, kind, text });
      else if (kind === 'defaults') files.push({ path: relative, kind, text: '', unreadable: true });
    });
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  known?.retain(new Set(files.map((file) => file.path)));
  return { root: absoluteRoot, files, diagnostics };
}

/**
 * What a root-relative path holds, by the folder it is in and its ending; null for a path that is
 * not a corpus file. Tests use it to build corpora in memory exactly as the loader would.
 */
export function kindOfPath(relative: string): RawFileKind | null {
  if (TOPICS_FILES.includes(relative)) return 'topics';
  if (ALIASES_FILES.includes(relative)) return 'aliases';
  const name = relative.slice(relative.lastIndexOf('/') + 1);
  for (const { folder, kind, accepts } of FOLDERS) {
    if (!relative.startsWith(`${folder}/`)) continue;
    if (DEFAULTS_FILES.has(name) && kind !== 'archived-text') return 'defaults';
    return accepts(name) ? kind : null;
  }
  return null;
}

function describeAccepted(kind: RawFileKind): string {
  if (kind === 'bibliography') return `bibliography files (${[...LIBRARY_EXTENSIONS].map((ext) => `.${ext}`).join(', ')})`;
  if (kind === 'archived-text') return 'archived texts (.txt or .md)';
  return 'Markdown files (.md)';
}

async function isDirectory(target: string): Promise<boolean> {
  try {
    return (await lstat(target)).isDirectory();
  } catch {
    return false;
  }
}

async function isFile(target: string): Promise<boolean> {
  try {
    return (await lstat(target)).isFile();
  } catch {
    return false;
  }
}

/** Regular files under root/folder, as root-relative POSIX paths. Links are not followed. */
async function listFiles(root: string, folder: string, recursive: boolean, diagnostics: Diagnostic[]): Promise<string[]> {
  const absolute = path.join(root, folder);
  if (await passesThroughLink(root, folder, diagnostics)) return [];
  if (!(await isDirectory(absolute))) return [];
  const result: string[] = [];
  const entries = await readdir(absolute, { withFileTypes: true, recursive });
  for (const entry of entries) {
    const parent = (entry as { parentPath?: string }).parentPath ?? (entry as { path?: string }).path ?? absolute;
    const relative = toPosix(path.relative(root, path.join(parent, entry.name)));
    if (relative.split('/').some((part) => part.startsWith('.'))) continue;
    if (entry.isSymbolicLink()) {
      diagnostics.push(diagnostic({ file: relative, line: 1, column: 1 }, 'unknown-file-type', 'not read: symbolic links are not followed'));
    } else if (entry.isFile()) {
      result.push(relative);
    }
  }
  return result;
}

/**
 * Whether a root-relative path is, or passes through, a symbolic link (`corpus` itself, say):
 * links are not followed anywhere under the root, so such a path is reported once and not read.
 */
async function passesThroughLink(root: string, relative: string, diagnostics: Diagnostic[]): Promise<boolean> {
  const parts = relative.split('/');
  for (let i = 1; i <= parts.length; i++) {
    const prefix = parts.slice(0, i).join('/');
    let isLink: boolean;
    try {
      isLink = (await lstat(path.join(root, prefix))).isSymbolicLink();
    } catch {
      return false;
    }
    if (!isLink) continue;
    if (!diagnostics.some((item) => item.file === prefix && item.code === 'unknown-file-type')) {
      diagnostics.push(diagnostic({ file: prefix, line: 1, column: 1 }, 'unknown-file-type', 'not read: symbolic links are not followed'));
    }
    return true;
  }
  return false;
}

function readText(root: string, relative: string, diagnostics: Diagnostic[], known: KnownTexts | undefined, changedSince: ReadonlySet<string> | undefined): string | null {
  const place = { file: relative, line: 1, column: 1 };
  try {
    // The status is taken before the bytes are read: an edit made between the two changes it, and
    // the next load reads the file again.
    const stats = lstatSync(path.join(root, relative), { bigint: true });
    if (stats.size > MAX_FILE_BYTES) {
      diagnostics.push(diagnostic(place, 'unreadable-file', `not read: ${stats.size} bytes is more than the ${MAX_FILE_BYTES}-byte limit`));
      return null;
    }
    const status = fileStatusStamp(stats);
    if (changedSince !== undefined && !changedSince.has(relative)) {
      const unchanged = known?.byStatus(relative, status);
      if (unchanged !== undefined) return unchanged;
    }
    const bytes = readFileSync(path.join(root, relative));
    const stamp = KnownTexts.stampOf(bytes);
    const unchanged = known?.get(relative, stamp);
    if (unchanged !== undefined) {
      known!.set(relative, stamp, unchanged, status);
      return unchanged;
    }
    let text: string;
    try {
      text = decoder.decode(bytes);
    } catch {
      diagnostics.push(diagnostic(place, 'unreadable-file', 'cannot read the file: it is not valid UTF-8 text'));
      return null;
    }
    const result = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    known?.set(relative, stamp, result, status);
    return result;
  } catch (error) {
    diagnostics.push(diagnostic(place, 'unreadable-file', `cannot read the file: ${(error as Error).message}`));
    return null;
  }
}
