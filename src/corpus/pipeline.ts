/**
 * The one place that knows the order of the stages: load → parse → validate → link → mentions.
 * Every stage is a function of its input; only `load` (and the parse cache on disk) touch the file
 * system. Record files are parsed once per text: a cache carries them from build to build, and
 * the files it lacks are parsed in worker threads when there are many.
 */
import type { Corpus } from '../model/records.js';
import { loadCorpusFiles, type KnownTexts, type LoadedFiles } from './load.js';
import { ParseCache } from './parse.js';
import { parseCorpusFiles, parsedLibraryFile, parsedTopicsFile } from './parse-corpus.js';
import { EarlyParseWorkers, parseIntoCache, type ParsingThread } from './parse-workers.js';
import { readMentionCache, readParseCache, writeMentionCache, writeParseCache } from './parse-cache-file.js';
import { validateCorpus } from './validate.js';
import { linkCorpus } from './link.js';
import { linkAuthorityMentions, MentionCache } from './authority-mentions.js';
import { keepLastGood, type LastGoodTexts } from './last-good.js';
import type { Diagnostic } from '../model/diagnostic.js';

export interface BuildOptions {
  /** Parsed files from earlier builds; those whose text is unchanged are not parsed again. */
  readonly cache?: ParseCache;
  /** Where the parse cache is kept between runs: read into an empty cache, written when files were parsed. */
  readonly cacheDir?: string | null;
  /** Texts read by earlier builds: a file whose bytes are unchanged is not decoded and parsed again. */
  readonly known?: KnownTexts;
  /** With `known`: the files a watcher reported changed since the last build; the others are not read again while their status is unchanged (see LoadOptions). */
  readonly changedSince?: ReadonlySet<string>;
  /** Parse workers: -1 (the default) decides by the number of files, 0 parses in this thread. */
  readonly workers?: number;
  /** Hears how many of the files that needed parsing are parsed (for a progress bar). */
  readonly onParsed?: (done: number, total: number) => void;
  /** Hears the files the corpus is built from, once they are read. */
  readonly onLoaded?: (loaded: LoadedFiles) => void;
  /**
   * Hears the files again, with the cache, once it holds every record file, library and topics
   * file of them, before the corpus is linked (and before the cache is written, whenever it is): a
   * build's render workers are sent the parses they lack and build their corpus from them
   * meanwhile. The mentions cache is written after the link, so a worker that starts here finds
   * the mentions of the memos this build parsed for the first time missing and detects them itself.
   */
  readonly onParsedAll?: (loaded: LoadedFiles, cache: ParseCache) => void;
  /**
   * Hears the files again once the parse cache in `cacheDir` holds every record file and library
   * of them, before the corpus is linked: a build's render workers that did not parse beside this
   * thread read their corpus from it meanwhile. Not heard when the caches are only read
   * (`saveCaches` false); the mentions cache is written after the link, as with onParsedAll.
   */
  readonly onCached?: (loaded: LoadedFiles) => void;
  /**
   * Threads another part of the program lends to a parse of a cache with nothing in it (a render
   * worker's, see LentParsing), used before any parse worker is started; ended when parsed.
   */
  readonly parseThreads?: readonly ParsingThread[];
  /** Whether the caches in `cacheDir` are written (the default) or only read (a render worker's build). */
  readonly saveCaches?: boolean;
  /**
   * The mentions found in memos, kept in memory by a caller that builds again and again (a server
   * or a build that watches the corpus): only the memos an edit changed are read again. Without
   * it, they are read from (and written to) `cacheDir`, or every memo is read.
   */
  readonly mentions?: ResidentMentions;
  /**
   * Takes the writing of the caches in `cacheDir` once the corpus is linked, instead of it being
   * done before the build returns: a build that watches the corpus keeps them in memory for its
   * next build, and writes them for a build in a new process after its site is written. (Not a
   * parse cache render workers read, see onCached: that is written before they are told.)
   */
  readonly writeCachesLater?: (write: () => Promise<void>) => void;
}

/** A mention cache kept between builds in one process, read from `cacheDir` by its first build. */
export class ResidentMentions {
  private cache: MentionCache | null = null;

  /** The cache for the next build. */
  async forBuild(cacheDir: string | null): Promise<MentionCache> {
    if (this.cache === null) this.cache = cacheDir === null ? new MentionCache() : await readMentionCache(cacheDir);
    else this.cache.nextBuild();
    return this.cache;
  }
}

/** Builds the linked corpus from files already in memory; used by tests and by `buildCorpus`. */
export function buildCorpusFromFiles(loaded: LoadedFiles, cache?: ParseCache, mentions?: MentionCache): Corpus {
  const parsed = parseCorpusFiles(loaded.files, cache);
  const validated = validateCorpus({ ...parsed, diagnostics: [...loaded.diagnostics, ...parsed.diagnostics] });
  const linked = linkCorpus(validated, loaded.root);
  // Authorities named in memos without a citation, and references between archived texts.
  return linkAuthorityMentions(linked, loaded.files, mentions);
}

