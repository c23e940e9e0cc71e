// Runs one WHACO clustering off the main thread, so a dealership's retraining never holds up a
// request (100,000 customers take about a second of CPU). Message in: { points, seed, maxClusters, minSilhouette }.
import { parentPort, workerData } from 'node:worker_threads';
import { clusterAndFlag } from '../engine/index.ts';

const { points, seed, maxClusters, minSilhouette } = workerData as {
  points: number[][];
  seed: number;
  maxClusters: number;
  minSilhouette: number;
};
parentPort?.postMessage(clusterAndFlag(points, { seed, maxClusters, minSilhouette }));
