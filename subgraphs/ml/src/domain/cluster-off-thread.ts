// WHACO clustering in a worker thread (whaco-worker.ts): the event loop keeps serving requests.
import { Worker } from 'node:worker_threads';
import type { WhacoResult } from '../engine/index.ts';

export function clusterOffThread(
  points: number[][],
  options: { seed: number; maxClusters: number; minSilhouette: number },
): Promise<WhacoResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./whaco-worker.ts', import.meta.url), {
      workerData: { points, ...options },
    });
    worker.once('message', (result: WhacoResult) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`WHACO worker stopped with code ${code}`));
    });
  });
}
