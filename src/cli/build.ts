/**
 * `dossier build`: the browser as static files — every public page (rendered by renderPage, as the
 * server renders them for an anonymous reader), the exports its pages link to, the graph's data,
 * and a search index the browser fetches in parts. The site is written into a staging folder
 * beside --out and swapped in when complete, so a build that fails or is killed leaves the
 * previous site as it was; a folder that `build` did not write is not replaced without --force,
 * and a folder that holds the corpus never is.
 */
import { performance } from 'node:perf_hooks';
import { rm } from 'node:fs/promises';
import { buildCorpus, ResidentMentions } from '../corpus/pipeline.js';
import { diagnosticCounts } from '../corpus/serialize.js';
import { ASSETS_DIR, createTemplates } from '../render/templates.js';
import path from 'node:path';
import { checkOutputFolder, createStagingFolder, removeLeftovers, siteBuildId, swapIntoPlace } from '../site/output-folder.js';
import { SiteWriter } from '../site/writer.js';
import { writeStaticSite, type KeptGraph, type StaticSiteSummary } from '../site/build-site.js';
import { ListDigestCache, type DependencyKey } from '../site/page-dependencies.js';
import { MANIFEST_FORMAT, manifestFile, manifestStatus, newBuildId, readManifest, removeManifest, searchStateFile, writeManifest, type SiteManifest } from '../site/build-manifest.js';
import { openStaticSearchIndex, type StaticSearchIndex } from '../site/search-index.js';
import type { CitationFormatter } from '../corpus/citations/format.js';
import { KnownTexts } from '../corpus/load.js';
import { SearchDocumentCache } from '../search/documents.js';
import { ParseCache } from '../corpus/parse.js';
import { corpusRootUsable, plural, progressReporter, seconds, shellWord, type CliOutput } from './output.js';
import { watchCorpus } from '../corpus/watch.js';
import type { LoadedFiles } from '../corpus/load.js';
import { renderWorkerCount, startRenderWorkers, type RenderWorkers } from '../site/render-workers.js';
import { MAX_FILES_PARSED_BESIDE, recordFilesListed } from '../corpus/parse-workers.js';
import { applyBuildV8Settings } from './v8-settings.js';

export interface BuildOptions {
  readonly root: string;
  readonly out: string;
  readonly style: string;
  /** Replace a non-empty folder that `build` did not write. */
  readonly force?: boolean;
  /**
   * Where the parse cache and the build's manifest are kept (ROOT/.dossier-cache from the command
   * line); with it, a build into a site it wrote before writes only what an edit changed. Null or
   * absent: every build parses and writes everything.
   */
  readonly cacheDir?: string | null;
  /** Exit with status 1 (the site still written) when the corpus has errors or warnings, as `dossier check --strict` would. */
  readonly strict?: boolean;
}

/** Exit status when the output folder is refused: the command line asked for something unsafe. */
const EXIT_REFUSED = 2;

/**
 * What one build leaves in memory for the next in the same process (`build --watch`): the texts
 * read and their parses, the mentions found in memos, the manifest it wrote to the cache folder
 * and its search index (whose worker thread holds the search state and the rows of the shards), so
 * that the next build reads none of them back; and what the cache folder does not hold: the
 * citation formatter, whose citeproc engines hold the library, each record's search document, the
 * citation graph and the digests of backlink lists. The cache folder stays the record for a build
 * in a new process.
 */
export class ResidentBuild {
  readonly known = new KnownTexts();
  readonly cache = new ParseCache();
  readonly mentions = new ResidentMentions();
  readonly templates = createTemplates();
  /** The search documents of the last build, derived again only where an edit reached them. */
  readonly searchDocuments = new SearchDocumentCache();
  /** The digests of backlink lists and lists of records, hashed again only where an edit changed a list. */
  readonly listDigests = new ListDigestCache();
  /** The last build's manifest and search index; null before the first build and after one that failed. */
  manifest: SiteManifest | null = null;
  search: StaticSearchIndex | null = null;
  /** The status of the manifest file the last build wrote (see manifestStatus); null without a cache folder. */
  manifestStatus: string | null = null;
  /** The last build's formatter, whose citeproc engines already hold the library (see CitationFormatter.succeeding). */
  formatter: CitationFormatter | null = null;
  /** The citation graph the last build drew, taken as it is by the next when no edit reached it. */
  graph: KeptGraph | null = null;
  /** The number of each question in the last build's manifest, taken over by the next. */
  keyNumbers: Map<DependencyKey, number> | null = null;
  /** The files a watcher reported changed since the last build began; null while nothing watches (every file is read). */
  private changed: Set<string> | null = null;
  /** The writing of the last build's manifest and search state into the cache folder, which goes on after the build has returned. */
  private persisting: Promise<void> = Promise.resolve();

