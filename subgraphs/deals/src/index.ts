// Public entry points of the deals subgraph package (the runner, tests and the bench).
export { startDealsSubgraph, dealsConfigSchema, type DealsConfig } from './app.ts';
export { migrations } from './migrations/index.ts';
export { runCalc, calcInputFor, computeScenario } from './domain/scenarios.ts';
// The demo seed (tools/src/demo) desks and moves its deals through the same service and rules.
export { DealService, type Caller } from './domain/deal-service.ts';
export { acknowledgeMissingLocalTax } from './domain/acknowledge-local-tax.ts';
export { missingLocalTax } from './domain/local-tax-check.ts';
export type { GraphClient, CustomerFacts, VehicleFacts } from './domain/graph.ts';
export { DEAL_STATUSES, type DealStatus, type DealRecord } from './domain/records.ts';
