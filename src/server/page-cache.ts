/**
 * Rendered pages, cached in memory (bounded by bytes, least recently used out first) and on disk
 * by the page's key (see page-digest.ts), so a page is rendered once per corpus, reader's access
 * level and style, and a restart on the same corpus renders nothing again.
 *
 * A page for a signed-in reader carries who they are (their name, their sign-out form's CSRF
 * token); it is rendered and kept with two placeholders instead, and each reader's own values are
 * put in as it is sent. The placeholders are random, kept in the cache folder, so no memo can
 * contain them. The files are written owner-only in the private cache folder, since a page for a
 * signed-in reader shows internal records.
 */
import { randomBytes } from 'node:crypto';
import { access, readdir, readFile, rm, stat, utimes } from 'node:fs/promises';
import path from 'node:path';
import { LRUCache } from 'lru-cache';
import { makePrivateFolder, removeAbandonedTemporaryFiles, writePrivateFile } from '../corpus/private-files.js';
import { escapeHtml } from '../render/pages.js';
import { preparedBody, type PreparedBody } from './prepared-body.js';

/** The memory a cache holds by default: about 4,000 memo pages. */
export const DEFAULT_PAGE_CACHE_BYTES = 256 * 1024 * 1024;

/** The disk a cache folder may fill before its least recently used pages are removed (at the next start). */
export const DEFAULT_PAGE_CACHE_DISK_BYTES = 2 * 1024 * 1024 * 1024;

/** Where a page was found, or that it had to be rendered. */
export type PageCacheOutcome = 'memory' | 'disk' | 'rendered';

export interface PageCacheOptions {
  /** The folder of the cache on disk (created owner-only); null keeps pages in memory only. */
  readonly folder: string | null;
  readonly maxBytes?: number;
  /** The most the folder may hold; checked when the cache is opened. */
  readonly maxDiskBytes?: number;
}

/** The placeholders a signed-in reader's page is kept with. */
export interface ReaderPlaceholders {
  readonly name: string;
  readonly csrf: string;
}

/** How often each outcome happened since the cache was opened. */
export interface PageCacheCounts {
  memory: number;
  disk: number;
  rendered: number;
}

/** The name of a page's file: its key, which is hexadecimal. */
function fileName(key: string): string {
  if (!/^[0-9a-f]{64}$/.test(key)) throw new TypeError(`a page key is 64 hexadecimal digits, not "${key.slice(0, 80)}"`);
  return `${key}.html`;
}

/** Placeholders no text can hold by chance. */
function freshPlaceholders(): ReaderPlaceholders {
  return { name: `dossier-reader-${randomBytes(16).toString('hex')}`, csrf: `dossier-csrf-${randomBytes(16).toString('hex')}` };
}

/** Reads the placeholders kept in the folder, or makes and keeps new ones. */
async function placeholdersIn(folder: string | null): Promise<ReaderPlaceholders> {
  const made = freshPlaceholders();
  if (folder === null) return made;
  const file = path.join(folder, 'placeholders.json');
  try {
    const kept = JSON.parse(await readFile(file, 'utf8')) as Partial<ReaderPlaceholders>;
    if (typeof kept.name === 'string' && /^dossier-reader-[0-9a-f]{32}$/.test(kept.name) && typeof kept.csrf === 'string' && /^dossier-csrf-[0-9a-f]{32}$/.test(kept.csrf)) {
      return { name: kept.name, csrf: kept.csrf };
    }
  } catch {
    // None kept yet, or unreadable: new ones (the pages kept with the old ones are never found).
  }
  await writePrivateFile(file, JSON.stringify(made));
  return made;
}

/** Removes the least recently used page files until the folder holds at most `maxBytes`. */
export async function pruneFolder(folder: string, maxBytes: number): Promise<number> {
  const pages: Array<{ file: string; bytes: number; used: number }> = [];
  for (const name of await readdir(folder)) {
    if (!name.endsWith('.html')) continue;
    const file = path.join(folder, name);
    try {
      const status = await stat(file);
      pages.push({ file, bytes: status.size, used: status.mtimeMs });
    } catch {
      // Removed meanwhile.
    }
  }
  let total = pages.reduce((sum, page) => sum + page.bytes, 0);
  let removed = 0;
  for (const page of pages.sort((a, b) => a.used - b.used)) {
    if (total <= maxBytes) break;
    await rm(page.file, { force: true });
    total -= page.bytes;
    removed++;
  }
  return removed;
}

/** The cache of rendered pages. */
export class PageCache {
  readonly counts: PageCacheCounts = { memory: 0, disk: 0, rendered: 0 };
  private readonly memory: LRUCache<string, PreparedBody>;
  private readonly writing = new Map<string, Promise<void>>();
  private readonly looking = new Map<string, Promise<{ page: PreparedBody; outcome: PageCacheOutcome }>>();

