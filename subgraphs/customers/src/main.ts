// Process entry point of the customers subgraph.
import { createLogger, loadConfigOrExit, stopOnSignals } from '@autolytiq/kit';
import { customersConfigSchema, startCustomersSubgraph } from './app.ts';

const config = loadConfigOrExit(customersConfigSchema);
const running = await startCustomersSubgraph(config);
stopOnSignals(running.stop, createLogger('customers', config.LOG_LEVEL));
