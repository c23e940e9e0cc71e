// Public entry point of the ml engine: plain, deterministic TypeScript (no I/O, no database).
// Same seed, same answer. The `ml` subgraph (to come) wraps these with persistence per dealership.
export { kuramoto, orderParameter, lorentzianFrequencies } from './kuramoto.ts';
export type { KuramotoOptions, KuramotoResult } from './kuramoto.ts';
export { createRng, type Rng } from './random.ts';
export { createPrime, restorePrime } from './prime.ts';
export type { Prime, PrimeOptions, PrimeState, PriorOptions } from './prime.ts';
export { clusterAndFlag, classify } from './whaco.ts';
export type { WhacoOptions, WhacoModel, WhacoResult, Classification } from './whaco.ts';
export { createWhaco } from './whaco-online.ts';
export type { WhacoOnline, WhacoOnlineOptions, WhacoOnlineState } from './whaco-online.ts';
export { teamDynamics, wrapAngle } from './team.ts';
export type { TeamDynamicsOptions, TeamDynamicsResult } from './team.ts';
