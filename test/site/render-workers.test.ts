/**
 * renderInWorkers shares pages between worker threads and this one: whatever a worker refuses,
 * fails on or never gets to is rendered by the caller, and no page is rendered twice or lost.
 * The workers here are stand-ins that answer as a real worker's messages would.
 */
import { describe, expect, test } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Worker } from 'node:worker_threads';
import { renderInWorkers, type RecordPageJob, type RenderWorkerReply, type StartedRenderWorkers } from '../../src/site/render-workers.js';

type Reply = RenderWorkerReply;

const run = promisify(execFile);
const repository = fileURLToPath(new URL('../../', import.meta.url));

/** A stand-in worker: it answers `ready` (or not), then renders `renderBatches` batches, then fails in the way given. */
function standIn(readyReply: Reply, renderBatches: number, then: 'fail' | 'refuse' | 'go-on') {
  const posted: RecordPageJob[][] = [];
  const waiting: Array<(reply: Reply | Error) => void> = [];
  const queue: Array<Reply | Error> = [readyReply];
  let rendered = 0;
  const settle = (): void => {
    while (waiting.length > 0 && queue.length > 0) waiting.shift()!(queue.shift()!);
  };
  const worker = {
    ref: () => undefined,
    terminate: async () => 0,
    postMessage: (message: { pages: RecordPageJob[] } | { renderings: true }) => {
      if ('renderings' in message) {
        // Asked, after its last batch, for the citations it rendered.
        queue.push({ renderings: { libraryDigest: 'library', clusters: [['cite', `rendered after ${rendered} batches`]], templates: [] } });
        setImmediate(settle);
        return;
      }
      posted.push(message.pages);
      // Batches are answered in order, once the worker is ready (as the real worker queues them).
      if (readyReply.ready !== true) return;
      if (rendered < renderBatches || then === 'go-on') {
        rendered++;
        queue.push({ results: message.pages.map((job) => ({ file: job.file, written: job.file.length, asked: [] })) });
      } else queue.push(then === 'fail' ? new Error('the render worker stopped (exit code 1)') : { error: 'the corpus changed while the site was being built' });
      setImmediate(settle);
    },
  } as unknown as Worker;
  const next = (): Promise<Reply> =>
    new Promise((resolve, reject) => {
      waiting.push((reply) => (reply instanceof Error ? reject(reply) : resolve(reply)));
      setImmediate(settle);
    });
  return { started: { worker, next }, posted };
}

const jobs: RecordPageJob[] = Array.from({ length: 230 }, (_, n) => ({ file: `memos/m-${n}/index.html`, ref: { type: 'memo', id: `m-${n}` } as RecordPageJob['ref'] }));

test('a page of a worker\'s that this thread cannot take in (onPage throws) goes back to the caller with the rest of its batch', async () => {
  const { started } = standIn({ ready: true }, Infinity, 'go-on');
  const byWorker: string[] = [];
  const here: string[] = [];
  const failing = jobs[3]!.file;
  const left = await renderInWorkers(
    jobs,
    { workers: [started] } as StartedRenderWorkers,
    async (page) => {
      if (page.file === failing) throw new Error('the page cannot be counted');
      byWorker.push(page.file);
    },
    async (job) => {
      here.push(job.file);
    },
  );
  expect(left.map((job) => job.file)).toContain(failing);
  const all = [...byWorker, ...here, ...left.map((job) => job.file)];
  expect([...all].sort()).toEqual(jobs.map((job) => job.file).sort());
});

test.each([
  ['a worker that renders everything it is given', { ready: true }, Infinity, 'go-on'],
  ['a worker that refuses to start (its corpus is not this thread\'s)', { error: 'the corpus changed while the site was being built' }, 0, 'refuse'],
  ['a worker that stops after two batches', { ready: true }, 2, 'fail'],
  ['a worker that answers an error after three batches', { ready: true }, 3, 'refuse'],
] as const)('%s: every page is rendered once, by the worker, this thread or the caller after', async (_name, ready, batches, then) => {
  const { started, posted } = standIn(ready, batches, then);
  const byWorker: string[] = [];
  const here: string[] = [];
  const left = await renderInWorkers(
    jobs,
    { workers: [started] } as StartedRenderWorkers,
    async (page) => {
      byWorker.push(page.file);
    },
    async (job) => {
      here.push(job.file);
    },
  );
  const all = [...byWorker, ...here, ...left.map((job) => job.file)];
  expect([...all].sort()).toEqual(jobs.map((job) => job.file).sort());
  // The worker was given its first pages before it said it was ready.
  expect(posted.length).toBeGreaterThanOrEqual(1);
  if ((ready as Reply).ready !== true) expect(byWorker).toEqual([]);
  else expect(byWorker.length).toBeGreaterThan(0);
});

