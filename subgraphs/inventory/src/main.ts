// Process entry point of the inventory subgraph.
import { createLogger, loadConfigOrExit, stopOnSignals } from '@autolytiq/kit';
import { inventoryConfigSchema, startInventorySubgraph } from './app.ts';

const config = loadConfigOrExit(inventoryConfigSchema);
const running = await startInventorySubgraph(config);
stopOnSignals(running.stop, createLogger('inventory', config.LOG_LEVEL));
