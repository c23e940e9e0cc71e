// Process entry point of the inventory subgraph.
import { runSubgraph } from '@autolytiq/kit';
import { inventoryConfigSchema, startInventorySubgraph } from './app.ts';

await runSubgraph('inventory', inventoryConfigSchema, startInventorySubgraph);