test('the workers take pages from the front of the queue (memos come first) and this thread from its end, so one kind of page stays in one thread', async () => {
  const { started, posted } = standIn({ ready: true }, Infinity, 'go-on');
  const here: string[] = [];
  await renderInWorkers(
    jobs,
    { workers: [started] } as StartedRenderWorkers,
    async () => undefined,
    async (job) => {
      here.push(job.file);
    },
  );
  expect(posted[0]!.map((job) => job.file)).toEqual(jobs.slice(0, 25).map((job) => job.file));
  // The queue's last batch holds the last five pages (230 = 9 × 25 + 5); this thread renders it first.
  expect(here.slice(0, 5)).toEqual(jobs.slice(225).map((job) => job.file));
});

test('what a worker sends with its readiness (the library\'s bibliography) is handed on, and a worker that refuses hands on nothing', async () => {
  const library = { rank: new Map([['a', 0]]), tieGroup: new Map([['a', 0]]), entries: new Map([['a', 'An entry']]) };
  for (const [ready, heard] of [
    [{ ready: true, library }, [library]],
    [{ error: 'the corpus changed while the site was being built' }, []],
  ] as const) {
    const { started } = standIn(ready as Reply, Infinity, 'go-on');
    const readies: unknown[] = [];
    await renderInWorkers(
      jobs,
      { workers: [started] } as StartedRenderWorkers,
      async () => undefined,
      async () => undefined,
      { onReady: (reply) => readies.push(reply.library) },
    );
    expect(readies).toEqual(heard);
  }
});

test('when this thread\'s part fails, the workers are given no more pages and are stopped before the failure is passed on', async () => {
  const { started, posted } = standIn({ ready: true }, Infinity, 'go-on');
  let terminated = 0;
  let postedWhenStopped = -1;
  const worker = started.worker as unknown as { terminate: () => Promise<number> };
  worker.terminate = async () => {
    terminated++;
    if (postedWhenStopped === -1) postedWhenStopped = posted.length;
    return 0;
  };
  let stoppedBeforeRejection = false;
  const run = renderInWorkers(
    jobs,
    { workers: [started] } as StartedRenderWorkers,
    async () => undefined,
    async () => undefined,
    {
      firstHere: async () => {
        throw new Error('the exports could not be written');
      },
    },
  ).catch((error: Error) => {
    stoppedBeforeRejection = terminated > 0;
    return error;
  });
  const outcome = await run;
  expect(outcome).toBeInstanceOf(Error);
  expect((outcome as Error).message).toBe('the exports could not be written');
  expect(stoppedBeforeRejection).toBe(true);
  // Nothing was given to the worker after it was stopped, and far from every page was.
  expect(posted.length).toBe(postedWhenStopped);
  expect(posted.flat().length).toBeLessThan(jobs.length);
});

test('asked to, a worker that rendered all it was given hands on the citations it rendered, after its last batch; one that failed hands on nothing', async () => {
  for (const [ready, batches, then, hands] of [
    [{ ready: true }, Infinity, 'go-on', true],
    [{ ready: true }, 2, 'fail', false],
  ] as const) {
    const { started, posted } = standIn(ready as Reply, batches, then);
    const handed: string[] = [];
    await renderInWorkers(
      jobs,
      { workers: [started] } as StartedRenderWorkers,
      async () => undefined,
      async () => undefined,
      { onRenderings: (renderings) => handed.push(...renderings.clusters.map(([, html]) => html)) },
    );
    // Asked once, when every batch it was given had come back.
    expect(handed).toEqual(hands ? [`rendered after ${posted.length} batches`] : []);
  }
});

test('a worker that rendered all it was given is told to stop and not waited for; one that failed is stopped before its pages go back to the caller', async () => {
  for (const [batches, then, waited] of [
    [Infinity, 'go-on', false],
    [2, 'fail', true],
  ] as const) {
    const { started } = standIn({ ready: true }, batches, then);
    // Its exit comes only when the test lets it (as a real worker's heap takes a while to tear down).
    let exit!: () => void;
    const exited = new Promise<number>((resolve) => (exit = () => resolve(0)));
    let told = false;
    (started.worker as unknown as { terminate: () => Promise<number> }).terminate = () => {
      told = true;
      return exited;
    };
    let returned = false;
    const run = renderInWorkers(jobs, { workers: [started] } as StartedRenderWorkers, async () => undefined, async () => undefined).then(() => (returned = true));
    const turn = () => new Promise((resolve) => setImmediate(resolve));
    if (!waited) {
      // Returns though the worker has not exited (were it waited for, this would never resolve).
      await run;
      expect(told).toBe(true);
      exit();
      continue;
    }
    while (!told) await turn();
    for (let turns = 0; turns < 20; turns++) await turn();
    expect(returned).toBe(false);
    exit();
    await run;
    expect(returned).toBe(true);
  }
});