  /**
   * Writes a build's files in the cache folder after the build (see buildStaticSite), after any
   * such writing still under way; a failure is handed to `report`.
   */
  persistAfter(write: () => Promise<void>, report: (error: Error) => void): void {
    this.persisting = this.persisting.then(write).catch((error: unknown) => report(error as Error));
  }

  /**
   * Runs, after the cache folder is written, what only the next build needs (StaticSiteSummary's
   * warmUp): the next build waits for it as for the writing. It renders pages the build rendered
   * already, so a failure here is one the build met and reported; it costs the next build time only.
   */
  warmUpAfter(warmUp: () => void): void {
    this.persisting = this.persisting.then(warmUp).catch(() => undefined);
  }

  /** Resolves once the cache folder holds what the last build wrote there (the next build, and a watching process that stops, wait for it). */
  settled(): Promise<void> {
    return this.persisting;
  }

  /** Once the cache folder is written, lets go of the search index's thread (a watching process that stops). */
  async close(): Promise<void> {
    await this.settled();
    const search = this.search;
    this.search = null;
    this.manifest = null;
    await search?.close();
  }

  /** Notes files a watcher reported changed: the next build reads them, and takes the others whose status is unchanged as they were. */
  noteChanged(paths: readonly string[]): void {
    this.changed ??= new Set();
    for (const file of paths) this.changed.add(file);
  }

  /** The files reported changed since the last build began, for the build beginning now. */
  takeChanged(): ReadonlySet<string> | undefined {
    const changed = this.changed;
    if (changed === null) return undefined;
    this.changed = new Set();
    return changed;
  }
}

