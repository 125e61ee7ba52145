// One phase of `npm run bench`, in a process of its own; prints one line of JSON.
import { readdir, readFile, writeFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import lunr from 'lunr';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { buildCorpus, rebuildCorpus, ResidentMentions } from '../dist/corpus/pipeline.js';
import { ParseCache } from '../dist/corpus/parse.js';
import { KnownTexts } from '../dist/corpus/load.js';
import { compact, openSearchIndex } from '../dist/search/index.js';
import { SearchDocumentCache } from '../dist/search/documents.js';
import { random } from '../dist/bench/generate.js';
import { CitationFormatter } from '../dist/corpus/citations/format.js';
import { PageBuilder } from '../dist/render/pages.js';
import { CorpusView } from '../dist/access/index.js';

const [name, root, extraText] = process.argv.slice(2);
const extra = JSON.parse(extraText ?? '{}');
const maxRssBytes = () => process.resourceUsage().maxRSS * 1024;
const searchDir = path.join(root, '.cache', 'search');
const parsedDir = path.join(root, '.cache', 'parsed');
const folderBytes = async (folder) => {
  let bytes = 0;
  for (const file of await readdir(folder)) bytes += (await stat(path.join(folder, file))).size;
  return bytes;
};
const time = async (fn) => {
  const start = performance.now();
  const value = await fn();
  return [performance.now() - start, value];
};
// CPU time of this process since a mark: on a shared, loaded machine it moves far less than the
// time on the clock, which counts the turns other processes take.
const cpuMs = (since) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};
const percentiles = (samples) => {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
  return { count: sorted.length, p50: at(50), p95: at(95), p99: at(99) };
};

/** The same queries for dossier and for Lunr: distinct, from the corpus's own words. */
async function querySets() {
  const documents = JSON.parse(await readFile(path.join(root, 'documents.json'), 'utf8'));
  const vocabulary = [...new Set(documents.slice(0, 500).flatMap((d) => d.body.toLowerCase().split(/[^a-z]+/)))].filter((w) => w.length > 4).sort();
  // Distinct queries of each kind: 60, or 20 on a corpus of 10,000 memos, where plain Lunr takes
  // about half a second a query: 60 of each kind, run by both engines, would be a sixth of the
  // bench's 20 minutes (so there p95 is the second slowest of 20, and p99 the slowest).
  const QUERIES_PER_KIND = Number(process.env.BENCH_QUERIES ?? (documents.length > 30000 ? 20 : 60));
  const next = random(42);
  const pick = () => vocabulary[Math.floor(next() * vocabulary.length)];
  const pairs = new Set();
  while (pairs.size < QUERIES_PER_KIND) pairs.add(`${pick()} ${pick()}`);
  const list = [...pairs];
  return {
    term: list.map((pair) => `${pair.split(' ')[0]}`).map((w, i) => (i % 2 ? w : `${w} ${list[(i + 1) % list.length].split(' ')[1]}`)),
    and: list.map((pair) => pair.split(' ').map((w) => `+${w}`).join(' ')),
    phrase: list.map((pair) => `"${pair}"`),
    wildcard: list.map((pair) => `${pair.split(' ')[0].slice(0, 5)}* ${pair.split(' ')[1]}`),
    fuzzy: list.map((pair) => `${pair.split(' ')[0]}~1 ${pair.split(' ')[1]}`),
    faceted: list.map((pair) => pair),
  };
}

async function walk(folder) {
  const names = await readdir(folder, { recursive: true });
  return names.filter((n) => n.endsWith('.md')).map((n) => path.join(folder, n));
}