/**
 * A render worker lent to the corpus's parse (the built modules, in a process of their own: the
 * worker runs compiled code) parses some of the files, keeps them, is sent only the parses it
 * lacks, and renders from them the very pages this thread renders from its own corpus.
 */
describe('a render worker that parsed part of the corpus', () => {
  test('renders the pages this thread renders, from its own parses and those it was sent', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'dossier-lent-parsing-'));
    const script = `
      import { readFileSync } from 'node:fs';
      import path from 'node:path';
      const built = (module) => import(${JSON.stringify(`file://${repository}dist/`)} + module);
      const { generateCorpus } = await built('bench/generate.js');
      const { buildCorpus } = await built('corpus/pipeline.js');
      const { isRecordFile } = await built('corpus/parse.js');
      const { startRenderWorkers, renderInWorkers } = await built('site/render-workers.js');
      const { globalDigest, RecordingCorpusView, RecordingPageBuilder } = await built('site/page-dependencies.js');
      const { codeAndTemplatesDigest } = await built('site/build-manifest.js');
      const { renderRecordPage } = await built('site/record-page.js');
      const { createTemplates } = await built('render/templates.js');
      const folder = ${JSON.stringify(folder)};
      const root = path.join(folder, 'root');
      // Enough memos and statements (2,000 files) for the parse to use a thread beside this one.
      await generateCorpus(root, { memos: 340 });
      const workers = startRenderWorkers(1);
      const [lent] = workers.parseThreads();
      let sent = -1;
      let recordFiles = 0;
      const corpus = await buildCorpus(root, {
        cacheDir: path.join(folder, 'cache'),
        parseThreads: [lent],
        onParsedAll: (loaded, cache) => {
          recordFiles = loaded.files.filter((file) => isRecordFile(file)).length;
          workers.giveCorpus({ parsedCacheDir: path.join(folder, 'cache'), loaded, style: 'oscola' }, cache);
          sent = loaded.files.filter((file) => !lent.held.has(file.path) && isRecordFile(file)).length;
        },
      });
      const site = path.join(folder, 'site');
      workers.giveSite({ global: globalDigest(corpus, 'oscola', await codeAndTemplatesDigest()), folder: site, replaceInPlace: false });
      const view = new RecordingCorpusView(corpus, false);
      const builder = new RecordingPageBuilder(view, view.formatter(), 'oscola', new Map(), 'static');
      const templates = createTemplates();
      const memos = [...corpus.memos.values()];
      const jobs = memos.map((memo) => ({ file: 'memos/' + memo.id + '/index.html', ref: { type: 'memo', id: memo.id } }));
      const written = [];
      const here = [];
      const left = await renderInWorkers(jobs, workers, async (page) => { if (page.written !== null) written.push(page.file); }, async (job) => { here.push(job.file); });
      const differing = written.filter((file) => {
        const memo = corpus.memos.get(file.split('/')[1]);
        return readFileSync(path.join(site, file), 'utf8') !== renderRecordPage(view, builder, templates, memo).html;
      });
      console.log(JSON.stringify({ held: lent.held.size, sent, recordFiles, written: written.length, accounted: written.length + here.length + left.length, memos: memos.length, differing }));
    `;
    const file = path.join(folder, 'lent.mjs');
    await writeFile(file, script);
    const { stdout } = await run(process.execPath, [file], { cwd: repository, timeout: 120_000 }).finally(() => rm(folder, { recursive: true }));
    const result = JSON.parse(stdout) as { held: number; sent: number; recordFiles: number; written: number; accounted: number; memos: number; differing: string[] };
    // Each thread parsed a part, and the worker was sent the other part alone.
    expect(result.held).toBeGreaterThan(0);
    expect(result.sent).toBeGreaterThan(0);
    expect(result.held + result.sent).toBe(result.recordFiles);
    // The worker wrote memo pages (those this thread took, it left alone), each the page this thread renders.
    expect(result.written).toBeGreaterThan(0);
    expect(result.accounted).toBe(result.memos);
    expect(result.differing).toEqual([]);
  }, 180_000);
});
