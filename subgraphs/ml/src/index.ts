// Server-side entry of the ml package (`@autolytiq/ml/subgraph`). The pure engines are the package's
// main entry (`@autolytiq/ml`).
export { startMlSubgraph, mlConfigSchema, type MlConfig } from './app.ts';
export { migrations } from './migrations/index.ts';
