// Process entry point of the admin subgraph.
import { createLogger, loadConfigOrExit, stopOnSignals } from '@autolytiq/kit';
import { adminConfigSchema, startAdminSubgraph } from './app.ts';

const config = loadConfigOrExit(adminConfigSchema);
const running = await startAdminSubgraph(config);
stopOnSignals(running.stop, createLogger('admin', config.LOG_LEVEL));