/** Writes the static site; returns the exit code. With `resident`, starts from what the last build in this process kept. */
export async function buildStaticSite(options: BuildOptions, output: CliOutput, resident?: ResidentBuild): Promise<number> {
  // A mistyped --root would otherwise be built as an empty corpus, over the site already there.
  if (!(await corpusRootUsable(options.root, output, 'dossier build: not building'))) return EXIT_REFUSED;
  const refusal = await checkOutputFolder(options.out, options.root, options.force === true);
  if (refusal !== null) {
    output.stderr(`dossier build: not writing the site: ${refusal.reason}.\n`);
    return EXIT_REFUSED;
  }
  const started = performance.now();
  // Before the build's threads start: on two cores, what V8 does beside them is taken from them (see v8-settings.ts).
  applyBuildV8Settings();
  // The cache folder as the last build in this process left it: its manifest is written by now.
  await resident?.settled();
  const onProgress = progressReporter(output, 'dossier build');
  await removeLeftovers(options.out);
  const cacheDir = options.cacheDir ?? null;
  if (output.isTerminal !== true) output.stderr(`dossier build: reading the corpus under ${options.root}\n`);
  const parsedCacheDir = cacheDir === null ? null : path.join(cacheDir, 'parsed');
  const onParsed = (done: number, total: number): void => onProgress('parsed', done, total);

  // Into a site this build wrote before, whose manifest it kept: only what an edit changed is written.
  const manifestPath = cacheDir === null ? null : await manifestFile(cacheDir, options.out);
  const buildId = await siteBuildId(options.out);
  // The last build in this process wrote the manifest it kept, unless the folder was built since by
  // another: a whole build gives it another id, and one in place writes another manifest file.
  const remembered = resident?.manifest ?? null;
  const kept = remembered !== null && remembered.buildId === buildId && (manifestPath === null || (await manifestStatus(manifestPath)) === resident!.manifestStatus) ? remembered : null;
  const previous = kept ?? (manifestPath === null || buildId === null ? null : await readManifest(manifestPath));
  const searchStatePath = manifestPath === null ? null : searchStateFile(manifestPath);
  // Taken by this build's formatter, which empties it.
  const previousFormatter = resident?.formatter ?? null;
  // The search index the last build in this process left goes with the manifest it kept. Otherwise
  // a new one takes the state the build that wrote the folder left beside its manifest: read in its
  // thread while this one reads the corpus.
  const heldSearch = resident?.search ?? null;
  const searchIndex = kept !== null && heldSearch !== null && heldSearch.holdsState ? heldSearch : openStaticSearchIndex();
  if (searchIndex !== heldSearch) await heldSearch?.close();
  const searchLoaded = searchIndex !== heldSearch && previous !== null && previous.buildId === buildId && searchStatePath !== null ? searchIndex.load(searchStatePath).catch(() => false) : Promise.resolve(false);
  // The graph too: its files are those the kept manifest describes.
  const previousGraph = kept !== null ? resident!.graph : null;
  const previousKeyNumbers = kept !== null ? resident!.keyNumbers : null;
  if (resident !== undefined) {
    // Set again once this build has written its own: a build that fails leaves the next to build the whole site.
    resident.manifest = null;
    resident.search = null;
    resident.formatter = null;
    resident.graph = null;
    resident.keyNumbers = null;
  }

  // What the corpus was built from: render workers build the same corpus from the same files. A
  // whole build of a corpus large enough to share its pages, but small enough for this thread to
  // parse beside one worker (judged by the listings of its memo and statement folders), starts
  // them before the files are read, so that their code loads meanwhile, and they parse beside this
  // thread as its parse worker would, keeping what they parsed; once every file is parsed each is
  // sent the parses it lacks and builds its corpus from them, while this thread links its own (and
  // writes the parse cache, or a watching process writes it after the site). (Until 4 December a parse worker parsed instead, and the render worker
  // read the whole cache from disk once it was written: 43 MB at 1,000 memos, which held up its
  // first page 1.6 s after the cache was written.) A larger corpus, parsed by workers while this
  // thread waits, starts them as soon as the files are read, and they read the cache once it is
  // written, before this thread links: at 10,000 memos, parsing in the render worker and sending
  // it half the parses made the corpus stage about 4 s longer in two pairs measured by hand (its
  // heap grew as it parsed, and this thread spent seconds sending).
  let loadedFiles: LoadedFiles | undefined;
  const whole = previous === null || previous.buildId !== buildId;
  const listed = whole && parsedCacheDir !== null ? recordFilesListed(options.root) : 0;
  const lendParsing = listed <= MAX_FILES_PARSED_BESIDE;
  // Declared wide: it is set in a callback, which the compiler's narrowing does not see.
  let renderWorkers = null as RenderWorkers | null;
  const startedEarly = lendParsing ? renderWorkerCount(listed) : 0;
  if (startedEarly > 0) renderWorkers = startRenderWorkers(startedEarly);
  const onLoaded = (loaded: LoadedFiles): void => {
    loadedFiles = loaded;
    const count = whole && renderWorkers === null ? renderWorkerCount(loaded.files.length) : 0;
    if (count > 0) renderWorkers = startRenderWorkers(count);
  };
  const giveCorpus = (loaded: LoadedFiles, cache?: ParseCache): void => renderWorkers?.giveCorpus({ parsedCacheDir: parsedCacheDir!, loaded, style: options.style }, cache);
  const handOver = lendParsing ? { onParsedAll: giveCorpus, parseThreads: renderWorkers?.parseThreads() ?? [] } : { onCached: (loaded: LoadedFiles) => giveCorpus(loaded) };
  const templates = resident?.templates ?? createTemplates();
  /**
   * Writes the search state and then the manifest of the site just built into the cache folder (a
   * manifest is only ever beside the state of the same build), and keeps in memory what the next
   * build in this process starts from. A watching process writes the two files after the build has
   * returned (the next build waits for them): at 10,000 memos they are 70 MB, which took a second of
   * every edit. One that stops waits for them too; one killed first leaves no manifest, and the
   * next build in a new process builds the whole site.
   */
  const persist = async (id: string, summary: StaticSiteSummary): Promise<void> => {
    const write = async (): Promise<void> => {
      try {
        if (searchStatePath !== null) await searchIndex.writeState(searchStatePath);
        if (manifestPath !== null) await writeManifest(manifestPath, { ...summary.manifest, buildId: id });
      } finally {
        // The file as this process left it: another build into the folder changes it.
        if (resident !== undefined) resident.manifestStatus = manifestPath === null ? null : await manifestStatus(manifestPath);
      }
    };
    if (resident === undefined) {
      await write();
      return;
    }
    resident.manifest = { format: MANIFEST_FORMAT, ...summary.manifest, buildId: id };
    resident.search = searchIndex;
    resident.formatter = summary.formatter;
    resident.graph = summary.graph;
    resident.keyNumbers = summary.keyNumbers;
    resident.persistAfter(write, (error) => output.stderr(`dossier build: the cache folder could not be brought up to date (${error.message}); the site is written, and a build in a new process will build it whole\n`));
    resident.warmUpAfter(summary.warmUp);
  };
  // A watching process writes the parse and mentions caches after the build too, as it does the
  // manifest: it keeps them in memory for its next build, and a build in a new process reads them.
  // At 1,000 memos writing the parse cache took this thread about 0.3 s between the parse and the pages.
  let cacheWrite = null as (() => Promise<void>) | null;
  const writeCachesLater = resident === undefined ? {} : { writeCachesLater: (write: () => Promise<void>) => (cacheWrite = write) };
  let built = false;
  try {
    const code = await buildWith();
    built = true;
    return code;
  } finally {
    if (cacheWrite !== null) resident!.persistAfter(cacheWrite, (error) => output.stderr(`dossier build: the parse and mentions caches could not be written (${error.message}); the site is written, and a build in a new process will parse the corpus again\n`));
    // Stopped when done with, or when the build failed before their pages. Once the site is built
    // a watching process waits for their exit after the build, as for its caches (the next build
    // waits for it); a failed build waits before it returns, as its caller may remove the folder.
    const workers = renderWorkers;
    if (built && resident !== undefined && workers !== null) resident.persistAfter(() => workers.stop(), () => undefined);
    else await renderWorkers?.stop();
    // Kept only by a watching process, for its next build (after its state is written).
    if (resident?.search !== searchIndex) await searchIndex.close();
  }

  async function buildWith(): Promise<number> {
    const changedSince = resident?.takeChanged();
    const keptInMemory = resident === undefined ? {} : { cache: resident.cache, known: resident.known, mentions: resident.mentions, ...(changedSince === undefined ? {} : { changedSince }) };
    const corpus = await buildCorpus(options.root, parsedCacheDir === null ? { onParsed, ...keptInMemory } : { cacheDir: parsedCacheDir, onParsed, onLoaded, ...handOver, ...keptInMemory, ...writeCachesLater });
    const corpusMs = performance.now() - started;
    const recordCount = corpus.memos.size + corpus.statements.size + corpus.speakers.size + corpus.events.size + corpus.topics.size + corpus.sources.size;
    onProgress('records', recordCount, recordCount);

    // What both kinds of build write the site with; an incremental one adds what it starts from.
    const siteOptions = { style: options.style, templates, assetsDir: ASSETS_DIR, onProgress, parsedCacheDir, loadedFiles, renderWorkers, previousFormatter, searchIndex, ...(resident === undefined ? {} : { searchDocuments: resident.searchDocuments, listDigests: resident.listDigests, takeWorkerRenderings: true }) };
    let summary: StaticSiteSummary | null = null;
    let writer: SiteWriter | null = null;
    let incremental = false;
    if (previous !== null && previous.buildId === buildId) {
      // Removed first: a build that dies half-way leaves the next one to build the whole site again.
      // (Without a cache folder there is none: only a watching build's, in memory, is built from.)
      if (manifestPath !== null) await removeManifest(manifestPath);
      writer = new SiteWriter(options.out, true);
      // The state the folder's search files were written from, if the index holds it now.
      await searchLoaded;
      summary = await writeStaticSite(corpus, writer, { ...siteOptions, previous, previousGraph, previousKeyNumbers });
      incremental = summary !== null;
      if (summary !== null) await persist(previous.buildId, summary);
    }
    if (summary === null) {
      const newId = newBuildId();
      if (manifestPath !== null) await removeManifest(manifestPath);
      const staging = await createStagingFolder(options.out);
      writer = new SiteWriter(staging);
      try {
        summary = (await writeStaticSite(corpus, writer, siteOptions))!;
        const swapStart = performance.now();
        await swapIntoPlace(staging, options.out, newId);
        summary = { ...summary, stages: [...summary.stages, ['swap', performance.now() - swapStart] as const] };
      } catch (error) {
        await writer.flush().catch(() => undefined);
        // No worker may still be writing into the folder removed.
        await renderWorkers?.stop();
        await searchIndex.close();
        await rm(staging, { recursive: true, force: true });
        throw error;
      }
      await persist(newId, summary);
    }

    for (const d of summary.diagnostics) output.stderr(`${d.file}:${d.line}:${d.column} ${d.severity} ${d.code} ${d.message}\n`);
    const stageTimes = [['corpus', corpusMs] as const, ...summary.stages].map(([name, ms]) => `${name} ${seconds(ms)}`).join(', ');
    const what = incremental ? `rewrote ${summary.rewritten} of ${summary.rewritten + summary.kept} files (the rest were unchanged) for` : 'wrote';
    output.stdout(
      `dossier: ${what} ${summary.pages} pages, ${summary.exports} exports, ${summary.graphFiles} graph files and a search index of ${summary.searchRecords} records in ${summary.searchFiles} files ` +
        `(${writer!.files + (incremental ? 0 : 1)} files, ${(writer!.bytes / 1024 / 1024).toFixed(1)} MB written) to ${options.out} in ${seconds(performance.now() - started)}: ${stageTimes}\n`,
    );
    if (summary.diagnostics.length > 0) output.stderr(`dossier build: ${plural(summary.diagnostics.length, 'record')} not written (see above)\n`);
    // The corpus's own problems are not listed here (dossier check lists them, with where each is), but never passed over in silence.
    const problems = diagnosticCounts(corpus);
    const failedStrict = options.strict === true && (problems.errors > 0 || problems.warnings > 0);
    if (problems.errors > 0 || problems.warnings > 0) {
      output.stderr(`dossier build: the corpus has ${plural(problems.errors, 'error')} and ${plural(problems.warnings, 'warning')}; dossier check --root ${shellWord(options.root)} lists them${failedStrict ? ' (--strict: exit status 1, the site written all the same)' : ''}\n`);
    }
    output.stdout(`dossier: serve it with any static file server, e.g. python3 -m http.server --directory ${shellWord(options.out)}\n`);
    return summary.diagnostics.length > 0 || failedStrict ? 1 : 0;
  }
}

