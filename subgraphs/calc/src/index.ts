// Server-side entry of the calc package (`@autolytiq/calc/subgraph`). The pure engine is the
// package's main entry (`@autolytiq/calc`), importable by the deals subgraph and the browser.
export { startCalcSubgraph, calcConfigSchema, type CalcConfig } from './app.ts';
export { migrations } from './migrations/index.ts';
