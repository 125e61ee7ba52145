/**
 * renderInWorkers shares pages between worker threads and this one: whatever a worker refuses,
 * fails on or never gets to is rendered by the caller, and no page is rendered twice or lost.
 * The workers here are stand-ins that answer as a real worker's messages would.
 */
import { expect, test } from '@jest/globals';
import type { Worker } from 'node:worker_threads';
import { renderInWorkers, type RecordPageJob, type RenderWorkerReply, type StartedRenderWorkers } from '../../src/site/render-workers.js';

type Reply = RenderWorkerReply;

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
