/**
 * Builds the shards that have no valid cache, in worker threads when there is more than one, so
 * that a large build neither blocks the event loop of a running server nor uses only one core.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ShardPlan } from './shards.js';
import { buildShardIndex } from './shards.js';
import { serialiseIndex } from './persist.js';

const WORKER_URL = new URL('./build-worker.js', import.meta.url);

/** How many workers to use: 0 builds in this thread (small corpora, tests). */
export function defaultWorkerCount(shards: number): number {
  if (shards <= 1 || !existsSync(fileURLToPath(WORKER_URL))) return 0;
  return Math.min(shards, Math.max(1, availableParallelism()));
}

/** Builds the given shards and returns their serialised indexes by content key. */
export async function buildShards(plans: readonly ShardPlan[], workers: number, onBuilt?: (done: number, total: number) => void): Promise<Map<string, Buffer>> {
  const built = new Map<string, Buffer>();
  if (plans.length === 0) return built;
  if (workers <= 0 || !existsSync(fileURLToPath(WORKER_URL))) {
    for (const plan of plans) {
      built.set(plan.key, serialiseIndex(buildShardIndex(plan.documents)));
      onBuilt?.(built.size, plans.length);
      // Give the event loop a turn between shards, so a running server keeps answering.
      await new Promise((resolve) => setImmediate(resolve));
    }
    return built;
  }
  const queue = [...plans];
  const pool = Array.from({ length: Math.min(workers, plans.length) }, () => new Worker(WORKER_URL));
  try {
    await Promise.all(
      pool.map(async (worker) => {
        for (let plan = queue.shift(); plan !== undefined; plan = queue.shift()) {
          const current = plan;
          const bytes = await new Promise<Buffer>((resolve, reject) => {
            const onMessage = (message: { id: number; bytes?: Uint8Array; error?: string }) => {
              worker.off('error', reject);
              if (message.error !== undefined || message.bytes === undefined) reject(new Error(message.error ?? 'no index'));
              else resolve(Buffer.from(message.bytes));
            };
            worker.once('message', onMessage);
            worker.once('error', reject);
            worker.postMessage({ id: 0, documents: current.documents });
          });
          built.set(current.key, bytes);
          onBuilt?.(built.size, plans.length);
        }
      }),
    );
  } finally {
    await Promise.all(pool.map((worker) => worker.terminate()));
  }
  return built;
}
