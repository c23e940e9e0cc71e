export { migrations } from './migrations/index.ts';
export { aiConfigSchema, startAiSubgraph } from './app.ts';
