// Process entry point of the customers subgraph.
import { runSubgraph } from '@autolytiq/kit';
import { customersConfigSchema, startCustomersSubgraph } from './app.ts';

await runSubgraph('customers', customersConfigSchema, startCustomersSubgraph);
