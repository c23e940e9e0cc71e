// Public entry points of the customers subgraph package (used by tools: the runner and the bench).
export { startCustomersSubgraph, customersConfigSchema, type CustomersConfig } from './app.ts';
export { migrations } from './migrations/index.ts';
// The demo seed (tools/src/demo) writes its customers through the same service as the API.
export { CustomerService } from './domain/customer-service.ts';
export { OfflineAddressValidator } from './domain/address.ts';
