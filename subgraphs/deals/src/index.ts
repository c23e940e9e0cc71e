// Public entry points of the deals subgraph package (the runner, tests and the bench).
export { startDealsSubgraph, dealsConfigSchema, type DealsConfig } from './app.ts';
export { migrations } from './migrations/index.ts';
export { runCalc, calcInputFor, computeScenario } from './domain/scenarios.ts';
