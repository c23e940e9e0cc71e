// Public entry points of the admin subgraph package (used by tools: the runner and the demo seed).
export { startAdminSubgraph, adminConfigSchema, type AdminConfig } from './app.ts';
export { provisionDealership, type NewDealership } from './domain/provision.ts';
export { migrations } from './migrations/index.ts';
