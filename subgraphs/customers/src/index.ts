// Public entry points of the customers subgraph package (used by tools: the runner and the bench).
export { startCustomersSubgraph, customersConfigSchema, type CustomersConfig } from './app.ts';
export { migrations } from './migrations/index.ts';