/**
 * `dossier build --watch`: builds the site, then builds it again after every burst of changes to
 * corpus/ and citations/, one build at a time, keeping in memory what each build needs of the
 * last (see ResidentBuild), so that an edit rewrites only the files it changed without reading the
 * corpus or the cache folder back. The watcher starts before the first build, so an edit saved
 * while it runs is built after it. Stops on SIGINT or SIGTERM once the build under way is done;
 * `signal` stops it too (tests). A build that fails is reported and the next one builds the whole
 * site. A first build refused its output folder ends the command; a later refusal waits for the
 * next change. Returns the exit status of the last build.
 */
export async function watchStaticSite(options: BuildOptions, output: CliOutput, signal?: AbortSignal): Promise<number> {
  const resident = new ResidentBuild();
  let status = 0;
  let builds = 0;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  const rebuild = (): void => {
    if (running !== null) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        try {
          status = await buildStaticSite(options, output, resident);
        } catch (error) {
          status = 1;
          output.stderr(`dossier build: the build failed (the site may be partly updated; the next change builds it whole): ${(error as Error).message}\n`);
        }
        builds++;
        if (builds === 1 && status === EXIT_REFUSED) stopped = true;
      } while (again && !stopped);
    })().finally(() => {
      running = null;
    });
  };
  await new Promise<void>((resolve) => {
    let stopWatching: (() => Promise<void>) | null = null;
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      signal?.removeEventListener('abort', stop);
      stopped = true;
      again = false;
      // Once the build under way is done and its cache files are written.
      void Promise.all([stopWatching?.(), running])
        .then(() => resident.close())
        .then(() => resolve());
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    if (signal?.aborted === true) {
      stop();
      return;
    }
    signal?.addEventListener('abort', stop);
    stopWatching = watchCorpus(
      options.root,
      (changed) => {
        resident.noteChanged(changed);
        if (!stopped) rebuild();
      },
      {
        onReady: () => {
          // The first build reads every file; from the next on, the watcher names what changed
          // (noted from now, so that an edit saved during the first build is built after it).
          resident.noteChanged([]);
          output.stdout('dossier build: watching corpus/ and citations/ for changes (Ctrl-C stops)\n');
          if (stopped) return;
          rebuild();
          // A first build refused its output folder ends the command.
          void running?.then(() => {
            if (stopped && builds === 1 && status === EXIT_REFUSED) stop();
          });
        },
      },
    );
  });
  return status;
}