const phases = {
  async remark() {
    const files = [...(await walk(path.join(root, 'corpus/memos'))), ...(await walk(path.join(root, 'corpus/statements')))];
    const texts = [];
    for (let i = 0; i < files.length; i += 256) texts.push(...(await Promise.all(files.slice(i, i + 256).map((file) => readFile(file, 'utf8')))));
    const processor = unified().use(remarkParse);
    const [parseMs] = await time(() => texts.forEach((text) => processor.parse(text)));
    return { files: files.length, parseMs, maxRssBytes: maxRssBytes() };
  },

  async 'lunr-build'() {
    const documents = JSON.parse(await readFile(path.join(root, 'documents.json'), 'utf8'));
    const [buildMs, index] = await time(() =>
      lunr(function build() {
        this.ref('id');
        this.field('title');
        this.field('body');
        for (const document of documents) this.add(document);
      }),
    );
    const [serialiseMs, json] = await time(() => JSON.stringify(index));
    await writeFile(path.join(root, 'lunr.json'), json);
    return { documents: documents.length, buildMs, serialiseMs, serialisedBytes: Buffer.byteLength(json), maxRssBytes: maxRssBytes() };
  },

  async 'lunr-load'() {
    const text = await readFile(path.join(root, 'lunr.json'), 'utf8');
    const [loadMs, index] = await time(() => lunr.Index.load(JSON.parse(text)));
    const sets = await querySets();
    const search = {};
    for (const [kind, queries] of Object.entries(sets)) {
      const samples = [];
      const cpuSamples = [];
      for (const query of queries) {
        // Plain Lunr has no phrases and no facets: the phrase's words, and a filter afterwards.
        const q = kind === 'phrase' ? query.replace(/"/g, '') : query;
        const start = performance.now();
        const cpuStart = process.cpuUsage();
        const results = index.search(q);
        if (kind === 'faceted') results.filter((result) => result.ref.startsWith('memo:'));
        samples.push(performance.now() - start);
        cpuSamples.push(cpuMs(cpuStart));
      }
      search[kind] = { ...percentiles(samples), cpu: percentiles(cpuSamples) };
    }
    return { loadMs, search, maxRssBytes: maxRssBytes() };
  },

  async 'dossier-cold'() {
    // As `dossier serve` starts on a corpus it has never seen: parse (writing the parse cache), index (writing shards).
    const [parseMs, corpus] = await time(() => buildCorpus(root, { cacheDir: parsedDir }));
    const [indexMs, opened] = await time(() => openSearchIndex(corpus, { cacheDir: searchDir }));
    const cacheBytes = await folderBytes(searchDir);
    const parseCacheBytes = await folderBytes(parsedDir);
    // Rendering is per page, on first request, then cached: measured on a sample of memos.
    const builder = new PageBuilder(new CorpusView(corpus, false), new CitationFormatter(corpus.sources), 'oscola');
    const sample = [...corpus.memos.values()].slice(0, 30);
    const [renderMs] = await time(() => sample.forEach((memo) => builder.memo(memo)));
    return {
      records: opened.stats.documents,
      parseMs,
      indexMs,
      totalMs: parseMs + indexMs,
      shards: opened.stats.shards,
      workers: Math.min(opened.stats.shards, (await import('node:os')).availableParallelism()),
      cacheBytes,
      parseCacheBytes,
      renderMsPerMemo: renderMs / sample.length,
      diagnostics: corpus.diagnostics.length,
      maxRssBytes: maxRssBytes(),
    };
  },

  async 'dossier-warm'() {
    // As `dossier serve` starts again on the same corpus: records from the parse cache, shards from the index cache.
    const cache = new ParseCache();
    const started = performance.now();
    const corpus = await buildCorpus(root, { cache, cacheDir: parsedDir });
    const corpusMs = performance.now() - started;
    const [indexLoadMs, opened] = await time(() => openSearchIndex(corpus, { cacheDir: searchDir }));
    const warmStartMs = performance.now() - started;
    const index = opened.index;
    const sets = await querySets();
    const search = {};
    for (const [kind, queries] of Object.entries(sets)) {
      const samples = [];
      const cpuSamples = [];
      for (const q of queries) {
        const start = performance.now();
        const cpuStart = process.cpuUsage();
        index.search({ q, includeInternal: false, filters: kind === 'faceted' ? { type: 'memo' } : {} });
        samples.push(performance.now() - start);
        cpuSamples.push(cpuMs(cpuStart));
      }
      search[kind] = { ...percentiles(samples), cpu: percentiles(cpuSamples) };
    }

    // HTTP under load is measured by the serving phase (scripts/bench-serving.mjs), with the
    // page cache and render workers `dossier serve` starts with.

    // One memo edited, as `serve --watch` rebuilds: only the changed file parsed, unchanged shards
    // kept from the index being served, the changed records indexed in a delta.
    const lastGood = new Map();
    const known = new KnownTexts();
    // The mentions found in memos, kept in memory from rebuild to rebuild as `serve --watch` keeps them.
    const mentions = new ResidentMentions();
    const { corpus: atStart } = await rebuildCorpus(root, lastGood, { cache, known, mentions }); // what the watching server did at its start
    // The search documents it derived at its start, kept until an edit reaches them.
    const documents = new SearchDocumentCache();
    documents.documentsOf(atStart);
    const file = path.join(root, 'corpus/memos/memo-0.md');
    const text = await readFile(file, 'utf8');
    const editStart = performance.now();
    await writeFile(file, text.replace('\n## ', '\nZyzzyvaedit appears here.\n\n## '));
    // The file its watcher reports (the others are read again only if their status changed).
    const { corpus: edited } = await rebuildCorpus(root, lastGood, { cache, known, mentions, changedSince: new Set(['corpus/memos/memo-0.md']) });
    const edit = { corpusMs: performance.now() - editStart };
    const reopened = await openSearchIndex(edited, { cacheDir: searchDir, previous: index, deltas: true, documents });
    const found = reopened.index.search({ q: 'zyzzyvaedit', includeInternal: false }).hits.map((hit) => hit.ref);
    const editSearchableMs = performance.now() - editStart;
    if (!found.includes('memo:memo-0')) throw new Error('the edit was not searchable');
    // Then, in the background of a server, the delta'd shard is rebuilt whole.
    const [compactMs] = await time(() => compact(edited, reopened.index, { cacheDir: searchDir, workers: 1 }));
    return { warmStartMs, corpusMs, indexLoadMs, editSearchableMs, editCorpusMs: edit.corpusMs, editStats: reopened.stats, compactMs, search, maxRssBytes: maxRssBytes() };
  },

  async 'static-build'() {
    // `dossier build` from a cold start (no parse cache), then one memo edited and built again.
    const { buildStaticSite, ResidentBuild } = await import('../dist/cli/build.js');
    // A repeat (extra.repeat) builds cold again into a folder and a cache folder of its own, and is not edited after.
    const suffix = extra.repeat === undefined ? '' : `-${extra.repeat}`;
    const out = path.join(root, `site${suffix}`);
    let summary = '';
    const output = { stdout: (text) => (summary += text), stderr: () => {} };
    // With the cache folder `dossier build` uses by default: empty now, so the first build parses everything.
    const cacheDir = path.join(root, `.dossier-cache${suffix}`);
    const cpuBefore = process.cpuUsage();
    // As `dossier build --watch` starts: its first build keeps in memory what the next one needs.
    let resident = new ResidentBuild();
    const [buildMs, code] = await time(() => buildStaticSite({ root, out, style: 'oscola', cacheDir }, output, resident));
    // Every thread's CPU time, in user space and in the kernel (creating the site's folders and files is most of the latter).
    const cpu = process.cpuUsage(cpuBefore);
    const buildCpu = { userMs: cpu.user / 1000, systemMs: cpu.system / 1000 };
    if (code !== 0) throw new Error(`dossier build exited ${code}: ${summary}`);
    // The watching process writes the cache folder's manifest and search state after the build has returned, as a user's edit comes later.
    await resident.settled();
    const buildMaxRssBytes = maxRssBytes();
    const entries = await readdir(out, { recursive: true, withFileTypes: true });
    let files = 0;
    let bytes = 0;
    const searchFiles = [];
    for (const entry of entries) {
      if (!entry.isFile()) continue;
      const size = (await stat(path.join(entry.parentPath, entry.name))).size;
      files++;
      bytes += size;
      if (path.basename(entry.parentPath) === 'search') searchFiles.push({ name: entry.name, size });
    }
    const sizeOf = (prefix) => searchFiles.filter((file) => file.name.startsWith(prefix)).map((file) => file.size);
    const termShards = sizeOf('terms-');
    const buckets = sizeOf('documents-');
    const manifestBytes = sizeOf('manifest')[0];
    // What a one-word query fetches at most: the manifest, the fields' lengths, its term's shard, and the buckets of the 50 results shown.
    const lengthsBytes = sizeOf('lengths').reduce((a, b) => a + b, 0);
    const oneWordQueryBytes = manifestBytes + lengthsBytes + Math.max(...termShards) + [...buckets].sort((a, b) => b - a).slice(0, 50).reduce((a, b) => a + b, 0);
    const searchBytes = searchFiles.reduce((total, file) => total + file.size, 0);
    const stageLine = summary.split('\n')[0];
    if (extra.repeat !== undefined) return { buildMs, buildCpu, files, bytes, stageLine, maxRssBytes: buildMaxRssBytes };

    // Three memos edited one after another, each built by the watching process (the file watcher's
    // pause before it builds is not counted): the first edit after the cold build runs code this
    // thread has not run before, and the next two show what a user editing on meets.
    const edited = ['memo-0', 'memo-1', 'memo-2'].map((name) => `corpus/memos/${name}.md`);
    const texts = await Promise.all(edited.map((relative) => readFile(path.join(root, relative), 'utf8')));
    const watchRebuildsMs = [];
    const watchRebuildStageLines = [];
    for (const [index, relative] of edited.entries()) {
      await writeFile(path.join(root, relative), texts[index].replace('\n## ', '\nZyzzyvaedit appears here.\n\n## '));
      // What its file watcher reports (the other files are read again only if their status changed).
      resident.noteChanged([relative]);
      let watchSummary = '';
      const [ms, watchCode] = await time(() => buildStaticSite({ root, out, style: 'oscola', cacheDir }, { stdout: (text) => (watchSummary += text), stderr: () => {} }, resident));
      if (watchCode !== 0) throw new Error(`the watching build exited ${watchCode}`);
      watchRebuildsMs.push(ms);
      watchRebuildStageLines.push(watchSummary.split('\n')[0]);
      // What it writes after returning (its caches, manifest and search state) is written before the
      // next edit, as after the cold build: a user's next save comes later than that, and the file
      // watcher waits for a pause anyway. (Until a44d221 the next edit came at once and waited for them.)
      await resident.settled();
    }
    const watchRebuildMs = watchRebuildsMs[0];
    const watchRebuildStageLine = watchRebuildStageLines[0];
    const file = path.join(root, edited[0]);
    const text = texts[0];
    // Its manifest and search state are in the cache folder once written (after the build returned); then it is let go, so that the next build does not work beside its heap.
    await resident.close();
    resident = null;
    // Edited again, and built as `dossier build` does in a new process: from the cache folder alone.
    await writeFile(file, text.replace('\n## ', '\nZyzzyvaedit appears here again.\n\n## '));
    let rebuildSummary = '';
    const [rebuildMs, rebuildCode] = await time(() => buildStaticSite({ root, out, style: 'oscola', cacheDir }, { stdout: (text) => (rebuildSummary += text), stderr: () => {} }));
    if (rebuildCode !== 0) throw new Error(`the rebuild exited ${rebuildCode}`);
    const rebuildStageLine = rebuildSummary.split('\n')[0];
    // The memos as they were: the phases after this one edit them themselves.
    await Promise.all(edited.map((relative, index) => writeFile(path.join(root, relative), texts[index])));
    return { buildMs, buildCpu, rebuildMs, files, bytes, searchBytes, termShards: termShards.length, largestTermShardBytes: Math.max(...termShards), documentBuckets: buckets.length, manifestBytes, oneWordQueryBytes, stageLine, rebuildStageLine, watchRebuildMs, watchRebuildStageLine, watchRebuildsMs, watchRebuildStageLines, maxRssBytes: buildMaxRssBytes };
  },
};

const result = await phases[name]();
process.stdout.write(`${JSON.stringify({ ...result, ...extra })}\n`);
process.exit(0);