  private constructor(
    private readonly folder: string | null,
    readonly placeholders: ReaderPlaceholders,
    maxBytes: number,
  ) {
    this.memory = new LRUCache({ maxSize: maxBytes, sizeCalculation: (page) => Math.max(1, page.bytes.length) });
  }

  /** Opens a cache (its folder made owner-only, temporary files of a process that died removed). */
  static async open(options: PageCacheOptions): Promise<PageCache> {
    if (options.folder !== null) {
      await makePrivateFolder(options.folder);
      await removeAbandonedTemporaryFiles(options.folder);
      // Every edit gives every page a new key, so old pages pile up: the least recently used go.
      await pruneFolder(options.folder, options.maxDiskBytes ?? DEFAULT_PAGE_CACHE_DISK_BYTES);
    }
    return new PageCache(options.folder, await placeholdersIn(options.folder), options.maxBytes ?? DEFAULT_PAGE_CACHE_BYTES);
  }

  /** A cache in memory only (tests, and a server without a cache folder). */
  static inMemory(maxBytes: number = DEFAULT_PAGE_CACHE_BYTES): PageCache {
    return new PageCache(null, freshPlaceholders(), maxBytes);
  }

  /** How many pages are in memory. */
  get entries(): number {
    return this.memory.size;
  }

  /** A page by key, from memory or disk, or made by `render` (then kept in both). */
  page(key: string, render: () => string | Promise<string>): Promise<{ page: PreparedBody; outcome: PageCacheOutcome }> {
    const inMemory = this.memory.get(key);
    if (inMemory !== undefined) {
      this.counts.memory++;
      return Promise.resolve({ page: inMemory, outcome: 'memory' });
    }
    // Readers asking for the same page at once wait for one read or one rendering.
    const already = this.looking.get(key);
    if (already !== undefined) return already;
    const looked = this.lookOrRender(key, render).finally(() => this.looking.delete(key));
    this.looking.set(key, looked);
    return looked;
  }

  private async lookOrRender(key: string, render: () => string | Promise<string>): Promise<{ page: PreparedBody; outcome: PageCacheOutcome }> {
    const onDisk = await this.read(key);
    if (onDisk !== undefined) {
      this.counts.disk++;
      // Its time says it was used, so pruning keeps it.
      void utimes(path.join(this.folder!, fileName(key)), new Date(), new Date()).catch(() => undefined);
      const page = preparedBody(onDisk);
      this.memory.set(key, page);
      return { page, outcome: 'disk' };
    }
    const page = preparedBody(await render());
    this.counts.rendered++;
    this.memory.set(key, page);
    this.write(key, page.bytes);
    return { page, outcome: 'rendered' };
  }

  /**
   * Makes sure a page is kept (prerendering at start): nothing when it is in memory or on disk,
   * else `render` runs and the page is kept. Says whether it rendered.
   */
  async ensure(key: string, render: () => string | Promise<string>): Promise<boolean> {
    if (this.memory.has(key)) return false;
    if (this.folder !== null) {
      try {
        await access(path.join(this.folder, fileName(key)));
        return false;
      } catch {
        // Not on disk: rendered below.
      }
    }
    if (this.looking.has(key)) return false;
    // Through page(), so a reader asking for this page while it renders waits for this rendering.
    const { outcome } = await this.page(key, render);
    return outcome === 'rendered';
  }

  /** Counts a page sent again from memory without being looked up here (a replayed answer, see response-replay.ts). */
  countReplayed(): void {
    this.counts.memory++;
  }

  /** Puts a signed-in reader's own name and token where the placeholders are (an anonymous reader's page is sent as kept). */
  personalise(page: PreparedBody, reader: ReaderPlaceholders | null): PreparedBody {
    if (reader === null) return page;
    return preparedBody(this.personaliseText(page.bytes.toString('utf8'), reader));
  }

  private personaliseText(html: string, reader: ReaderPlaceholders): string {
    return html.replaceAll(this.placeholders.name, escapeHtml(reader.name)).replaceAll(this.placeholders.csrf, escapeHtml(reader.csrf));
  }

  /** Waits for the files being written (tests, and a server stopping). */
  async flush(): Promise<void> {
    await Promise.all([...this.writing.values()]);
  }

  private async read(key: string): Promise<string | undefined> {
    if (this.folder === null) return undefined;
    try {
      return await readFile(path.join(this.folder, fileName(key)), 'utf8');
    } catch {
      return undefined;
    }
  }

  private write(key: string, html: Uint8Array): void {
    if (this.folder === null || this.writing.has(key)) return;
    // A page that cannot be written is rendered again after a restart; the reader is not told.
    const written = writePrivateFile(path.join(this.folder, fileName(key)), html)
      .catch(() => undefined)
      .finally(() => this.writing.delete(key));
    this.writing.set(key, written);
  }
}
