// Process entry point of the auth subgraph.
import { createLogger, loadConfigOrExit, stopOnSignals } from '@autolytiq/kit';
import { authConfigSchema, startAuthSubgraph } from './app.ts';

const config = loadConfigOrExit(authConfigSchema);
const running = await startAuthSubgraph(config);
stopOnSignals(running.stop, createLogger('auth', config.LOG_LEVEL));