/** The cache to build with: the one given, else a new one; read from disk when empty and a folder is given. */
async function cacheFor(options: BuildOptions): Promise<ParseCache> {
  const cache = options.cache ?? new ParseCache();
  const folder = options.cacheDir ?? null;
  if (folder !== null && cache.size === 0) await readParseCache(folder, cache);
  return cache;
}

/** Parses what the cache lacks (in workers when worth it), builds from the cache, and saves it if it changed. */
async function buildFromLoaded(loaded: LoadedFiles, options: BuildOptions, cache: ParseCache, early: EarlyParseWorkers | null = null): Promise<Corpus> {
  const folder = options.cacheDir ?? null;
  const save = folder !== null && options.saveCaches !== false;
  // With parse workers, each has its first files by the time this returns; without, the files are
  // parsed before it returns (see parseIntoCache).
  const parsing = parseIntoCache(loaded.files, cache, options.workers ?? -1, options.onParsed, early);
  if (options.onParsedAll !== undefined || (save && options.onCached !== undefined)) {
    // The libraries and topics too, which are otherwise read (and cached) while linking: read here,
    // while the workers parse their first files, so that whoever waits for them starts as soon as
    // the workers are done. A file that cannot be read is reported by the link below.
    for (const file of loaded.files) {
      try {
        if (file.kind === 'bibliography') parsedLibraryFile(file, cache);
        else if (file.kind === 'topics') parsedTopicsFile(file, cache);
      } catch {
        // Reported below.
      }
    }
  }
  await parsing;
  cache.retain(loaded.files);
  // Before the cache is written: whoever waits for the parses starts sooner.
  options.onParsedAll?.(loaded, cache);
  if (save && options.onCached !== undefined) {
    // Saved before linking: whoever waits for it starts sooner.
    if (cache.unsaved) await writeParseCache(folder, cache);
    options.onCached(loaded);
  }
  // With a cache folder, the mentions found in memos are kept too: only edited memos are read again.
  const mentions = options.mentions !== undefined ? await options.mentions.forBuild(folder) : folder === null ? undefined : await readMentionCache(folder);
  const corpus = buildCorpusFromFiles(loaded, cache, mentions);
  if (save) {
    const write = async (): Promise<void> => {
      if (cache.unsaved) await writeParseCache(folder, cache);
      if (mentions !== undefined && mentions.unsaved) await writeMentionCache(folder, mentions);
    };
    if (options.writeCachesLater !== undefined) options.writeCachesLater(write);
    else await write();
  }
  return corpus;
}

/** Builds the corpus from files already read (another thread's, say), with the parse cache as buildCorpus would. */
export async function buildCorpusFromLoaded(loaded: LoadedFiles, options: BuildOptions = {}): Promise<Corpus> {
  return buildFromLoaded(loaded, options, await cacheFor(options));
}

/** Reads the corpus under root (its corpus/ and citations/ folders) and links it. */
export async function buildCorpus(root: string, options: BuildOptions = {}): Promise<Corpus> {
  const cache = await cacheFor(options);
  // Nothing parsed yet (no cache on disk or in memory): the parse workers load their code while the files are read.
  const lent = options.parseThreads ?? [];
  const early = cache.size === 0 && (options.workers ?? -1) < 0 ? EarlyParseWorkers.forCorpus(root, lent) : null;
  // Not used: their parsing ends (the threads go on).
  if (early === null) for (const thread of lent) thread.terminate().catch(() => undefined);
  try {
    const loaded = await loadCorpusFiles(root, options.known, options.changedSince === undefined ? {} : { changedSince: options.changedSince });
    options.onLoaded?.(loaded);
    return await buildFromLoaded(loaded, options, cache, early);
  } finally {
    early?.stop();
  }
}

/**
 * Rebuilds the corpus for live editing: files that stopped parsing are built from their last good
 * text, and their problems are returned as `rejected` for the banner.
 */
export async function rebuildCorpus(
  root: string,
  lastGood: LastGoodTexts,
  options: BuildOptions = {},
): Promise<{ corpus: Corpus; rejected: Diagnostic[] }> {
  const cache = await cacheFor(options);
  const loaded = await loadCorpusFiles(root, options.known, options.changedSince === undefined ? {} : { changedSince: options.changedSince });
  // Parsed (in workers when many) before the last-good check, which then finds every parse cached.
  await parseIntoCache(loaded.files, cache, options.workers ?? -1, options.onParsed);
  const { files, rejected } = keepLastGood(loaded.files, lastGood, cache);
  return { corpus: await buildFromLoaded({ ...loaded, files }, options, cache), rejected };
}
